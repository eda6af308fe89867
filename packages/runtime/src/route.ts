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
 * Speed (a form re-routes on every answer; issue 4: ≤ 5 ms at 5,000 questions; `poet export`
 * routes every response in full, a few microseconds each): each survey's conditions are
 * compiled once into closures over slots (an array holding the effective answers, one slot per
 * answer key), each question's usable-answer check is planned once, with the answer keys each
 * item reads, and `routeAfterChange` re-evaluates after one change only the items that can
 * depend on it. The answers are read in one pass over their keys into slots too, and the
 * route's `effective` is written once routing is done (a copy of the answers when they are
 * all effective).
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
import { usableCheck, type UsableCheck } from './answers.js';
import { compileSlotCondition, conditionQuestions, contains, evaluate, internalized, localDate, type Answers, type EvaluateOptions, type SlotTest } from './evaluate.js';

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

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** `answers[key]` when it is an own property, else `undefined` (the own check only when there is a value). */
function own(answers: Answers, key: string): unknown {
  const value = answers[key];
  return value !== undefined && hasOwnProperty.call(answers, key) ? value : undefined;
}

/**
 * The options of a piped question ticked in its source (`ticked`), `other` labelled with
 * `otherText`. `values` are the options' values (internalized, in routing).
 */
function offeredFrom(options: readonly CompiledOption[], values: readonly string[], ticked: readonly unknown[], otherText: unknown): CompiledOption[] {
  const offered: CompiledOption[] = [];
  if (ticked.length === 0) return offered;
  for (let i = 0; i < options.length; i++) {
    if (!contains(ticked, values[i])) continue;
    const o = options[i]!;
    offered.push(o.specify && typeof otherText === 'string' ? { ...o, label: otherText } : o);
  }
  return offered;
}

/** The options a piped question offers given the (effective) answers so far. */
export function offeredOptions(question: ChoiceQuestion, effective: Answers): readonly CompiledOption[] {
  const source = question.pipedFrom;
  if (source === undefined) return question.options;
  const ticked = own(effective, source);
  if (!Array.isArray(ticked)) return [];
  return offeredFrom(
    question.options,
    question.options.map((o) => o.value),
    ticked,
    own(effective, `${source}_other`),
  );
}

/** The rows of `grid` shown given the (effective) answers so far. */
export function shownRows(grid: GridQuestion, effective: Answers, options: RouteOptions = {}): readonly string[] {
  return grid.rows.filter((r) => evaluate(r.universe.condition, effective, options)).map((r) => r.id);
}

// ---- the routing plan: each survey's conditions compiled once ----------------------------

/**
 * While routing, the effective answers are held in slots, one per answer key (question ids,
 * `_other` keys, and any other key a condition names), which the compiled conditions read by
 * index: the `effective` object of the route is only written.
 */
type Slots = unknown[];

/** One item's routing, compiled: its universe, grid rows, `_other` text and end rules as closures. */
interface PlannedItem {
  readonly item: CompiledItem;
  /** Its id, internalized (see `internalized`): the key of its answer. */
  readonly key: string;
  readonly kind: CompiledItem['kind'];
  readonly page: string;
  readonly asked: SlotTest;
  /** The slot of its answer. */
  readonly slot: number;
  /**
   * The slots of the answer keys (other than its own) whose effective answers its routing
   * reads: its universe, grid rows, piped source and `<source>_other`, `_other` universe, end
   * rules. When none of them changed, neither did anything routing decides about the item.
   */
  readonly reads: readonly number[];
  /** Whether an answer is usable (all questions but piped singles; `undefined` for info items). */
  readonly usable: UsableCheck | undefined;
  /** Grids: the rows and when each is shown. */
  readonly rows: readonly { readonly id: string; readonly shown: SlotTest }[] | undefined;
  /** Piped questions: the slots of the source and of its `_other` text, and the option values. */
  readonly piped: { readonly source: number; readonly otherText: number; readonly values: readonly string[] } | undefined;
  readonly other: { readonly key: string; readonly slot: number; readonly opened: SlotTest } | undefined;
  readonly endRules: readonly { readonly rule: EndRule; readonly reached: SlotTest; readonly holds: SlotTest }[];
}

interface RoutingPlan {
  readonly items: readonly PlannedItem[];
  /** Answer key (a question id, or `<id>_other`) → the index of its item. */
  readonly itemOfKey: ReadonlyMap<string, number>;
  /** Answer key → its slot: where {@link gather} puts the answer given for it. */
  readonly slotOfAnswerKey: ReadonlyMap<string, number>;
  /**
   * Per slot, where its answer key stands in the order of a route's `effective` (survey order,
   * a question just before its `_other` text); -1 for the slots of other keys.
   */
  readonly rankOfSlot: Int32Array;
  /** Whether no two items share an answer key (else no route is {@link RouteState.allEffective}). */
  readonly distinctAnswerKeys: boolean;
  /** How many slots a route needs. */
  readonly slots: number;
  /** Whether a route's `effective` can hold more answers than an object keeps in its fast form (see `effectiveAnswers`). */
  readonly manyAnswers: boolean;
}

const plans = new WeakMap<CompiledSurvey, RoutingPlan>();

function routingPlan(survey: CompiledSurvey): RoutingPlan {
  let plan = plans.get(survey);
  if (plan !== undefined) return plan;
  const { pageOf, endRulesAfter } = surveyIndex(survey);
  const slotOfKey = new Map<string, number>();
  const slotOf = (key: string): number => {
    let slot = slotOfKey.get(key);
    if (slot === undefined) {
      slot = slotOfKey.size;
      slotOfKey.set(key, slot);
    }
    return slot;
  };
  // Items share condition objects (a section's universe is part of each item's), so compile each once.
  const compiled = new Map<Condition, SlotTest>();
  const test = (condition: Condition): SlotTest => {
    let t = compiled.get(condition);
    if (t === undefined) {
      t = compileSlotCondition(condition, slotOf);
      compiled.set(condition, t);
    }
    return t;
  };
  const itemOfKey = new Map<string, number>();
  const items = survey.items.map((item, index): PlannedItem => {
    const reads = conditionQuestions(item.universe.condition);
    let rows: PlannedItem['rows'];
    let piped: PlannedItem['piped'];
    let other: PlannedItem['other'];
    let usable: UsableCheck | undefined;
    itemOfKey.set(item.id, index);
    if (item.kind === 'grid') {
      rows = item.rows.map((row) => ({ id: internalized(row.id), shown: test(row.universe.condition) }));
      for (const row of item.rows) conditionQuestions(row.universe.condition, reads);
    } else if (item.kind === 'single' || item.kind === 'multi' || item.kind === 'consent') {
      if (item.pipedFrom !== undefined) {
        const otherText = `${item.pipedFrom}_other`;
        reads.add(item.pipedFrom).add(otherText);
        piped = { source: slotOf(item.pipedFrom), otherText: slotOf(otherText), values: item.options.map((o) => internalized(o.value)) };
      }
      if (item.other !== undefined) {
        other = { key: internalized(item.other.key), slot: slotOf(item.other.key), opened: test(item.other.universe.condition) };
        conditionQuestions(item.other.universe.condition, reads);
        itemOfKey.set(item.other.key, index);
      }
    }
    // A piped single's usable answers are the options offered on the path; a multi's, as in
    // isUsableAnswer, are all its options, piped or not.
    if (item.kind !== 'info' && (piped === undefined || item.kind === 'multi')) usable = usableCheck(item);
    const endRules = (endRulesAfter.get(item.id) ?? []).map((rule) => {
      conditionQuestions(rule.universe.condition, reads);
      conditionQuestions(rule.condition, reads);
      return { rule, reached: test(rule.universe.condition), holds: test(rule.condition) };
    });
    // Its own answers are decided here, from its own answers and what it reads.
    reads.delete(item.id);
    if (other !== undefined) reads.delete(other.key);
    return {
      item,
      key: internalized(item.id),
      kind: item.kind,
      page: internalized(pageOf.get(item.id) ?? item.id),
      asked: test(item.universe.condition),
      slot: slotOf(item.id),
      reads: [...reads].map(slotOf),
      usable,
      rows,
      piped,
      other,
      endRules,
    };
  });
  const slotOfAnswerKey = new Map<string, number>();
  const rankOfSlot = new Int32Array(slotOfKey.size).fill(-1);
  let answerKeys = 0;
  for (let i = 0; i < items.length; i++) {
    const { key, slot, other, kind } = items[i]!;
    if (kind === 'info') continue;
    slotOfAnswerKey.set(key, slot);
    rankOfSlot[slot] = 2 * i;
    answerKeys++;
    if (other !== undefined) {
      slotOfAnswerKey.set(other.key, other.slot);
      rankOfSlot[other.slot] = 2 * i + 1;
      answerKeys++;
    }
  }
  plan = {
    items,
    itemOfKey,
    slotOfAnswerKey,
    rankOfSlot,
    distinctAnswerKeys: slotOfAnswerKey.size === answerKeys,
    slots: slotOfKey.size,
    manyAnswers: itemOfKey.size > FAST_PROPERTIES,
  };
  plans.set(survey, plan);
  return plan;
}

// ---- routing, in full or after one change ------------------------------------------------

/** What a route decided about each item, kept beside the route so that a change can reuse it. */
const ASKED = 1;
const SHOWN_INFO = 2;
/** The item's answer is effective. */
export const EFFECTIVE = 4;
/** Its `_other` text is effective. */
export const EFFECTIVE_OTHER = 8;

interface RouteState {
  readonly plan: RoutingPlan;
  /** The `today` the route was computed with. */
  readonly today: string;
  /** Per item, in survey order: ASKED | SHOWN_INFO | EFFECTIVE | EFFECTIVE_OTHER. */
  readonly decided: Uint8Array;
  /** The index of the last item routing reached (the one an end rule followed, or the last item). */
  readonly last: number;
  /** Whether every property of the answers routed is an effective answer (see {@link gather}). */
  readonly allEffective: boolean;
}

/**
 * The states of the last routes this module made (routes are plain data; the state stays out
 * of them). A form routes each change from its latest route, so a few suffice; a change from
 * an older route is routed in full (the same result). Not a WeakMap of every route: setting
 * an entry (and collecting it) cost over a microsecond a route, a tenth of a full route of the
 * largest example, paid by every `poet export` response that is never routed again.
 */
const RECENT = 8;
const recentRoutes: (Route | undefined)[] = new Array<Route | undefined>(RECENT).fill(undefined);
const recentStates: (RouteState | undefined)[] = new Array<RouteState | undefined>(RECENT).fill(undefined);
let nextRecent = 0;

function remember(route: Route, state: RouteState): void {
  recentRoutes[nextRecent] = route;
  recentStates[nextRecent] = state;
  nextRecent = (nextRecent + 1) % RECENT;
}

function stateOf(route: Route): RouteState | undefined {
  for (let i = 0; i < RECENT; i++) if (recentRoutes[i] === route) return recentStates[i];
  return undefined;
}

/**
 * For {@link provesValid}: when `route` is one of the last routes this module made for
 * `survey`, and every property of the answers it routed (own or inherited, as `for...in` sees
 * them) is an effective answer, what it decided about each item, in survey order: EFFECTIVE
 * and EFFECTIVE_OTHER among other flags. Else `undefined`.
 */
export function allEffectiveDecisions(survey: CompiledSurvey, route: Route): Uint8Array | undefined {
  const state = stateOf(route);
  return state !== undefined && state.allEffective && state.plan === plans.get(survey) ? state.decided : undefined;
}

/**
 * Two slots arrays, reused by each route (they run one at a time) and cleared after it, so
 * that they keep no answer alive: the answers given (by {@link gather}) and the effective ones.
 * `run` allocates its own if it is somehow re-entered (a getter on `answers` that routes).
 */
let scratchGiven: Slots = [];
let scratchSlots: Slots = [];
let scratchInUse = false;

/** Set by {@link gather}: whether the answer keys of the answers come in the order of `effective`'s. */
let gatheredInOrder = false;

/**
 * Puts each answer of `answers` (an own property, not `undefined`) in the slot of its key:
 * one pass over its keys, rather than a lookup by name (on an object of one of hundreds of
 * shapes) for every question asked. Returns how many it put when every property of `answers`
 * (own or inherited, as `for...in` sees them) is an answer, to a distinct answer key; else -1.
 */
function gather(plan: RoutingPlan, answers: Answers, given: Slots): number {
  const { slotOfAnswerKey, rankOfSlot } = plan;
  let owned = 0;
  let count = 0;
  let inOrder = true;
  let onlyAnswers = plan.distinctAnswerKeys;
  let lastRank = -1;
  for (const key in answers) {
    if (!hasOwnProperty.call(answers, key)) {
      onlyAnswers = false;
      continue;
    }
    owned++;
    const value = answers[key];
    const slot = slotOfAnswerKey.get(key);
    if (slot === undefined) {
      onlyAnswers = false;
      continue;
    }
    if (value === undefined) onlyAnswers = false;
    const rank = rankOfSlot[slot]!;
    if (rank < lastRank) inOrder = false;
    lastRank = rank;
    given[slot] = value;
    count++;
  }
  gatheredInOrder = inOrder;
  // `for...in` skips own properties that are not enumerable, which are answers too (never in JSON).
  if (Object.getOwnPropertyNames(answers).length !== owned) return gatherByKey(plan, answers, given);
  return onlyAnswers ? count : -1;
}

/**
 * {@link gather} by a lookup of each answer key: for answers with non-enumerable own
 * properties, and for routing after one change. A form's answers hold an answer to most
 * questions, so a pass over their keys (and the list of their own names) costs more than the
 * lookups; nor does a form need to know whether every answer is effective. Returns -1.
 */
function gatherByKey(plan: RoutingPlan, answers: Answers, given: Slots): number {
  for (const [key, slot] of plan.slotOfAnswerKey) given[slot] = own(answers, key);
  gatheredInOrder = false;
  return -1;
}

interface PreviousRoute {
  readonly route: Route;
  readonly state: RouteState;
  /** The index of the item whose answer (or `_other` text) changed, and that key. */
  readonly from: number;
  readonly changedKey: string;
}

function readsAny(reads: readonly number[], changed: Uint8Array): boolean {
  for (let i = 0; i < reads.length; i++) if (changed[reads[i]!] !== 0) return true;
  return false;
}

/** Whether `value` is one of the options `ticked` (a piped single's usable answers: the options offered). */
function isOffered(values: readonly string[], ticked: readonly unknown[], value: unknown): boolean {
  return typeof value === 'string' && contains(values, value) && contains(ticked, value);
}

/**
 * About how many properties added by computed keys an object keeps in its fast form (V8: 4
 * in the object, 12 more beside it); at the next one it is converted to a dictionary.
 */
const FAST_PROPERTIES = 16;

/**
 * A new, empty plain object for a route's effective answers. When it may get more answers than
 * {@link FAST_PROPERTIES}, it starts as a dictionary (an object made without a prototype is
 * one, and stays one when given `Object.prototype`): adding each answer is then a hash
 * insertion, rather than a change of hidden class and, after the sixteenth, the conversion of
 * all of them. Either way it is `{}` to every reader.
 */
function effectiveAnswers(plan: RoutingPlan, decided: Uint8Array, slots: Slots, last: number): Record<string, unknown> {
  const effective = plan.manyAnswers ? (Object.setPrototypeOf(Object.create(null), Object.prototype) as Record<string, unknown>) : {};
  const { items } = plan;
  for (let i = 0; i <= last; i++) {
    const now = decided[i]!;
    if ((now & EFFECTIVE) !== 0) effective[items[i]!.key] = slots[items[i]!.slot];
    if ((now & EFFECTIVE_OTHER) !== 0) effective[items[i]!.other!.key] = slots[items[i]!.other!.slot];
  }
  return effective;
}

/** An asked question's entry, built once with exactly the properties that apply. */
function askedItem(
  planned: PlannedItem,
  rows: readonly string[] | undefined,
  options: readonly CompiledOption[] | undefined,
  otherKey: string | undefined,
): AskedItem {
  const id = planned.key;
  const kind = planned.kind as CompiledQuestion['kind'];
  const page = planned.page;
  const question = planned.item as CompiledQuestion;
  if (rows !== undefined) return { id, kind, page, question, rows };
  if (options !== undefined) return otherKey === undefined ? { id, kind, page, question, options } : { id, kind, page, question, options, otherKey };
  return otherKey === undefined ? { id, kind, page, question } : { id, kind, page, question, otherKey };
}

/**
 * Routes `answers`. With `previous`, items before the changed one, and later items none of
 * whose reads changed effective answer, keep what the previous route decided; only the others
 * are evaluated again. The result is the same either way.
 */
function run(plan: RoutingPlan, answers: Answers, today: string, previous?: PreviousRoute): Route {
  const n = plan.slots;
  if (scratchInUse) return runWith(new Array<unknown>(n).fill(undefined), new Array<unknown>(n).fill(undefined), plan, answers, today, previous);
  if (scratchSlots.length < n) {
    scratchSlots = new Array<unknown>(n).fill(undefined);
    scratchGiven = new Array<unknown>(n).fill(undefined);
  }
  scratchInUse = true;
  try {
    return runWith(scratchGiven, scratchSlots, plan, answers, today, previous);
  } finally {
    // A loop: `fill` is a call into the runtime, dearer than clearing a few dozen slots.
    const given = scratchGiven;
    const slots = scratchSlots;
    for (let i = 0; i < n; i++) given[i] = slots[i] = undefined;
    scratchInUse = false;
  }
}

/**
 * {@link run} with `given` to hold the answers given and `slots` the effective ones (all
 * `undefined` to begin with).
 */
function runWith(given: Slots, slots: Slots, plan: RoutingPlan, answers: Answers, today: string, previous?: PreviousRoute): Route {
  const { items } = plan;
  const decided = new Uint8Array(items.length);
  const onlyAnswers = previous === undefined ? gather(plan, answers, given) : gatherByKey(plan, answers, given);
  const inOrder = gatheredInOrder;
  let effectiveCount = 0;
  const asked: AskedItem[] = [];
  const info: string[] = [];
  const pages: string[] = [];
  let lastPage: string | undefined;
  let ended: Ended | undefined;
  let last = items.length - 1;
  // Slots whose effective answer differs from the previous route's (only when routing from one).
  const changed = previous === undefined ? undefined : new Uint8Array(plan.slots);
  let changes = 0;
  let previousAsked = 0;

  for (let i = 0; i < items.length; i++) {
    const planned = items[i]!;
    const item = planned.item;
    const reached = previous !== undefined && i <= previous.state.last;
    const before = reached ? previous.state.decided[i]! : 0;
    const previousEntry = (before & ASKED) !== 0 ? previous!.route.asked[previousAsked++] : undefined;
    let now = 0;

    if (reached && (i < previous.from || (i > previous.from && (changes === 0 || !readsAny(planned.reads, changed!))))) {
      // Nothing it reads changed: the previous decision stands.
      now = before;
      if (previousEntry !== undefined) asked.push(previousEntry);
      if ((now & SHOWN_INFO) !== 0) info.push(planned.key);
      if ((now & EFFECTIVE) !== 0) {
        slots[planned.slot] = given[planned.slot];
        effectiveCount++;
      }
      if ((now & EFFECTIVE_OTHER) !== 0) {
        slots[planned.other!.slot] = given[planned.other!.slot];
        effectiveCount++;
      }
      if (i === previous.state.last && previous.route.ended !== undefined) ended = previous.route.ended;
    } else if (planned.asked(slots, today)) {
      if (planned.kind === 'info') {
        now = SHOWN_INFO;
        info.push(planned.key);
      } else {
        now = ASKED;
        const value = given[planned.slot];
        let rows: string[] | undefined;
        let offered: CompiledOption[] | undefined;
        let usable: boolean;
        if (planned.rows !== undefined) {
          rows = [];
          for (const row of planned.rows) if (row.shown(slots, today)) rows.push(row.id);
          usable = planned.usable!(value, rows);
        } else if (planned.piped !== undefined) {
          const ticked = slots[planned.piped.source];
          const { values } = planned.piped;
          if (Array.isArray(ticked)) {
            offered = offeredFrom((item as ChoiceQuestion).options, values, ticked, slots[planned.piped.otherText]);
            usable = planned.usable === undefined ? isOffered(values, ticked, value) : planned.usable(value);
          } else {
            offered = [];
            usable = planned.usable !== undefined && planned.usable(value);
          }
        } else {
          usable = planned.usable!(value);
        }
        if (usable) {
          now |= EFFECTIVE;
          slots[planned.slot] = value;
          effectiveCount++;
        }
        const other = planned.other;
        let otherKey: string | undefined;
        if (other !== undefined && other.opened(slots, today)) {
          otherKey = other.key;
          const text = given[other.slot];
          if (typeof text === 'string') {
            slots[other.slot] = text;
            effectiveCount++;
            now |= EFFECTIVE_OTHER;
          }
        }
        asked.push(askedItem(planned, rows, offered, otherKey));
        for (const end of planned.endRules) {
          if (end.reached(slots, today) && end.holds(slots, today)) {
            ended = { rule: end.rule.id, after: end.rule.after, message: end.rule.message, keepAnswers: end.rule.keepAnswers };
            break;
          }
        }
      }
    }

    if (changed !== undefined && !(reached && now === before && i !== previous!.from)) {
      // Decided afresh: note the effective answers that are new, gone, or (the changed key) different.
      if (((now ^ before) & EFFECTIVE) !== 0 || ((now & EFFECTIVE) !== 0 && planned.key === previous!.changedKey)) {
        changed[planned.slot] = 1;
        changes++;
      }
      const other = planned.other;
      if (other !== undefined && (((now ^ before) & EFFECTIVE_OTHER) !== 0 || ((now & EFFECTIVE_OTHER) !== 0 && other.key === previous!.changedKey))) {
        changed[other.slot] = 1;
        changes++;
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
  // When every answer is effective, in order (an export's valid responses), `effective` is a
  // copy of `answers`: `Object.assign` copies an object of many properties several times faster
  // than they are added one by one (and, unlike a spread, its copies share hidden classes).
  // When every answer is effective, in the order of `effective` (as in an export's valid
  // responses), `effective` is a copy of `answers`, which `Object.assign` makes faster than the
  // answers are added one by one (it would also copy symbol-keyed properties: none in JSON).
  const copy = onlyAnswers === effectiveCount && inOrder && Object.getOwnPropertySymbols(answers).length === 0;
  const effective = copy ? Object.assign({}, answers) : effectiveAnswers(plan, decided, slots, last);
  const result: Route = ended === undefined ? { asked, info, pages, effective } : { asked, info, pages, effective, ended };
  remember(result, { plan, today, decided, last, allEffective: onlyAnswers === effectiveCount });
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
 * the same `today`, and one of the last eight routes it made (a form's latest route is).
 * Otherwise (a route from elsewhere or an older one, another survey, a new day) it routes in
 * full. `answers` is not changed.
 */
export function routeAfterChange(survey: CompiledSurvey, previous: Route, answers: Answers, changedKey: string, options: RouteOptions = {}): Route {
  const plan = routingPlan(survey);
  const today = todayOf(options);
  const state = stateOf(previous);
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

// ---- routing answers a reader put in slots: `poet export`'s path -------------------------

/** Flag of a {@link SlotRoute} decision: the item's `_other` text was asked (its universe held), whether or not it was given. */
export const OTHER_OPENED = 16;
/** Flag of a {@link SlotRoute} decision: the question was asked. */
export const ASKED_ITEM = ASKED;

/** Where a reader of responses puts the answer given for one answer key (see {@link slotRoutingPlan}). */
export interface AnswerKeySlot {
  /** A question id, or a `<id>_other` key. */
  readonly key: string;
  readonly slot: number;
  /** The index of its item in the survey. */
  readonly item: number;
  readonly question: CompiledQuestion;
  /** Whether it is the question's `_other` text. */
  readonly other: boolean;
}

/**
 * What routing decided for answers held in slots. One object, rewritten by each
 * {@link routeSlots} call of its plan: read it before the next.
 */
export interface SlotRoute {
  /** Per item, in survey order: ASKED_ITEM, EFFECTIVE, EFFECTIVE_OTHER, OTHER_OPENED (and info items shown); 0 after `last`. */
  readonly decided: Uint8Array;
  /** Per item: an asked grid's shown rows (stale for other items: read it only for an asked grid). */
  readonly rows: (readonly string[] | undefined)[];
  /** The effective answers by slot (`undefined` in the slots of answers that are not). */
  readonly slots: unknown[];
  /** The index of the last item reached. */
  last: number;
  /** The end rule that fired, if one did. */
  ended: EndRule | undefined;
  /** How many answers (and `_other` texts) are effective. */
  effective: number;
}

/** The survey's answer keys and slots, for a reader that fills slots itself (see {@link routeSlots}). */
export interface SlotRoutingPlan {
  readonly survey: CompiledSurvey;
  /** How many slots `given` must have. */
  readonly slots: number;
  /** Every answer key, in survey order. `false` for `distinct`: two items share an answer key, and slots cannot hold their answers. */
  readonly answerKeys: readonly AnswerKeySlot[];
  readonly distinct: boolean;
  /** Per item: the slot of its answer, and of its `_other` text (-1: none). */
  readonly itemSlots: Int32Array;
  readonly otherSlots: Int32Array;
  /** The route {@link routeSlots} writes. */
  readonly route: SlotRoute;
}

const slotPlans = new WeakMap<CompiledSurvey, SlotRoutingPlan>();

export function slotRoutingPlan(survey: CompiledSurvey): SlotRoutingPlan {
  let found = slotPlans.get(survey);
  if (found !== undefined) return found;
  const plan = routingPlan(survey);
  const answerKeys: AnswerKeySlot[] = [];
  const itemSlots = new Int32Array(plan.items.length).fill(-1);
  const otherSlots = new Int32Array(plan.items.length).fill(-1);
  plan.items.forEach((planned, index) => {
    if (planned.kind === 'info') return;
    itemSlots[index] = planned.slot;
    otherSlots[index] = planned.other?.slot ?? -1;
    const question = planned.item as CompiledQuestion;
    answerKeys.push({ key: planned.key, slot: planned.slot, item: index, question, other: false });
    if (planned.other !== undefined) answerKeys.push({ key: planned.other.key, slot: planned.other.slot, item: index, question, other: true });
  });
  found = {
    survey,
    slots: plan.slots,
    answerKeys,
    distinct: plan.distinctAnswerKeys,
    itemSlots,
    otherSlots,
    route: {
      decided: new Uint8Array(plan.items.length),
      rows: new Array<readonly string[] | undefined>(plan.items.length).fill(undefined),
      slots: new Array<unknown>(plan.slots).fill(undefined),
      last: -1,
      ended: undefined,
      effective: 0,
    },
  };
  slotPlans.set(survey, found);
  return found;
}

/**
 * Routes the answers in `given` (`given[slot]`: the answer given for the key of that slot, as
 * `route` would read it from an answers object, `undefined` when none), deciding what `route`
 * decides of each item, without building a {@link Route}. Writes and returns `slotPlan.route`.
 * `route-reference.test.ts` pins it to `route`.
 */
export function routeSlots(slotPlan: SlotRoutingPlan, given: readonly unknown[], today: string): SlotRoute {
  const plan = routingPlan(slotPlan.survey);
  const out = slotPlan.route;
  const { items } = plan;
  const { decided, rows: rowsOf, slots } = out;
  for (let i = 0; i < slots.length; i++) slots[i] = undefined;
  decided.fill(0);
  let effectiveCount = 0;
  let ended: EndRule | undefined;
  let last = items.length - 1;
  for (let i = 0; i < items.length; i++) {
    const planned = items[i]!;
    let now = 0;
    if (planned.asked(slots, today)) {
      if (planned.kind === 'info') now = SHOWN_INFO;
      else {
        now = ASKED;
        const value = given[planned.slot];
        let usable: boolean;
        if (planned.rows !== undefined) {
          const rows: string[] = [];
          for (const row of planned.rows) if (row.shown(slots, today)) rows.push(row.id);
          rowsOf[i] = rows;
          usable = planned.usable!(value, rows);
        } else if (planned.piped !== undefined) {
          const ticked = slots[planned.piped.source];
          if (Array.isArray(ticked)) usable = planned.usable === undefined ? isOffered(planned.piped.values, ticked, value) : planned.usable(value);
          else usable = planned.usable !== undefined && planned.usable(value);
        } else usable = planned.usable!(value);
        if (usable) {
          now |= EFFECTIVE;
          slots[planned.slot] = value;
          effectiveCount++;
        }
        const other = planned.other;
        if (other !== undefined && other.opened(slots, today)) {
          now |= OTHER_OPENED;
          const text = given[other.slot];
          if (typeof text === 'string') {
            slots[other.slot] = text;
            effectiveCount++;
            now |= EFFECTIVE_OTHER;
          }
        }
        for (const end of planned.endRules) {
          if (end.reached(slots, today) && end.holds(slots, today)) {
            ended = end.rule;
            break;
          }
        }
      }
    }
    decided[i] = now;
    if (ended !== undefined) {
      last = i;
      break;
    }
  }
  out.last = last;
  out.ended = ended;
  out.effective = effectiveCount;
  return out;
}

/** A route's effective answers as an object (as `route` writes them), from a {@link SlotRoute}. */
export function slotRouteAnswers(slotPlan: SlotRoutingPlan, route: SlotRoute): Record<string, unknown> {
  return effectiveAnswers(routingPlan(slotPlan.survey), route.decided, route.slots, route.last);
}
