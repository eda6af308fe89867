/** The options a piped question offers on the current path. */
import type { CompiledOption, CompiledSurvey } from '@poetkit/compiler/compiled';
import type { Answers } from './evaluate.js';
import { offeredOptions, route, surveyIndex, type RouteOptions } from './route.js';

/**
 * The options `questionId` offers: for a piped question, the options ticked in its source (in
 * the source's order; `other` labelled with the `<source>_other` text), looking only at
 * answers asked on the path; for any other choice question, all its options. Empty when the
 * source is not answered on the path.
 */
export function pipedOptions(survey: CompiledSurvey, answers: Answers, questionId: string, options: RouteOptions = {}): readonly CompiledOption[] {
  const item = surveyIndex(survey).items.get(questionId);
  if (item === undefined || (item.kind !== 'single' && item.kind !== 'multi' && item.kind !== 'consent')) {
    throw new Error(`${questionId} is not a choice question of survey ${survey.id}`);
  }
  if (item.pipedFrom === undefined) return item.options;
  const r = route(survey, answers, options);
  const asked = r.asked.find((a) => a.id === questionId);
  if (asked?.options !== undefined) return asked.options;
  // Not asked on this path: what it would offer from the source's effective answer.
  return offeredOptions(item, r.effective);
}
