/**
 * A full `route()` gives exactly what a straightforward reference gives (support/reference-route.ts:
 * `evaluate()` and the generic `isUsableAnswer`, no routing plan), for random walks through every
 * example, the walks' single-step mutations (support/mutations.ts), and walks with several answers
 * replaced by near misses: values at and just past each check `isUsableAnswer` makes (options not
 * offered, duplicate or exclusive ticks, blank or over-long texts counted in code points, numbers
 * at and past their bounds, impossible dates, grid rows not shown), wrong types, and answers
 * inherited from a prototype (which count as absent).
 *
 * 200 walks per example; POET_WALKS=N runs N / 5 + 1 walks per example.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CompiledItem, CompiledQuestion, CompiledSurvey } from '@poetkit/compiler/compiled';
import { ASKED_ITEM, EFFECTIVE, EFFECTIVE_OTHER, OTHER_OPENED, route, routeSlots, slotRoutingPlan, type Route } from '../src/index.js';
import { EXAMPLE_FILES, example } from './support/examples.js';
import { mutations, pastDateBound } from './support/mutations.js';
import { referenceRoute } from './support/reference-route.js';
import { TODAY, pick, walk, type Gen } from './support/walk.js';

const WALKS = Math.ceil(Number(process.env['POET_WALKS'] ?? 1000) / 5);
const options = { today: TODAY };

type Question = Exclude<CompiledItem, { kind: 'info' }>;

/** A sparse array: `length` long, with `values` from index `from` on, holes before. */
function sparse(length: number, from: number, values: readonly unknown[]): unknown[] {
  const array: unknown[] = new Array<unknown>(length);
  values.forEach((v, i) => (array[from + i] = v));
  return array;
}

/** `n` copies of a character outside the Basic Multilingual Plane: `n` code points, `2n` UTF-16 units. */
const astral = (n: number): string => '😀'.repeat(n);

/** Values at and just past the checks `isUsableAnswer` makes for `q`, and a few of the wrong type. */
function nearMisses(survey: CompiledSurvey, q: Question): unknown[] {
  const wrongType: unknown[] = [null, 42, 'nonsense', ['nonsense'], { nope: 1 }, true, ''];
  switch (q.kind) {
    case 'consent':
    case 'single': {
      const values = q.options.map((o) => o.value);
      const elsewhere = survey.items.flatMap((i) => (i.kind === 'single' || i.kind === 'multi' ? i.options.map((o) => o.value) : []));
      return [...wrongType, ...values, values[0]!.toUpperCase(), [values[0]], ...elsewhere.slice(0, 5)];
    }
    case 'multi': {
      const values = q.options.map((o) => o.value);
      const exclusive = q.options.filter((o) => o.exclusive).map((o) => o.value);
      const plain = q.options.filter((o) => !o.exclusive).map((o) => o.value);
      return [
        ...wrongType,
        [],
        values[0],
        [values[0], values[0]],
        [...values],
        [values[0], 7],
        [null],
        ...exclusive.map((e) => [e]),
        ...exclusive.map((e) => [plain[0], e]),
        ...exclusive.map((e) => [e, e]),
        plain.slice(0, q.minTicks ?? 1),
        plain.slice(0, Math.max(0, (q.minTicks ?? 1) - 1)),
        plain.slice(0, q.maxTicks ?? plain.length),
        plain.slice(0, (q.maxTicks ?? plain.length) + 1),
        [...plain].reverse(),
        // `isUsableAnswer` skips a hole as `every` does, and counts it once as a Set does.
        sparse(1, 1, []),
        sparse(2, 1, [plain[0]]),
        sparse(3, 2, [plain[0]]),
        sparse(3, 1, plain.slice(0, 2)),
        [undefined, plain[0]],
        sparse(values.length + 1, 1, values),
      ];
    }
    case 'text':
    case 'long_text':
      return [
        ...wrongType,
        ' ',
        '\t\n',
        '\u00a0\u2003\ufeff',
        '\u00a0x',
        ' x ',
        'x'.repeat(q.maxLength),
        'x'.repeat(q.maxLength + 1),
        astral(q.maxLength),
        astral(q.maxLength + 1),
        `${'x'.repeat(q.maxLength - 1)}😀`,
        ['text'],
      ];
    case 'number': {
      const out: unknown[] = [...wrongType, NaN, Infinity, -Infinity, 0, -0, 1.5, 1e21, -1e21, '5'];
      for (const bound of [q.min, q.max]) if (bound !== undefined) out.push(bound, bound - 1, bound + 1, bound - 0.5, bound + 0.5);
      return out;
    }
    case 'date': {
      const out: unknown[] = [
        ...wrongType,
        TODAY,
        '2016-02-29',
        '2015-02-29',
        '2012-02-29',
        '2013-02-29',
        '2010-02-28',
        '2011-06-31',
        '2011-11-31',
        '2011-09-30',
        '2000-02-29',
        '1900-02-29',
        '2016-04-31',
        '2016-12-31',
        '2016-13-01',
        '2016-00-10',
        '2016-01-00',
        '2016-1-01',
        '2016-01-01\n',
        ' 2016-01-01',
        '2016-01-01T00:00',
        '20160101',
        '0000-01-01',
        '9999-12-31',
        '2016/01/01',
        '２０１６-01-01',
      ];
      for (const [bound, side] of [
        [q.min, 'min'],
        [q.max, 'max'],
      ] as const) {
        if (bound !== undefined) out.push(bound === 'today' ? TODAY : bound, pastDateBound(bound, side));
      }
      return out;
    }
    case 'grid': {
      const rows = q.rows.map((r) => r.id);
      const scale = q.scale.map((o) => o.value);
      const all = Object.fromEntries(rows.map((r) => [r, scale[0]]));
      return [
        ...wrongType,
        {},
        [],
        [scale[0]],
        all,
        { ...all, not_a_row: scale[0] },
        { [rows[0]!]: 'not_on_the_scale' },
        { [rows[0]!]: null },
        { [rows[rows.length - 1]!]: scale[scale.length - 1] },
        ...rows.map((r) => ({ [r]: scale[0] })),
        Object.fromEntries(rows.map((r, i) => [r, scale[i % scale.length]])),
      ];
    }
  }
}

/** The questions of the survey (its items other than info). */
function questions(survey: CompiledSurvey): Question[] {
  return survey.items.filter((i): i is Question => i.kind !== 'info');
}

function otherKey(q: CompiledQuestion): string | undefined {
  return (q.kind === 'single' || q.kind === 'multi' || q.kind === 'consent') && q.other !== undefined ? q.other.key : undefined;
}

/** `answers` with a few answers replaced by near misses, removed, or `_other` texts set or blanked. */
function nearMissAnswers(g: Gen, survey: CompiledSurvey, answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...answers };
  const qs = questions(survey);
  const changes = 1 + g(fc.nat, { max: 4 });
  for (let c = 0; c < changes; c++) {
    const q = pick(g, qs);
    const other = otherKey(q);
    const what = g(fc.nat, { max: 9 });
    if (what === 0) delete out[q.id];
    else if (what === 1 && other !== undefined) out[other] = pick<unknown>(g, ['', '  ', 'described', 7, null, astral(3)]);
    else out[q.id] = pick(g, nearMisses(survey, q));
  }
  return out;
}

/** `answers` with some of its answers moved onto a prototype: inherited, so they count as absent. */
function inheritedAnswers(g: Gen, answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const keys = Object.keys(answers);
  const moved = new Set(keys.filter(() => g(fc.nat, { max: 3 }) === 0));
  const proto: Record<string, unknown> = {};
  for (const k of moved) proto[k] = answers[k];
  const out = Object.create(proto) as Record<string, unknown>;
  for (const k of keys) if (!moved.has(k)) out[k] = answers[k];
  return out;
}

function assertSameAsReference(survey: CompiledSurvey, answers: Readonly<Record<string, unknown>>, what: string): Route {
  const r = route(survey, answers, options);
  assert.deepStrictEqual(r, referenceRoute(survey, answers, TODAY), `${what}: ${JSON.stringify(answers)}`);
  assertSlotRouteAgrees(survey, answers, r, what);
  return r;
}

/**
 * `routeSlots` (poet export's routing of answers read into slots) decides what `route` decided
 * for the same answers: the questions asked, info shown, grid rows shown, `_other` texts asked,
 * the effective answers (same values) and the end.
 */
function assertSlotRouteAgrees(survey: CompiledSurvey, answers: Readonly<Record<string, unknown>>, r: Route, what: string): void {
  const plan = slotRoutingPlan(survey);
  const given = new Array<unknown>(plan.slots).fill(undefined);
  for (const { key, slot } of plan.answerKeys) if (Object.prototype.hasOwnProperty.call(answers, key)) given[slot] = answers[key];
  const s = routeSlots(plan, given, TODAY);
  const shown = `${what} (by slots): ${JSON.stringify(answers)}`;
  const asked: string[] = [];
  const info: string[] = [];
  const effective: Record<string, unknown> = {};
  survey.items.forEach((item, i) => {
    const decided = s.decided[i]!;
    if (item.kind === 'info') {
      if (decided !== 0) info.push(item.id);
      return;
    }
    if ((decided & ASKED_ITEM) === 0) {
      assert.equal(decided, 0, shown);
      return;
    }
    asked.push(item.id);
    const entry = r.asked.find((a) => a.id === item.id);
    assert.equal((decided & OTHER_OPENED) !== 0, entry?.otherKey !== undefined, `${shown}: ${item.id}'s other text`);
    if (item.kind === 'grid') assert.deepStrictEqual(s.rows[i], entry?.rows, `${shown}: ${item.id}'s rows`);
    if ((decided & EFFECTIVE) !== 0) effective[item.id] = s.slots[plan.itemSlots[i]!];
    if ((decided & EFFECTIVE_OTHER) !== 0) effective[(item as { other?: { key: string } }).other!.key] = s.slots[plan.otherSlots[i]!];
  });
  assert.deepStrictEqual(asked, r.asked.map((a) => a.id), shown);
  assert.deepStrictEqual(info, r.info, shown);
  assert.deepStrictEqual(effective, { ...r.effective }, shown);
  assert.equal(s.ended?.id, r.ended?.rule, shown);
  assert.equal(s.effective, Object.keys(r.effective).length, shown);
}

describe(`route() against a straightforward reference: ${WALKS} walks per example, with mutations and near misses`, () => {
  for (const name of EXAMPLE_FILES) {
    it(`${name}: every walk, mutation and near miss routes exactly as the reference does`, () => {
      const survey = example(name);
      let ended = 0;
      let effectiveNearMisses = 0;
      fc.assert(
        fc.property(fc.gen(), (g) => {
          const answers = walk(g, survey);
          const walked = assertSameAsReference(survey, answers, 'walk');
          for (const m of mutations(g, survey, answers)) assertSameAsReference(survey, m.answers, `mutation ${m.kind} (${m.detail})`);
          for (let i = 0; i < 4; i++) {
            const nearMiss = nearMissAnswers(g, survey, answers);
            const r = assertSameAsReference(survey, nearMiss, 'near miss');
            if (Object.keys(r.effective).length !== Object.keys(walked.effective).length) effectiveNearMisses++;
            if (r.ended !== undefined) ended++;
          }
          assertSameAsReference(survey, inheritedAnswers(g, answers), 'inherited answers');
        }),
        { numRuns: WALKS },
      );
      // The near misses must reach routing: some of them change what is effective.
      assert.ok(effectiveNearMisses > 0, 'no near miss changed the effective answers');
      if (survey.endRules.length > 0) assert.ok(ended > 0, 'no near miss ended the survey');
    });
  }
});

describe('route() against the reference: each near miss of every question, on walks that ask it', () => {
  for (const name of EXAMPLE_FILES) {
    it(`${name}: each near miss alone, for every question`, () => {
      const survey = example(name);
      const walks = fc.sample(fc.gen(), { numRuns: 60, seed: 3 }).map((g) => walk(g, survey));
      const routes = walks.map((answers) => route(survey, answers, options));
      for (const q of questions(survey)) {
        // Two walks that ask it (or the first two, for a question no walk asks).
        let on = walks.filter((_, i) => routes[i]!.asked.some((a) => a.id === q.id)).slice(0, 2);
        if (on.length === 0) on = walks.slice(0, 2);
        for (const answers of on) {
          for (const value of nearMisses(survey, q)) assertSameAsReference(survey, { ...answers, [q.id]: value }, `${q.id} := ${String(value)}`);
        }
      }
    });
  }
});

describe('route() re-entered while it routes', () => {
  it('an answer read through a getter that routes other answers gives the same routes', () => {
    const survey = example('health-phb');
    const answers = walk(fc.sample(fc.gen(), { numRuns: 1, seed: 5 })[0]!, survey);
    const inner: Route[] = [];
    const tricky: Record<string, unknown> = { ...answers };
    for (const key of Object.keys(answers)) {
      Object.defineProperty(tricky, key, {
        enumerable: true,
        get: () => {
          inner.push(route(example('carer'), {}, options));
          return answers[key];
        },
      });
    }
    assert.deepStrictEqual(route(survey, tricky, options), referenceRoute(survey, answers, TODAY));
    assert.ok(inner.length > 0);
    for (const r of inner) assert.deepStrictEqual(r, referenceRoute(example('carer'), {}, TODAY));
  });
});

describe('route() whatever the form of the answers object', () => {
  it('keys in another order, symbol-keyed, hidden, unknown, integer-like or undefined properties: the reference route, effective answers in survey order', () => {
    let forms = 0;
    for (const name of EXAMPLE_FILES) {
      const survey = example(name);
      for (const g of fc.sample(fc.gen(), { numRuns: 12, seed: 11 })) {
        const answers = JSON.parse(JSON.stringify(walk(g, survey))) as Record<string, unknown>;
        const keys = Object.keys(answers);
        const first = keys[0]!;
        const hidden: Record<string, unknown> = { ...answers };
        delete hidden[first];
        Object.defineProperty(hidden, first, { value: answers[first], enumerable: false });
        const variants: Record<string, Record<string, unknown>> = {
          json: answers,
          reversed: Object.fromEntries([...keys].reverse().map((k) => [k, answers[k]])),
          symbol: Object.assign({ ...answers }, { [Symbol('extra')]: 'x' }),
          hidden,
          unknown: { ...answers, not_a_question: 'x' },
          integerLike: { ...answers, 7: 'x' },
          undefinedFirst: { ...answers, [first]: undefined },
        };
        for (const [form, a] of Object.entries(variants)) {
          const r = route(survey, a, options);
          const reference = referenceRoute(survey, a, TODAY);
          assert.deepStrictEqual(r, reference, `${name}, ${form}: ${JSON.stringify(a)}`);
          assert.deepStrictEqual(Object.keys(r.effective), Object.keys(reference.effective), `${name}, ${form}: the order of the effective answers`);
          forms++;
        }
      }
    }
    assert.ok(forms > 0);
  });
});
