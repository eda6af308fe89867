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
} as const satisfies Record<string, CatalogEntry>;

export type DiagnosticId = keyof typeof catalog;

/** Looks a diagnostic up by its code (`POET1101`). */
export function findByCode(code: string): (CatalogEntry & { readonly id: DiagnosticId }) | undefined {
  for (const [id, entry] of Object.entries(catalog) as [DiagnosticId, CatalogEntry][]) {
    if (entry.code === code) return { id, ...entry };
  }
  return undefined;
}
