/**
 * Problems, in words for the respondent or the web team: whether a file is a compiled survey
 * this form can read, and the validator's errors placed on fields (`ShownError`).
 */
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import { rowKey } from './render/questions.js';
import { plainText } from './plain-text.js';
import type { ValidationError } from './validator.js';

export interface ShownError {
  readonly key: string;
  readonly question: string | null;
  readonly message: string;
  /** What the error-summary link says: the question (and grid row) it is about, then the message. */
  readonly summary: string;
}

const FORMAT_VERSION = 1;

/** Checks the parts of a compiled survey the form relies on; the message says what is wrong. */
export function surveyProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'it is not a JSON object';
  const s = value as Partial<CompiledSurvey>;
  if (s.format !== 'poetkit-survey') return 'it is not a compiled poetkit survey (its "format" is not "poetkit-survey")';
  if (s.formatVersion !== FORMAT_VERSION) {
    return `it has compiled-format version ${String(s.formatVersion)}, but this form reads version ${FORMAT_VERSION}; compile it with the poetkit version that matches this poet-elements.js`;
  }
  if (typeof s.id !== 'string' || !Array.isArray(s.items) || !Array.isArray(s.pages) || !Array.isArray(s.endRules)) {
    return 'it lacks id, items, pages or endRules';
  }
  return undefined;
}

/**
 * An error as shown: the validator's message beside the field, and in the error summary the
 * question it is about too, since several fields can share a message ("Enter an answer").
 */
export function shownError(survey: CompiledSurvey, error: ValidationError): ShownError {
  const key = errorKey(survey, error);
  const item = error.question === null ? undefined : survey.items.find((i) => i.id === error.question);
  if (item === undefined) return { key, question: error.question, message: error.message, summary: error.message };
  let about = `${item.number !== undefined ? `${item.number}. ` : ''}${plainText(item.text)}`;
  const row = key.includes('/') && item.kind === 'grid' ? item.rows.find((r) => r.id === key.slice(key.indexOf('/') + 1)) : undefined;
  if (row !== undefined) about += ` – ${row.label}`;
  if ('other' in item && item.other?.key === key) about += ' – please describe';
  return { key, question: error.question, message: error.message, summary: `${about}: ${error.message}` };
}

/** The answer key and grid row an error path (`/q`, `/q_other`, `/grid/row`) is about. */
function errorKey(survey: CompiledSurvey, error: ValidationError): string {
  const segments = error.path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const [key = error.question ?? '', sub] = segments;
  const item = survey.items.find((i) => i.id === key);
  if (item?.kind === 'grid' && sub !== undefined && item.rows.some((r) => r.id === sub)) return rowKey(key, sub);
  return key;
}
