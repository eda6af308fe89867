/**
 * Agreement: random walks through every example, answering as a respondent would through the
 * runtime (only what `route` asks, piped options as offered, grid rows as shown, exclusive
 * options alone, `_other` texts when opened, optional questions sometimes left out, checks
 * respected), give responses that the compiler's response schema (ajv) accepts, and that
 * `purge` leaves unchanged.
 *
 * 1,000 walks per example (issue 4's minimum); set POET_WALKS to run more or fewer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CompiledOption, CompiledSurvey } from '@poetkit/compiler/compiled';
import { createResponseValidator } from '@poetkit/compiler/validator';
import { evaluate, purge, route, type AskedItem } from '../src/index.js';
import { EXAMPLE_FILES, example } from './support/examples.js';

const WALKS = Number(process.env['POET_WALKS'] ?? 1000);
const TODAY = '2016-06-30';

type Gen = fc.GeneratorValue;

const text = (g: Gen, max: number): string =>
  `${g(fc.constantFrom, 'A', 'é', '😀', 'x')}${g(fc.string, { unit: 'binary', maxLength: Math.min(20, max - 1) })}`;

function pick<T>(g: Gen, values: readonly T[]): T {
  return values[g(fc.nat, { max: values.length - 1 })]!;
}

function dateBetween(g: Gen, min: string, max: string): string {
  const a = Date.UTC(Number(min.slice(0, 4)), Number(min.slice(5, 7)) - 1, Number(min.slice(8, 10)));
  const b = Date.UTC(Number(max.slice(0, 4)), Number(max.slice(5, 7)) - 1, Number(max.slice(8, 10)));
  const t = a + g(fc.nat, { max: Math.floor((b - a) / 86_400_000) }) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** A random valid answer to an asked question. */
function answer(g: Gen, a: AskedItem): unknown {
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
  const answers: Record<string, unknown> = {};
  const decided = new Set<string>();
  for (;;) {
    const asked = route(survey, answers, { today: TODAY }).asked;
    const next = asked.find((a) => !decided.has(a.id) || (a.otherKey !== undefined && !(a.otherKey in answers)));
    if (next === undefined) return answers;
    if (decided.has(next.id)) {
      answers[next.otherKey!] = text(g, 200);
      continue;
    }
    decided.add(next.id);
    if (!next.question.required && g(fc.nat, { max: 3 }) === 0) continue;
    answers[next.id] = answer(g, next);
    respectChecks(survey, answers, next.id);
  }
}

describe(`agreement: ${WALKS} random walks per example`, () => {
  for (const name of EXAMPLE_FILES) {
    it(`${name}: every walk gives a valid response, which purge leaves as it is`, () => {
      const survey = example(name);
      const validator = createResponseValidator(survey, { today: TODAY });
      fc.assert(
        fc.property(fc.gen(), (g) => {
          const answers = walk(g, survey);
          const result = validator.validate(answers);
          assert.deepEqual(result.errors, [], JSON.stringify(answers));
          assert.deepEqual(purge(survey, answers, { today: TODAY }).purged, []);
        }),
        { numRuns: WALKS },
      );
    });
  }
});

/**
 * Single-step mutations of a walk that break routing — answer a question that is not asked
 * (skipped, or after an end rule), pipe an option that was not ticked, answer a grid row not
 * shown — are rejected by the response schema naming that question, and `purge` removes
 * exactly that answer.
 */
describe(`agreement: routing mutations of ${Math.ceil(WALKS / 4)} walks per example`, () => {
  for (const name of EXAMPLE_FILES) {
    it(`${name}: the schema rejects each mutation at its question, and purge removes it`, () => {
      const survey = example(name);
      const validator = createResponseValidator(survey, { today: TODAY });
      let mutations = 0;
      fc.assert(
        fc.property(fc.gen(), (g) => {
          const answers = walk(g, survey);
          const r = route(survey, answers, { today: TODAY });
          const cases: { key: string; question: string; row?: string; value: unknown; replaces?: true }[] = [];

          const notAsked = survey.items.filter((i) => i.kind !== 'info' && !r.asked.some((a) => a.id === i.id));
          if (notAsked.length > 0) {
            const q = pick(g, notAsked);
            if (q.kind !== 'info') {
              const fake: AskedItem = { id: q.id, kind: q.kind, page: '', question: q, ...(q.kind === 'grid' ? { rows: q.rows.map((row) => row.id) } : {}) };
              cases.push({ key: q.id, question: q.id, value: answer(g, fake) });
            }
          }
          for (const a of r.asked) {
            if (a.options !== undefined && a.question.kind !== 'grid' && a.question.kind !== 'text') {
              const q = a.question;
              if (q.kind !== 'single') continue;
              const unticked = q.options.filter((o) => !a.options!.some((x) => x.value === o.value));
              if (unticked.length > 0) cases.push({ key: a.id, question: a.id, value: pick(g, unticked).value, replaces: true });
            }
            if (a.question.kind === 'grid' && a.rows !== undefined && a.rows.length < a.question.rows.length) {
              const hidden = a.question.rows.filter((row) => !a.rows!.includes(row.id));
              const row = pick(g, hidden).id;
              const base = (answers[a.id] as Record<string, unknown> | undefined) ?? {};
              cases.push({ key: a.id, question: a.id, row, value: { ...base, [row]: a.question.scale[0]!.value } });
            }
          }

          for (const m of cases) {
            mutations++;
            const mutated = { ...answers, [m.key]: m.value };
            const result = validator.validate(mutated);
            assert.equal(result.valid, false, `${m.key}${m.row === undefined ? '' : `.${m.row}`} accepted: ${JSON.stringify(mutated)}`);
            assert.ok(result.errors.some((e) => e.question === m.question), `${m.key}: ${JSON.stringify(result.errors)}`);
            const purged = purge(survey, mutated, { today: TODAY });
            if (m.row === undefined) {
              assert.deepEqual(purged.purged, [{ key: m.key, value: m.value }]);
            } else {
              assert.deepEqual(purged.purged, [{ key: m.key, row: m.row, value: (m.value as Record<string, unknown>)[m.row] }]);
            }
            // A piped answer that is not offered goes altogether (the form asks the question again).
            const kept = { ...answers };
            if (m.replaces) delete kept[m.key];
            assert.deepEqual(purged.answers, kept);
          }
        }),
        { numRuns: Math.ceil(WALKS / 4), includeErrorInReport: true },
      );
      assert.ok(mutations > 0);
    });
  }
});
