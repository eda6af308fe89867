/**
 * `POST /responses` on the example site and in a preview: the response envelope
 * `{survey, version, id, submitted, answers}` that `<poet-survey>` posts, checked with the
 * compiler's Node validator (the same rules as `poet validate`), and kept when valid.
 */
import { appendFile, mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompiledSurvey } from '@poetkit/compiler';
import type { ResponseError, ResponseValidator } from '@poetkit/compiler/validator';
import type { JsonReply } from './http.js';

/** The envelope's keys; any other is refused, so that a typo is not silently stored. */
const ENVELOPE_KEYS = ['survey', 'version', 'id', 'submitted', 'answers'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A valid envelope, as received. */
export interface Envelope {
  readonly survey: string;
  readonly version: string;
  readonly id: string;
  readonly submitted: string;
  readonly answers: Record<string, unknown>;
}

/**
 * Where valid responses go: appended to `<survey id>.jsonl` in a folder (one file per survey,
 * so that `poet validate SURVEY FILE` reads it as it is), or handed to a function (a preview
 * prints them).
 */
export type ResponseSink = { readonly folder: string } | { readonly report: (envelope: Envelope, line: string) => void };

/** The file that holds the responses to `surveyId` in a sink's folder. */
export function responsesFile(folder: string, surveyId: string): string {
  return join(folder, `${surveyId}.jsonl`);
}

function fail(errors: readonly ResponseError[]): JsonReply {
  return { status: 422, body: { saved: false, errors } };
}

function envelopeError(path: string, message: string): JsonReply {
  return fail([{ question: null, path, message }]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks response envelopes against the surveys of a site and keeps the valid ones. */
export class ResponseInbox {
  readonly #validators = new Map<string, ResponseValidator>();
  readonly #surveys = new Map<string, CompiledSurvey>();
  readonly #sink: ResponseSink;
  readonly #onSaved: (envelope: Envelope) => void;
  /** Ids already kept: `<poet-survey>`'s Retry resends the same id, which must not be stored twice. */
  readonly #seen = new Set<string>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(surveys: readonly CompiledSurvey[], sink: ResponseSink, onSaved: (envelope: Envelope) => void = () => undefined) {
    for (const s of surveys) this.#surveys.set(s.id, s);
    this.#sink = sink;
    this.#onSaved = onSaved;
  }

  /** Reads the ids already in the folder, so that a restarted server still recognises a resent response. */
  async loadSeen(): Promise<void> {
    if (!('folder' in this.#sink)) return;
    let names: string[];
    try {
      names = await readdir(this.#sink.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of names.filter((n) => n.endsWith('.jsonl'))) this.#remember(await readFile(join(this.#sink.folder, name), 'utf8'));
  }

  #remember(text: string): void {
    for (const line of text.split('\n')) {
      try {
        const value: unknown = JSON.parse(line);
        if (isObject(value) && typeof value['id'] === 'string') this.#seen.add(value['id']);
      } catch {
        // A line written by hand or cut short: not ours to judge here; `poet validate` reports it.
      }
    }
  }

  /** The survey's validator, compiled on first use (ajv loads, and compiles a survey, in tens of milliseconds). */
  async #validator(survey: CompiledSurvey): Promise<ResponseValidator> {
    let validator = this.#validators.get(survey.id);
    if (validator === undefined) {
      const { createResponseValidator } = await import('@poetkit/compiler/validator');
      validator = createResponseValidator(survey);
      // (Not kept if the surveys were replaced meanwhile: it is the old survey's.)
      if (this.#surveys.get(survey.id) === survey) this.#validators.set(survey.id, validator);
    }
    return validator;
  }

  /** Replaces the surveys (a preview recompiled its file). */
  setSurveys(surveys: readonly CompiledSurvey[]): void {
    this.#surveys.clear();
    for (const s of surveys) this.#surveys.set(s.id, s);
    this.#validators.clear();
  }

  /** Checks one posted body: 201 when kept, 200 when that id was kept before, 422 with the errors otherwise. */
  async receive(body: unknown): Promise<JsonReply> {
    if (!isObject(body)) return envelopeError('', 'the body must be a response envelope: {"survey", "version", "id", "submitted", "answers"}');
    const extra = Object.keys(body).filter((key) => !(ENVELOPE_KEYS as readonly string[]).includes(key));
    if (extra.length > 0) {
      return envelopeError(`/${extra[0]!}`, `unexpected key '${extra[0]!}' in the envelope; it holds only ${ENVELOPE_KEYS.join(', ')}`);
    }
    const surveyId = body['survey'];
    if (this.#surveys.size === 0) return envelopeError('/survey', 'this server has no survey to take responses to just now (its file does not compile)');
    const known = [...this.#surveys.keys()].join(', ');
    if (typeof surveyId !== 'string') return envelopeError('/survey', `'survey' must be the survey's id (one of ${known})`);
    const survey = this.#surveys.get(surveyId);
    if (survey === undefined) return envelopeError('/survey', `unknown survey '${surveyId}'; this server takes responses to ${known}`);
    const version = body['version'];
    if (version !== survey.version) {
      return envelopeError(
        '/version',
        `'version' is ${JSON.stringify(version)}, but ${survey.id} is now version ${survey.version}: the page holds an older copy of the survey; reload it`,
      );
    }
    const id = body['id'];
    if (typeof id !== 'string' || !UUID.test(id)) return envelopeError('/id', "'id' must be a UUID, made once per response (crypto.randomUUID())");
    if (body['submitted'] === undefined) return envelopeError('/submitted', "'submitted' is missing: the date (and time) the response was submitted");
    if (body['answers'] === undefined) return envelopeError('/answers', "'answers' is missing: the object of answers by question id");
    const result = (await this.#validator(survey)).validateResponse(body);
    if (!result.valid) return fail(result.errors);
    const envelope = body as unknown as Envelope;
    // One at a time, so that two posts of the same id cannot both be appended.
    const kept = this.#queue.then(() => this.#keep(envelope));
    this.#queue = kept.catch(() => undefined);
    return kept;
  }

  async #keep(envelope: Envelope): Promise<JsonReply> {
    if (this.#seen.has(envelope.id)) return { status: 200, body: { saved: true, id: envelope.id, duplicate: true } };
    const line = JSON.stringify(envelope);
    if ('folder' in this.#sink) {
      await mkdir(this.#sink.folder, { recursive: true });
      await appendFile(responsesFile(this.#sink.folder, envelope.survey), `${line}\n`, 'utf8');
    }
    else this.#sink.report(envelope, line);
    this.#seen.add(envelope.id);
    this.#onSaved(envelope);
    return { status: 201, body: { saved: true, id: envelope.id } };
  }
}
