/**
 * The one message catalogue of poetkit's response validators: how ajv's errors become
 * `{question, path, message}` in plain English (GOV.UK wording), for the Node validator
 * (`./validator.js`) and the standalone validator (`./standalone.js`) alike.
 *
 * It is data-driven: {@link messageTable} turns a compiled survey into a JSON table of every
 * message the survey can produce, and {@link mapErrors} (which reads only that table, the
 * errors and the answers) picks the messages for one response. `mapErrors` uses nothing
 * outside its own body, so the standalone validator embeds its source text
 * (`mapErrors.toString()`) beside the table: both validators run the same code on the same data.
 */
import type { ChoiceQuestion, CompiledQuestion, CompiledSurvey, NumberQuestion } from '../compiled/types.js';
import { defName } from './emit.js';

/** One problem with a response. */
export interface ResponseError {
  /** The question the problem is about, or `null` (an unknown key, an answers value that is not an object). */
  readonly question: string | null;
  /** JSON pointer into the answers object: `/child_age`, `/ehc_ease/get_info`, `` for the whole. */
  readonly path: string;
  /** Plain English, for the person who gave or collects the answers. */
  readonly message: string;
}

/** The messages of one answer key (a question id or an `<id>_other` key). */
export interface KeyMessages {
  /** The question the key belongs to. */
  readonly question: string;
  /** The question's kind, or `other` for an `<id>_other` description. */
  readonly kind: CompiledQuestion['kind'] | 'other';
  /** When the key is required and missing (also a multi with too few ticks). */
  readonly required: string;
  /** When the key is answered but was not asked. */
  readonly notAsked: string;
  /** text, long_text, other: the answer is too long. */
  readonly tooLong?: string;
  /** number: any problem with the value. */
  readonly number?: string;
  /** single (piped): the answer was not ticked in the source question. */
  readonly piped?: string;
  /** multi: too many ticks. */
  readonly tooMany?: string;
  /** multi: the exclusive options, in option order, as [value, message when ticked with others]. */
  readonly exclusive?: readonly (readonly [string, string])[];
  /** date: before the minimum / after the maximum. */
  readonly dateMin?: string;
  readonly dateMax?: string;
  /** grid: the rows as [id, label]. */
  readonly rows?: readonly (readonly [string, string])[];
}

/** A check's question and message. */
export interface CheckMessage {
  readonly question: string;
  readonly message: string;
}

/** Every message a survey's validator can give: plain JSON. */
export interface MessageTable {
  /** Answer key → its messages. */
  readonly keys: { readonly [key: string]: KeyMessages };
  /** Question id → position in the survey (errors are sorted by it). */
  readonly order: { readonly [question: string]: number };
  /** `check.<question>.<n>` (the `$defs` name) → the check. */
  readonly checks: { readonly [name: string]: CheckMessage };
  /** `left op right` → the first check comparing those questions that way. */
  readonly compares: { readonly [comparison: string]: CheckMessage };
}

/** The fields of an ajv error that the mapping reads (ajv's `ErrorObject`). */
export interface AjvErrorLike {
  readonly keyword: string;
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly params: Record<string, unknown>;
  readonly propertyName?: string;
  readonly message?: string;
}

function amount(n: number): string {
  return n.toLocaleString('en-GB', { maximumFractionDigits: 20 });
}

/** `1 September 2011` */
function longDate(date: string): string {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${Number(date.slice(8, 10))} ${months[Number(date.slice(5, 7)) - 1] ?? '?'} ${date.slice(0, 4)}`;
}

function numberMessage(q: NumberQuestion): string {
  const kind = q.whole ? 'a whole number' : 'a number';
  if (q.min !== undefined && q.max !== undefined) return `Enter ${kind} from ${amount(q.min)} to ${amount(q.max)}`;
  if (q.min !== undefined) return `Enter ${kind} of ${amount(q.min)} or more`;
  if (q.max !== undefined) return `Enter ${kind} of ${amount(q.max)} or less`;
  return `Enter ${kind}`;
}

/** What a question needs when it is required and missing. */
function requiredMessage(q: CompiledQuestion): string {
  switch (q.kind) {
    case 'consent':
    case 'single':
      return 'Select an option';
    case 'multi':
      return (q.minTicks ?? 1) > 1 ? `Select at least ${q.minTicks} options` : 'Select at least one option';
    case 'text':
    case 'long_text':
      return 'Enter an answer';
    case 'number':
      return numberMessage(q);
    case 'date':
      return 'Enter a date';
    case 'grid':
      return 'Select an option for every row';
  }
}

function otherLabel(q: ChoiceQuestion): string {
  return q.options.find((o) => o.specify)?.label ?? 'Other';
}

const NOT_ASKED = 'This question was not asked on this path, so it must not be answered';

function tooLong(maxLength: number): string {
  return `Answer must be ${amount(maxLength)} characters or fewer`;
}

function questionMessages(q: CompiledQuestion): KeyMessages {
  const base = { question: q.id, kind: q.kind, required: requiredMessage(q), notAsked: NOT_ASKED };
  switch (q.kind) {
    case 'consent':
    case 'single':
      return q.pipedFrom === undefined ? base : { ...base, piped: `Select one of the options ticked in ${q.pipedFrom}` };
    case 'multi': {
      const exclusive = q.options.filter((o) => o.exclusive).map((o) => [o.value, `You ticked '${o.label}', so untick the other options`] as const);
      return { ...base, tooMany: `Select no more than ${q.maxTicks ?? 1} options`, ...(exclusive.length > 0 ? { exclusive } : {}) };
    }
    case 'text':
    case 'long_text':
      return { ...base, tooLong: tooLong(q.maxLength) };
    case 'number':
      return { ...base, number: numberMessage(q) };
    case 'date': {
      const out: { -readonly [K in keyof KeyMessages]: KeyMessages[K] } = { ...base };
      if (q.min !== undefined) out.dateMin = q.min === 'today' ? 'Date must be today or in the future' : `Date must be on or after ${longDate(q.min)}`;
      if (q.max !== undefined) out.dateMax = q.max === 'today' ? 'Date must be today or in the past' : `Date must be on or before ${longDate(q.max)}`;
      return out;
    }
    case 'grid':
      return { ...base, rows: q.rows.map((r) => [r.id, r.label] as const) };
  }
}

/** The message table of `survey`: plain JSON, the same for the same survey. */
export function messageTable(survey: CompiledSurvey): MessageTable {
  const keys = new Map<string, KeyMessages>();
  const order = new Map<string, number>();
  survey.items.forEach((item, index) => {
    if (item.kind === 'info') return;
    const q = item as CompiledQuestion;
    order.set(q.id, index);
    keys.set(q.id, questionMessages(q));
    if ((q.kind === 'single' || q.kind === 'multi') && q.pipedFrom === undefined && q.other !== undefined) {
      const label = otherLabel(q);
      keys.set(q.other.key, {
        question: q.id,
        kind: 'other',
        required: `Enter a description for '${label}'`,
        notAsked: `You did not choose '${label}', so leave its description (${q.other.key}) out`,
        tooLong: tooLong(q.other.maxLength ?? 200),
      });
    }
  });
  const checks = new Map<string, CheckMessage>();
  const compares = new Map<string, CheckMessage>();
  survey.checks.forEach((check, index) => {
    const c = check.condition;
    const info: CheckMessage = { question: check.question, message: check.message };
    checks.set(defName.check(check.question, index), info);
    if (c.op === 'compareQuestions') {
      const compare = `${c.question} ${c.comparison} ${c.other}`;
      if (!compares.has(compare)) compares.set(compare, info);
    }
  });
  // Object.fromEntries makes own properties even for keys such as `__proto__`.
  return {
    keys: Object.fromEntries(keys),
    order: Object.fromEntries(order),
    checks: Object.fromEntries(checks),
    compares: Object.fromEntries(compares),
  };
}

/**
 * The plain-English errors of one response, in question order, without repeats: ajv's
 * `errors` for `answers`, read with `table`.
 *
 * Self-contained on purpose (no reference to anything outside its body, plain ES2022 after
 * type erasure): the standalone validator embeds `mapErrors.toString()`.
 */
export function mapErrors(table: MessageTable, errors: readonly AjvErrorLike[], answers: unknown): ResponseError[] {
  const has = (object: unknown, key: string): boolean =>
    typeof object === 'object' && object !== null && Object.prototype.hasOwnProperty.call(object, key);
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  const own = (object: Record<string, unknown>, key: string): unknown => (has(object, key) ? object[key] : undefined);
  const pointer = (...segments: string[]): string => segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  const split = (path: string): string[] =>
    path === ''
      ? []
      : path
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const quoted = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value)));
  const keyOf = (key: string): KeyMessages | undefined => (has(table.keys, key) ? table.keys[key] : undefined);
  const NULL_ANSWER = 'An answer cannot be null: leave the question out instead';

  const checkOf = (e: AjvErrorLike): CheckMessage | undefined => {
    const match = /^#\/\$defs\/(check\.[^/]+)/.exec(e.schemaPath);
    if (match !== null) return has(table.checks, match[1]!) ? table.checks[match[1]!] : undefined;
    if (e.keyword === 'x-poet-compare' && e.instancePath === '') {
      const p = e.params as { left?: string; op?: string; right?: string };
      const compare = `${p.left} ${p.op} ${p.right}`;
      return has(table.compares, compare) ? table.compares[compare] : undefined;
    }
    return undefined;
  };

  const textMessage = (k: KeyMessages, e: AjvErrorLike, value: unknown): string => {
    if (value === null) return NULL_ANSWER;
    switch (e.keyword) {
      case 'maxLength':
        return k.tooLong ?? 'Answer is too long';
      case 'pattern':
        return 'Enter an answer with at least one character that is not a space';
      default:
        return 'Enter the answer as text';
    }
  };

  const valueMessage = (k: KeyMessages, e: AjvErrorLike, value: unknown, path: readonly string[]): string => {
    if (value === null) return NULL_ANSWER;
    switch (k.kind) {
      case 'consent':
      case 'single':
        if (e.keyword === 'not' && k.piped !== undefined) return k.piped;
        return typeof value === 'string' ? `Select one of the options (${quoted(value)} is not one of them)` : 'Select one of the options';
      case 'multi': {
        if (path.length > 1) {
          const item = Array.isArray(value) ? value[Number(path[1])] : undefined;
          return typeof item === 'string' ? `Select only options from the list (${quoted(item)} is not one of them)` : 'Select only options from the list';
        }
        switch (e.keyword) {
          case 'minItems':
            return k.required;
          case 'maxItems': {
            const exclusive = Array.isArray(value) ? (k.exclusive ?? []).find(([v]) => value.includes(v)) : undefined;
            if (exclusive !== undefined && Array.isArray(value) && value.length > 1) return exclusive[1];
            return k.tooMany ?? 'Select fewer options';
          }
          case 'uniqueItems':
            return 'Tick each option only once';
          default:
            return 'Give the ticked options as a list, for example ["a", "b"]';
        }
      }
      case 'text':
      case 'long_text':
      case 'other':
        return textMessage(k, e, value);
      case 'number':
        return k.number ?? 'Enter a number';
      case 'date':
        if (e.keyword === 'x-poet-date-min' && k.dateMin !== undefined) return k.dateMin;
        if (e.keyword === 'x-poet-date-max' && k.dateMax !== undefined) return k.dateMax;
        return 'Enter a real date in the form YYYY-MM-DD, for example 2015-03-27';
      case 'grid': {
        const label = (id: string): string => (k.rows ?? []).find(([r]) => r === id)?.[1] ?? id;
        if (path.length > 1) {
          const row = path[1]!;
          const cell = isObject(value) ? own(value, row) : undefined;
          if (cell === null) return `An answer cannot be null: leave out the row '${label(row)}' instead`;
          return `Select one of the options for '${label(row)}'`;
        }
        switch (e.keyword) {
          case 'additionalProperties':
            return `${quoted(String(e.params['additionalProperty']))} is not a row of this question`;
          case 'required':
            return `Select an option for '${label(String(e.params['missingProperty']))}'`;
          case 'minProperties':
            return 'Answer at least one row';
          default:
            return 'Give the answers as an object of row ids and options, for example {"row": "option"}';
        }
      }
    }
  };

  const one = (e: AjvErrorLike): ResponseError | undefined => {
    const check = checkOf(e);
    if (check !== undefined) return { question: check.question, path: pointer(check.question), message: check.message };
    if (e.keyword === 'propertyNames') {
      // A rule's `propertyNames: {not: {pattern}}`: keys asked (or shown) on other paths only.
      const key = String(e.params['propertyName']);
      const k = keyOf(key);
      return k === undefined ? undefined : { question: k.question, path: pointer(key), message: k.notAsked };
    }
    const path = split(e.instancePath);
    if (path.length === 0) {
      if (e.keyword === 'additionalProperties') {
        const key = String(e.params['additionalProperty']);
        return { question: null, path: pointer(key), message: `${quoted(key)} is not a question in this survey, so it must not be in the answers` };
      }
      if (e.keyword === 'required') {
        // Required at the top (always asked) or by a rule's `then` (asked on this path).
        const key = String(e.params['missingProperty']);
        const k = keyOf(key);
        if (k !== undefined) return { question: k.question, path: pointer(key), message: k.required };
      }
      if (e.keyword === 'type') return { question: null, path: '', message: 'The answers must be a JSON object, keyed by question id' };
      return { question: null, path: '', message: `The answers are not valid: ${e.message ?? e.keyword}` };
    }
    const key = path[0]!;
    const k = keyOf(key);
    if (k === undefined) return { question: null, path: e.instancePath, message: e.message ?? e.keyword };
    if (e.keyword === 'false schema') {
      // A rule's `properties: {key: false}`: asked (or shown) on other paths only.
      if (path.length > 1) return { question: k.question, path: e.instancePath, message: 'This row was not shown on this path, so it must not be answered' };
      return { question: k.question, path: pointer(key), message: k.notAsked };
    }
    const value = isObject(answers) ? own(answers, key) : undefined;
    return { question: k.question, path: e.instancePath, message: valueMessage(k, e, value, path) };
  };

  const out: ResponseError[] = [];
  const seen = new Set<string>();
  const dateShapeBad = new Set<string>();
  for (const e of errors) {
    if (e.instancePath !== '' && (e.keyword === 'format' || e.keyword === 'pattern')) dateShapeBad.add(e.instancePath);
  }
  for (const e of errors) {
    if (e.keyword === 'if' || e.propertyName !== undefined) continue;
    if ((e.keyword === 'x-poet-date-min' || e.keyword === 'x-poet-date-max') && dateShapeBad.has(e.instancePath)) continue;
    const error = one(e);
    if (error === undefined) continue;
    const id = `${error.question}\u0000${error.path}\u0000${error.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(error);
  }
  const rank = (e: ResponseError): number =>
    e.question === null ? -1 : has(table.order, e.question) ? table.order[e.question]! : Number.MAX_SAFE_INTEGER;
  return out
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}
