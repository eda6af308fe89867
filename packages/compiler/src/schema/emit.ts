/**
 * The response JSON Schema (draft 2020-12) of a compiled survey: enforces the response rules
 * V1–V12 of the poet reference (docs/response-schema.md describes the layout).
 *
 * Layout, shaped so that ajv compiles 5,000-question surveys and validates quickly:
 *
 * - `properties` holds one value schema per answer key (question id, `<id>_other`);
 *   `additionalProperties: false` rejects every other key (`__proto__`, `constructor`, ...).
 *   Value schemas used by more than one key live once in `$defs` (`value.N`).
 * - Every routing rule lives in `$defs` under a name that says what it is about:
 *   `asked.<key>` (required when asked, absent when not), `row.<grid>.<row>` (grid row
 *   shown), `pipe.<id>` (piped answer among those ticked), `check.<question>.<n>` (checks).
 *   Rules report at the key they are about (`required`, `properties: {key: false}`), so an
 *   error names its question whatever functions ajv splits the schema into.
 * - The rules are referenced from `rules.N` chunks of at most {@link RULES_PER_CHUNK}, and
 *   the root `allOf` references the chunks, so no generated function nests deeply.
 * - Conditions used by more than one rule live once in `$defs` (`cond.N`).
 */
import type {
  ChoiceQuestion,
  CompiledOption,
  CompiledQuestion,
  CompiledSurvey,
  Condition,
  DateQuestion,
  GridQuestion,
  NumberQuestion,
  TextQuestion,
} from '../compiled/types.js';
import { answeredWith, conditionSchema, type JsonSchema } from './conditions.js';

export type { JsonSchema } from './conditions.js';

/** The emitted schema: plain JSON. */
export interface ResponseSchema {
  readonly $schema: 'https://json-schema.org/draft/2020-12/schema';
  readonly $id: string;
  readonly title: string;
  readonly description: string;
  readonly type: 'object';
  readonly properties: { readonly [key: string]: JsonSchema };
  readonly additionalProperties: false;
  readonly required?: readonly string[];
  readonly allOf?: readonly JsonSchema[];
  readonly $defs: { readonly [name: string]: JsonSchema };
  readonly [keyword: string]: unknown;
}

/** How many rules one `rules.N` chunk references. */
export const RULES_PER_CHUNK = 64;

/** A date `YYYY-MM-DD` that is a real calendar date (leap years included), as a regular expression. */
export const CALENDAR_DATE_PATTERN =
  '^(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))' +
  '|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$';

/** At least one character that is not white space. */
export const NOT_BLANK_PATTERN = '\\S';

/** The `$defs` names of rules: what the validator reads back from an error's schema path. */
export const defName = {
  asked: (key: string) => `asked.${key}`,
  row: (grid: string, row: string) => `row.${grid}.${row}`,
  pipe: (question: string) => `pipe.${question}`,
  check: (question: string, index: number) => `check.${question}.${index}`,
};

export interface EmitOptions {
  /** Base of `$id`; the schema's id is `<base><survey id>/<version>/response.schema.json`. */
  readonly idBase?: string;
}

function isQuestion(item: CompiledSurvey['items'][number]): item is CompiledQuestion {
  return item.kind !== 'info';
}

function values(options: readonly CompiledOption[]): string[] {
  return options.map((o) => o.value);
}

function textSchema(maxLength: number): JsonSchema {
  return { type: 'string', maxLength, pattern: NOT_BLANK_PATTERN };
}

function choiceSchema(q: ChoiceQuestion): JsonSchema {
  if (q.kind !== 'multi') return { enum: values(q.options) };
  const exclusive = q.options.filter((o) => o.exclusive);
  const schema: Record<string, unknown> = {
    type: 'array',
    minItems: Math.max(1, q.minTicks ?? 1),
    uniqueItems: true,
    items: { enum: values(q.options) },
  };
  if (q.maxTicks !== undefined) schema['maxItems'] = q.maxTicks;
  if (exclusive.length > 0) {
    // One exclusive option ticked: nothing else may be.
    schema['if'] = { contains: { enum: values(exclusive) } };
    schema['then'] = { maxItems: 1 };
  }
  return schema;
}

function numberSchema(q: NumberQuestion): JsonSchema {
  const schema: Record<string, unknown> = { type: q.whole ? 'integer' : 'number' };
  if (q.min !== undefined) schema['minimum'] = q.min;
  if (q.max !== undefined) schema['maximum'] = q.max;
  return schema;
}

function dateSchema(q: DateQuestion): JsonSchema {
  const schema: Record<string, unknown> = { type: 'string', format: 'date', pattern: CALENDAR_DATE_PATTERN };
  if (q.min !== undefined) schema['x-poet-date-min'] = q.min;
  if (q.max !== undefined) schema['x-poet-date-max'] = q.max;
  return schema;
}

/** A row is conditional when it is shown on fewer paths than its grid is asked on. */
function sameCondition(a: Condition, b: Condition): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function gridSchema(q: GridQuestion, scale: JsonSchema): JsonSchema {
  const rows: Record<string, JsonSchema> = {};
  for (const row of q.rows) rows[row.id] = scale;
  const schema: Record<string, unknown> = {
    type: 'object',
    properties: rows,
    additionalProperties: false,
    minProperties: 1,
  };
  if (q.required) {
    const always = q.rows.filter((r) => sameCondition(r.universe.condition, q.universe.condition)).map((r) => r.id);
    if (always.length > 0) schema['required'] = always;
  }
  return schema;
}

/**
 * The value schema of a question. `share(raw, build)` returns a `$ref` to a shared definition
 * (whose content `build` makes, default `raw`) or the schema itself.
 */
type Share = (raw: JsonSchema, build?: () => JsonSchema) => JsonSchema;

function valueSchema(q: CompiledQuestion, share: Share): JsonSchema {
  switch (q.kind) {
    case 'consent':
    case 'single':
    case 'multi':
      return share(choiceSchema(q as ChoiceQuestion));
    case 'text':
    case 'long_text':
      return share(textSchema((q as TextQuestion).maxLength));
    case 'number':
      return share(numberSchema(q as NumberQuestion));
    case 'date':
      return share(dateSchema(q as DateQuestion));
    case 'grid': {
      const grid = q as GridQuestion;
      const scale: JsonSchema = { enum: values(grid.scale) };
      return share(gridSchema(grid, scale), () => gridSchema(grid, share(scale)));
    }
  }
}

/** Shares schemas that occur more than once, under `$defs/<prefix>.N`. */
class Sharer {
  private readonly counts = new Map<string, number>();
  private readonly names = new Map<string, string>();
  constructor(
    private readonly prefix: string,
    private readonly defs: Record<string, JsonSchema>,
  ) {}
  /** Pass 1: counts a schema (and, for `build`, nothing else: its parts are counted separately). */
  readonly count: Share = (raw) => {
    if (typeof raw === 'object') {
      const key = JSON.stringify(raw);
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
    return raw;
  };
  /** Pass 2: a `$ref` to the shared definition when the schema was counted twice or more. */
  readonly share: Share = (raw, build) => {
    if (typeof raw !== 'object') return raw;
    const key = JSON.stringify(raw);
    if ((this.counts.get(key) ?? 0) < 2) return build === undefined ? raw : build();
    let name = this.names.get(key);
    if (name === undefined) {
      name = `${this.prefix}.${this.names.size}`;
      this.names.set(key, name);
      this.defs[name] = build === undefined ? raw : build();
    }
    return { $ref: `#/$defs/${name}` };
  };
}

/**
 * `key` must be absent. Written as `properties: {key: false}` so that the error is reported at
 * the key itself (instance path `/key`, keyword `false schema`), whichever function ajv puts
 * the rule in.
 */
function forbidden(key: string): Record<string, unknown> {
  return { type: 'object', properties: { [key]: false } };
}

interface Rule {
  readonly name: string;
  readonly description: string;
  readonly schema: Record<string, unknown>;
}

/**
 * The response schema of `survey`. Pure: the same survey always gives the same schema
 * (same key order), so it can be kept as a golden file.
 */
export function emitResponseSchema(survey: CompiledSurvey, options: EmitOptions = {}): ResponseSchema {
  const questions = survey.items.filter(isQuestion);
  const defs: Record<string, JsonSchema> = {};

  // Pass 1 counts value schemas and conditions, pass 2 emits with the shared ones as $refs.
  const valueDefs = new Sharer('value', defs);
  const conditions = new Sharer('cond', defs);
  const conditionOf = (condition: Condition) => conditionSchema(condition);
  for (const q of questions) {
    valueSchema(q, (raw) => {
      valueDefs.count(raw);
      if (q.kind === 'grid') valueDefs.count({ enum: q.scale.map((o) => o.value) });
      return raw;
    });
    if ((q.kind === 'single' || q.kind === 'multi') && q.pipedFrom === undefined && q.other !== undefined) {
      valueDefs.count(textSchema(q.other.maxLength));
    }
    conditions.count(conditionOf(q.universe.condition));
  }
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const rules: Rule[] = [];
  const shareValue = valueDefs.share;
  const cond = (condition: Condition): JsonSchema => conditions.share(conditionOf(condition));

  /** Required-when-asked and absent-when-not for one answer key. */
  const askedRule = (key: string, condition: Condition, isRequired: boolean, description: string) => {
    const when = conditionOf(condition);
    if (when === true) {
      if (isRequired) required.push(key);
      return;
    }
    const name = defName.asked(key);
    if (when === false) {
      rules.push({ name, description, schema: forbidden(key) });
      return;
    }
    const schema: Record<string, unknown> = { if: cond(condition) };
    if (isRequired) schema['then'] = answeredWith(key);
    schema['else'] = forbidden(key);
    rules.push({ name, description, schema });
  };

  for (const q of questions) {
    properties[q.id] = valueSchema(q, shareValue);
    askedRule(q.id, q.universe.condition, q.required, `${q.id}: ${q.universe.text}`);

    if ((q.kind === 'single' || q.kind === 'multi') && q.pipedFrom === undefined && q.other !== undefined) {
      const other = q.other;
      properties[other.key] = shareValue(textSchema(other.maxLength));
      askedRule(other.key, other.universe.condition, true, `${other.key}: ${other.universe.text}`);
    }

    if (q.kind === 'single' && q.pipedFrom !== undefined) {
      const source = q.pipedFrom;
      // One if/then per option that can be piped: not ticked in the source, so not the answer.
      // (The error is reported at the piped question: instance path `/<id>`, keyword `not`.)
      const each = q.options.map((o) => ({
        if: { not: answeredWith(source, { type: 'array', contains: { const: o.value } }) },
        then: { type: 'object', properties: { [q.id]: { not: { const: o.value } } } },
      }));
      if (each.length > 0) {
        rules.push({
          name: defName.pipe(q.id),
          description: `${q.id}: the answer must be one of the options ticked in ${source}`,
          schema: each.length === 1 ? each[0]! : { allOf: each },
        });
      }
    }

    if (q.kind === 'grid') {
      for (const row of q.rows) {
        if (sameCondition(row.universe.condition, q.universe.condition)) continue;
        const hidden = { type: 'object', properties: { [q.id]: { type: 'object', properties: { [row.id]: false } } } };
        const when = conditionOf(row.universe.condition);
        const name = defName.row(q.id, row.id);
        const description = `${q.id}.${row.id}: ${row.universe.text}`;
        if (when === true) continue;
        if (when === false) {
          rules.push({ name, description, schema: hidden });
          continue;
        }
        const schema: Record<string, unknown> = { if: cond(row.universe.condition) };
        if (q.required) {
          // Only when the grid is answered at all: a missing grid is reported once, by its own rule.
          schema['then'] = {
            type: 'object',
            properties: { [q.id]: { type: 'object', required: [row.id], properties: { [row.id]: true } } },
          };
        }
        schema['else'] = hidden;
        rules.push({ name, description, schema });
      }
    }
  }

  // A check's condition is written out in full (never a shared `$ref`), so ajv inlines the
  // check's definition and its errors keep the schema path `#/$defs/check.<question>.<n>/...`.
  survey.checks.forEach((check, index) => {
    const when = conditionOf(check.condition);
    if (when === true) return;
    const names = [...new Set(check.questions)];
    rules.push({
      name: defName.check(check.question, index),
      description: `${check.question}: ${check.message}`,
      schema: {
        if: { type: 'object', required: names, properties: Object.fromEntries(names.map((n) => [n, true])) },
        then: when === false ? false : when,
      },
    });
  });

  for (const rule of rules) defs[rule.name] = { description: rule.description, ...rule.schema };
  const chunks: JsonSchema[] = [];
  for (let start = 0; start < rules.length; start += RULES_PER_CHUNK) {
    const name = `rules.${chunks.length}`;
    defs[name] = { allOf: rules.slice(start, start + RULES_PER_CHUNK).map((r) => ({ $ref: `#/$defs/${r.name}` })) };
    chunks.push({ $ref: `#/$defs/${name}` });
  }

  const idBase = options.idBase ?? 'https://poetkit.dev/schemas/';
  const schema: Record<string, unknown> = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${idBase}${survey.id}/${survey.version}/response.schema.json`,
    title: `Response to ${survey.title}`,
    description:
      `The answers of one respondent to the survey '${survey.id}' version ${survey.version}, keyed by question id. ` +
      'Generated by poetkit; see docs/response-schema.md.',
    type: 'object',
    properties,
    additionalProperties: false,
  };
  if (required.length > 0) schema['required'] = required;
  if (chunks.length > 0) schema['allOf'] = chunks;
  schema['$defs'] = defs;
  return schema as unknown as ResponseSchema;
}
