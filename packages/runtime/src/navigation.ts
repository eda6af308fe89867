/**
 * Pages: the first, next and previous page shown on the current path. A page is shown when
 * any of its items is asked (or, for info items, shown). Pages with nothing asked are skipped.
 */
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import type { Answers } from './evaluate.js';
import { route, type RoutedOptions } from './route.js';

/** The first page shown: the consent page, or the first page with something asked. */
export function firstPage(survey: CompiledSurvey, answers: Answers = {}, options: RoutedOptions = {}): string | undefined {
  return (options.route ?? route(survey, answers, options)).pages[0];
}

function pageIndex(survey: CompiledSurvey, pageId: string): number {
  const i = survey.pages.findIndex((p) => p.id === pageId);
  if (i < 0) throw new Error(`no page ${pageId} in survey ${survey.id}`);
  return i;
}

/**
 * The page shown after `currentPageId`, or `undefined` when there is none: the survey is
 * complete, or it has ended (then `route(...).ended` says by which rule, with which message).
 * `currentPageId` need not be shown itself (after an answer changed, say).
 */
export function nextPage(survey: CompiledSurvey, answers: Answers, currentPageId: string, options: RoutedOptions = {}): string | undefined {
  const current = pageIndex(survey, currentPageId);
  const shown = (options.route ?? route(survey, answers, options)).pages;
  return shown.find((id) => pageIndex(survey, id) > current);
}

/** The page shown before `currentPageId`, or `undefined` on the first page. */
export function previousPage(survey: CompiledSurvey, answers: Answers, currentPageId: string, options: RoutedOptions = {}): string | undefined {
  const current = pageIndex(survey, currentPageId);
  const shown = (options.route ?? route(survey, answers, options)).pages;
  return shown.filter((id) => pageIndex(survey, id) < current).pop();
}
