/**
 * Random walks through a compiled survey, answering as a respondent would through the runtime
 * (only what `route` asks, piped options as offered, grid rows as shown, exclusive options
 * alone, `_other` texts when opened, optional questions sometimes left out, checks respected),
 * each answer routed from the previous route with `routeAfterChange`, as a form does. Shared
 * by test/agreement.test.ts, test/incremental.test.ts and `pnpm fuzz` (scripts/fuzz.mjs, from dist).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CompiledOption, CompiledSurvey } from '@poetkit/compiler/compiled';
import { evaluate, route, routeAfterChange, type AskedItem } from '../../src/index.js';

/** The `today` every walk answers and validates with. */
export const TODAY = '2016-06-30';

export type Gen = fc.GeneratorValue;

// One string arbitrary per length, made once: `g` caches arbitraries only within a walk, and
// building a binary string arbitrary was a tenth of the agreement test's time.
const strings = new Map<number, fc.Arbitrary<string>>();
function stringArbitrary(maxLength: number): fc.Arbitrary<string> {
  let arbitrary = strings.get(maxLength);
  if (arbitrary === undefined) {
    arbitrary = fc.string({ unit: 'binary', maxLength });
    strings.set(maxLength, arbitrary);
  }
  return arbitrary;
}

export const text = (g: Gen, max: number): string => `${g(fc.constantFrom, 'A', 'é', '😀', 'x')}${g(stringArbitrary, Math.min(20, max - 1))}`;

export function pick<T>(g: Gen, values: readonly T[]): T {
  return values[g(fc.nat, { max: values.length - 1 })]!;
}

function dateBetween(g: Gen, min: string, max: string): string {
  const a = Date.UTC(Number(min.slice(0, 4)), Number(min.slice(5, 7)) - 1, Number(min.slice(8, 10)));
  const b = Date.UTC(Number(max.slice(0, 4)), Number(max.slice(5, 7)) - 1, Number(max.slice(8, 10)));
  const t = a + g(fc.nat, { max: Math.floor((b - a) / 86_400_000) }) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** A random valid answer to an asked question. */
export function answer(g: Gen, a: AskedItem): unknown {
  const q = a.question;
  switch (q.kind) {
    case 'consent':
      return g(fc.constantFrom, 'yes', 'yes', 'yes', 'no');
    case 'single':
      return pick<CompiledOption>(g, a.options ?? q.options).value;
    case 'multi': {
      const exclusive = q.options.filter((o) => o.exclusive);
      if (exclusive.length > 0 && g(fc.nat, { max: 4 }) === 0) return [pick(g, exclusive).value];
      const plain = q.options.filter((o) => !o.exclusive).map((o) => o.value);
      return g(fc.subarray, plain, { minLength: q.minTicks ?? 1, maxLength: q.maxTicks ?? plain.length });
    }
    case 'text':
    case 'long_text':
      return text(g, q.maxLength);
    case 'number': {
      const min = q.min ?? -1000;
      const max = q.max ?? 1000;
      return q.whole ? g(fc.integer, { min, max }) : g(fc.double, { min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'date': {
      const min = q.min === undefined || q.min === 'today' ? '2000-01-01' : q.min;
      const max = q.max === undefined || q.max === 'today' ? TODAY : q.max;
      return dateBetween(g, min, max);
    }
    case 'grid': {
      const rows = q.required ? [...(a.rows ?? [])] : g(fc.subarray, [...(a.rows ?? [])], { minLength: 1 });
      return Object.fromEntries(rows.map((r) => [r, pick(g, q.scale).value]));
    }
  }
}

/** Makes a failing check hold by answering like the other question (numbers and dates). */
function respectChecks(survey: CompiledSurvey, answers: Record<string, unknown>, id: string): void {
  for (const check of survey.checks.filter((c) => c.questions.includes(id))) {
    if (!check.questions.every((k) => k in answers) || evaluate(check.condition, answers, { today: TODAY })) continue;
    const c = check.condition;
    assert.ok(c.op === 'compareQuestions', `check ${check.id} not handled by the walk`);
    // id must stand to the other answer as the check says: the other answer itself, or one away.
    const other = answers[c.question === id ? c.other : c.question];
    const flip = c.question === id ? 1 : -1;
    const step = c.comparison === '<' ? -flip : c.comparison === '>' || c.comparison === '!=' ? flip : 0;
    answers[id] = typeof other === 'number' ? other + step : other;
  }
}

/** One walk: answers every asked question (or leaves an optional one out) until nothing new is asked. */
export function walk(g: Gen, survey: CompiledSurvey): Record<string, unknown> {
  const options = { today: TODAY };
  const answers: Record<string, unknown> = {};
  const decided = new Set<string>();
  // Each step changes one answer, so the next route is routed from the last (as a form does).
  let current = route(survey, answers, options);
  for (;;) {
    const next = current.asked.find((a) => !decided.has(a.id) || (a.otherKey !== undefined && !(a.otherKey in answers)));
    if (next === undefined) return answers;
    if (decided.has(next.id)) {
      answers[next.otherKey!] = text(g, 200);
      current = routeAfterChange(survey, current, answers, next.otherKey!, options);
      continue;
    }
    decided.add(next.id);
    if (!next.question.required && g(fc.nat, { max: 3 }) === 0) continue;
    answers[next.id] = answer(g, next);
    respectChecks(survey, answers, next.id);
    current = routeAfterChange(survey, current, answers, next.id, options);
  }
}
