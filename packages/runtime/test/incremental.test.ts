/**
 * Incremental routing: `routeAfterChange` and `changeAnswer` give exactly what a full `route()`
 * of the new answers gives, for random walks through every example and chains of random single
 * changes at random positions (set, change, remove, make invalid, an `_other` text, a key the
 * survey does not know), each change routed from the previous incremental route.
 *
 * 300 walks per example; POET_WALKS=N runs N / 3 + 1 walks per example.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CompiledItem, CompiledSurvey } from '@poetkit/compiler/compiled';
import { changeAnswer, firstPage, nextPage, previousPage, progress, purge, route, routeAfterChange, type AskedItem, type Route } from '../src/index.js';
import { EXAMPLE_FILES, answerKeys, example } from './support/examples.js';
import { TODAY, answer, pick, text, walk, type Gen } from './support/walk.js';

const WALKS = Math.ceil(Number(process.env['POET_WALKS'] ?? 900) / 3);
const CHANGES_PER_WALK = 6;
const options = { today: TODAY };


/** A question as if asked with everything offered (so that `answer` can answer it off the path too). */
function offAnswer(g: Gen, item: Exclude<CompiledItem, { kind: 'info' }>): unknown {
  const asked: AskedItem = { id: item.id, kind: item.kind, page: '', question: item, ...(item.kind === 'grid' ? { rows: item.rows.map((r) => r.id) } : {}) };
  return answer(g, asked);
}

/** A random new value for `key`: valid for its question, removed, or invalid. */
function newValue(g: Gen, survey: CompiledSurvey, key: string): unknown {
  const item = survey.items.find((i) => i.id === key);
  const choice = g(fc.nat, { max: 9 });
  if (choice === 0) return undefined;
  if (choice === 1) return g(fc.constantFrom, 'nonsense', 42, ['nonsense'], { nope: 1 }, null, '', '   ');
  if (item === undefined || item.kind === 'info') return text(g, 200);
  return offAnswer(g, item);
}

function assertSameRoute(survey: CompiledSurvey, incremental: Route, answers: Readonly<Record<string, unknown>>, what: string): void {
  assert.deepStrictEqual(incremental, route(survey, answers, options), what);
}

describe(`incremental routing: ${WALKS} walks per example, ${CHANGES_PER_WALK} chained changes each`, () => {
  for (const name of EXAMPLE_FILES) {
    it(`${name}: changeAnswer and routeAfterChange equal a full route() after every change`, () => {
      const survey = example(name);
      const keys = answerKeys(survey);
      const otherKeys = keys.filter((k) => k.endsWith('_other'));
      let ends = 0;
      fc.assert(
        fc.property(fc.gen(), (g) => {
          let answers: Readonly<Record<string, unknown>> = walk(g, survey);
          let current = route(survey, answers, options);
          const steps: string[] = [];
          for (let step = 0; step < CHANGES_PER_WALK; step++) {
            // Mostly questions on the path (where changes matter); else an `_other` text (piped
            // labels read them), any key, or a key the survey does not know.
            const where = g(fc.nat, { max: 9 });
            const key =
              where === 0
                ? 'not_a_question'
                : where <= 2 || current.asked.length === 0
                  ? pick(g, keys)
                  : where <= 4 && otherKeys.length > 0
                    ? pick(g, otherKeys)
                    : pick(g, current.asked).id;
            const value = newValue(g, survey, key);
            steps.push(`${key} := ${JSON.stringify(value)}`);
            const what = `${name}, from ${JSON.stringify(answers)}: ${steps.join('; ')}`;
            if (g(fc.boolean)) {
              const change = changeAnswer(survey, current, answers, key, value, options);
              const expected: Record<string, unknown> = { ...answers };
              if (value === undefined) delete expected[key];
              else expected[key] = value;
              assert.deepStrictEqual(change.answers, expected, what);
              assertSameRoute(survey, change.route, change.answers, what);
              answers = change.answers;
              current = change.route;
            } else {
              const next: Record<string, unknown> = { ...answers };
              if (value === undefined) delete next[key];
              else next[key] = value;
              const r = routeAfterChange(survey, current, next, key, options);
              assertSameRoute(survey, r, next, what);
              answers = next;
              current = r;
            }
            if (current.ended !== undefined) ends++;
          }
        }),
        { numRuns: WALKS },
      );
      if (survey.endRules.length > 0) assert.ok(ends > 0, 'no change led to an end rule');
    });
  }
});

describe('routeAfterChange falls back to a full route when it cannot reuse the previous one', () => {
  const survey = example('parent-ehc');
  const answers = walk(fc.sample(fc.gen(), { numRuns: 1, seed: 7 })[0]!, survey);
  const changed = { ...answers, consent: 'no' };

  it('a route it did not make (a copy), or of another survey', () => {
    const copy = structuredClone(route(survey, answers, options));
    assert.deepStrictEqual(routeAfterChange(survey, copy, changed, 'consent', options), route(survey, changed, options));
    const other = route(example('carer'), {}, options);
    assert.deepStrictEqual(routeAfterChange(survey, other, changed, 'consent', options), route(survey, changed, options));
  });

  it('a route older than the last eight routed (their states are not kept)', () => {
    const old = route(survey, answers, options);
    for (let i = 0; i < 12; i++) route(example('carer'), {}, options);
    assert.deepStrictEqual(routeAfterChange(survey, old, changed, 'consent', options), route(survey, changed, options));
    const change = changeAnswer(survey, old, answers, 'consent', 'no', options);
    assert.deepStrictEqual(change.route, route(survey, changed, options));
  });

  it('a route for another day', () => {
    const yesterday = route(survey, answers, { today: '2016-06-29' });
    assert.deepStrictEqual(routeAfterChange(survey, yesterday, changed, 'consent', options), route(survey, changed, options));
  });

  it('a key that is no answer key of the survey changes nothing', () => {
    const previous = route(survey, answers, options);
    assert.equal(routeAfterChange(survey, previous, { ...answers, stray: 1 }, 'stray', options), previous);
  });
});

describe('pages, progress and purge take the route the caller has', () => {
  it('give the same with the route of changeAnswer as when they route themselves', () => {
    const survey = example('parent-ehc');
    for (const g of fc.sample(fc.gen(), { numRuns: 50, seed: 11 })) {
      const answers = walk(g, survey);
      const asked = route(survey, answers, options).asked;
      if (asked.length === 0) continue;
      const key = pick(g, asked).id;
      const change = changeAnswer(survey, route(survey, answers, options), answers, key, newValue(g, survey, key), options);
      const given = { ...options, route: change.route };
      assert.deepStrictEqual(progress(survey, change.answers, given), progress(survey, change.answers, options));
      assert.deepStrictEqual(purge(survey, change.answers, given), purge(survey, change.answers, options));
      assert.equal(firstPage(survey, change.answers, given), firstPage(survey, change.answers, options));
      for (const page of survey.pages) {
        assert.equal(nextPage(survey, change.answers, page.id, given), nextPage(survey, change.answers, page.id, options));
        assert.equal(previousPage(survey, change.answers, page.id, given), previousPage(survey, change.answers, page.id, options));
      }
    }
  });
});
