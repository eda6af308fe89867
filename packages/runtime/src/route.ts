/**
 * Routing: who is asked what, given a compiled survey and the answers so far.
 *
 * Items are taken in order (poet-reference README, Routing 1). Each item's universe is
 * evaluated against the **effective answers**: the answers to questions asked earlier on the
 * path, each usable for its question (an answer to a question that is not asked, or an answer
 * of the wrong shape, is treated as absent). So routing looks only at answers asked earlier
 * on the same path (Routing 2), whatever else `answers` holds. After each question its end
 * rules are checked; when one holds, nothing later is asked (Routing 5).
 *
 * Speed (a form re-routes on every answer; issue 4: ≤ 5 ms at 5,000 questions): each survey's
 * conditions are compiled once into closures, with the answer keys each item reads, and
 * `routeAfterChange` re-evaluates after one change only the items that can depend on it.
 */
import type {
  ChoiceQuestion,
  CompiledItem,
  CompiledOption,
  CompiledQuestion,
  CompiledSurvey,
  Condition,
  EndRule,
  GridQuestion,
  RichText,
} from '@poetkit/compiler/compiled';
import { isUsableAnswer } from './answers.js';
import { compileCondition, conditionQuestions, evaluate, localDate, type Answers, type CompiledTest, type EvaluateOptions } from './evaluate.js';

/** A question asked on the path. */
export interface AskedItem {
  readonly id: string;
  readonly kind: CompiledQuestion['kind'];
  /** The page it is on. */
  readonly page: string;
  readonly question: CompiledQuestion;
  /** Grids: the ids of the rows shown, in order. */
  readonly rows?: readonly string[];
  /**
   * Piped questions: the options offered, the ones ticked in the source multi, in the
   * source's order; the label of `other` is the source's `<source>_other` text when given.
   */
  readonly options?: readonly CompiledOption[];
  /** The key of the "please describe" text, when it is asked (its option is chosen). */
  readonly otherKey?: string;
}

/** How the survey ended, when an end rule fired. */
export interface Ended {
  readonly rule: string;
  /** The question after which it ended. */
  readonly after: string;
  readonly message: RichText;
  /** `false` after the consent gate's refusal: nothing but the consent answer is kept. */
  readonly keepAnswers: boolean;
}

export interface Route {
  /** The questions asked, in order (info items are not listed; see `info`). */
  readonly asked: readonly AskedItem[];
  /** The info items shown, in order. */
  readonly info: readonly string[];
  /** Set when an end rule fired. */
  readonly ended?: Ended;
  /** The pages shown (those with an asked question or a shown info item), in order. */
  readonly pages: readonly string[];
  /** The effective answers: usable answers to asked questions and asked `_other` texts. */
  readonly effective: Answers;
}

export type RouteOptions = EvaluateOptions;

/** Options of the functions that route `answers` first (pages, progress, purge). */
export interface RoutedOptions extends RouteOptions {
  /**
   * The route of these very answers, when the caller has it (from `route` or `changeAnswer`),
   * so that it is not routed again.
   */
  readonly route?: Route;
}

interface SurveyIndex {
  readonly pageOf: ReadonlyMap<string, string>;
  readonly items: ReadonlyMap<string, CompiledItem>;
  /** End rules by the question they follow. */
  readonly endRulesAfter: ReadonlyMap<string, readonly EndRule[]>;
}

const indexes = new WeakMap<CompiledSurvey, SurveyIndex>();

export function surveyIndex(survey: CompiledSurvey): SurveyIndex {
  let index = indexes.get(survey);
  if (index === undefined) {
    const pageOf = new Map<string, string>();
    for (const page of survey.pages) for (const id of page.items) pageOf.set(id, page.id);
    const items = new Map<string, CompiledItem>();
    for (const item of survey.items) items.set(item.id, item);
    const endRulesAfter = new Map<string, EndRule[]>();
    for (const rule of survey.endRules) {
      const list = endRulesAfter.get(rule.after);
      if (list === undefined) endRulesAfter.set(rule.after, [rule]);
      else list.push(rule);
    }
    index = { pageOf, items, endRulesAfter };
    indexes.set(survey, index);
  }
  return index;
}

function own(answers: Answers, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(answers, key) ? answers[key] : undefined;
}

/** The options a piped question offers given the (effective) answers so far. */
export function offeredOptions(question: ChoiceQuestion, effective: Answers): readonly CompiledOption[] {
  const source = question.pipedFrom;
  if (source === undefined) return question.options;
  const ticked = own(effective, source);
  if (!Array.isArray(ticked)) return [];
  const otherText = own(effective, `${source}_other`);
  return question.options
    .filter((o) => ticked.includes(o.value))
    .map((o) => (o.specify && typeof otherText === 'string' ? { ...o, label: otherText } : o));
}

/** The rows of `grid` shown given the (effective) answers so far. */
export function shownRows(grid: GridQuestion, effective: Answers, options: RouteOptions = {}): readonly string[] {
  return grid.rows.filter((r) => evaluate(r.universe.condition, effective, options)).map((r) => r.id);
}

// ---- the routing plan: each survey's conditions compiled once ----------------------------

/** One item's routing, compiled: its universe, grid rows, `_other` text and end rules as closures. */
interface PlannedItem {
  readonly item: CompiledItem;
  readonly page: string;
  readonly asked: CompiledTest;
  /**
   * The answer keys (other than its own) whose effective answers its routing reads: its
   * universe, grid rows, piped source and `<source>_other`, `_other` universe, end rules.
   * When none of them changed, neither did anything routing decides about the item.
   */
  readonly reads: readonly string[];
  readonly rows: readonly { readonly id: string; readonly shown: CompiledTest }[];
  readonly other: { readonly key: string; readonly opened: CompiledTest } | undefined;
  readonly endRules: readonly { readonly rule: EndRule; readonly reached: CompiledTest; readonly holds: CompiledTest }[];
}

interface RoutingPlan {
  readonly items: readonly PlannedItem[];
  /** Answer key (a question id, or `<id>_other`) → the index of its item. */
  readonly itemOfKey: ReadonlyMap<string, number>;
}

const plans = new WeakMap<CompiledSurvey, RoutingPlan>();

function routingPlan(survey: CompiledSurvey): RoutingPlan {
  let plan = plans.get(survey);
  if (plan !== undefined) return plan;
  const { pageOf, endRulesAfter } = surveyIndex(survey);
  // Items share condition objects (a section's universe is part of each item's), so compile each once.
  const compiled = new Map<Condition, CompiledTest>();
  const test = (condition: Condition): CompiledTest => {
    let t = compiled.get(condition);
    if (t === undefined) {
      t = compileCondition(condition);
      compiled.set(condition, t);
    }
    return t;
  };
  const itemOfKey = new Map<string, number>();
  const items = survey.items.map((item, index): PlannedItem => {
    const reads = conditionQuestions(item.universe.condition);
    let rows: PlannedItem['rows'] = [];
    let other: PlannedItem['other'];
    itemOfKey.set(item.id, index);
    if (item.kind === 'grid') {
      rows = item.rows.map((row) => ({ id: row.id, shown: test(row.universe.condition) }));
      for (const row of item.rows) conditionQuestions(row.universe.condition, reads);
    } else if (item.kind === 'single' || item.kind === 'multi' || item.kind === 'consent') {
      if (item.pipedFrom !== undefined) reads.add(item.pipedFrom).add(`${item.pipedFrom}_other`);
      if (item.other !== undefined) {
        other = { key: item.other.key, opened: test(item.other.universe.condition) };
        conditionQuestions(item.other.universe.condition, reads);
        itemOfKey.set(item.other.key, index);
      }
    }
    const endRules = (endRulesAfter.get(item.id) ?? []).map((rule) => {
      conditionQuestions(rule.universe.condition, reads);
      conditionQuestions(rule.condition, reads);
      return { rule, reached: test(rule.universe.condition), holds: test(rule.condition) };
    });
    // Its own answers are decided here, from its own answers and what it reads.
    reads.delete(item.id);
    if (other !== undefined) reads.delete(other.key);
    return { item, page: pageOf.get(item.id) ?? item.id, asked: test(item.universe.condition), reads: [...reads], rows, other, endRules };
  });
  plan = { items, itemOfKey };
  plans.set(survey, plan);
  return plan;
}

// ---- routing, in full or after one change ------------------------------------------------

/** What a route decided about each item, kept beside the route so that a change can reuse it. */
const ASKED = 1;
const SHOWN_INFO = 2;
/** The item's answer is effective. */
const EFFECTIVE = 4;
/** Its `_other` text is effective. */
const EFFECTIVE_OTHER = 8;

interface RouteState {
  readonly plan: RoutingPlan;
  /** The `today` the route was computed with. */
  readonly today: string;
  /** Per item, in survey order: ASKED | SHOWN_INFO | EFFECTIVE | EFFECTIVE_OTHER. */
  readonly decided: Uint8Array;
  /** The index of the last item routing reached (the one an end rule followed, or the last item). */
  readonly last: number;
}

/** The state of each route this module made (routes are plain data; the state stays out of them). */
const states = new WeakMap<Route, RouteState>();

interface PreviousRoute {
  readonly route: Route;
  readonly state: RouteState;
  /** The index of the item whose answer (or `_other` text) changed, and that key. */
  readonly from: number;
  readonly changedKey: string;
}

function readsAny(reads: readonly string[], changed: ReadonlySet<string>): boolean {
  for (const key of reads) if (changed.has(key)) return true;
  return false;
}

/**
 * Routes `answers`. With `previous`, items before the changed one, and later items none of
 * whose reads changed effective answer, keep what the previous route decided; only the others
 * are evaluated again. The result is the same either way.
 */
function run(plan: RoutingPlan, answers: Answers, today: string, previous?: PreviousRoute): Route {
  const { items } = plan;
  const decided = new Uint8Array(items.length);
  const effective: Record<string, unknown> = {};
  const asked: AskedItem[] = [];
  const info: string[] = [];
  const pages: string[] = [];
  let lastPage: string | undefined;
  let ended: Ended | undefined;
  let last = items.length - 1;
  // Keys whose effective answer differs from the previous route's.
  const changed = new Set<string>();
  let previousAsked = 0;

  for (let i = 0; i < items.length; i++) {
    const planned = items[i]!;
    const item = planned.item;
    const reached = previous !== undefined && i <= previous.state.last;
    const before = reached ? previous.state.decided[i]! : 0;
    const previousEntry = (before & ASKED) !== 0 ? previous!.route.asked[previousAsked++] : undefined;
    let now = 0;

    if (reached && (i < previous.from || (i > previous.from && (changed.size === 0 || !readsAny(planned.reads, changed))))) {
      // Nothing it reads changed: the previous decision stands.
      now = before;
      if (previousEntry !== undefined) asked.push(previousEntry);
      if ((now & SHOWN_INFO) !== 0) info.push(item.id);
      if ((now & EFFECTIVE) !== 0) effective[item.id] = answers[item.id];
      if ((now & EFFECTIVE_OTHER) !== 0) effective[planned.other!.key] = answers[planned.other!.key];
      if (i === previous.state.last && previous.route.ended !== undefined) ended = previous.route.ended;
    } else if (planned.asked(effective, today)) {
      if (item.kind === 'info') {
        now = SHOWN_INFO;
        info.push(item.id);
      } else {
        now = ASKED;
        const value = own(answers, item.id);
        let entry: AskedItem = { id: item.id, kind: item.kind, page: planned.page, question: item };
        if (item.kind === 'grid') {
          const rows: string[] = [];
          for (const row of planned.rows) if (row.shown(effective, today)) rows.push(row.id);
          entry = { ...entry, rows };
          if (isUsableAnswer(item, value, undefined, rows)) now |= EFFECTIVE;
        } else if (item.kind === 'single' || item.kind === 'multi' || item.kind === 'consent') {
          const offered = item.pipedFrom === undefined ? undefined : offeredOptions(item, effective);
          if (offered !== undefined) entry = { ...entry, options: offered };
          if (isUsableAnswer(item, value, offered)) now |= EFFECTIVE;
        } else if (isUsableAnswer(item, value)) {
          now |= EFFECTIVE;
        }
        if ((now & EFFECTIVE) !== 0) effective[item.id] = value;
        const other = planned.other;
        if (other !== undefined && other.opened(effective, today)) {
          entry = { ...entry, otherKey: other.key };
          const text = own(answers, other.key);
          if (typeof text === 'string') {
            effective[other.key] = text;
            now |= EFFECTIVE_OTHER;
          }
        }
        asked.push(entry);
        for (const end of planned.endRules) {
          if (end.reached(effective, today) && end.holds(effective, today)) {
            ended = { rule: end.rule.id, after: end.rule.after, message: end.rule.message, keepAnswers: end.rule.keepAnswers };
            break;
          }
        }
      }
    }

    if (previous !== undefined && !(reached && now === before && i !== previous.from)) {
      // Decided afresh: note the effective answers that are new, gone, or (the changed key) different.
      if (((now ^ before) & EFFECTIVE) !== 0 || ((now & EFFECTIVE) !== 0 && item.id === previous.changedKey)) changed.add(item.id);
      const other = planned.other;
      if (other !== undefined && (((now ^ before) & EFFECTIVE_OTHER) !== 0 || ((now & EFFECTIVE_OTHER) !== 0 && other.key === previous.changedKey))) {
        changed.add(other.key);
      }
    }
    decided[i] = now;
    if ((now & (ASKED | SHOWN_INFO)) !== 0 && planned.page !== lastPage) {
      lastPage = planned.page;
      pages.push(lastPage);
    }
    if (ended !== undefined) {
      last = i;
      break;
    }
  }
  const result: Route = ended === undefined ? { asked, info, pages, effective } : { asked, info, pages, effective, ended };
  states.set(result, { plan, today, decided, last });
  return result;
}

function todayOf(options: RouteOptions): string {
  return options.today ?? localDate();
}

/** Routes `answers` through `survey`: the questions asked in order, pages shown, and any end. */
export function route(survey: CompiledSurvey, answers: Answers, options: RouteOptions = {}): Route {
  return run(routingPlan(survey), answers, todayOf(options));
}

/**
 * The route after one answer changed: the same result as `route(survey, answers, options)`,
 * computed from `previous` by re-evaluating only what the change can affect.
 *
 * `previous` must be a route this module returned for `survey`, for answers that differ from
 * `answers` only at `changedKey` (a question id or `<id>_other`; set, changed or removed), with
 * the same `today`. Otherwise (a route from elsewhere, another survey, a new day) it routes in
 * full. `answers` is not changed.
 */
export function routeAfterChange(survey: CompiledSurvey, previous: Route, answers: Answers, changedKey: string, options: RouteOptions = {}): Route {
  const plan = routingPlan(survey);
  const today = todayOf(options);
  const state = states.get(previous);
  if (state === undefined || state.plan !== plan || state.today !== today) return run(plan, answers, today);
  const from = plan.itemOfKey.get(changedKey);
  // A key that is no answer key of the survey, or of an item after the end, changes nothing.
  if (from === undefined || from > state.last) return previous;
  return run(plan, answers, today, { route: previous, state, from, changedKey });
}

/** An answer changed: the new answers (a new object) and the new route. */
export interface AnswerChange {
  readonly answers: Readonly<Record<string, unknown>>;
  readonly route: Route;
}

/**
 * A copy of `answers` with `key` set to `value` (`undefined`: without `key`). A loop over
 * `Object.keys` copies a large answers object in about half the time of an object spread.
 */
function withAnswer(answers: Answers, key: string, value: unknown): Record<string, unknown> {
  const next: Record<string, unknown> = {};
  const keys = Object.keys(answers);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k === key) continue;
    // Assigning `__proto__` would set the prototype; define it as the own property it was.
    if (k === '__proto__') Object.defineProperty(next, k, { value: answers[k], enumerable: true, writable: true, configurable: true });
    else next[k] = answers[k];
  }
  if (value !== undefined) {
    if (key === '__proto__') Object.defineProperty(next, key, { value, enumerable: true, writable: true, configurable: true });
    else next[key] = value;
  }
  return next;
}

/**
 * What a form does when the respondent changes one answer: copies `answers` with `key` set to
 * `value` (`undefined` removes it) and routes them from `previous`, the route of `answers`
 * (see {@link routeAfterChange}). `answers` is not changed.
 */
export function changeAnswer(
  survey: CompiledSurvey,
  previous: Route,
  answers: Answers,
  key: string,
  value: unknown,
  options: RouteOptions = {},
): AnswerChange {
  const next = withAnswer(answers, key, value);
  return { answers: next, route: routeAfterChange(survey, previous, next, key, options) };
}
