/**
 * A straightforward reference for `route()`: the routing rule (poet-reference README, Routing
 * 1–5) written as plainly as possible, with `evaluate()` on a growing effective-answers object
 * and the generic `isUsableAnswer`, and no plan, slots or caches. test/route-reference.test.ts
 * holds the runtime's fast `route()` to it.
 */
import type { ChoiceQuestion, CompiledOption, CompiledSurvey } from '@poetkit/compiler/compiled';
import { evaluate, isUsableAnswer, type Answers, type AskedItem, type Ended, type Route } from '../../src/index.js';

function own(answers: Answers, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(answers, key) ? answers[key] : undefined;
}

function isChoice(item: { kind: string }): item is ChoiceQuestion {
  return item.kind === 'single' || item.kind === 'multi' || item.kind === 'consent';
}

export function referenceRoute(survey: CompiledSurvey, answers: Answers, today: string): Route {
  const options = { today };
  const pageOf = new Map<string, string>();
  for (const page of survey.pages) for (const id of page.items) pageOf.set(id, page.id);
  const effective: Record<string, unknown> = {};
  const asked: AskedItem[] = [];
  const info: string[] = [];
  const pages: string[] = [];
  let ended: Ended | undefined;

  for (const item of survey.items) {
    if (!evaluate(item.universe.condition, effective, options)) continue;
    const page = pageOf.get(item.id) ?? item.id;
    if (pages[pages.length - 1] !== page) pages.push(page);
    if (item.kind === 'info') {
      info.push(item.id);
      continue;
    }
    const value = own(answers, item.id);
    const entry: { -readonly [K in keyof AskedItem]: AskedItem[K] } = { id: item.id, kind: item.kind, page, question: item };
    let usable: boolean;
    if (item.kind === 'grid') {
      const rows = item.rows.filter((row) => evaluate(row.universe.condition, effective, options)).map((row) => row.id);
      entry.rows = rows;
      usable = isUsableAnswer(item, value, undefined, rows);
    } else if (isChoice(item) && item.pipedFrom !== undefined) {
      // The options ticked in the source, in the source's order; `other` labelled with its text.
      const ticked = own(effective, item.pipedFrom);
      const otherText = own(effective, `${item.pipedFrom}_other`);
      const offered: CompiledOption[] = [];
      if (Array.isArray(ticked)) {
        for (const o of item.options) {
          if (ticked.includes(o.value)) offered.push(o.specify && typeof otherText === 'string' ? { ...o, label: otherText } : o);
        }
      }
      entry.options = offered;
      usable = isUsableAnswer(item, value, offered);
    } else {
      usable = isUsableAnswer(item, value);
    }
    if (usable) effective[item.id] = value;
    if (isChoice(item) && item.other !== undefined && evaluate(item.other.universe.condition, effective, options)) {
      entry.otherKey = item.other.key;
      const text = own(answers, item.other.key);
      if (typeof text === 'string') effective[item.other.key] = text;
    }
    asked.push(entry);
    const rule = survey.endRules.find(
      (r) => r.after === item.id && evaluate(r.universe.condition, effective, options) && evaluate(r.condition, effective, options),
    );
    if (rule !== undefined) {
      ended = { rule: rule.id, after: rule.after, message: rule.message, keepAnswers: rule.keepAnswers };
      break;
    }
  }
  return ended === undefined ? { asked, info, pages, effective } : { asked, info, pages, effective, ended };
}
