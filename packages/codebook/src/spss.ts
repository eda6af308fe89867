/**
 * labels.sps: SPSS syntax (run in SPSS or PSPP from the folder that holds data.csv) that reads
 * data.csv, labels every variable and value, declares missing values, measurement levels and
 * multiple-response sets, and saves data.sav.
 *
 * Limits kept (shortenings and omissions go to notes.txt): variable labels 255 bytes, value
 * labels 120 bytes; a numeric variable can declare three missing values, or one range and one
 * value (the reasons -9..-1 as the range `LO THRU -1` when no answer can be negative).
 * Text and date variables carry the reasons as the text "-1", "-2", "-9" with value labels but
 * are not declared missing: SPSS files with missing values on strings longer than 8 bytes
 * cannot be read by ReadStat (R's haven, Python's pyreadstat).
 */
import type { Notes } from './notes.js';
import { FIXED_COLUMNS, FIXED_COLUMN_LABELS } from './names.js';
import type { Codebook, ExportVariable } from './variables.js';

export const SPSS_VARIABLE_LABEL_BYTES = 255;
export const SPSS_VALUE_LABEL_BYTES = 120;
const MAX_STRING_WIDTH = 32767;
const FIXED_WIDTHS: Readonly<Record<(typeof FIXED_COLUMNS)[number], number>> = { response_id: 255, survey_version: 40, submitted: 40 };

/** A string literal, cut into pieces joined by `+` so that no syntax line gets long. */
export function spssString(text: string): string {
  const pieces: string[] = [];
  const points = [...text];
  for (let i = 0; i < points.length || pieces.length === 0; i += 60) pieces.push(`'${points.slice(i, i + 60).join('').replace(/'/g, "''")}'`);
  return pieces.join(' +\n    ');
}

function isString(v: ExportVariable): boolean {
  return v.type === 'text' || v.type === 'date';
}

/** The input format of a column in GET DATA. */
function inputFormat(v: ExportVariable): string {
  if (v.type === 'date') return 'A10';
  if (v.type === 'text') return `A${Math.min(MAX_STRING_WIDTH, Math.max(2, (v.maxLength ?? 8191) * 4))}`;
  // Numbers are read with no implied decimals (a field without a point is a whole number).
  return v.type === 'number' ? 'F16.0' : `F${codeWidth(v)}.0`;
}

function codeWidth(v: ExportVariable): number {
  return Math.max(...v.valueLabels.map((l) => String(l.code).length));
}

/**
 * The MISSING VALUES specification of a numeric variable: its missing codes as up to three
 * values, or as `LO THRU -1` plus one value when no valid value is negative. Codes that
 * cannot be declared are returned in `left`.
 */
export function spssMissing(v: ExportVariable): { readonly spec: string; readonly left: readonly number[] } {
  const codes = v.missingCodes;
  if (codes.length <= 3) return { spec: codes.join(', '), left: [] };
  const negatives = codes.filter((c) => c < 0);
  const others = codes.filter((c) => c >= 0);
  const src = v.source;
  const validCanBeNegative =
    v.valueLabels.some((l) => l.missing === undefined && l.code < 0) ||
    (src.kind === 'number' && (src.min === undefined || src.min < 0));
  if (!validCanBeNegative && negatives.length > 0) {
    const [first, ...rest] = others;
    return { spec: first === undefined ? 'LO THRU -1' : `LO THRU -1, ${first}`, left: rest };
  }
  return { spec: codes.slice(0, 3).join(', '), left: codes.slice(3) };
}

export function spssSyntax(cb: Codebook, notes: Notes): string {
  const s = cb.survey;
  const vars = cb.variables;
  const out: string[] = [];
  out.push(
    '* Encoding: UTF-8.',
    `* ${s.title.replace(/\s+/g, ' ')} (${s.id}, version ${s.version}): SPSS/PSPP syntax for data.csv.`,
    '* Written by poet codebook. Run it from the folder that holds data.csv; it saves data.sav.',
    '* Labels shortened for SPSS limits are listed, with their full text, in notes.txt.',
    '* Reasons for no answer: -1 not asked, -2 not reached, -9 asked but left blank.',
    '',
    "* PSPP: keep text in UTF-8 whatever the system locale (SPSS: use Unicode mode, the default since version 21).",
    "SET LOCALE='UTF-8'.",
    '',
    "GET DATA /TYPE=TXT /FILE='data.csv' /ENCODING='UTF-8'",
    '  /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2',
    "  /DELIMITERS=',' /QUALIFIER='\"'",
    '  /VARIABLES=',
  );
  for (const name of FIXED_COLUMNS) out.push(`    ${name} A${FIXED_WIDTHS[name]}`);
  vars.forEach((v, i) => out.push(`    ${v.name} ${inputFormat(v)}${i === vars.length - 1 ? '.' : ''}`));
  if (vars.length === 0) out[out.length - 1] += '.';
  out.push('');

  out.push('VARIABLE LABELS');
  const labels = [
    ...FIXED_COLUMNS.map((name) => `${name} ${spssString(FIXED_COLUMN_LABELS[name])}`),
    ...vars.map((v) => `${v.name} ${spssString(notes.variableLabel('SPSS', v, SPSS_VARIABLE_LABEL_BYTES, 'bytes'))}`),
  ];
  out.push(`  ${labels.join('\n  /')}.`, '');

  if (vars.length > 0) {
    out.push('VALUE LABELS');
    const blocks = vars.map((v) => {
      const lines = v.valueLabels.map((l) => {
        const label = notes.bytes('SPSS', v.name, `value label ${l.code}`, l.label, SPSS_VALUE_LABEL_BYTES);
        return `    ${isString(v) ? `'${l.code}'` : l.code} ${spssString(label)}`;
      });
      return `${v.name}\n${lines.join('\n')}`;
    });
    out.push(`  ${blocks.join('\n  /')}.`, '');

    const numeric = vars.filter((v) => !isString(v));
    if (numeric.length > 0) {
      out.push('MISSING VALUES');
      const specs = numeric.map((v) => {
        const { spec, left } = spssMissing(v);
        if (left.length > 0) {
          notes.note('SPSS', v.name, `missing codes ${left.join(', ')} are not declared missing (SPSS holds three missing values, or one range and one value); they keep their value labels`);
        }
        return `${v.name} (${spec})`;
      });
      out.push(`  ${specs.join('\n  /')}.`, '');
    }
    const strings = vars.filter(isString);
    if (strings.length > 0) {
      notes.note(
        'SPSS',
        strings.map((v) => v.name).join(', '),
        'text and date variables carry the reasons as the text "-1", "-2", "-9" with value labels, not declared missing: ' +
          'missing values on strings longer than 8 bytes make data.sav unreadable for ReadStat (R haven, pyreadstat)',
      );
    }

    out.push('VARIABLE LEVEL');
    const levels: string[] = [];
    for (const [measure, keyword] of [
      ['nominal', 'NOMINAL'],
      ['ordinal', 'ORDINAL'],
      ['scale', 'SCALE'],
    ] as const) {
      const names = [...(measure === 'nominal' ? FIXED_COLUMNS : []), ...vars.filter((v) => v.measure === measure).map((v) => v.name)];
      if (names.length > 0) levels.push(`${wrapNames(names)} (${keyword})`);
    }
    out.push(`  ${levels.join('\n  /')}.`, '');
  }

  const sets = cb.groups.filter((g) => g.kind === 'multi');
  const usable = sets.filter((g) => g.variables.length >= 2);
  for (const g of sets.filter((x) => x.variables.length < 2)) notes.note('SPSS', g.name, 'no multiple-response set: SPSS needs at least two variables');
  if (usable.length > 0) {
    out.push('* Tick-all-that-apply questions as multiple dichotomy sets (counted value 1 = ticked).');
    out.push('MRSETS');
    for (const g of usable) {
      const label = notes.bytes('SPSS', `$${g.name}`, 'multiple-response set label', g.label, SPSS_VARIABLE_LABEL_BYTES);
      out.push(`  /MDGROUP NAME=$${g.name}`, `    LABEL=${spssString(label)}`, `    VARIABLES=${wrapNames(g.variables, '      ')}`, '    VALUE=1');
    }
    out[out.length - 1] += '.';
    out.push('');
  }
  out.push("SAVE OUTFILE='data.sav'.", '');
  return out.join('\n');
}

/** Names separated by spaces, wrapped so lines stay short. */
function wrapNames(names: readonly string[], indent = '    '): string {
  const lines: string[] = [];
  let line = '';
  for (const n of names) {
    if (line.length > 0 && line.length + n.length + 1 > 72) {
      lines.push(line);
      line = n;
    } else line = line.length === 0 ? n : `${line} ${n}`;
  }
  lines.push(line);
  return lines.join(`\n${indent}`);
}
