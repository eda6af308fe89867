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
import type { Options, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import type { CompiledSurvey } from '../compiled/types.js';
import { CALENDAR_DATE_PATTERN, emitResponseSchema, type ResponseSchema } from './emit.js';
import { TODAY_CONTEXT_PROPERTY, poetKeywords } from './keywords.js';
import { mapErrors, messageTable, type ResponseError } from './messages.js';

const addFormats = ajvFormats.default;

export type { ResponseError } from './messages.js';

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
const CALENDAR_DATE = new RegExp(CALENDAR_DATE_PATTERN);
const VALID: ValidationResult = Object.freeze({ valid: true, errors: Object.freeze([]) as readonly ResponseError[] });

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(object: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** A validator for the responses to `survey`. Compiles the schema once; reuse it. */
export function createResponseValidator(survey: CompiledSurvey, options: ResponseValidatorOptions = {}): ResponseValidator {
  const schema = options.schema ?? emitResponseSchema(survey);
  // ajv's code optimiser halves compile time when turned off, for a few per cent of throughput:
  // worth it for large surveys, which `poet validate` compiles at start-up.
  const large = Object.keys(schema.properties).length >= LARGE_SURVEY_KEYS;
  const ajv = options.ajv ?? createPoetAjv(large ? { code: { optimize: false } } : {});
  const validateFn = ajv.compile(schema) as ValidateFunction;
  const table = messageTable(survey);
  const defaultToday = options.today ?? localDate();
  const gridIds = new Set(survey.items.filter((i) => i.kind === 'grid').map((i) => i.id));

  function validate(answers: unknown, validateOptions: ValidateOptions = {}): ValidationResult {
    const context = { [TODAY_CONTEXT_PROPERTY]: validateOptions.today ?? defaultToday };
    if (validateFn.call(context, answers) === true) return VALID;
    return { valid: false, errors: mapErrors(table, validateFn.errors ?? [], answers) };
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
      // A day that does not exist (2016-02-30, 2015-02-29) would be `today` for date limits, and a date column no analyst's tool reads.
      if (!CALENDAR_DATE.test(match[1]!)) {
        return { valid: false, errors: [{ question: null, path: '/submitted', message: `'submitted' is not a date of the calendar: ${JSON.stringify(submitted)}` }] };
      }
      today = match[1]!;
    }
    return validate(own(response, 'answers'), today === undefined ? {} : { today });
  }

  return { survey, schema, validate, validateResponse };
}
