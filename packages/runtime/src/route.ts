/**
 * Routing: who is asked what, given a compiled survey and the answers so far.
 *
 * Items are taken in order (poet-reference README, Routing 1). Each item's universe is
 * evaluated against the **effective answers**: the answers to questions asked earlier on the
 * path, each usable for its question (an answer to a question that is not asked, or an answer
 * of the wrong shape, is treated as absent). So routing looks only at answers asked earlier
 * on the same path (Routing 2), whatever else `answers` holds. After each question its end
 * rules are checked; when one holds, nothing later is asked (Routing 5).
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
import { evaluate, type Answers, type EvaluateOptions } from './evaluate.js';

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

/** Routes `answers` through `survey`: the questions asked in order, pages shown, and any end. */
export function route(survey: CompiledSurvey, answers: Answers, options: RouteOptions = {}): Route {
  const { pageOf, endRulesAfter } = surveyIndex(survey);
  const effective: Record<string, unknown> = {};
  // A universe refers only to earlier questions, whose effective answers are final once
  // passed, so within one route the same condition object always has the same value.
  const known = new Map<Condition, boolean>();
  const holds = (condition: Condition): boolean => {
    let value = known.get(condition);
    if (value === undefined) {
      value = evaluate(condition, effective, options);
      known.set(condition, value);
    }
    return value;
  };
  const asked: AskedItem[] = [];
  const info: string[] = [];
  const pages: string[] = [];
  let ended: Ended | undefined;

  const showPage = (id: string) => {
    const page = pageOf.get(id) ?? id;
    if (pages[pages.length - 1] !== page) pages.push(page);
    return page;
  };

  for (const item of survey.items) {
    if (!holds(item.universe.condition)) continue;
    const page = showPage(item.id);
    if (item.kind === 'info') {
      info.push(item.id);
      continue;
    }
    const value = own(answers, item.id);
    let entry: AskedItem = { id: item.id, kind: item.kind, page, question: item };
    if (item.kind === 'grid') {
      const rows = shownRows(item, effective, options);
      entry = { ...entry, rows };
      if (isUsableAnswer(item, value, undefined, rows)) effective[item.id] = value;
    } else if (item.kind === 'single' || item.kind === 'multi' || item.kind === 'consent') {
      const offered = item.pipedFrom === undefined ? undefined : offeredOptions(item, effective);
      if (offered !== undefined) entry = { ...entry, options: offered };
      if (isUsableAnswer(item, value, offered)) effective[item.id] = value;
      if (item.other !== undefined && evaluate(item.other.universe.condition, effective, options)) {
        entry = { ...entry, otherKey: item.other.key };
        const text = own(answers, item.other.key);
        if (typeof text === 'string') effective[item.other.key] = text;
      }
    } else if (isUsableAnswer(item, value)) {
      effective[item.id] = value;
    }
    asked.push(entry);

    const rule = endRulesAfter
      .get(item.id)
      ?.find((r) => evaluate(r.universe.condition, effective, options) && evaluate(r.condition, effective, options));
    if (rule !== undefined) {
      ended = { rule: rule.id, after: rule.after, message: rule.message, keepAnswers: rule.keepAnswers };
      break;
    }
  }
  return ended === undefined ? { asked, info, pages, effective } : { asked, info, pages, effective, ended };
}
