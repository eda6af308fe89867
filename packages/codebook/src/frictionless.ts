/**
 * The codebook as a Frictionless Data Package v2 (`datapackage.json`): `data.csv` as a tabular
 * resource whose Table Schema gives every column its type, label, question text and universe,
 * its categories (v2 `[{value, label}]`) and its missing values with labels (v2 field-level
 * `missingValues: [{value, label}]`). Tools such as frictionless-py and R's `frictionless`
 * read the data with codes and missing values applied.
 *
 * Valid against the v2 profiles (JSON Schema draft-07); the tests check every example with ajv.
 */
import type { NumberQuestion } from '@poetkit/compiler/compiled';
import { DISCLAIMER, FIXED_COLUMN_DESCRIPTIONS, FIXED_COLUMN_LABELS, reservedCodes } from './document.js';
import { FIXED_COLUMNS } from './names.js';
import type { Codebook, ExportVariable } from './variables.js';

export const DATA_PACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';
export const DATA_RESOURCE_PROFILE = 'https://datapackage.org/profiles/2.0/dataresource.json';
export const TABLE_SCHEMA_PROFILE = 'https://datapackage.org/profiles/2.0/tableschema.json';

/** A Table Schema field as this package writes it. */
export interface TableField {
  readonly name: string;
  readonly type: 'integer' | 'number' | 'date' | 'string';
  readonly title?: string;
  readonly description?: string;
  readonly format?: string;
  readonly categories?: readonly { readonly value: number; readonly label: string }[];
  readonly categoriesOrdered?: boolean;
  /** Field-level missing values: they replace the schema's, so each field lists all of its own. */
  readonly missingValues?: readonly { readonly value: string; readonly label: string }[];
  readonly constraints?: Readonly<Record<string, number | boolean>>;
}

export interface DataPackage {
  readonly $schema: string;
  readonly name: string;
  readonly title: string;
  readonly version: string;
  readonly description: string;
  readonly resources: readonly {
    readonly $schema: string;
    readonly name: string;
    readonly type: 'table';
    readonly path: string;
    readonly format: 'csv';
    readonly mediatype: 'text/csv';
    readonly encoding: 'utf-8';
    readonly description: string;
    readonly schema: {
      readonly $schema: string;
      readonly fields: readonly TableField[];
      readonly missingValues: readonly string[];
    };
  }[];
}

/** Renders `cb` as a Frictionless Data Package v2 descriptor (serialise it with `JSON.stringify`). */
export function dataPackage(cb: Codebook): DataPackage {
  const { survey } = cb;
  const reserved = reservedCodes()
    .map((r) => `${r.code} = ${r.label}`)
    .join('; ');
  const conventions =
    `No answer is coded with a reserved code, the same in every column and listed in each field's missingValues: ${reserved}. ` +
    "Option codes of a missing kind (98 don't know, 99 prefer not to say) are kept as codes and also listed as missing values. " +
    'Text and date columns carry the reserved codes as text.';
  const fields: TableField[] = [
    // export writes all three for every response (it rejects one without an id or a submitted date)
    ...FIXED_COLUMNS.map(
      (name): TableField => ({ name, type: 'string', title: FIXED_COLUMN_LABELS[name], description: FIXED_COLUMN_DESCRIPTIONS[name], constraints: { required: true } }),
    ),
    ...cb.variables.map(field),
  ];
  return {
    $schema: DATA_PACKAGE_PROFILE,
    // v1 asked for lower-case names of letters, digits, `-._/`; survey ids are snake_case already
    name: survey.id.toLowerCase(),
    title: survey.title,
    version: survey.version,
    description: `${DISCLAIMER}\n\n${conventions}`,
    resources: [
      {
        $schema: DATA_RESOURCE_PROFILE,
        name: 'data',
        type: 'table',
        path: 'data.csv',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        description: `One row per response: ${FIXED_COLUMNS.join(', ')}, then one column per export variable. ${conventions}`,
        // Empty cells are not written for answers; "" stays missing for the fixed columns.
        schema: { $schema: TABLE_SCHEMA_PROFILE, fields, missingValues: [''] },
      },
    ],
  };
}

function field(v: ExportVariable): TableField {
  const missing = v.valueLabels.filter((l) => l.missing !== undefined);
  const valid = v.valueLabels.filter((l) => l.missing === undefined);
  const about = {
    title: v.label,
    description: [
      `${v.number === undefined ? '' : `Question ${v.number}: `}${v.questionText}`,
      `${v.universe.text}.`,
      ...(v.reasonClash === true ? ['The question admits answers equal to a reserved code (-1, -2 or -9); read those values with care.'] : []),
      ...(v.renamed === undefined ? [] : [`Named ${v.name} instead of ${v.renamed.from}: ${v.renamed.reason}.`]),
    ].join('\n'),
  };
  const missingValues = missing.map((l) => ({ value: String(l.code), label: l.label }));
  switch (v.type) {
    case 'code':
    case 'dummy':
      return {
        name: v.name,
        type: 'integer',
        ...about,
        categories: valid.map((l) => ({ value: l.code, label: l.label })),
        ...(v.measure === 'ordinal' ? { categoriesOrdered: true } : {}),
        missingValues,
      };
    case 'number': {
      const q = v.source as NumberQuestion;
      const constraints: Record<string, number> = {};
      // an integer field's bounds must be integers too; a whole-number question's are
      if (q.min !== undefined && (!q.whole || Number.isInteger(q.min))) constraints['minimum'] = q.min;
      if (q.max !== undefined && (!q.whole || Number.isInteger(q.max))) constraints['maximum'] = q.max;
      return { name: v.name, type: q.whole ? 'integer' : 'number', ...about, missingValues, ...(Object.keys(constraints).length > 0 ? { constraints } : {}) };
    }
    case 'date':
      return { name: v.name, type: 'date', format: 'default', ...about, missingValues };
    case 'text':
      return { name: v.name, type: 'string', ...about, missingValues, ...(v.maxLength === undefined ? {} : { constraints: { maxLength: v.maxLength } }) };
  }
}
