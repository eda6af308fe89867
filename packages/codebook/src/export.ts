/**
 * Exporting responses one at a time: each is checked (an envelope of this survey and version,
 * valid by the compiled response schema) and either coded into a data.csv record or turned
 * into a rejects.jsonl line with its reasons. Nothing is kept between responses, so memory
 * stays flat however many there are; the caller streams input and output.
 *
 * Speed (issue 6: 100,000 responses in ≤ 2 s): a response is routed once. That route both
 * codes it and, for ordinary data, proves it valid (the runtime's `provesValid`), so the
 * compiled schema's validator — which evaluates all the routing again — runs only for
 * responses the route cannot prove valid. It stays the authority: a response is rejected only
 * when it says so, and its messages are the reasons in rejects.jsonl.
 */
import type { ResponseError, ResponseValidator } from '@poetkit/compiler/validator';
import { isCalendarDate, provabilityProblem, provesSlotRouteValid, provesValid, route, routeSlots, slotRoutingPlan, type Route, type SlotRoutingPlan } from '@poetkit/runtime';
import { createCoder, type CodedValue, type Coder } from './coding.js';
import { csvField, csvRecord, oneLine, textField } from './csv.js';
import { LineScanner } from './line-scanner.js';
import { FIXED_COLUMNS } from './names.js';
import type { Codebook } from './variables.js';

/** One line of rejects.jsonl. */
export interface Reject {
  /** Line of the input (for a JSON array: position in the array). */
  readonly line: number;
  /** The response's `id`, when it has one. */
  readonly id: string | null;
  readonly errors: readonly ResponseError[];
}

export type ExportOutcome = { readonly kind: 'row'; readonly record: string } | { readonly kind: 'reject'; readonly reject: Reject; readonly record: string };

/** A valid response, coded. */
export interface CodedResponse {
  readonly kind: 'values';
  readonly id: string;
  readonly submitted: string;
  /** The export variables' values, in codebook order. */
  readonly values: readonly CodedValue[];
}

/** A response that passed every check, ready to be coded. */
interface CheckedResponse {
  readonly kind: 'checked';
  /** The response's id and submitted date as given (the columns hold them on one line: {@link oneLine}). */
  readonly id: string;
  readonly submitted: string;
  /** The route of its answers on that date: what codes it. */
  readonly route: Route;
}

const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})(?:$|T)/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

export class ResponseExporter {
  private readonly coder: Coder;
  private validator: ResponseValidator | undefined;
  private readonly makeValidator: () => ResponseValidator;
  /** The survey_version column's field, the same on every record. */
  private readonly version: string;
  /** The fast path of {@link lineRecord}, when this survey can take it. */
  private readonly scanner: LineScanner | undefined;
  private readonly slotPlan: SlotRoutingPlan;
  /** The last `submitted` {@link lineRecord} read that is a calendar date, its date and its field. */
  private lastSubmitted: string | undefined;
  private lastToday = '';
  private lastSubmittedField = '';
  exported = 0;
  rejected = 0;

  /**
   * `validator` checks the responses the route cannot prove valid. Pass a function to make it
   * only when first needed: compiling the schema costs a few hundred milliseconds, and data
   * without a reject never needs it.
   */
  constructor(
    readonly codebook: Codebook,
    validator: ResponseValidator | (() => ResponseValidator),
  ) {
    if (typeof validator === 'function') this.makeValidator = validator;
    else {
      this.validator = validator;
      this.makeValidator = () => validator;
    }
    this.coder = createCoder(codebook);
    this.version = csvField(codebook.survey.version);
    const survey = codebook.survey;
    this.slotPlan = slotRoutingPlan(survey);
    // Responses to a survey the route never proves valid, or whose answer keys do not each have
    // a slot, are all read the general way.
    const fast = provabilityProblem(survey) === undefined && this.slotPlan.distinct;
    this.scanner = fast ? new LineScanner(this.slotPlan.slots, this.slotPlan.answerKeys, survey.id, survey.version) : undefined;
  }

  /**
   * The data.csv record of the line `bytes[start..end)` of JSON Lines (UTF-8, without its line
   * end) when it is an ordinary valid response, read and proved valid without decoding it
   * (see line-scanner.ts): the record {@link response} gives for the parsed line, counted as
   * exported. `undefined` for any other line, which is then left to {@link response} (or to
   * {@link unparsable}): nothing is counted.
   */
  lineRecord(bytes: Buffer, start: number, end: number): string | undefined {
    const scanner = this.scanner;
    if (scanner === undefined || !scanner.scan(bytes, start, end)) return undefined;
    const { id, submitted, answers } = scanner.envelope;
    // Responses of one export mostly share a few submission dates: the last one's checks are kept.
    if (submitted !== this.lastSubmitted) {
      const match = DATE_PREFIX.exec(submitted);
      if (match === null || !isCalendarDate(match[1]!)) return undefined;
      this.lastSubmitted = submitted;
      this.lastToday = match[1]!;
      this.lastSubmittedField = textField(submitted);
    }
    const today = this.lastToday;
    const given = scanner.given;
    const routed = routeSlots(this.slotPlan, given, today);
    if (!provesSlotRouteValid(this.slotPlan, routed, given, answers, submitted, today)) return undefined;
    const fields = this.coder.fieldsOfSlotRoute(routed);
    if (fields === undefined) return undefined;
    this.exported++;
    return `${textField(id)},${this.version},${this.lastSubmittedField}${fields}\r\n`;
  }

  /** The data.csv header record. */
  header(): string {
    return csvRecord([...FIXED_COLUMNS, ...this.codebook.variables.map((v) => v.name)]);
  }

  /** A line that is not JSON. */
  unparsable(line: number, message: string): ExportOutcome {
    return this.reject({ line, id: null, errors: [{ question: null, path: '', message }] });
  }

  /** One parsed response: its data.csv record, or its reject line. */
  response(line: number, value: unknown): ExportOutcome {
    const checked = this.checked(line, value);
    if (checked.kind === 'reject') return checked;
    // The fixed columns, then the variables' fields straight from the coder (no values array).
    const record = `${textField(checked.id)},${this.version},${textField(checked.submitted)}${this.coder.fieldsOfRoute(checked.route)}\r\n`;
    return { kind: 'row', record };
  }

  /** One parsed response: its coded values (in codebook order), or its reject line. */
  coded(line: number, value: unknown): CodedResponse | (ExportOutcome & { readonly kind: 'reject' }) {
    const checked = this.checked(line, value);
    if (checked.kind === 'reject') return checked;
    return { kind: 'values', id: oneLine(checked.id), submitted: oneLine(checked.submitted), values: this.coder.codeRoute(checked.route) };
  }

  /** A valid response's parts (counted as exported), or its reject line. */
  private checked(line: number, value: unknown): CheckedResponse | (ExportOutcome & { readonly kind: 'reject' }) {
    const survey = this.codebook.survey;
    if (!isObject(value) || !isObject(own(value, 'answers'))) {
      return this.reject({
        line,
        id: null,
        errors: [
          {
            question: null,
            path: '',
            message: 'not a response envelope: export needs {"survey", "version", "id", "submitted", "answers": {...}} on each line',
          },
        ],
      });
    }
    const rawId = own(value, 'id');
    const id = typeof rawId === 'string' && rawId !== '' ? rawId : typeof rawId === 'number' ? String(rawId) : null;
    // (Made only for a response with something wrong with its envelope.)
    let errors: ResponseError[] | undefined;
    const envelope = (path: string, message: string) => (errors ??= []).push({ question: null, path, message });
    if (id === null) envelope('/id', "'id' is missing: every exported response needs an id (a non-empty string) for the response_id column");
    const surveyId = own(value, 'survey');
    if (surveyId !== survey.id) envelope('/survey', `the response is for survey ${JSON.stringify(surveyId ?? null)}, not ${JSON.stringify(survey.id)}`);
    const version = own(value, 'version');
    if (version !== survey.version) {
      envelope(
        '/version',
        `the response is for version ${JSON.stringify(version ?? null)} of ${survey.id}; this export is of version ${JSON.stringify(survey.version)}: export each version with its own survey`,
      );
    }
    const submitted = own(value, 'submitted');
    const match = typeof submitted === 'string' ? DATE_PREFIX.exec(submitted) : null;
    if (match === null) envelope('/submitted', "'submitted' must be a date in the form YYYY-MM-DD (or a date and time)");
    // As the validator checks it, here so that its reason joins the envelope's others.
    else if (!isCalendarDate(match[1]!)) envelope('/submitted', `'submitted' is not a date of the calendar: ${JSON.stringify(submitted)}`);
    if (errors !== undefined) return this.reject({ line, id, errors });
    const today = match![1]!;
    const routed = route(survey, own(value, 'answers') as Record<string, unknown>, { today });
    if (!provesValid(survey, value, routed, today)) {
      this.validator ??= this.makeValidator();
      const result = this.validator.validateResponse(value);
      if (!result.valid) return this.reject({ line, id, errors: result.errors });
    }
    this.exported++;
    return { kind: 'checked', id: id!, submitted: submitted as string, route: routed };
  }

  private reject(reject: Reject): ExportOutcome & { readonly kind: 'reject' } {
    this.rejected++;
    return { kind: 'reject', reject, record: `${JSON.stringify(reject)}\n` };
  }
}
