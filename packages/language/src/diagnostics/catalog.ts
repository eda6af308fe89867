/**
 * The one catalogue of every diagnostic poetkit reports.
 *
 * Codes are stable: never renumber or reuse one. `POET1xxx` are found while reading a file
 * (characters, tokens, syntax, markup); `POET2xxx` by the compiler's checks; `POET3xxx`
 * concern files and imports. Each code has a failing fixture in
 * `packages/*\/test/fixtures` and an anchor in `docs/diagnostics.md` (a test checks both).
 *
 * Message templates name the thing and the fix in one sentence; `{name}` placeholders are
 * filled by {@link createDiagnostic}.
 */

export type Severity = 'error' | 'warning';

export interface CatalogEntry {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly hint?: string;
  /** One line for docs/diagnostics.md: when this is reported. */
  readonly summary: string;
}

export const catalog = {
  // ---- reading the file ---------------------------------------------------------------
  'invalid-utf8': {
    code: 'POET1001',
    severity: 'error',
    message: 'This file is not valid UTF-8: the byte at this position cannot be read as text.',
    hint: 'Save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8).',
    summary: 'The file contains bytes that are not UTF-8 text.',
  },
  'empty-file': {
    code: 'POET1002',
    severity: 'error',
    message: 'This file is empty.',
    hint: 'A survey file starts with a line such as: survey my_survey "Title of the survey"',
    summary: 'The file has no content (or only comments and blank lines).',
  },
  'tab-character': {
    code: 'POET1003',
    severity: 'warning',
    message: 'Tab character used for layout; use spaces instead.',
    hint: 'Run `poet fmt --write` to replace tabs with spaces.',
    summary: 'A tab appears outside a string. Tabs display differently in different editors.',
  },
  'unexpected-character': {
    code: 'POET1004',
    severity: 'error',
    message: "Unexpected character '{char}'.",
    hint: 'Text shown to respondents goes inside double quotes: "like this".',
    summary: 'A character that cannot start any word, number, symbol or string.',
  },
  'unterminated-string': {
    code: 'POET1005',
    severity: 'error',
    message: 'This string has no closing double quote (").',
    hint: 'Add " at the end of the text. For text over several lines, use a """ block.',
    summary: 'A `"` string reaches the end of its line without a closing quote.',
  },
  'unterminated-block': {
    code: 'POET1006',
    severity: 'error',
    message: 'This """ text block is never closed.',
    hint: 'Add a line with """ where the text ends.',
    summary: 'A `"""` block reaches the end of the file without a closing `"""`.',
  },
  'unknown-escape': {
    code: 'POET1007',
    severity: 'error',
    message: "Unknown escape '\\{char}' in a string.",
    hint: 'Inside a string, write \\" for a double quote and \\\\ for a backslash; nothing else needs escaping.',
    summary: 'A backslash in a string is followed by something other than `"` or `\\`.',
  },
  'invalid-date': {
    code: 'POET1008',
    severity: 'error',
    message: "'{text}' is not a real calendar date.",
    hint: 'Write dates as YYYY-MM-DD, for example 2011-09-01.',
    summary: 'A date literal such as `2023-02-30` that does not exist.',
  },
  // ---- syntax --------------------------------------------------------------------------
  'unknown-keyword': {
    code: 'POET1101',
    severity: 'error',
    message: "Unknown word '{word}' here; expected {expected}.",
    hint: "Did you mean '{suggestion}'?",
    summary: 'A word that is not a keyword where a keyword is expected (with the nearest keyword suggested).',
  },
  'missing-token': {
    code: 'POET1102',
    severity: 'error',
    message: 'Expected {expected} after {after}.',
    summary: 'Something required is missing, for example the text of a question or a closing `}`.',
  },
  'unexpected-token': {
    code: 'POET1103',
    severity: 'error',
    message: 'Unexpected {found}; expected {expected}.',
    summary: 'A token that does not fit where it stands.',
  },
  'unclosed-brace': {
    code: 'POET1104',
    severity: 'error',
    message: "The '{' of {what} is never closed.",
    hint: "Add '}' after the last line of {what}.",
    summary: 'A `{` block reaches the end of the file without its `}`.',
  },
  'nesting-too-deep': {
    code: 'POET1105',
    severity: 'error',
    message: 'Brackets are nested more than {limit} deep here.',
    hint: 'Split the condition into simpler parts; no real condition needs this much nesting.',
    summary: 'Parentheses nested so deep that the file cannot be a real survey.',
  },
  'missing-header': {
    code: 'POET1106',
    severity: 'error',
    message: 'A .poet file must start with a survey or bank line.',
    hint: 'Start the file with: survey my_survey "Title of the survey" (or bank my_bank "Title" for a question bank).',
    summary: 'The first declaration of the file is not `survey` or `bank`.',
  },
  'duplicate-header-field': {
    code: 'POET1107',
    severity: 'error',
    message: "'{field}' is given more than once.",
    hint: 'Keep one and remove the others.',
    summary: 'A header field such as `version` appears twice.',
  },
  'misplaced-import': {
    code: 'POET1108',
    severity: 'error',
    message: 'Imports go straight after the survey or bank header, before any option set or section.',
    hint: 'Move this import line up, under the header.',
    summary: 'An `import` line after option sets, sections or questions.',
  },
  'invalid-number': {
    code: 'POET1109',
    severity: 'error',
    message: "'{text}' is not a valid number here; {reason}.",
    summary: 'A number that cannot be used where it stands, for example a decimal option code.',
  },
  'misplaced-test': {
    code: 'POET1110',
    severity: 'error',
    message: 'This test comes before other parts of the survey; tests go at the end of the file.',
    hint: 'Move every test block below the last section.',
    summary: 'A `test` block followed by a section, question, option set or routing line.',
  },
  // ---- markup in texts -----------------------------------------------------------------
  'markup-unclosed-bold': {
    code: 'POET1201',
    severity: 'error',
    message: "Bold text opened with '**' is never closed.",
    hint: "Add '**' where the bold text ends. A single * is shown as it is.",
    summary: 'A `**` in a text without its closing `**` in the same paragraph.',
  },
  'markup-unsafe-link': {
    code: 'POET1202',
    severity: 'error',
    message: "The link to '{target}' is not allowed: links must start with https://, http:// or mailto:.",
    hint: 'Write the full address, for example [our privacy notice](https://example.gov.uk/privacy).',
    summary: 'A link whose target is not an http(s) or mailto address (for example `javascript:`).',
  },
  'markup-broken-link': {
    code: 'POET1203',
    severity: 'error',
    message: 'This link is not complete: write [link text](https://address).',
    summary: 'A `[text](` link without its closing `)`, or with empty text.',
  },
  'markup-html': {
    code: 'POET1204',
    severity: 'warning',
    message: "The text contains '{tag}', which looks like HTML; it will be shown to respondents exactly as written.",
    hint: 'Use the survey markup instead: **bold**, [link](https://...), lines starting with "- " for a list.',
    summary: 'A text contains something that looks like an HTML tag. HTML is never interpreted.',
  },
  // ---- compiler checks ------------------------------------------------------------------
  'duplicate-id': {
    code: 'POET2001',
    severity: 'error',
    message: "The id '{id}' is already used in this survey; give each question, section and info item its own id.",
    summary: 'Two questions, sections or info items have the same id (they share one namespace).',
  },
  'duplicate-option-code': {
    code: 'POET2002',
    severity: 'error',
    message: 'Option code {code} is used twice in {owner}; give each option its own code.',
    summary: 'Two options of one question, scale or option set have the same numeric code.',
  },
  'duplicate-option-value': {
    code: 'POET2003',
    severity: 'error',
    message: "Option value '{value}' is used twice in {owner}; give each option its own value.",
    summary: 'Two options of one question, scale or option set have the same value name.',
  },
  'duplicate-row-id': {
    code: 'POET2004',
    severity: 'error',
    message: "Row id '{id}' is used twice in grid '{grid}'; give each row its own id.",
    summary: 'Two rows of one grid have the same id.',
  },
  'empty-options': {
    code: 'POET2005',
    severity: 'error',
    message: '{owner} is empty; add at least one line between the braces.',
    summary: 'An option list, scale or option set with no options in it.',
  },
  'unknown-question': {
    code: 'POET2006',
    severity: 'error',
    message: "There is no question '{name}' in this survey; check the spelling or add the question.",
    hint: "Did you mean '{suggestion}'?",
    summary: 'A condition, check or `options from` names a question that does not exist.',
  },
  'unknown-option-value': {
    code: 'POET2007',
    severity: 'error',
    message: "'{value}' is not an option of '{question}'; {fix}.",
    hint: "Did you mean '{suggestion}'?",
    summary: "A condition compares a question with a value that is not among the question's options.",
  },
  'unknown-option-set': {
    code: 'POET2008',
    severity: 'error',
    message: "There is no option set '{name}'; define it with options {name} { ... } or import the file that does.",
    hint: "Did you mean '{suggestion}'?",
    summary: '`options NAME` or `scale NAME` names an option set that is not defined or imported.',
  },
  'unknown-goto-target': {
    code: 'POET2009',
    severity: 'error',
    message: "There is no section or question '{name}' to go to; check the spelling.",
    hint: "Did you mean '{suggestion}'?",
    summary: '`goto` names a section or question that does not exist.',
  },
  'unknown-row': {
    code: 'POET2010',
    severity: 'error',
    message: "Grid '{grid}' has no row '{name}'; use one of its row ids.",
    hint: "Did you mean '{suggestion}'?",
    summary: '`rows a, b` or `row X ask if` names a row that the bank grid does not have.',
  },
  'forward-reference': {
    code: 'POET2011',
    severity: 'error',
    message: "This condition uses '{name}', which is not asked before this point; routing can only depend on earlier questions.",
    hint: 'Move the condition after the question, or the question before it.',
    summary: 'A condition refers to a question that comes later in the survey, or to the question it is written on.',
  },
  'goto-backwards': {
    code: 'POET2012',
    severity: 'error',
    message: "'goto {name}' jumps backwards; routing only moves forward, to a later section or question.",
    summary: '`goto` names a section or question that comes before the goto.',
  },
  'unreachable-item': {
    code: 'POET2013',
    severity: 'error',
    message: "'{id}' can never be asked: {reason}.",
    hint: 'Check the routing before it: an end rule, a goto or a condition that can never be true.',
    summary: 'The routing means that an item is never shown to anyone.',
  },
  'condition-never-true': {
    code: 'POET2014',
    severity: 'error',
    message: 'This condition can never be true: {reason}.',
    summary: 'A condition that no answers can satisfy, such as `q = a and q = b` or a number outside its min and max.',
  },
  'type-mismatch': {
    code: 'POET2015',
    severity: 'error',
    message: "'{question}' is a {kind} question, so {problem}.",
    hint: '{fix}',
    summary: 'A condition does not fit the kind of question it tests, for example `count` of a single or `<` on a choice.',
  },
  'piping-not-multi': {
    code: 'POET2016',
    severity: 'error',
    message: "Options can only be piped from a multi question, and '{name}' is a {kind} question.",
    summary: '`options from X` where X is not a multi.',
  },
  'piping-without-count': {
    code: 'POET2017',
    severity: 'warning',
    message: "'{id}' offers the options ticked at '{source}', so it should be asked only when two or more are ticked.",
    hint: 'Add: ask if count({source}) >= 2',
    summary: 'A piped question without `ask if count(source) >= 2`.',
  },
  'consent-not-first': {
    code: 'POET2018',
    severity: 'error',
    message: 'The consent gate must be the first item of the survey, before every section and question.',
    summary: 'A consent question that is not the first item.',
  },
  'consent-more-than-once': {
    code: 'POET2019',
    severity: 'error',
    message: "A survey has one consent gate, and '{id}' is a second one; remove it or make it a single question.",
    summary: 'More than one consent question in a survey.',
  },
  'consent-without-end': {
    code: 'POET2020',
    severity: 'error',
    message: "The consent gate '{id}' needs an end rule straight after it: if {id} = no end \"message\".",
    summary: 'A consent gate that is not followed by `if ID = no end "..."`.',
  },
  'consent-options': {
    code: 'POET2021',
    severity: 'error',
    message: "The consent gate '{id}' must have exactly two options, with the values yes and no.",
    summary: 'A consent question whose options are not `yes` and `no`.',
  },
  'question-outside-section': {
    code: 'POET2022',
    severity: 'error',
    message: "'{id}' is not inside a section; in a survey only the consent gate may stand before the sections.",
    hint: 'Move it into a section { ... }.',
    summary: 'A question written at the top level of a survey (other than the consent gate).',
  },
  'invalid-id': {
    code: 'POET2023',
    severity: 'error',
    message: "'{id}' cannot be used as an id: {reason}.",
    hint: 'Ids are lower-case snake_case (letters, digits and single underscores, starting with a letter), at most 24 characters.',
    summary: 'A question, section or info id that breaks the naming rules (snake_case, at most 24 characters, not ending in _other, not an SPSS or Stata reserved word).',
  },
  'invalid-value-name': {
    code: 'POET2024',
    severity: 'error',
    message: "'{name}' cannot be used as {what}: {reason}.",
    hint: 'Option values and row ids are lower-case snake_case, at most 24 characters.',
    summary: 'An option value or grid row id that is not snake_case or is longer than 24 characters.',
  },
  'export-name-too-long': {
    code: 'POET2025',
    severity: 'error',
    message: "The export name '{name}' is {length} characters long; SPSS and Stata allow at most 32, so shorten '{id}'.",
    summary: 'A generated export name (`<id>_<code>`, `<id>_<row id>`, `<id>_other`) longer than 32 characters.',
  },
  'export-name-collision': {
    code: 'POET2026',
    severity: 'error',
    message: "The export name '{name}' of {what} is also the name of {other}; rename one of them.",
    summary: 'Two exported variables would have the same name, for example a question `q_1` and option 1 of a multi `q`.',
  },
  'unknown-missing-kind': {
    code: 'POET2027',
    severity: 'error',
    message: "'{name}' is not a missing kind; write missing dont_know or missing prefer_not_say.",
    hint: "Did you mean '{suggestion}'?",
    summary: '`missing` followed by something other than `dont_know` or `prefer_not_say`.',
  },
  'specify-not-other': {
    code: 'POET2028',
    severity: 'error',
    message: "Only the option with the value other can carry 'specify'; this option is '{value}'.",
    summary: '`specify` on an option whose value is not `other`.',
  },
  'misplaced-option-flag': {
    code: 'POET2029',
    severity: 'error',
    message: '{problem}.',
    summary: 'An option flag where it has no meaning: `exclusive` outside a multi, `specify` on a grid scale, a missing-kind option in a multi that is not exclusive.',
  },
  'min-greater-than-max': {
    code: 'POET2030',
    severity: 'error',
    message: 'The minimum ({min}) is greater than the maximum ({max}); no answer could satisfy both.',
    summary: '`min` is greater than `max`.',
  },
  'invalid-limit': {
    code: 'POET2031',
    severity: 'error',
    message: "'{attribute} {value}' does not fit a {kind} question: {reason}.",
    summary: 'A `min` or `max` of the wrong sort for the question (a date on a number, a decimal length, a negative count).',
  },
  'attribute-not-allowed': {
    code: 'POET2032',
    severity: 'error',
    message: "'{attribute}' cannot be used on a {kind} question.",
    summary: 'An attribute that means nothing for this kind of question, such as `whole` on a text or `scale` on a single.',
  },
  'missing-attribute': {
    code: 'POET2033',
    severity: 'error',
    message: "{kind} question '{id}' needs {what}.",
    summary: 'A choice question without options, or a grid without rows or scale.',
  },
  'bank-override': {
    code: 'POET2034',
    severity: 'error',
    message: "A bank question can only change its number, text, hint and rows and add routing; '{attribute}' cannot be changed on '{id}'.",
    hint: 'To ask something different, write a new question with its own id.',
    summary: 'A `use` of a bank question that changes its options, limits, required or other fixed parts.',
  },
  'unknown-bank-question': {
    code: 'POET2035',
    severity: 'error',
    message: "There is no bank question '{name}' in the imported files; check the spelling or the import.",
    hint: "Did you mean '{suggestion}'?",
    summary: '`use ID` where no imported bank defines ID.',
  },
  'duplicate-option-set': {
    code: 'POET2036',
    severity: 'error',
    message: "The option set '{name}' is defined twice; keep one definition.",
    summary: 'Two option sets with the same name (in this file or the files it imports).',
  },
  'unused-option-set': {
    code: 'POET2037',
    severity: 'warning',
    message: "The option set '{name}' is never used; use it or remove it.",
    summary: 'An option set defined in a survey that no question uses.',
  },
  'label-too-long': {
    code: 'POET2038',
    severity: 'warning',
    message: 'This label is {bytes} bytes long in UTF-8; SPSS keeps at most 120 bytes of a value label, so it will be cut.',
    hint: 'Shorten the label; the question text can carry the detail.',
    summary: 'An option or row label longer than the 120-byte SPSS value-label limit.',
  },
  'missing-version': {
    code: 'POET2039',
    severity: 'warning',
    message: 'The survey has no version; add version "1.0.0" under the survey line.',
    hint: 'Versions tell analysts which wording and coding a response was collected with.',
    summary: 'A survey header without `version`.',
  },
  'piping-from-later': {
    code: 'POET2040',
    severity: 'error',
    message: "'{name}' comes after this question; options can only be piped from an earlier multi.",
    summary: '`options from X` where X comes later in the survey, or is the question itself.',
  },
  // ---- designer's tests (`test "..." { ... }`) ------------------------------------------
  'test-unknown-question': {
    code: 'POET2041',
    severity: 'error',
    message: "'{name}' is not a question of this survey{reason}; a test names questions by their ids.",
    hint: "Did you mean '{suggestion}'?",
    summary: 'A test line names a question that does not exist (or an info item, which has no answer).',
  },
  'test-unknown-value': {
    code: 'POET2042',
    severity: 'error',
    message: "'{value}' is not an option of '{question}'; {fix}.",
    hint: "Did you mean '{suggestion}'?",
    summary: 'A `given` or `offers` line names an option value the question does not have.',
  },
  'test-unknown-row': {
    code: 'POET2043',
    severity: 'error',
    message: "'{row}' is not a row of the grid '{question}'; its rows are {rows}.",
    hint: "Did you mean '{suggestion}'?",
    summary: 'A `given` or `shows` line names a grid row that does not exist.',
  },
  'test-unknown-other': {
    code: 'POET2044',
    severity: 'error',
    message: "'{key}' is not the text of an 'other – please describe' option: {reason}.",
    hint: "Did you mean '{suggestion}'?",
    summary: 'A test names an `<id>_other` text whose question has no `specify` option.',
  },
  'test-wrong-value': {
    code: 'POET2045',
    severity: 'error',
    message: "'{question}' is {kind}: {fix}.",
    summary: 'A `given` value of the wrong shape: text for a number, two values for a single choice, a grid without its row.',
  },
  'test-not-piped': {
    code: 'POET2046',
    severity: 'error',
    message: "'{question}' does not pipe its options from another question; 'offers' is only for a question written with 'options from'.",
    summary: '`offers` on a question whose options are not piped.',
  },
  'test-not-grid': {
    code: 'POET2047',
    severity: 'error',
    message: "'{question}' is not a grid; 'shows ... rows' is only for grids.",
    summary: '`shows` on a question that is not a grid.',
  },
  'test-given-twice': {
    code: 'POET2048',
    severity: 'error',
    message: '{what} already has an answer in this test; keep one line for it.',
    summary: 'The same question (or grid row) given twice in one test, or both given and left blank.',
  },
  'test-no-expectation': {
    code: 'POET2049',
    severity: 'warning',
    message: 'This test expects nothing, so it cannot fail; add asks, not asked, ends after, completes, valid or invalid.',
    summary: 'A test with only `given` and `leave` lines.',
  },
  'test-in-bank': {
    code: 'POET2050',
    severity: 'error',
    message: 'A bank cannot hold tests; write them in a survey that uses the bank.',
    summary: 'A `test` block in a bank file.',
  },
  'test-no-end-rule': {
    code: 'POET2051',
    severity: 'error',
    message: "No end rule follows '{question}', so the survey can never end straight after it.",
    hint: "End rules follow: {after}.",
    summary: '`ends after Q` where the survey has no end rule after Q.',
  },
  'duplicate-test-name': {
    code: 'POET2052',
    severity: 'error',
    message: "Another test is already called '{name}'; give each test its own name.",
    summary: 'Two tests with the same name in one file.',
  },
  // ---- files and imports -----------------------------------------------------------------
  'import-not-found': {
    code: 'POET3001',
    severity: 'error',
    message: "Cannot find the file '{path}' (looked for {resolved}); check the path, which is relative to this file.",
    summary: 'An `import` names a file that does not exist.',
  },
  'import-cycle': {
    code: 'POET3002',
    severity: 'error',
    message: 'This import makes a cycle: {cycle}; a bank cannot import, directly or indirectly, a file that imports it.',
    summary: 'Files that import each other, directly or through other files.',
  },
  'import-not-bank': {
    code: 'POET3003',
    severity: 'error',
    message: "'{path}' is a survey, not a bank; only bank files can be imported.",
    hint: 'Move the shared questions and option sets into a file that starts with: bank NAME "Title".',
    summary: 'An `import` of a file that starts with `survey`.',
  },
  'import-has-errors': {
    code: 'POET3004',
    severity: 'error',
    message: "The imported file '{path}' has {count} error(s); fix them first (run poet check {path}).",
    summary: 'An `import` of a file that has syntax errors.',
  },
  'unused-import': {
    code: 'POET3005',
    severity: 'warning',
    message: "Nothing from '{path}' is used; remove the import.",
    summary: 'An imported bank from which no question and no option set is used.',
  },
} as const satisfies Record<string, CatalogEntry>;

export type DiagnosticId = keyof typeof catalog;

/** Looks a diagnostic up by its code (`POET1101`). */
export function findByCode(code: string): (CatalogEntry & { readonly id: DiagnosticId }) | undefined {
  for (const [id, entry] of Object.entries(catalog) as [DiagnosticId, CatalogEntry][]) {
    if (entry.code === code) return { id, ...entry };
  }
  return undefined;
}
