/** Progress on the current path. */
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import type { Answers } from './evaluate.js';
import { route, type RoutedOptions } from './route.js';

export interface Progress {
  /** Required questions asked on the path that have a usable answer (a required grid: every shown row). */
  readonly answered: number;
  /** Required questions asked on the path. `answered / expected` is the share done. */
  readonly expected: number;
}

/**
 * Progress on the current path. Only required questions count, so `answered <= expected`.
 * The path is the one the answers so far give: questions whose route depends on a question
 * not yet answered are not yet counted (a form shows "so far" progress).
 */
export function progress(survey: CompiledSurvey, answers: Answers, options: RoutedOptions = {}): Progress {
  const r = options.route ?? route(survey, answers, options);
  let answered = 0;
  let expected = 0;
  for (const a of r.asked) {
    if (!a.question.required) continue;
    expected++;
    const value = r.effective[a.id];
    if (value === undefined) continue;
    if (a.kind === 'grid' && a.rows !== undefined && !a.rows.every((row) => Object.prototype.hasOwnProperty.call(value, row))) continue;
    answered++;
  }
  return { answered, expected };
}
