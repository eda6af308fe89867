/**
 * Validating responses in Node: ajv (draft 2020-12, strict mode) with poetkit's keywords and
 * formats, and ajv's errors turned into plain-English messages tied to a question.
 *
 * ```ts
 * const validator = createResponseValidator(survey);
 * validator.validateResponse({ answers: { consent: 'no' }, submitted: '2015-03-01' });
 * // → { valid: true, errors: [] }
 * ```
 */
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import type {
  ChoiceQuestion,
  CompiledQuestion,
  CompiledSurvey,
  DateQuestion,
  GridQuestion,
  NumberQuestion,
  TextQuestion,
} from '../compiled/types.js';
import { defName, emitResponseSchema, type ResponseSchema } from './emit.js';
import { TODAY_CONTEXT_PROPERTY, poetKeywords } from './keywords.js';

const addFormats = ajvFormats.default;

/** One problem with a response. */
export interface ResponseError {
  /** The question the problem is about, or `null` (an unknown key, an answers value that is not an object). */
  readonly question: string | null;
  /** JSON pointer into the answers object: `/child_age`, `/ehc_ease/get_info`, `` for the whole. */
  readonly path: string;
  /** Plain English, for the person who gave or collects the answers. */
  readonly message: string;
}

export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly ResponseError[];
}

/**
 * A new ajv (draft 2020-12) that compiles poetkit's response schemas: strict mode, every error
 * (`allErrors`), own properties only, the validation context passed down (`today`), the
 * `date` format and poetkit's keywords. `options` override those defaults.
 */
export function createPoetAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, passContext: true, ownProperties: true, ...options });
  addFormats(ajv, { formats: ['date'], keywords: false });
  for (const keyword of poetKeywords) ajv.addKeyword(keyword);
  return ajv;
}

/** Today's local date, `YYYY-MM-DD`. */
export function localDate(date: Date = new Date()): string {
  return `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export interface ResponseValidatorOptions {
  /** The submission date used for `today` when a response gives none (default: today's local date). */
  readonly today?: string;
  /** An ajv made by {@link createPoetAjv} (for its logger, or to share compiled schemas). */
  readonly ajv?: Ajv2020;
  /** The schema, if already emitted (default: {@link emitResponseSchema} of the survey). */
  readonly schema?: ResponseSchema;
}

export interface ValidateOptions {
  /** The submission date, `YYYY-MM-DD`: what `today` means for this response. */
  readonly today?: string;
}

export interface ResponseValidator {
  readonly survey: CompiledSurvey;
  readonly schema: ResponseSchema;
  /** Validates an answers object. */
  validate(answers: unknown, options?: ValidateOptions): ValidationResult;
  /**
   * Validates a response: an answers object, or an envelope `{"answers": {...}, "submitted":
   * "2015-03-01", ...}` whose `submitted` date (or date and time) is the date for `today`.
   */
  validateResponse(response: unknown, options?: ValidateOptions): ValidationResult;
}

/** From this many answer keys, {@link createResponseValidator} compiles without ajv's code optimiser. */
export const LARGE_SURVEY_KEYS = 1000;

const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})(?:$|T)/;
const VALID: ValidationResult = Object.freeze({ valid: true, errors: Object.freeze([]) as readonly ResponseError[] });

/** `1 September 2011` */
function longDate(date: string): string {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${Number(date.slice(8, 10))} ${months[Number(date.slice(5, 7)) - 1] ?? '?'} ${date.slice(0, 4)}`;
}

function amount(n: number): string {
  return n.toLocaleString('en-GB', { maximumFractionDigits: 20 });
}

function pointer(...segments: string[]): string {
  return segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function segments(path: string): string[] {
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(object: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

function quoted(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
}

interface CheckInfo {
  readonly question: string;
  readonly message: string;
  /** For a check that compares two questions: `left op right`, as the `x-poet-compare` error's params. */
  readonly compare?: string;
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

function numberMessage(q: NumberQuestion): string {
  const kind = q.whole ? 'a whole number' : 'a number';
  if (q.min !== undefined && q.max !== undefined) return `Enter ${kind} from ${amount(q.min)} to ${amount(q.max)}`;
  if (q.min !== undefined) return `Enter ${kind} of ${amount(q.min)} or more`;
  if (q.max !== undefined) return `Enter ${kind} of ${amount(q.max)} or less`;
  return `Enter ${kind}`;
}

function otherLabel(q: ChoiceQuestion): string {
  return q.options.find((o) => o.specify)?.label ?? 'Other';
}

class Messages {
  readonly keys = new Map<string, { question: CompiledQuestion; other: boolean }>();
  readonly checks = new Map<string, CheckInfo>();
  readonly compares = new Map<string, CheckInfo>();
  readonly order = new Map<string, number>();

  constructor(survey: CompiledSurvey) {
    survey.items.forEach((item, index) => {
      if (item.kind === 'info') return;
      const q = item as CompiledQuestion;
      this.order.set(q.id, index);
      this.keys.set(q.id, { question: q, other: false });
      if ((q.kind === 'single' || q.kind === 'multi') && q.pipedFrom === undefined && q.other !== undefined) {
        this.keys.set(q.other.key, { question: q, other: true });
      }
    });
    survey.checks.forEach((check, index) => {
      const c = check.condition;
      const compare = c.op === 'compareQuestions' ? `${c.question} ${c.comparison} ${c.other}` : undefined;
      const info: CheckInfo = { question: check.question, message: check.message, ...(compare === undefined ? {} : { compare }) };
      this.checks.set(defName.check(check.question, index), info);
      if (compare !== undefined && !this.compares.has(compare)) this.compares.set(compare, info);
    });
  }

  /** The plain-English errors of one response, in question order, without repeats. */
  map(errors: readonly ErrorObject[], answers: unknown): ResponseError[] {
    const out: ResponseError[] = [];
    const seen = new Set<string>();
    const dateShapeBad = new Set<string>();
    for (const e of errors) {
      if (e.instancePath !== '' && (e.keyword === 'format' || e.keyword === 'pattern')) dateShapeBad.add(e.instancePath);
    }
    for (const e of errors) {
      if (e.keyword === 'if' || e.propertyName !== undefined) continue;
      if ((e.keyword === 'x-poet-date-min' || e.keyword === 'x-poet-date-max') && dateShapeBad.has(e.instancePath)) continue;
      const error = this.one(e, answers);
      if (error === undefined) continue;
      const key = `${error.question}\u0000${error.path}\u0000${error.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(error);
    }
    const rank = (e: ResponseError) => (e.question === null ? -1 : (this.order.get(e.question) ?? Number.MAX_SAFE_INTEGER));
    return out
      .map((e, i) => ({ e, i }))
      .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
      .map(({ e }) => e);
  }

  private one(e: ErrorObject, answers: unknown): ResponseError | undefined {
    const check = this.checkOf(e);
    if (check !== undefined) return { question: check.question, path: pointer(check.question), message: check.message };
    const path = e.keyword === 'propertyNames' ? [String((e.params as { propertyName?: unknown }).propertyName)] : segments(e.instancePath);
    if (e.keyword === 'propertyNames') {
      // A rule's `propertyNames: {not: {pattern}}`: keys asked (or shown) on other paths only.
      const known = this.keys.get(path[0]!);
      if (known === undefined) return undefined;
      return this.notAsked(known, path[0]!);
    }
    if (path.length === 0) {
      if (e.keyword === 'additionalProperties') {
        const key = String((e.params as { additionalProperty?: unknown }).additionalProperty);
        return { question: null, path: pointer(key), message: `${quoted(key)} is not a question in this survey, so it must not be in the answers` };
      }
      if (e.keyword === 'required') {
        // Required at the top (always asked) or by a rule's `then` (asked on this path).
        const key = String((e.params as { missingProperty?: unknown }).missingProperty);
        const known = this.keys.get(key);
        if (known !== undefined) {
          const message = known.other ? `Enter a description for '${otherLabel(known.question as ChoiceQuestion)}'` : requiredMessage(known.question);
          return { question: known.question.id, path: pointer(key), message };
        }
      }
      if (e.keyword === 'type') return { question: null, path: '', message: 'The answers must be a JSON object, keyed by question id' };
      return { question: null, path: '', message: `The answers are not valid: ${e.message ?? e.keyword}` };
    }
    const key = path[0]!;
    const known = this.keys.get(key);
    if (known === undefined) return { question: null, path: e.instancePath, message: e.message ?? e.keyword };
    const q = known.question;
    if (e.keyword === 'false schema') {
      // A rule's `properties: {key: false}`: asked (or shown) on other paths only.
      if (path.length > 1) return { question: q.id, path: e.instancePath, message: 'This row was not shown on this path, so it must not be answered' };
      return this.notAsked(known, key);
    }
    const value = isObject(answers) ? own(answers, key) : undefined;
    const message = known.other
      ? this.textMessage(e, value, (q as ChoiceQuestion).other?.maxLength ?? 200)
      : this.valueMessage(q, e, value, path);
    return { question: q.id, path: e.instancePath, message };
  }

  /** `key` was answered but not asked. */
  private notAsked(known: { question: CompiledQuestion; other: boolean }, key: string): ResponseError {
    const message = known.other
      ? `You did not choose '${otherLabel(known.question as ChoiceQuestion)}', so leave its description (${key}) out`
      : 'This question was not asked on this path, so it must not be answered';
    return { question: known.question.id, path: pointer(key), message };
  }

  /** The check an error comes from, if it does. */
  private checkOf(e: ErrorObject): CheckInfo | undefined {
    const match = /^#\/\$defs\/(check\.[^/]+)/.exec(e.schemaPath);
    if (match !== null) return this.checks.get(match[1]!);
    if (e.keyword === 'x-poet-compare' && e.instancePath === '') {
      const p = e.params as { left?: string; op?: string; right?: string };
      return this.compares.get(`${p.left} ${p.op} ${p.right}`);
    }
    return undefined;
  }

  private textMessage(e: ErrorObject, value: unknown, maxLength: number): string {
    if (value === null) return 'An answer cannot be null: leave the question out instead';
    switch (e.keyword) {
      case 'maxLength':
        return `Answer must be ${amount(maxLength)} characters or fewer`;
      case 'pattern':
        return 'Enter an answer with at least one character that is not a space';
      default:
        return 'Enter the answer as text';
    }
  }

  private valueMessage(q: CompiledQuestion, e: ErrorObject, value: unknown, path: readonly string[]): string {
    if (value === null) return 'An answer cannot be null: leave the question out instead';
    switch (q.kind) {
      case 'consent':
      case 'single':
        if (e.keyword === 'not' && q.pipedFrom !== undefined) return `Select one of the options ticked in ${q.pipedFrom}`;
        return typeof value === 'string' ? `Select one of the options (${quoted(value)} is not one of them)` : 'Select one of the options';
      case 'multi': {
        if (path.length > 1) {
          const item = Array.isArray(value) ? value[Number(path[1])] : undefined;
          return typeof item === 'string' ? `Select only options from the list (${quoted(item)} is not one of them)` : 'Select only options from the list';
        }
        switch (e.keyword) {
          case 'minItems':
            return requiredMessage(q);
          case 'maxItems': {
            const exclusive = Array.isArray(value) ? q.options.find((o) => o.exclusive && value.includes(o.value)) : undefined;
            if (exclusive !== undefined && Array.isArray(value) && value.length > 1) {
              return `You ticked '${exclusive.label}', so untick the other options`;
            }
            return `Select no more than ${q.maxTicks ?? 1} options`;
          }
          case 'uniqueItems':
            return 'Tick each option only once';
          default:
            return 'Give the ticked options as a list, for example ["a", "b"]';
        }
      }
      case 'text':
      case 'long_text':
        return this.textMessage(e, value, (q as TextQuestion).maxLength);
      case 'number':
        return numberMessage(q as NumberQuestion);
      case 'date': {
        const d = q as DateQuestion;
        if (e.keyword === 'x-poet-date-min' && d.min !== undefined) {
          return d.min === 'today' ? 'Date must be today or in the future' : `Date must be on or after ${longDate(d.min)}`;
        }
        if (e.keyword === 'x-poet-date-max' && d.max !== undefined) {
          return d.max === 'today' ? 'Date must be today or in the past' : `Date must be on or before ${longDate(d.max)}`;
        }
        return 'Enter a real date in the form YYYY-MM-DD, for example 2015-03-27';
      }
      case 'grid': {
        const g = q as GridQuestion;
        const label = (id: string) => g.rows.find((r) => r.id === id)?.label ?? id;
        if (path.length > 1) {
          const row = path[1]!;
          const cell = isObject(value) ? own(value, row) : undefined;
          if (cell === null) return `An answer cannot be null: leave out the row '${label(row)}' instead`;
          return `Select one of the options for '${label(row)}'`;
        }
        switch (e.keyword) {
          case 'additionalProperties': {
            const row = String((e.params as { additionalProperty?: unknown }).additionalProperty);
            return `${quoted(row)} is not a row of this question`;
          }
          case 'required':
            return `Select an option for '${label(String((e.params as { missingProperty?: unknown }).missingProperty))}'`;
          case 'minProperties':
            return 'Answer at least one row';
          default:
            return 'Give the answers as an object of row ids and options, for example {"row": "option"}';
        }
      }
    }
  }
}

/** A validator for the responses to `survey`. Compiles the schema once; reuse it. */
export function createResponseValidator(survey: CompiledSurvey, options: ResponseValidatorOptions = {}): ResponseValidator {
  const schema = options.schema ?? emitResponseSchema(survey);
  // ajv's code optimiser halves compile time when turned off, for a few per cent of throughput:
  // worth it for large surveys, which `poet validate` compiles at start-up.
  const large = Object.keys(schema.properties).length >= LARGE_SURVEY_KEYS;
  const ajv = options.ajv ?? createPoetAjv(large ? { code: { optimize: false } } : {});
  const validateFn = ajv.compile(schema) as ValidateFunction;
  const messages = new Messages(survey);
  const defaultToday = options.today ?? localDate();
  const gridIds = new Set(survey.items.filter((i) => i.kind === 'grid').map((i) => i.id));

  function validate(answers: unknown, validateOptions: ValidateOptions = {}): ValidationResult {
    const context = { [TODAY_CONTEXT_PROPERTY]: validateOptions.today ?? defaultToday };
    if (validateFn.call(context, answers) === true) return VALID;
    return { valid: false, errors: messages.map(validateFn.errors ?? [], answers) };
  }

  function validateResponse(response: unknown, validateOptions: ValidateOptions = {}): ValidationResult {
    if (!isObject(response) || gridIds.has('answers') || !isObject(own(response, 'answers'))) {
      return validate(response, validateOptions);
    }
    const submitted = own(response, 'submitted');
    let today = validateOptions.today;
    if (submitted !== undefined) {
      const match = typeof submitted === 'string' ? DATE_PREFIX.exec(submitted) : null;
      if (match === null) {
        return {
          valid: false,
          errors: [{ question: null, path: '/submitted', message: "'submitted' must be a date in the form YYYY-MM-DD (or a date and time)" }],
        };
      }
      today = match[1]!;
    }
    return validate(own(response, 'answers'), today === undefined ? {} : { today });
  }

  return { survey, schema, validate, validateResponse };
}
