/**
 * labels.do: Stata (14 or later, for Unicode) do-file that imports data.csv, labels every
 * variable and value, turns the no-answer codes into Stata's extended missing values, and
 * saves data.dta.
 *
 * Missing values: Stata has no user-missing values, so the codes become extended missing
 * values, which every Stata command leaves out of computations but `tab, missing` shows with
 * their labels:
 *   -1 not asked → .n    -2 not reached → .r    -9 left blank → .b
 *   don't know options (98) → .d    prefer not to say options (99) → .p
 * Text and date variables keep the reasons as the text "-1", "-2", "-9" (Stata strings
 * have no missing values but ""); `notes` on each says so.
 * Variable labels longer than Stata's 80 characters are shortened with "…" (notes.txt lists them).
 */
import type { Notes } from './notes.js';
import { FIXED_COLUMNS, FIXED_COLUMN_LABELS } from './names.js';
import { BLANK, NOT_ASKED, NOT_REACHED, type Codebook, type ExportVariable, type ValueLabel } from './variables.js';

export const STATA_VARIABLE_LABEL_CHARS = 80;

/** Stata's extended missing value for a missing code. */
export function stataMissing(label: ValueLabel): string | undefined {
  switch (label.missing) {
    case 'not_asked':
      return '.n';
    case 'not_reached':
      return '.r';
    case 'blank':
      return '.b';
    case 'dont_know':
      return '.d';
    case 'prefer_not_say':
      return '.p';
    default:
      return undefined;
  }
}

/** A Stata string literal: compound quotes, with macro characters escaped so nothing expands. */
export function stataString(text: string): string {
  return `\`"${text.replace(/\\/g, '\\\\').replace(/\$/g, '\\$').replace(/`/g, '\\`')}"'`;
}

function isString(v: ExportVariable): boolean {
  return v.type === 'text' || v.type === 'date';
}

export function stataDo(cb: Codebook, notes: Notes): string {
  const s = cb.survey;
  const vars = cb.variables;
  const out: string[] = [
    `* ${s.title.replace(/\s+/g, ' ')} (${s.id}, version ${s.version}): Stata labels for data.csv.`,
    '* Written by poet codebook. Run it from the folder that holds data.csv; it saves data.dta.',
    '* No answer: .n not asked (-1), .r not reached (-2), .b left blank (-9);',
    "* .d don't know, .p prefer not to say. Text and date variables keep \"-1\", \"-2\", \"-9\" as text.",
    '* Labels shortened to 80 characters are listed, with their full text, in notes.txt.',
    'version 14',
    '',
  ];
  // Columns by position: text and dates as strings, everything else as numbers.
  const all = [...FIXED_COLUMNS.map((n) => ({ name: n, string: true })), ...vars.map((v) => ({ name: v.name, string: isString(v) }))];
  const stringCols = all.flatMap((c, i) => (c.string ? [i + 1] : []));
  const numericCols = all.flatMap((c, i) => (c.string ? [] : [i + 1]));
  out.push(
    'import delimited using "data.csv", clear encoding("utf-8") varnames(1) case(preserve) ///',
    `    delimiters(",") bindquote(strict) stringcols(${stringCols.join(' ')})${numericCols.length > 0 ? ` ///\n    numericcols(${numericCols.join(' ')})` : ''}`,
    '',
  );
  out.push(...FIXED_COLUMNS.map((name) => `label variable ${name} ${stataString(FIXED_COLUMN_LABELS[name])}`));
  for (const v of vars) {
    out.push(`label variable ${v.name} ${stataString(notes.variableLabel('Stata', v, STATA_VARIABLE_LABEL_CHARS, 'characters'))}`);
  }
  out.push('');
  const numeric = vars.filter((v) => !isString(v));
  if (numeric.length > 0) {
    out.push('* The reasons for no answer, as extended missing values.');
    const plain = numeric.filter((v) => v.reasonClash !== true);
    for (const v of numeric.filter((x) => x.reasonClash === true)) {
      notes.note('Stata', v.name, 'its range includes the reason codes, so -1, -2, -9 are left as numbers (not made missing)');
    }
    for (let i = 0; i < plain.length; i += 20) {
      const names = plain.slice(i, i + 20).map((v) => v.name).join(' ');
      out.push(`recode ${names} (${NOT_ASKED} = .n) (${NOT_REACHED} = .r) (${BLANK} = .b)`);
    }
    for (const v of numeric) {
      const kinds = v.valueLabels.filter((l) => l.missing === 'dont_know' || l.missing === 'prefer_not_say');
      if (kinds.length > 0) out.push(`recode ${v.name} ${kinds.map((l) => `(${l.code} = ${stataMissing(l)})`).join(' ')}`);
    }
    out.push('');
    out.push('* Value labels (one label per variable, named after it).');
    for (const v of numeric) {
      // Two options of one missing kind share an extended missing value: their labels are joined.
      const byCode = new Map<string, string[]>();
      for (const l of v.valueLabels) {
        const code = l.missing === undefined || (v.reasonClash === true && l.code < 0) ? String(l.code) : stataMissing(l)!;
        byCode.set(code, [...(byCode.get(code) ?? []), l.label]);
      }
      for (const [code, labels] of byCode) {
        if (labels.length > 1) notes.note('Stata', v.name, `${labels.length} missing-kind options share ${code}: ${labels.join(' / ')}`);
      }
      const pairs = [...byCode].map(([code, labels]) => `${code} ${stataString(labels.join(' / '))}`);
      out.push(`label define ${v.name} ${pairs.join(' ')}, replace`, `label values ${v.name} ${v.name}`);
    }
    out.push('');
  }
  const strings = vars.filter(isString);
  if (strings.length > 0) {
    out.push('* Text and date variables: the reasons stay as text.');
    for (const v of strings) {
      out.push(`notes ${v.name}: "-1" not asked, "-2" not reached, "-9" asked but left blank${v.type === 'date' ? '; dates are YYYY-MM-DD text (convert with date(var, "YMD"))' : ''}`);
    }
    out.push('');
  }
  out.push('compress', 'save "data.dta", replace', '');
  return out.join('\n');
}
