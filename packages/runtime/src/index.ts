/**
 * @poetkit/runtime: the one routing engine for the form, the validator and the tests. Pure
 * functions over a compiled survey (`@poetkit/compiler/compiled` types) and an answers object;
 * no DOM and no Node APIs, so it runs in a browser and in Node.
 */
export { evaluate, compileCondition, localDate, type Answers, type CompiledTest, type EvaluateOptions } from './evaluate.js';
export { isCalendarDate, isUsableAnswer, codePoints } from './answers.js';
export {
  route,
  routeAfterChange,
  changeAnswer,
  offeredOptions,
  shownRows,
  type AnswerChange,
  type AskedItem,
  type Ended,
  type Route,
  type RouteOptions,
  type RoutedOptions,
} from './route.js';
export { firstPage, nextPage, previousPage } from './navigation.js';
export { pipedOptions } from './piping.js';
export { progress, type Progress } from './progress.js';
export { purge, type PurgeResult, type PurgedAnswer } from './purge.js';
export { provesValid, provabilityProblem, provesSlotRouteValid } from './proof.js';
// For readers that put each answer in its slot themselves (poet export's fast path).
export {
  slotRoutingPlan,
  routeSlots,
  slotRouteAnswers,
  ASKED_ITEM,
  EFFECTIVE,
  EFFECTIVE_OTHER,
  OTHER_OPENED,
  type AnswerKeySlot,
  type SlotRoute,
  type SlotRoutingPlan,
} from './route.js';
