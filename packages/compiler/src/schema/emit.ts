/**
 * The response JSON Schema (draft 2020-12) of a compiled survey: enforces the response rules
 * V1–V12 of the poet reference (docs/response-schema.md describes the layout).
 *
 * Layout, shaped so that ajv compiles 5,000-question surveys in seconds and validates quickly:
 *
 * - `properties` holds one value schema per answer key (question id, `<id>_other`);
 *   `additionalProperties: false` rejects every other key (`__proto__`, `constructor`, ...).
 *   Value schemas used by more than one key live once in `$defs` (`value.N`; one that is more
 *   than an `enum` is `{allOf: [{$ref: value.N.body}]}`, so that ajv compiles it once).
 * - Required-when-asked and absent-when-not form a trie of universes (`universe.N`): every
 *   universe is split into its conjuncts, and keys whose universes share leading conjuncts
 *   share the nodes that test them. A node is `if` conjunct `then` (its keys required, its
 *   children) `else` (no key of its subtree), so each distinct condition is evaluated once
 *   per response, and a section not asked is rejected by one test.
 * - Other rules: `row.<grid>.<row>` (grid row shown), `pipe.<id>` (piped answer among those
 *   ticked), `check.<question>.<n>` (checks). Rules report at the key they are about
 *   (`required`, `properties: {key: false}`, `propertyNames` with the key as
 *   `params.propertyName`), so an error names its question whatever functions ajv makes.
 * - The root `allOf` references `rules.N` chunks (at most {@link RULE_WEIGHT_PER_CHUNK} of
 *   inlined rule code each), which reference the rules: ajv compiles each chunk as one
 *   function of bounded size (small enough for V8 to optimise) and nothing nests deeply.
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

/** A date `YYYY-MM-DD` that is a real calendar date (leap years included), as a regular expression. */
export const CALENDAR_DATE_PATTERN =
  '^(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))' +
  '|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$';

/** At least one character that is not white space. */
export const NOT_BLANK_PATTERN = '\\S';

/** The `$defs` names of rules: what the validator reads back from an error's schema path. */
export const defName = {
  row: (grid: string, row: string) => `row.${grid}.${row}`,
  pipe: (question: string) => `pipe.${question}`,
  check: (question: string, index: number) => `check.${question}.${index}`,
};

export interface EmitOptions {
  /** Where the schema is published: its `$id` becomes `<base><survey id>/<version>/response.schema.json`. Without it, `urn:poetkit:<survey id>:<version>:response-schema`. */
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
      const schema = build === undefined ? raw : build();
      if (typeof schema === 'object' && Object.keys(schema).some((k) => k !== 'enum')) {
        // ajv inlines a `$ref`'d definition that holds no `$ref`, once per use. The `allOf`
        // wrapper holds one, so ajv compiles the value once, as a function that every key calls.
        this.defs[name] = { allOf: [{ $ref: `#/$defs/${name}.body` }] };
        this.defs[`${name}.body`] = schema;
      } else this.defs[name] = schema;
    }
    return { $ref: `#/$defs/${name}` };
  };
}

/** Forbidding more keys than this in one rule uses `propertyNames` with a pattern instead of `properties`. */
const FORBID_BY_PROPERTIES = 24;

/** Escapes a string for a regular expression. */
function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * A regular expression source that matches exactly the given strings (anchored), factored as a
 * trie so that matching is linear in the length of the tested string.
 */
export function exactlyOnePattern(words: readonly string[]): string {
  const build = (list: readonly string[]): string => {
    const groups = new Map<string, string[]>();
    let empty = false;
    for (const w of list) {
      if (w === '') {
        empty = true;
        continue;
      }
      const first = String.fromCodePoint(w.codePointAt(0)!);
      const rest = groups.get(first) ?? [];
      rest.push(w.slice(first.length));
      groups.set(first, rest);
    }
    const branches = [...groups].map(([c, rest]) => escapeRegExp(c) + build(rest));
    if (branches.length === 0) return '';
    if (empty) return `(?:${branches.join('|')})?`;
    return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  };
  return `^${build([...new Set(words)].sort())}$`;
}

/**
 * The given keys must be absent. Written as `properties: {key: false}` (an error at the key
 * itself: instance path `/key`, keyword `false schema`), or, for many keys, as
 * `propertyNames: {not: {pattern}}` (an error with keyword `propertyNames` whose
 * `params.propertyName` is the key), so that a large section costs one loop over the answers.
 */
function forbidden(keys: readonly string[]): Record<string, unknown> {
  if (keys.length <= FORBID_BY_PROPERTIES) return { properties: Object.fromEntries(keys.map((k) => [k, false])) };
  return { propertyNames: { not: { pattern: exactlyOnePattern(keys) } } };
}

interface Rule {
  readonly name: string;
  readonly schema: Record<string, unknown>;
  /** Roughly how much code the rule makes when inlined (keys and conditions it handles). */
  readonly weight: number;
}

/**
 * One node of the universe trie: the keys asked exactly when the conjunction of the atoms on
 * the path from the root holds. Each atom is evaluated once per response (when its parent
 * holds); when it fails, every key below is forbidden at once.
 */
class UniverseNode {
  readonly children = new Map<string, UniverseNode>();
  readonly own: { key: string; required: boolean; text: string }[] = [];
  private keysBelow: string[] | undefined;
  constructor(readonly atom: JsonSchema | undefined) {}
  child(id: string, atom: JsonSchema): UniverseNode {
    let node = this.children.get(id);
    if (node === undefined) {
      node = new UniverseNode(atom);
      this.children.set(id, node);
    }
    return node;
  }
  /** Every key in this subtree. */
  keys(): string[] {
    if (this.keysBelow === undefined) {
      const keys = this.own.map((o) => o.key);
      for (const c of this.children.values()) keys.push(...c.keys());
      this.keysBelow = keys;
    }
    return this.keysBelow;
  }
}

/** A conjunct of a universe: its subschema and that subschema as JSON (its identity). */
interface Atom {
  readonly schema: JsonSchema;
  readonly id: string;
}

/**
 * The conjuncts of a condition (`and` flattened), or `false` when one is false. `cache` keeps
 * the atom of each condition object, as compiled surveys share a section's condition objects.
 */
function conjuncts(condition: Condition, cache: Map<Condition, Atom | boolean>, out: Atom[] = []): Atom[] | false {
  if (condition.op === 'and') {
    for (const arg of condition.args) if (conjuncts(arg, cache, out) === false) return false;
    return out;
  }
  let atom = cache.get(condition);
  if (atom === undefined) {
    const schema = conditionSchema(condition);
    atom = typeof schema === 'boolean' ? schema : { schema, id: JSON.stringify(schema) };
    cache.set(condition, atom);
  }
  if (atom === false) return false;
  if (atom !== true) out.push(atom);
  return out;
}

/** How much inlined rule code one function holds before rules are split into `rules.N` chunks. */
export const RULE_WEIGHT_PER_CHUNK = 128;

/**
 * The response schema of `survey`. Pure: the same survey always gives the same schema
 * (same key order), so it can be kept as a golden file.
 */
export function emitResponseSchema(survey: CompiledSurvey, options: EmitOptions = {}): ResponseSchema {
  const questions = survey.items.filter(isQuestion);
  const defs: Record<string, JsonSchema> = {};

  // Pass 1 counts value schemas, pass 2 emits with the shared ones as $refs.
  const valueDefs = new Sharer('value', defs);
  for (const q of questions) {
    valueSchema(q, (raw) => {
      valueDefs.count(raw);
      if (q.kind === 'grid') valueDefs.count({ enum: q.scale.map((o) => o.value) });
      return raw;
    });
    if ((q.kind === 'single' || q.kind === 'multi') && q.pipedFrom === undefined && q.other !== undefined) {
      valueDefs.count(textSchema(q.other.maxLength));
    }
  }
  const properties: Record<string, JsonSchema> = {};
  const shareValue = valueDefs.share;

  // Required-when-asked and absent-when-not: every answer key with its universe, as conjuncts.
  const asked: { key: string; required: boolean; text: string; atoms: Atom[] | false }[] = [];
  const atomCache = new Map<Condition, Atom | boolean>();
  const rules: Rule[] = [];

  for (const q of questions) {
    properties[q.id] = valueSchema(q, shareValue);
    asked.push({ key: q.id, required: q.required, text: q.universe.text, atoms: conjuncts(q.universe.condition, atomCache) });

    if ((q.kind === 'single' || q.kind === 'multi') && q.pipedFrom === undefined && q.other !== undefined) {
      const other = q.other;
      properties[other.key] = shareValue(textSchema(other.maxLength));
      asked.push({ key: other.key, required: true, text: other.universe.text, atoms: conjuncts(other.universe.condition, atomCache) });
    }

    if (q.kind === 'single' && q.pipedFrom !== undefined) {
      const source = q.pipedFrom;
      // One if/then per option that can be piped: not ticked in the source, so not the answer.
      // (The error is reported at the piped question: instance path `/<id>`, keyword `not`.)
      const each = q.options.map((o) => ({
        if: { not: answeredWith(source, { type: 'array', contains: { const: o.value } }) },
        then: { properties: { [q.id]: { not: { const: o.value } } } },
      }));
      if (each.length > 0) {
        rules.push({
          name: defName.pipe(q.id),
          weight: each.length,
          schema: {
            description: `${q.id}: the answer must be one of the options ticked in ${source}`,
            ...(each.length === 1 ? each[0]! : { allOf: each }),
          },
        });
      }
    }

    if (q.kind === 'grid') {
      for (const row of q.rows) {
        if (sameCondition(row.universe.condition, q.universe.condition)) continue;
        const hidden = { properties: { [q.id]: { type: 'object', properties: { [row.id]: false } } } };
        const when = conditionSchema(row.universe.condition);
        if (when === true) continue;
        const name = defName.row(q.id, row.id);
        const description = `${q.id}.${row.id}: ${row.universe.text}`;
        if (when === false) {
          rules.push({ name, weight: 1, schema: { description, ...hidden } });
          continue;
        }
        const schema: Record<string, unknown> = { description, if: when };
        if (q.required) {
          // Only when the grid is answered at all: a missing grid is reported once, by its own rule.
          schema['then'] = { properties: { [q.id]: { type: 'object', required: [row.id], properties: { [row.id]: true } } } };
        }
        schema['else'] = hidden;
        rules.push({ name, weight: 2, schema });
      }
    }
  }

  // The universe trie. Atoms are ordered by how many keys they concern (most first, then first
  // seen), so that keys sharing a section condition share its node.
  const atomIds = new Map<string, { id: number; count: number }>();
  const keyed = asked.map((a) => {
    if (a.atoms === false) return { ...a, ids: undefined };
    const ids: string[] = [];
    const schemas = new Map<string, JsonSchema>();
    for (const { id, schema } of a.atoms) {
      if (schemas.has(id)) continue;
      ids.push(id);
      schemas.set(id, schema);
      const known = atomIds.get(id);
      if (known === undefined) atomIds.set(id, { id: atomIds.size, count: 1 });
      else known.count++;
    }
    return { ...a, ids, schemas };
  });
  const root = new UniverseNode(undefined);
  const never: string[] = [];
  for (const a of keyed) {
    if (a.ids === undefined) {
      never.push(a.key);
      continue;
    }
    const order = a.ids
      .map((key) => ({ key, ...atomIds.get(key)! }))
      .sort((x, y) => y.count - x.count || x.id - y.id);
    let node = root;
    for (const { key } of order) node = node.child(key, a.schemas!.get(key)!);
    node.own.push({ key: a.key, required: a.required, text: a.text });
  }

  let universes = 0;
  let chunkCount = 0;
  /** `allOf` of the rules: inline when light, else `$ref`s to `rules.N` chunks of `$ref`s to the rules. */
  const ruleList = (list: readonly Rule[], inline: boolean): { parts: JsonSchema[]; weight: number } => {
    const total = list.reduce((sum, r) => sum + r.weight, 0);
    if (total <= RULE_WEIGHT_PER_CHUNK && inline) return { parts: list.map((r) => r.schema), weight: total };
    const parts: JsonSchema[] = [];
    let chunk: Rule[] = [];
    let weight = 0;
    const flush = () => {
      if (chunk.length === 0) return;
      const name = `rules.${chunkCount++}`;
      for (const r of chunk) defs[r.name] = asDef(r.schema);
      defs[name] = { allOf: chunk.map((r) => ({ $ref: `#/$defs/${r.name}` })) };
      parts.push({ $ref: `#/$defs/${name}` });
      chunk = [];
      weight = 0;
    };
    for (const r of list) {
      if (weight + r.weight > RULE_WEIGHT_PER_CHUNK) flush();
      chunk.push(r);
      weight += r.weight;
    }
    flush();
    return { parts, weight: parts.length };
  };

  /** A rule as a definition of its own: with `type` (ajv's strict mode wants it where the rule is compiled on its own). */
  const asDef = (schema: Record<string, unknown>): Record<string, unknown> => {
    const { description, ...rest } = schema;
    return description === undefined ? { type: 'object', ...rest } : { description, type: 'object', ...rest };
  };

  /** A node as a rule: `if` its atom `then` its required keys and its children `else` none of its keys. */
  const nodeRule = (node: UniverseNode): Rule => {
    const name = `universe.${universes++}`;
    const children = [...node.children.values()].map(nodeRule);
    const { parts, weight } = ruleList(children, true);
    const then: Record<string, unknown> = {};
    const required = node.own.filter((o) => o.required).map((o) => o.key);
    if (required.length > 0) {
      // (`properties` beside `required`: ajv's strict mode wants required keys defined.)
      then['required'] = required;
      then['properties'] = Object.fromEntries(required.map((k) => [k, true]));
    }
    if (parts.length === 1 && required.length === 0) Object.assign(then, parts[0]);
    else if (parts.length > 0) then['allOf'] = parts;
    const keys = node.keys();
    const schema: Record<string, unknown> = {};
    if (node.own.length > 0) {
      const texts = [...new Set(node.own.map((o) => o.text))];
      schema['description'] = `${node.own.map((o) => o.key).join(', ')}: ${texts.join(' / ')}`;
    }
    schema['if'] = node.atom!;
    if (Object.keys(then).length > 0) schema['then'] = then;
    schema['else'] = forbidden(keys);
    return { name, schema, weight: 1 + weight + node.own.length + Math.min(keys.length, FORBID_BY_PROPERTIES) };
  };

  const top: Rule[] = [...root.children.values()].map(nodeRule);
  if (never.length > 0) top.push({ name: 'never', weight: Math.min(never.length, FORBID_BY_PROPERTIES), schema: { description: 'Never asked', ...forbidden(never) } });
  top.push(...rules);
  const required = root.own.filter((o) => o.required).map((o) => o.key);

  // A check's condition is written out in full (never a shared `$ref`), so ajv inlines the
  // check's definition and its errors keep the schema path `#/$defs/check.<question>.<n>/...`.
  survey.checks.forEach((check, index) => {
    const when = conditionSchema(check.condition);
    if (when === true) return;
    const names = [...new Set(check.questions)];
    top.push({
      name: defName.check(check.question, index),
      weight: 2,
      schema: {
        description: `${check.question}: ${check.message}`,
        if: { required: names, properties: Object.fromEntries(names.map((n) => [n, true])) },
        then: when === false ? false : when,
      },
    });
  });
  const chunks = ruleList(top, false).parts;

  // Without a base address where the schema is published, the identifier is a URN: a URL
  // here would name a host that does not serve it.
  const id =
    options.idBase === undefined
      ? `urn:poetkit:${survey.id}:${survey.version}:response-schema`
      : `${options.idBase}${survey.id}/${survey.version}/response.schema.json`;
  const schema: Record<string, unknown> = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: id,
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
