/**
 * Progress saved on the device: one localStorage entry per survey id and version, holding the
 * answers so far, the page reached and the response id. A copy saved by an older version of
 * the survey is migrated, never trusted: answers to keys the current survey does not have are
 * dropped (and counted, so the respondent can be told), and the old entry is removed.
 */
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import type { Answers } from './answers.js';

const FORMAT = 'poetkit-progress';
/**
 * The `page` saved for the check-answers and end pages. Page ids are snake_case identifiers,
 * so these (with a colon) never clash with one.
 */
export const CHECK_PAGE = ':check';
export const END_PAGE = ':end';
const CHECK_AND_END = [CHECK_PAGE, END_PAGE];
const PREFIX = 'poetkit:';

export interface SavedProgress {
  readonly answers: Answers;
  /** Where the respondent was: a page id, or the check-answers or end page. */
  readonly page?: string;
  /** The response id, so a reload and a retry keep sending the same response. */
  readonly responseId?: string;
}

export interface RestoredProgress extends SavedProgress {
  /** Set when the copy came from another version of the survey. */
  readonly fromVersion?: string;
  /** Answer keys dropped because the survey no longer has them. */
  readonly dropped: readonly string[];
}

interface StoredRecord {
  readonly format: typeof FORMAT;
  readonly survey: string;
  readonly version: string;
  readonly answers: Answers;
  readonly page?: string;
  readonly responseId?: string;
}

/** The default key: survey id and version. */
export function storageKey(survey: CompiledSurvey): string {
  return `${PREFIX}${survey.id}:${survey.version}`;
}

/** localStorage, or undefined where it is blocked (private modes, sandboxed frames, cookies off). */
function store(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Every answer key the survey can have: question ids and `<id>_other` keys. */
export function answerKeys(survey: CompiledSurvey): Set<string> {
  const keys = new Set<string>();
  for (const item of survey.items) {
    if (item.kind === 'info') continue;
    keys.add(item.id);
    if ((item.kind === 'single' || item.kind === 'multi' || item.kind === 'consent') && item.other !== undefined) keys.add(item.other.key);
  }
  return keys;
}

function parseRecord(text: string | null): StoredRecord | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Partial<StoredRecord>;
    if (record.format !== FORMAT || typeof record.survey !== 'string' || typeof record.version !== 'string') return undefined;
    if (typeof record.answers !== 'object' || record.answers === null || Array.isArray(record.answers)) return undefined;
    return record as StoredRecord;
  } catch {
    return undefined;
  }
}

/**
 * The saved progress for `survey` under `key`, or from an older version's default key. Returns
 * undefined when nothing usable is saved (a damaged entry is ignored, not thrown).
 */
export function loadProgress(survey: CompiledSurvey, key: string): RestoredProgress | undefined {
  const storage = store();
  if (storage === undefined) return undefined;
  let record = parseRecord(storage.getItem(key));
  let oldKey: string | undefined;
  if (record === undefined) {
    // Another version of the same survey, saved under its own default key.
    const prefix = `${PREFIX}${survey.id}:`;
    for (let i = 0; i < storage.length; i++) {
      const candidate = storage.key(i);
      if (candidate === null || !candidate.startsWith(prefix) || candidate === key) continue;
      const found = parseRecord(storage.getItem(candidate));
      if (found !== undefined && found.survey === survey.id) {
        record = found;
        oldKey = candidate;
        break;
      }
    }
  }
  if (record === undefined || record.survey !== survey.id) return undefined;
  const keys = answerKeys(survey);
  const answers: Answers = {};
  const dropped: string[] = [];
  for (const [k, v] of Object.entries(record.answers)) {
    if (keys.has(k)) answers[k] = v;
    else dropped.push(k);
  }
  if (oldKey !== undefined) storage.removeItem(oldKey);
  const pageExists = record.page !== undefined && (CHECK_AND_END.includes(record.page) || survey.pages.some((p) => p.id === record.page));
  return {
    answers,
    dropped,
    ...(pageExists && record.page !== undefined ? { page: record.page } : {}),
    ...(typeof record.responseId === 'string' ? { responseId: record.responseId } : {}),
    ...(record.version !== survey.version ? { fromVersion: record.version } : {}),
  };
}

/** Saves progress; returns false when the device refuses (storage full or blocked). */
export function saveProgress(survey: CompiledSurvey, key: string, progress: SavedProgress): boolean {
  const storage = store();
  if (storage === undefined) return false;
  const record: StoredRecord = {
    format: FORMAT,
    survey: survey.id,
    version: survey.version,
    answers: progress.answers,
    ...(progress.page !== undefined ? { page: progress.page } : {}),
    ...(progress.responseId !== undefined ? { responseId: progress.responseId } : {}),
  };
  try {
    storage.setItem(key, JSON.stringify(record));
    return true;
  } catch {
    return false;
  }
}

export function clearProgress(key: string): void {
  try {
    store()?.removeItem(key);
  } catch {
    // Nothing saved can be removed where storage is blocked.
  }
}
