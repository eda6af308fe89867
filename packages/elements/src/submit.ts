/**
 * The response envelope and its delivery: `{survey, version, id, submitted, answers}` POSTed as
 * JSON to the `action` URL. A failure is returned as a sentence for the respondent, never thrown,
 * so the form keeps every answer and can offer Retry with the same envelope (same id).
 */
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import type { Answers } from './answers.js';

export interface ResponseEnvelope {
  readonly survey: string;
  readonly version: string;
  /** A UUID made once per response: a retry or a reload sends the same id. */
  readonly id: string;
  /** When the respondent sent it: local date and time with its UTC offset, `2026-11-23T14:05:09+00:00`. */
  readonly submitted: string;
  readonly answers: Answers;
}

/** A random (version 4) UUID; `crypto.randomUUID` only exists on secure (https) pages. */
export function newResponseId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * Local date and time with offset. The date part is the respondent's own date, which is what
 * `today` means in the survey's date limits (the validator reads it from `submitted`).
 */
export function localTimestamp(date: Date = new Date()): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

export function makeEnvelope(survey: CompiledSurvey, id: string, answers: Answers, submitted = localTimestamp()): ResponseEnvelope {
  return { survey: survey.id, version: survey.version, id, submitted, answers };
}

export type PostResult = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly message: string };

/** POSTs the envelope as JSON. Any status outside 200–299, or no answer at all, is a failure. */
export async function postEnvelope(action: string, envelope: ResponseEnvelope): Promise<PostResult> {
  let response: Response;
  try {
    response = await fetch(action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(envelope),
      credentials: 'same-origin',
    });
  } catch {
    return {
      ok: false,
      message: 'Your answers could not be sent because the connection failed. Check you are online, then try again.',
    };
  }
  if (response.ok) return { ok: true, status: response.status };
  return {
    ok: false,
    message: `Your answers could not be sent: the server replied with an error (${response.status}${response.statusText ? ` ${response.statusText}` : ''}). Try again in a few minutes.`,
  };
}
