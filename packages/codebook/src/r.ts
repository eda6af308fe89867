/**
 * labels.R: reads data.csv into a data frame `data` whose columns are haven `labelled_spss`
 * vectors — full variable labels, value labels, and the missing codes as `na_values` (so
 * `haven::zap_missing()`, `is.na()` and `haven::as_factor()` treat them as the codebook says).
 * Text and date columns are character vectors with the reasons "-1", "-2", "-9" as
 * `na_values`. Nothing is shortened: R has no label limits.
 */
import { FIXED_COLUMNS, FIXED_COLUMN_LABELS } from './names.js';
import type { Codebook, ExportVariable } from './variables.js';

/** An R string literal (double quotes, escapes for backslash, quote and control characters). */
export function rString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function isString(v: ExportVariable): boolean {
  return v.type === 'text' || v.type === 'date';
}

function rValue(v: ExportVariable, code: number): string {
  return isString(v) ? rString(String(code)) : String(code);
}

export function rScript(cb: Codebook): string {
  const s = cb.survey;
  const out: string[] = [
    `# ${s.title.replace(/\s+/g, ' ')} (${s.id}, version ${s.version}): R labels for data.csv.`,
    '# Written by poet codebook. Run it from the folder that holds data.csv, e.g.',
    '#   source("labels.R", encoding = "UTF-8")',
    '# It leaves `data`: a data frame whose columns carry haven labels and user-missing values',
    '# (-1 not asked, -2 not reached, -9 asked but left blank; don\'t know / prefer not to say codes).',
    '# Use haven::as_factor(data) for factors, haven::zap_missing(data) to turn missing codes into NA.',
    'library(haven)',
    '',
  ];
  const classes = [...FIXED_COLUMNS.map(() => '"character"'), ...cb.variables.map((v) => (isString(v) ? '"character"' : '"numeric"'))];
  out.push(
    'data <- utils::read.csv("data.csv", fileEncoding = "UTF-8", encoding = "UTF-8", check.names = FALSE,',
    '  na.strings = character(0), stringsAsFactors = FALSE, strip.white = FALSE,',
    `  colClasses = c(${classes.join(', ')}))`,
    ...FIXED_COLUMNS.map((name) => `attr(data[[${rString(name)}]], "label") <- ${rString(FIXED_COLUMN_LABELS[name])}`),
    '',
  );
  for (const v of cb.variables) {
    const labels = v.valueLabels.map((l) => `${rString(l.label)} = ${rValue(v, l.code)}`).join(',\n    ');
    const missing = v.missingCodes.map((c) => rValue(v, c)).join(', ');
    out.push(
      `data[[${rString(v.name)}]] <- labelled_spss(data[[${rString(v.name)}]],`,
      `  labels = c(${labels}),`,
      `  na_values = c(${missing}),`,
      `  label = ${rString(v.label)})`,
    );
  }
  out.push('');
  return out.join('\n');
}
