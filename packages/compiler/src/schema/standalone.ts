/**
 * The standalone response validator: an ES module, generated at build time, that validates a
 * survey's responses with no `eval`, no `new Function` and no imports, so that it runs in a
 * browser under `Content-Security-Policy: script-src 'self'` as well as in Node.
 *
 * It is ajv's standalone code for the response schema (the same ajv options and keywords as
 * {@link createPoetAjv}, strict), with ajv's few runtime helpers written into the module, plus
 * the message table and the `mapErrors` function of `./messages.js`: the very code the Node
 * validator uses, so both give the same `{question, path, message}` errors.
 *
 * ```js
 * import { validate } from './parent_ehc.validator.js';
 * validate({ consent: 'no' }, { today: '2015-03-01' }); // → { valid: true, errors: [] }
 * ```
 */
import type { Options } from 'ajv';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import type { CompiledSurvey } from '../compiled/types.js';
import { CALENDAR_DATE_PATTERN, emitResponseSchema, type ResponseSchema } from './emit.js';
import { TODAY_CONTEXT_PROPERTY } from './keywords.js';
import { mapErrors, messageTable } from './messages.js';
import { LARGE_SURVEY_KEYS, createPoetAjv } from './validator.js';

const standaloneCode = standaloneCodeModule.default;

export interface StandaloneOptions {
  /** The schema, if already emitted (default: {@link emitResponseSchema} of the survey). */
  readonly schema?: ResponseSchema;
}

/**
 * ajv's runtime helpers that its standalone code `require`s, as self-contained JavaScript. The
 * key is the exact `require(...)` expression ajv writes; the value names the helper defined in
 * {@link HELPER_SOURCE}.
 */
const HELPERS: ReadonlyArray<readonly [string, string]> = [
  ['require("ajv/dist/runtime/ucs2length").default', 'poet$ucs2length'],
  ['require("ajv/dist/runtime/equal").default', 'poet$equal'],
  ['require("ajv-formats/dist/formats").fullFormats.date', 'poet$formatDate'],
];

/**
 * The helpers: string length in code points (ajv's `ucs2length`), deep equality of JSON values
 * (ajv's `equal`, for `uniqueItems`), and ajv-formats' `date` format (a real calendar date;
 * ajv calls `.validate` on a format object with a `compare`).
 */
const HELPER_SOURCE = `function poet$ucs2length(str) {
  const len = str.length;
  let length = 0;
  let pos = 0;
  while (pos < len) {
    length++;
    const value = str.charCodeAt(pos++);
    if (value >= 0xd800 && value <= 0xdbff && pos < len) {
      const next = str.charCodeAt(pos);
      if ((next & 0xfc00) === 0xdc00) pos++;
    }
  }
  return length;
}
function poet$equal(a, b) {
  if (a === b) return true;
  if (a && b && typeof a == "object" && typeof b == "object") {
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!poet$equal(a[i], b[i])) return false;
      return true;
    }
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) if (!Object.prototype.hasOwnProperty.call(b, key) || !poet$equal(a[key], b[key])) return false;
    return true;
  }
  return a !== a && b !== b;
}
const poet$formatDate = {
  validate(str) {
    const m = /^(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)$/.exec(str);
    if (!m) return false;
    const year = +m[1], month = +m[2], day = +m[3];
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const days = [0, 31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return month >= 1 && month <= 12 && day >= 1 && day <= days[month];
  },
  compare(d1, d2) {
    return d1 === d2 ? 0 : d1 > d2 ? 1 : -1;
  },
};
`;

/** `export const validate = validateN;export default validateN;` as ajv writes it with `esm: true`. */
const AJV_EXPORTS = /^"use strict";export const validate = (validate\d+);export default \1;/;

/** The ajv standalone code for `schema`, made self-contained; its validate function is `poet$ajvValidate`. */
function ajvModuleBody(schema: ResponseSchema): string {
  const large = Object.keys(schema.properties).length >= LARGE_SURVEY_KEYS;
  const options: Options = { code: { source: true, esm: true, ...(large ? { optimize: false } : {}) } };
  const ajv = createPoetAjv(options);
  const validateFn = ajv.compile(schema);
  let code = standaloneCode(ajv, validateFn);
  const exports = AJV_EXPORTS.exec(code);
  if (exports === null) throw new Error('emitStandaloneValidator: unexpected start of ajv standalone code');
  code = `const poet$ajvValidate = ${exports[1]};\n${code.slice(exports[0].length)}`;
  for (const [expression, helper] of HELPERS) code = code.split(expression).join(helper);
  // ajv writes `require(...)` for a runtime helper: one not in HELPERS would leave the module unable to run.
  const unresolved = /.{0,60}\brequire\s*\(.{0,60}/.exec(code);
  if (unresolved !== null) {
    const found = unresolved[0];
    throw new Error(`emitStandaloneValidator: ajv's code needs something the module cannot hold: ${found}`);
  }
  return code;
}

/** A JSON value as a JavaScript expression (`JSON.parse` of a string: safe for keys such as `__proto__`). */
function jsonExpression(value: unknown): string {
  return `JSON.parse(${JSON.stringify(JSON.stringify(value))})`;
}

/**
 * The ES module source of a validator for `survey`'s responses. It exports
 * `validate(answers, {today})` and `validateResponse(response, {today})`, each returning
 * `{valid, errors: [{question, path, message}]}` as the Node validator
 * (`createResponseValidator`) does, and `survey` (`{id, version}`). It imports nothing and
 * never evaluates strings as code.
 */
export function emitStandaloneValidator(survey: CompiledSurvey, options: StandaloneOptions = {}): string {
  const schema = options.schema ?? emitResponseSchema(survey);
  const table = messageTable(survey);
  const gridIds = survey.items.filter((i) => i.kind === 'grid').map((i) => i.id);
  const header =
    `// The response validator of the survey '${survey.id}' version ${survey.version}, generated by poetkit\n` +
    '// (docs/response-schema.md, "The standalone validator"). Do not edit: run `poet compile` again.\n' +
    '// An ES module with no imports that never turns strings into code, so it runs under a strict CSP.\n';
  return `${header}
${HELPER_SOURCE}
${ajvModuleBody(schema)}

/** Every message this survey's validator gives (@poetkit/compiler, messageTable). */
const poet$messages = ${jsonExpression(table)};

/** The mapping of ajv's errors to messages (@poetkit/compiler, mapErrors). */
const poet$mapErrors = ${mapErrors.toString()};

const poet$gridIds = ${jsonExpression(gridIds)};
/** A real day of the calendar (2016-02-30 is not). */
const poet$calendarDate = new RegExp(${jsonExpression(CALENDAR_DATE_PATTERN)});

function poet$localDate() {
  const d = new Date();
  return String(d.getFullYear()).padStart(4, "0") + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
}

function poet$isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function poet$own(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** The survey this validator is for. */
export const survey = Object.freeze({ id: ${JSON.stringify(survey.id)}, version: ${JSON.stringify(survey.version)} });

/**
 * Validates an answers object (question id → answer). \`options.today\` ("YYYY-MM-DD") is the
 * submission date, what \`today\` means in date limits (default: today's local date).
 * Returns {valid, errors: [{question, path, message}]}.
 */
export function validate(answers, options) {
  const today = options && typeof options.today === "string" ? options.today : poet$localDate();
  if (poet$ajvValidate.call({ ${TODAY_CONTEXT_PROPERTY}: today }, answers) === true) return { valid: true, errors: [] };
  return { valid: false, errors: poet$mapErrors(poet$messages, poet$ajvValidate.errors || [], answers) };
}

/**
 * Validates a response: an answers object, or an envelope {"answers": {...}, "submitted":
 * "2015-03-01", ...} whose \`submitted\` date (or date and time) is the date for \`today\`.
 */
export function validateResponse(response, options) {
  if (!poet$isObject(response) || poet$gridIds.includes("answers") || !poet$isObject(poet$own(response, "answers"))) {
    return validate(response, options);
  }
  const submitted = poet$own(response, "submitted");
  let today = options && typeof options.today === "string" ? options.today : undefined;
  if (submitted !== undefined) {
    const match = typeof submitted === "string" ? /^(\\d{4}-\\d{2}-\\d{2})(?:$|T)/.exec(submitted) : null;
    if (match === null) {
      return {
        valid: false,
        errors: [{ question: null, path: "/submitted", message: "'submitted' must be a date in the form YYYY-MM-DD (or a date and time)" }],
      };
    }
    if (!poet$calendarDate.test(match[1])) {
      return { valid: false, errors: [{ question: null, path: "/submitted", message: "'submitted' is not a date of the calendar: " + JSON.stringify(submitted) }] };
    }
    today = match[1];
  }
  return validate(poet$own(response, "answers"), today === undefined ? undefined : { today });
}

export default validate;
`;
}
