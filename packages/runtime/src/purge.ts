/**
 * Purge: the answers that routing no longer asks, after a respondent goes back and changes an
 * earlier answer. A form calls it after each change and tells the respondent what went.
 */
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import type { Answers } from './evaluate.js';
import { route, type RoutedOptions } from './route.js';

export interface PurgedAnswer {
  /** The answer key: a question id or `<id>_other`. */
  readonly key: string;
  /** For a grid row that is no longer shown: the row id (`value` is that row's answer). */
  readonly row?: string;
  readonly value: unknown;
}

export interface PurgeResult {
  /** The answers kept (a new object; `answers` is not changed). */
  readonly answers: Record<string, unknown>;
  /** What was removed, in survey order. */
  readonly purged: readonly PurgedAnswer[];
}

function own(answers: Answers, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(answers, key);
}

/**
 * Removes answers that routing no longer asks: answers to questions not asked, `_other` texts
 * whose option is not chosen (or whose question is not asked), answers to grid rows not shown,
 * and a piped answer that is no longer offered. After the consent gate's refusal everything
 * but the consent answer goes. Keys that are no answer key of the survey are kept (the
 * validator rejects them); answers that are asked but invalid are kept (the form shows the error).
 */
export function purge(survey: CompiledSurvey, answers: Answers, options: RoutedOptions = {}): PurgeResult {
  const r = options.route ?? route(survey, answers, options);
  const kept: Record<string, unknown> = { ...answers };
  const purged: PurgedAnswer[] = [];
  const drop = (key: string) => {
    if (!own(kept, key)) return;
    purged.push({ key, value: kept[key] });
    delete kept[key];
  };

  if (r.ended !== undefined && !r.ended.keepAnswers) {
    for (const key of Object.keys(answers)) if (key !== r.ended.after) drop(key);
    return { answers: kept, purged };
  }

  const asked = new Map(r.asked.map((a) => [a.id, a]));
  for (const item of survey.items) {
    if (item.kind === 'info') continue;
    const a = asked.get(item.id);
    if (a === undefined) {
      drop(item.id);
      if ((item.kind === 'single' || item.kind === 'multi' || item.kind === 'consent') && item.other !== undefined) drop(item.other.key);
      continue;
    }
    if ((item.kind === 'single' || item.kind === 'multi' || item.kind === 'consent') && item.other !== undefined && a.otherKey === undefined) {
      drop(item.other.key);
    }
    if (a.options !== undefined && own(kept, item.id)) {
      const value = kept[item.id];
      if (typeof value === 'string' && !a.options.some((o) => o.value === value)) drop(item.id);
    }
    if (item.kind === 'grid' && a.rows !== undefined && own(kept, item.id)) {
      const value = kept[item.id];
      if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
      const rows = value as Record<string, unknown>;
      const hidden = Object.keys(rows).filter((row) => item.rows.some((r) => r.id === row) && !a.rows!.includes(row));
      if (hidden.length === 0) continue;
      const rest = { ...rows };
      for (const row of hidden) {
        purged.push({ key: item.id, row, value: rows[row] });
        delete rest[row];
      }
      if (Object.keys(rest).length === 0) delete kept[item.id];
      else kept[item.id] = rest;
    }
  }
  return { answers: kept, purged };
}
