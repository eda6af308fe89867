/**
 * A cheap, sound proof that a routed response is valid, for exports: route each response once
 * (for coding), then ask {@link provesValid} whether that route already proves what the
 * compiled response schema (`createResponseValidator(survey).validateResponse`) would decide.
 * Only when it does not (rare: rejects, unusual envelopes) is ajv needed, which stays the
 * authority and gives the messages.
 *
 * Why a route can prove validity. Its effective answers are the answers to asked questions
 * that are usable for them (answers.ts: shape, options, offered piped options, shown grid
 * rows, limits) plus the asked `_other` texts, each the answer's own value. When the answers
 * object holds exactly those keys with those values, every value schema holds except what
 * usability leaves out, and the schema's routing rules read the same answers the route read,
 * so what is left to check is:
 *
 * - required questions asked and not answered; `_other` texts opened and not given, blank or
 *   too long (routing takes any string); required grids with a shown row unanswered;
 * - date answers against bounds that are `today` (usability leaves those out);
 * - checks (V12), which routing does not evaluate;
 * - after an end rule, required questions the schema would still ask (their universes are
 *   meant to exclude the end; this is proved once per survey, else evaluated);
 * - the envelope as `validateResponse` reads it: an object with an own `answers` object and
 *   an own `submitted` whose date part is `today`.
 *
 * That the schema's reading of routing equals the route's is proved once per survey
 * ({@link provabilityProblem}): each universe reads only answers to earlier questions (the
 * schema reads the whole response, routing only what came before), and each condition's atoms
 * mean the same to the schema and to the runtime for the kinds of answer they read (a
 * negated `=` on a number question, `count` of a non-multi, a date constant compared with a
 * text answer, or two questions of different kinds compared, would not). A survey that fails
 * is never proved: every response goes to the validator.
 *
 * Assumes JSON data (what `JSON.parse` gives): no getters, sparse arrays or proxies.
 */
import type { CompiledQuestion, CompiledSurvey, Condition } from '@poetkit/compiler/compiled';
import { codePoints, isCalendarDate } from './answers.js';
import { compileCondition, conditionQuestions, type CompiledTest } from './evaluate.js';
import {
  allEffectiveDecisions,
  ASKED_ITEM,
  EFFECTIVE,
  EFFECTIVE_OTHER,
  OTHER_OPENED,
  slotRouteAnswers,
  type Route,
  type SlotRoute,
  type SlotRoutingPlan,
} from './route.js';

type QuestionKind = CompiledQuestion['kind'] | 'other';

/** Kinds whose usable answers are strings that are not dates. */
const PLAIN_STRING_KINDS: ReadonlySet<QuestionKind> = new Set(['consent', 'single', 'text', 'long_text', 'other']);

interface PlannedCheck {
  /** The keys that must all be answered for the check to apply. */
  readonly questions: readonly string[];
  readonly holds: CompiledTest;
}

/** A required question (`_other` texts are counted apart). */
const REQUIRED = 1;
/** An `_other` text: the schema's text rules apply, which routing leaves out. */
const OTHER_TEXT = 2;
/** A date with a bound that is `today`, which usability leaves out. */
const DATE_TODAY = 4;
/** An asked question: required (its answer must be given), and a required grid (every shown row answered). */
const REQUIRED_QUESTION = 1;
const REQUIRED_GRID = 2;

/** What an answer key needs beyond usability (one shape for every key, so that reading it stays monomorphic). */
interface KeyRule {
  /** REQUIRED, OTHER_TEXT, DATE_TODAY. */
  readonly flags: number;
  /** `_other` texts: the longest text, in code points. */
  readonly maxLength: number;
  /** Dates: the answer is on or after / on or before `today`. */
  readonly todayMin: boolean;
  readonly todayMax: boolean;
}

interface ProofPlan {
  /** Why this survey's responses are never proved; `undefined` when they can be. */
  readonly problem: string | undefined;
  /** Every answer key the schema knows, and what it needs beyond usability. */
  readonly keys: ReadonlyMap<string, KeyRule>;
  /** The same by the index of the item in the survey: its answer's key and rule, and its `_other` text's. */
  readonly itemKeys: readonly (string | undefined)[];
  readonly itemRules: readonly (KeyRule | undefined)[];
  readonly otherKeys: readonly (string | undefined)[];
  readonly otherRules: readonly (KeyRule | undefined)[];
  /**
   * By the index of the item: REQUIRED_QUESTION and REQUIRED_GRID, what an asked question
   * needs: read here rather than from the questions, objects of as many shapes as there are
   * kinds of question (a property read on them is several times slower).
   */
  readonly askedRules: Uint8Array;
  readonly checks: readonly PlannedCheck[];
  /**
   * End rule id → the universes of required keys after its question that its firing was not
   * proved to exclude: when a route ends there, none of them may hold.
   */
  readonly afterEnd: ReadonlyMap<string, readonly CompiledTest[]>;
}

const plans = new WeakMap<CompiledSurvey, ProofPlan>();

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** The conjuncts of a condition (`and` flattened). */
function conjunctsOf(condition: Condition, out: Condition[] = []): Condition[] {
  if (condition.op === 'and') for (const arg of condition.args) conjunctsOf(arg, out);
  else out.push(condition);
  return out;
}

/**
 * Whether the schema's reading of `condition` (conditions.ts in the compiler) and the
 * runtime's (evaluate.ts) agree on every answers object whose answers are usable for their
 * keys; `undefined` when they do, else the atom where they may not. `kindOf` gives the kind
 * of an answer key (`undefined`: not an answer key, so never answered in such an object).
 */
function disagreement(condition: Condition, kindOf: (key: string) => QuestionKind | undefined): string | undefined {
  switch (condition.op) {
    case 'true':
    case 'false':
    case 'in':
    case 'includes':
    case 'answered':
      return undefined;
    case 'and':
    case 'or':
      for (const arg of condition.args) {
        const found = disagreement(arg, kindOf);
        if (found !== undefined) return found;
      }
      return undefined;
    case 'not':
      return disagreement(condition.arg, kindOf);
    case 'equals': {
      // The schema's `not const` holds for a number or an array; the runtime wants a string.
      const kind = kindOf(condition.question);
      return condition.negated && kind !== undefined && !PLAIN_STRING_KINDS.has(kind) && kind !== 'date'
        ? `${condition.question} != ${condition.value} on a ${kind} question`
        : undefined;
    }
    case 'count': {
      // The schema wants an array; the runtime counts anything else as 0 ticks.
      const kind = kindOf(condition.question);
      return kind !== undefined && kind !== 'multi' ? `count(${condition.question}) on a ${kind} question` : undefined;
    }
    case 'compare': {
      if (typeof condition.value === 'number') return undefined;
      // Dates: the schema compares any string, the runtime only `YYYY-MM-DD` ones; `<` and `>`
      // move a constant by a day, which needs a real date.
      if (condition.value !== 'today' && !isCalendarDate(condition.value)) return `${condition.question} compared with '${condition.value}'`;
      const kind = kindOf(condition.question);
      return kind !== undefined && PLAIN_STRING_KINDS.has(kind) ? `${condition.question} (${kind}) compared with a date` : undefined;
    }
    case 'compareQuestions': {
      // The schema's x-poet-compare passes for answers of different kinds; the runtime's fails.
      const left = kindOf(condition.question);
      const right = kindOf(condition.other);
      if (left === undefined || right === undefined) return undefined;
      return left === right && (left === 'number' || left === 'date')
        ? undefined
        : `${condition.question} (${left}) compared with ${condition.other} (${right})`;
    }
  }
}

/** Facts about answers when every condition of `held` holds: key → the values it can have. */
function valueFacts(held: readonly Condition[]): Map<string, ReadonlySet<string>> {
  const facts = new Map<string, ReadonlySet<string>>();
  for (const c of held) {
    if (c.op === 'equals' && !c.negated) facts.set(c.question, new Set([c.value]));
    else if (c.op === 'in') facts.set(c.question, new Set(c.values));
  }
  return facts;
}

/**
 * Whether `universe` is false wherever all of `held` hold (answers usable, schema reading): one
 * of its conjuncts is `false`, is `not` of conditions among `held`, or contradicts what `held`
 * says a choice answer is. (The compiler puts `not (reached and C)` of every earlier end rule
 * into each later universe, often simplified to a positive test such as `consent = yes`.)
 */
function excludedBy(universe: Condition, held: readonly Condition[]): boolean {
  const heldIds = new Set(held.map((c) => JSON.stringify(c)));
  const facts = valueFacts(held);
  return conjunctsOf(universe).some((x) => {
    switch (x.op) {
      case 'false':
        return true;
      case 'not':
        return conjunctsOf(x.arg).every((y) => heldIds.has(JSON.stringify(y)));
      case 'equals': {
        const possible = facts.get(x.question);
        if (possible === undefined) return false;
        return x.negated ? possible.size === 1 && possible.has(x.value) : !possible.has(x.value);
      }
      case 'in': {
        const possible = facts.get(x.question);
        return possible !== undefined && [...possible].every((v) => !x.values.includes(v));
      }
      default:
        return false;
    }
  });
}

/** Whether `condition` is false whenever `key` is unanswered: one of its conjuncts is an atom about `key` that needs an answer. */
function needsAnswer(condition: Condition, key: string): boolean {
  return conjunctsOf(condition).some(
    (c) => (c.op === 'equals' || c.op === 'in' || c.op === 'includes' || (c.op === 'answered' && !c.negated)) && c.question === key,
  );
}

function buildPlan(survey: CompiledSurvey): ProofPlan {
  const questions: { question: CompiledQuestion; index: number }[] = [];
  survey.items.forEach((item, index) => {
    if (item.kind !== 'info') questions.push({ question: item, index });
  });
  const unprovable = (problem: string): ProofPlan => ({
    problem,
    keys: new Map(),
    itemKeys: [],
    itemRules: [],
    otherKeys: [],
    otherRules: [],
    askedRules: new Uint8Array(0),
    checks: [],
    afterEnd: new Map(),
  });

  // validateResponse reads the whole response as the answers when a grid is named `answers`.
  if (questions.some(({ question }) => question.kind === 'grid' && question.id === 'answers')) {
    return unprovable("a grid named 'answers' makes validateResponse read the envelope as answers");
  }

  // Every answer key: its kind and the position of its item (a question's `_other` text is
  // decided just after the question, before anything later).
  const keys = new Map<string, { kind: QuestionKind; index: number }>();
  const keyRules = new Map<string, KeyRule>();
  for (const { question, index } of questions) {
    const add = (key: string, kind: QuestionKind, rule: KeyRule): string | undefined => {
      if (keys.has(key)) return `the answer key '${key}' is used twice`;
      if (key === '__proto__') return "an answer key is '__proto__'";
      keys.set(key, { kind, index });
      keyRules.set(key, rule);
      return undefined;
    };
    const todayMin = question.kind === 'date' && question.min === 'today';
    const todayMax = question.kind === 'date' && question.max === 'today';
    const flags = (question.required ? REQUIRED : 0) | (todayMin || todayMax ? DATE_TODAY : 0);
    const problem = add(question.id, question.kind, { flags, maxLength: 0, todayMin, todayMax });
    if (problem !== undefined) return unprovable(problem);
    if (question.kind === 'single' || question.kind === 'multi' || question.kind === 'consent') {
      if (question.other === undefined) continue;
      // The schema has an `_other` text only for a single or multi that is not piped; routing opens any.
      if (question.kind === 'consent' || question.pipedFrom !== undefined) return unprovable(`${question.id} has an _other text the schema does not know`);
      const otherProblem = add(question.other.key, 'other', { flags: OTHER_TEXT, maxLength: question.other.maxLength, todayMin: false, todayMax: false });
      if (otherProblem !== undefined) return unprovable(otherProblem);
    }
  }
  const kindOf = (key: string): QuestionKind | undefined => keys.get(key)?.kind;

  /** The problem with a condition the schema reads on the whole response and routing on what came before `limit` (or at it, `orAt`). */
  const readsOnlyBefore = (condition: Condition, limit: number, what: string, orAt?: string): string | undefined => {
    const atom = disagreement(condition, kindOf);
    if (atom !== undefined) return `${what}: the schema and the runtime read ${atom} differently`;
    for (const key of conditionQuestions(condition)) {
      const position = keys.get(key);
      if (position !== undefined && position.index >= limit && key !== orAt) return `${what} reads ${key}, which is not asked before it`;
    }
    return undefined;
  };

  for (const { question, index } of questions) {
    // Routing opens an `_other` text only when its question is asked; the schema, whenever the
    // text's universe holds. They agree when that universe needs the question answered.
    if ((question.kind === 'single' || question.kind === 'multi') && question.other !== undefined && !needsAnswer(question.other.universe.condition, question.id)) {
      return unprovable(`the universe of ${question.other.key} does not need ${question.id} answered`);
    }
    const problem =
      readsOnlyBefore(question.universe.condition, index, `the universe of ${question.id}`) ??
      (question.kind === 'grid'
        ? question.rows.map((row) => readsOnlyBefore(row.universe.condition, index, `the row ${question.id}.${row.id}`)).find((p) => p !== undefined)
        : (question.kind === 'single' || question.kind === 'multi') && question.other !== undefined
          ? readsOnlyBefore(question.other.universe.condition, index, `the universe of ${question.other.key}`, question.id)
          : undefined);
    if (problem !== undefined) return unprovable(problem);
  }

  const checks: PlannedCheck[] = [];
  for (const check of survey.checks) {
    const atom = disagreement(check.condition, kindOf);
    if (atom !== undefined) return unprovable(`the check ${check.id}: the schema and the runtime read ${atom} differently`);
    checks.push({ questions: [...new Set(check.questions)], holds: compileCondition(check.condition) });
  }

  // After an end rule fires, routing asks nothing more; the schema asks whatever universe holds.
  const afterEnd = new Map<string, CompiledTest[]>();
  const compiled = new Map<Condition, CompiledTest>();
  const test = (condition: Condition): CompiledTest => {
    let t = compiled.get(condition);
    if (t === undefined) {
      t = compileCondition(condition);
      compiled.set(condition, t);
    }
    return t;
  };
  for (const rule of survey.endRules) {
    const at = survey.items.findIndex((item) => item.id === rule.after);
    if (at < 0 || survey.items[at]!.kind === 'info') continue; // routing never fires it
    const ruleProblem = readsOnlyBefore(rule.universe.condition, at + 1, `end rule ${rule.id}`) ?? readsOnlyBefore(rule.condition, at + 1, `end rule ${rule.id}`);
    // Without a problem, what the rule's conditions say of the answers before it (all routing
    // read when it fired) holds of the whole response too, so it can exclude later universes.
    const held = ruleProblem === undefined ? [...conjunctsOf(rule.universe.condition), ...conjunctsOf(rule.condition)] : undefined;
    const unresolved: CompiledTest[] = [];
    for (const { question, index } of questions) {
      if (index <= at) continue;
      // (Its `_other` text needs it answered, and nothing after the end is.)
      if (question.required && (held === undefined || !excludedBy(question.universe.condition, held))) unresolved.push(test(question.universe.condition));
    }
    afterEnd.set(rule.id, unresolved);
  }
  const itemKeys: (string | undefined)[] = survey.items.map(() => undefined);
  const itemRules: (KeyRule | undefined)[] = survey.items.map(() => undefined);
  const otherKeys: (string | undefined)[] = survey.items.map(() => undefined);
  const otherRules: (KeyRule | undefined)[] = survey.items.map(() => undefined);
  const askedRules = new Uint8Array(survey.items.length);
  for (const { question, index } of questions) {
    itemKeys[index] = question.id;
    itemRules[index] = keyRules.get(question.id);
    if (question.required) askedRules[index] = question.kind === 'grid' ? REQUIRED_QUESTION | REQUIRED_GRID : REQUIRED_QUESTION;
    const other = (question as { other?: { key: string } }).other;
    if (other !== undefined) {
      otherKeys[index] = other.key;
      otherRules[index] = keyRules.get(other.key);
    }
  }
  return { problem: undefined, keys: keyRules, itemKeys, itemRules, otherKeys, otherRules, askedRules, checks, afterEnd };
}

function proofPlan(survey: CompiledSurvey): ProofPlan {
  let plan = plans.get(survey);
  if (plan === undefined) {
    plan = buildPlan(survey);
    plans.set(survey, plan);
  }
  return plan;
}

/**
 * Why {@link provesValid} never proves a response to `survey` (a routing construct the
 * schema reads differently from the runtime, or that the proof does not follow), or
 * `undefined` when it can. An export may report it: every response then costs a validation.
 */
export function provabilityProblem(survey: CompiledSurvey): string | undefined {
  return proofPlan(survey).problem;
}

const NOT_BLANK = /\S/;
/** The last `today` seen to be a real `YYYY-MM-DD` date (an export passes the same date again and again). */
let knownDateForm = '';

/**
 * What the schema adds to usability for an effective answer whose rule has OTHER_TEXT or
 * DATE_TODAY: `false` when it fails.
 */
function holdsBeyondUsability(rule: KeyRule, value: unknown, today: string): boolean {
  const text = value as string;
  // Routing takes any string as an `_other` text; the schema's text rules.
  if ((rule.flags & OTHER_TEXT) !== 0) return NOT_BLANK.test(text) && !(text.length > rule.maxLength && codePoints(text) > rule.maxLength);
  // Usability leaves out the bounds that are `today`.
  return !((rule.todayMin && text < today) || (rule.todayMax && text > today));
}

/**
 * `true` only when `response` is valid by the survey's compiled response schema: what
 * `createResponseValidator(survey).validateResponse(response)` decides. `false`: not proved,
 * ask the validator (it says why).
 *
 * `response` is an envelope `{answers, submitted, ...}` (JSON data); `route` must be
 * `route(survey, answers, { today })` of its own answers, and `today` its submission date,
 * the date part of `submitted` (what validateResponse uses for `today`).
 */
export function provesValid(survey: CompiledSurvey, response: unknown, route: Route, today: string): boolean {
  const plan = proofPlan(survey);
  if (plan.problem !== undefined) return false;

  // The envelope, as validateResponse reads it; without `submitted` its `today` is the validator's own.
  if (typeof response !== 'object' || response === null || Array.isArray(response)) return false;
  const envelope = response as Readonly<Record<string, unknown>>;
  if (!hasOwn(envelope, 'answers') || !hasOwn(envelope, 'submitted')) return false;
  const answers = envelope['answers'] as Readonly<Record<string, unknown>>;
  const submitted = envelope['submitted'];
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return false;
  if (today !== knownDateForm) {
    if (!isCalendarDate(today)) return false;
    knownDateForm = today;
  }
  // validateResponse takes `YYYY-MM-DD` or `YYYY-MM-DDT...` and reads the date part.
  if (typeof submitted !== 'string' || !submitted.startsWith(today) || (submitted.length !== 10 && submitted.charCodeAt(10) !== 0x54 /* T */)) return false;

  // Every answer is effective. (Routing took the effective answers from `answers`, so the
  // two are then the same keys with the same values.) Count the required answers and the
  // `_other` texts on the way, and check what the schema adds to usability.
  const effective = route.effective;
  let requiredAnswers = 0;
  let otherTexts = 0;
  const decided = allEffectiveDecisions(survey, route);
  if (decided !== undefined) {
    // Routing says every key of `answers` is effective: count and check them by item, without
    // looking each key up.
    const { itemKeys, itemRules, otherKeys, otherRules } = plan;
    for (let i = 0; i < decided.length; i++) {
      const now = decided[i]!;
      if ((now & (EFFECTIVE | EFFECTIVE_OTHER)) === 0) continue;
      if ((now & EFFECTIVE) !== 0) {
        const rule = itemRules[i];
        if (rule === undefined) return false;
        if ((rule.flags & REQUIRED) !== 0) requiredAnswers++;
        if ((rule.flags & (OTHER_TEXT | DATE_TODAY)) !== 0 && !holdsBeyondUsability(rule, answers[itemKeys[i]!], today)) return false;
      }
      if ((now & EFFECTIVE_OTHER) !== 0) {
        const rule = otherRules[i];
        if (rule === undefined || (rule.flags & OTHER_TEXT) === 0) return false;
        otherTexts++;
        if (!holdsBeyondUsability(rule, answers[otherKeys[i]!], today)) return false;
      }
    }
  } else {
    const rules = plan.keys;
    for (const key in answers) {
      const rule = rules.get(key);
      if (rule === undefined || !hasOwn(effective, key)) return false;
      const flags = rule.flags;
      if ((flags & REQUIRED) !== 0) requiredAnswers++;
      if ((flags & (OTHER_TEXT | DATE_TODAY)) === 0) continue;
      if ((flags & OTHER_TEXT) !== 0) otherTexts++;
      if (!holdsBeyondUsability(rule, answers[key], today)) return false;
    }
  }

  // Every required question asked is answered, every `_other` text opened given (each answer
  // counted above is of one asked question, or of an opened text), and a required grid's
  // shown rows all answered (usable: shown rows only).
  let requiredAsked = 0;
  let opened = 0;
  const asked = route.asked;
  for (let i = 0; i < asked.length; i++) {
    const item = asked[i]!;
    if (item.question.required) {
      requiredAsked++;
      if (item.kind === 'grid') {
        const value = answers[item.id];
        if (value !== undefined && Object.keys(value as object).length !== item.rows?.length) return false;
      }
    }
    if (item.otherKey !== undefined) opened++;
  }
  if (requiredAnswers !== requiredAsked || otherTexts !== opened) return false;

  if (route.ended !== undefined) {
    const later = plan.afterEnd.get(route.ended.rule);
    if (later === undefined) return false;
    for (const universe of later) if (universe(effective, today)) return false;
  }

  return checksHold(plan, effective, today);
}

/** Whether each of the survey's checks (V12) holds of `effective`: a check applies when all its questions are answered. */
function checksHold(plan: ProofPlan, effective: Readonly<Record<string, unknown>>, today: string): boolean {
  for (const check of plan.checks) {
    let applies = true;
    for (const key of check.questions) {
      if (!hasOwn(effective, key)) {
        applies = false;
        break;
      }
    }
    if (applies && !check.holds(effective, today)) return false;
  }
  return true;
}

/**
 * {@link provesValid} for answers a reader put in slots and routed with `routeSlots` (route.ts):
 * `true` only when the envelope they came from is valid by the survey's compiled response
 * schema. The caller vouches for the envelope: a JSON object with an own `answers` object
 * holding exactly `count` own properties, each an answer key of the survey whose value (JSON
 * data) is in its slot of `given`, and an own `submitted` string, given here; `today` is its
 * date part. `route` is `routeSlots(slotPlan, given, today)`.
 */
export function provesSlotRouteValid(slotPlan: SlotRoutingPlan, route: SlotRoute, given: readonly unknown[], count: number, submitted: string, today: string): boolean {
  const survey = slotPlan.survey;
  const plan = proofPlan(survey);
  if (plan.problem !== undefined || !slotPlan.distinct) return false;
  if (today !== knownDateForm) {
    if (!isCalendarDate(today)) return false;
    knownDateForm = today;
  }
  if (!submitted.startsWith(today) || (submitted.length !== 10 && submitted.charCodeAt(10) !== 0x54 /* T */)) return false;
  // Every answer given is effective: each effective answer is one given (distinct keys, distinct slots).
  if (route.effective !== count) return false;

  const { itemRules, otherRules, askedRules } = plan;
  const { itemSlots, otherSlots } = slotPlan;
  const { decided, rows } = route;
  let requiredAnswers = 0;
  let otherTexts = 0;
  let requiredAsked = 0;
  let opened = 0;
  for (let i = 0; i <= route.last; i++) {
    const now = decided[i]!;
    if (now === 0) continue;
    if ((now & EFFECTIVE) !== 0) {
      const rule = itemRules[i];
      if (rule === undefined) return false;
      if ((rule.flags & REQUIRED) !== 0) requiredAnswers++;
      if ((rule.flags & (OTHER_TEXT | DATE_TODAY)) !== 0 && !holdsBeyondUsability(rule, given[itemSlots[i]!], today)) return false;
    }
    if ((now & EFFECTIVE_OTHER) !== 0) {
      const rule = otherRules[i];
      if (rule === undefined || (rule.flags & OTHER_TEXT) === 0) return false;
      otherTexts++;
      if (!holdsBeyondUsability(rule, given[otherSlots[i]!], today)) return false;
    }
    if ((now & ASKED_ITEM) !== 0) {
      const needs = askedRules[i]!;
      if ((needs & REQUIRED_QUESTION) !== 0) {
        requiredAsked++;
        if ((needs & REQUIRED_GRID) !== 0) {
          // A required grid: every shown row answered (usable: shown rows only).
          const value = given[itemSlots[i]!];
          if (value !== undefined && Object.keys(value as object).length !== rows[i]!.length) return false;
        }
      }
    }
    if ((now & OTHER_OPENED) !== 0) opened++;
  }
  if (requiredAnswers !== requiredAsked || otherTexts !== opened) return false;

  let effective: Record<string, unknown> | undefined;
  if (route.ended !== undefined) {
    const later = plan.afterEnd.get(route.ended.id);
    if (later === undefined) return false;
    if (later.length > 0) {
      effective = slotRouteAnswers(slotPlan, route);
      for (const universe of later) if (universe(effective, today)) return false;
    }
  }
  return plan.checks.length === 0 || checksHold(plan, effective ?? slotRouteAnswers(slotPlan, route), today);
}
