# Checks, in one export folder, that the analysts' files agree with dictionary.csv:
#   Rscript check-labels.R DIR
# - data.sav (saved by PSPP from labels.sps): same columns, variable labels, value labels and
#   user-missing values as dictionary.csv, and the same data as data.csv;
# - labels.R run over data.csv: exactly the dictionary's labels and missing codes.
# SPSS keeps labels within its limits: a label that differs must be the dictionary's label
# shortened with "…" (notes.txt lists each one; the test checks that separately).
# Prints one line per problem and exits with status 1 if there is any.
suppressPackageStartupMessages(library(haven))
args <- commandArgs(trailingOnly = TRUE)
setwd(args[[1]])
problems <- character(0)
problem <- function(...) problems <<- c(problems, paste0(...))

dict <- utils::read.csv("dictionary.csv", colClasses = "character", na.strings = character(0),
  check.names = FALSE, fileEncoding = "UTF-8", encoding = "UTF-8")
is_string <- dict$type %in% c("text", "date")
fixed <- dict$question == ""
csv <- utils::read.csv("data.csv", fileEncoding = "UTF-8", encoding = "UTF-8", check.names = FALSE,
  na.strings = character(0), stringsAsFactors = FALSE,
  colClasses = ifelse(is_string, "character", "numeric"))
sav <- read_sav("data.sav", user_na = TRUE)

same_or_shortened <- function(actual, full) {
  if (identical(actual, full)) return(TRUE)
  # Shortened: "head…tail", where full starts with head and ends with tail.
  at <- regexpr("\u2026", actual, fixed = TRUE)
  if (at < 0) return(FALSE)
  head <- trimws(substr(actual, 1, at - 1), which = "right")
  tail <- substr(actual, at + 1, nchar(actual))
  startsWith(full, head) && endsWith(full, tail) && nchar(full) > nchar(actual)
}
label_lines <- function(labels) {
  if (is.null(labels)) return(character(0))
  paste(as.character(unname(labels)), "=", names(labels))
}
dict_lines <- function(i) if (dict$values[[i]] == "") character(0) else strsplit(dict$values[[i]], "\n", fixed = TRUE)[[1]]
dict_missing <- function(i) if (dict$missing[[i]] == "") numeric(0) else as.numeric(strsplit(dict$missing[[i]], " ", fixed = TRUE)[[1]])
rtrim <- function(x) sub(" +$", "", x)

if (!identical(names(sav), dict$name)) problem("data.sav columns differ from dictionary.csv: ", paste(setdiff(union(names(sav), dict$name), intersect(names(sav), dict$name)), collapse = " "))
if (!identical(names(csv), dict$name)) problem("data.csv columns differ from dictionary.csv")
if (nrow(sav) != nrow(csv)) problem("data.sav has ", nrow(sav), " rows, data.csv ", nrow(csv))

for (i in seq_len(nrow(dict))) {
  name <- dict$name[[i]]
  x <- sav[[name]]
  if (is.null(x)) next
  label <- attr(x, "label", exact = TRUE)
  if (is.null(label) || !same_or_shortened(label, if (fixed[[i]]) label else dict$label[[i]])) problem(name, ": variable label ", deparse(label), " is not ", deparse(dict$label[[i]]))
  if (!fixed[[i]]) {
    want <- dict_lines(i)
    got <- label_lines(attr(x, "labels", exact = TRUE))
    if (length(want) != length(got)) {
      problem(name, ": ", length(got), " value labels in data.sav, ", length(want), " in dictionary.csv")
    } else {
      got_codes <- sub(" = .*", "", got)
      for (w in want) {
        code <- sub(" = .*", "", w)
        j <- match(code, got_codes)
        if (is.na(j) || !same_or_shortened(sub("^[^=]* = ", "", got[[j]]), sub("^[^=]* = ", "", w))) problem(name, ": value label ", deparse(w), " is ", if (is.na(j)) "missing" else deparse(got[[j]]))
      }
    }
    missing <- dict_missing(i)
    na_values <- attr(x, "na_values", exact = TRUE)
    na_range <- attr(x, "na_range", exact = TRUE)
    if (is_string[[i]]) {
      # Declared nowhere in data.sav (notes.txt says why): ReadStat cannot read long string missing values.
      if (!is.null(na_values) || !is.null(na_range)) problem(name, ": a text variable with missing values in data.sav")
    } else {
      declared <- function(v) v %in% na_values || (!is.null(na_range) && v >= na_range[[1]] && v <= na_range[[2]])
      codes <- as.numeric(sub(" = .*", "", want))
      for (code in codes) if (declared(code) != (code %in% missing)) problem(name, ": code ", code, if (declared(code)) " is declared missing in data.sav but not in dictionary.csv" else " is missing in dictionary.csv but not declared in data.sav")
    }
  }
  a <- as.vector(unclass(zap_labels(x)))
  attributes(a) <- NULL
  b <- csv[[name]]
  if (is_string[[i]] || fixed[[i]]) {
    bad <- which(rtrim(as.character(a)) != rtrim(as.character(b)))
  } else {
    bad <- which(!(a == b | (is.na(a) & is.na(b))))
  }
  if (length(bad) > 0) problem(name, ": data.sav differs from data.csv in row ", bad[[1]], ": ", deparse(a[[bad[[1]]]]), " vs ", deparse(b[[bad[[1]]]]))
}

# labels.R over data.csv: the full labels and every missing code, exactly.
env <- new.env()
sys.source("labels.R", envir = env, keep.source = FALSE, toplevel.env = env)
data <- get("data", envir = env)
if (!identical(names(data), dict$name)) problem("labels.R: columns differ from dictionary.csv")
for (i in which(!fixed)) {
  name <- dict$name[[i]]
  x <- data[[name]]
  if (!inherits(x, "haven_labelled_spss")) { problem("labels.R: ", name, " is not labelled_spss"); next }
  if (!identical(attr(x, "label", exact = TRUE), dict$label[[i]])) problem("labels.R: ", name, ": variable label ", deparse(attr(x, "label", exact = TRUE)))
  if (!identical(label_lines(attr(x, "labels", exact = TRUE)), dict_lines(i))) problem("labels.R: ", name, ": value labels differ")
  na <- attr(x, "na_values", exact = TRUE)
  if (!identical(sort(as.numeric(na)), dict_missing(i))) problem("labels.R: ", name, ": na_values ", paste(na, collapse = " "))
  if (!identical(as.vector(unclass(x)), csv[[name]])) problem("labels.R: ", name, ": values differ from data.csv")
}

if (length(problems) > 0) {
  writeLines(head(problems, 50))
  quit(status = 1)
}
cat("OK", nrow(dict), "columns,", nrow(csv), "rows\n")
