/**
 * dictionary.csv: one row per data.csv column (the three fixed columns first), for
 * spreadsheets and scripts. Codes and labels are one "code = label" a line within the cell;
 * missing codes are listed ascending, separated by spaces.
 */
import { csvRecord } from './csv.js';
import { FIXED_COLUMNS, FIXED_COLUMN_LABELS } from './names.js';
import type { Codebook, ExportVariable } from './variables.js';

export const DICTIONARY_COLUMNS = [
  'name',
  'label',
  'question',
  'number',
  'section',
  'type',
  'measure',
  'values',
  'missing',
  'universe',
  'question_text',
  'max_length',
  'conventional_name',
] as const;

/** "1 = Yes" lines of a variable's value labels, in order. */
export function valuesCell(v: ExportVariable): string {
  return v.valueLabels.map((l) => `${l.code} = ${l.label}`).join('\n');
}

export function missingCell(v: ExportVariable): string {
  return v.missingCodes.join(' ');
}

export function dictionaryCsv(cb: Codebook): string {
  const rows: string[] = [csvRecord(DICTIONARY_COLUMNS)];
  for (const name of FIXED_COLUMNS) rows.push(csvRecord([name, FIXED_COLUMN_LABELS[name], '', '', '', 'text', 'nominal', '', '', '', '', '', '']));
  for (const v of cb.variables) {
    rows.push(
      csvRecord([
        v.name,
        v.label,
        v.question,
        v.number ?? '',
        v.section ?? '',
        v.type,
        v.measure,
        valuesCell(v),
        missingCell(v),
        v.universe.text,
        v.questionText,
        v.maxLength === undefined ? '' : v.maxLength,
        v.renamed?.from ?? '',
      ]),
    );
  }
  return rows.join('');
}
