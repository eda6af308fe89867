/**
 * `provesValid` (src/proof.ts): a route's proof that a response is valid must be sound (never
 * "valid" where the compiled response schema, `createResponseValidator(...).validateResponse`,
 * says invalid) and must prove the ordinary case (every random walk).
 *
 * For each example: random walks (all proved, and valid by ajv), every single-step mutation of
 * each walk (test/support/mutations.ts), and random perturbations of each walk, one to three
 * steps each: keys dropped or added (unknown ids, info ids, `__proto__`, `constructor`, `_other`
 * texts not opened), values null or of the wrong type, blank or too long texts, numbers, dates
 * and grids at and past their limits, grid rows dropped, `_other` texts dropped or blanked,
 * `today` bounds a day either side, checks' questions answered near each other, and envelopes
 * with `submitted` moved, malformed or missing, `answers` missing or not an object, extra or
 * changed fields, or a `today` passed that is not the submitted date.
 * Every response goes through JSON, as an export reads it. Whenever `provesValid` says true,
 * ajv must say valid; the counts show both outcomes happened and invalid responses were met.
 *
 * 60 walks per example (a few seconds); POET_WALKS=N runs N / 6.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CompiledItem, CompiledSurvey, Condition } from '@poetkit/compiler/compiled';
import { createResponseValidator, type ResponseValidator } from '@poetkit/compiler/validator';
import { provabilityProblem, provesSlotRouteValid, provesValid, route, routeSlots, slotRoutingPlan, type AskedItem, type Route } from '../src/index.js';
import { EXAMPLE_FILES, answerKeys, example } from './support/examples.js';
import { mutations } from './support/mutations.js';
import { TODAY, answer, pick, text, walk, type Gen } from './support/walk.js';

const WALKS = Math.ceil(Number(process.env['POET_WALKS'] ?? 360) / 6);
const PERTURBATIONS_PER_WALK = 12;

type Question = Exclude<CompiledItem, { kind: 'info' }>;

/** `YYYY-MM-DD` moved by `days`. */
function shift(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}


/** Sets `key` as an own, enumerable property (also `__proto__`). */
function put(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

const JUNK: readonly unknown[] = [null, 0, -1, 1.5, 1e21, '', ' ', '\t\n', 'x', 'yes', 'no', 'toString', true, false, [], [''], ['yes', 'yes'], {}, { a: 1 }, [null]];

/** A value for `key` near or past its question's limits, or of the wrong shape. */
function edgeValue(g: Gen, survey: CompiledSurvey, key: string, today: string): unknown {
  const q = survey.items.find((i): i is Question => i.kind !== 'info' && i.id === key);
  const other = survey.items.find((i) => (i.kind === 'single' || i.kind === 'multi') && i.other?.key === key);
  if (q === undefined) {
    if (other === undefined || (other.kind !== 'single' && other.kind !== 'multi') || other.other === undefined) return pick(g, JUNK);
    const max = other.other.maxLength;
    return pick(g, ['   ', '\n', 'x'.repeat(max), 'x'.repeat(max + 1), '😀'.repeat(max), '😀'.repeat(max + 1), text(g, max), 7]);
  }
  const choices: unknown[] = [...JUNK];
  switch (q.kind) {
    case 'consent':
    case 'single':
      choices.push(...q.options.map((o) => o.value), ...q.options.map((o) => o.label), ...q.options.map((o) => o.code));
      break;
    case 'multi': {
      const values = q.options.map((o) => o.value);
      choices.push(values, [values[0]], [values[0], values[0]], values.slice(0, 2), values.slice(-2), [...values].reverse(), values[0]);
      break;
    }
    case 'text':
    case 'long_text':
      choices.push(' \t', 'x'.repeat(q.maxLength), 'x'.repeat(q.maxLength + 1), '😀'.repeat(q.maxLength), '😀'.repeat(q.maxLength + 1), text(g, q.maxLength));
      break;
    case 'number': {
      const min = q.min ?? -1000;
      const max = q.max ?? 1000;
      choices.push(min, max, min - 1, max + 1, min + 0.5, max - 0.5, String(min), -0, 1e300);
      break;
    }
    case 'date': {
      const days = [-1, 0, 1];
      const bounds = [q.min, q.max].map((b) => (b === 'today' ? today : b)).filter((b): b is string => b !== undefined);
      for (const b of [today, ...bounds]) for (const d of days) choices.push(shift(b, d));
      choices.push('2016-02-30', '2016-13-01', '16-06-30', `${today}T00:00`, '2016-02-29', '2015-02-29');
      break;
    }
    case 'grid': {
      const rows = q.rows.map((r) => r.id);
      const scale = q.scale.map((o) => o.value);
      const all = Object.fromEntries(rows.map((r) => [r, scale[0]]));
      choices.push(all, Object.fromEntries(rows.slice(1).map((r) => [r, scale[0]])), { ...all, extra_row: scale[0] }, { [rows[0]!]: 'not on the scale' }, [scale[0]]);
      break;
    }
  }
  return pick(g, choices);
}

/** A question answered as if asked with everything offered (a valid shape, maybe not on the path). */
function offPathAnswer(g: Gen, q: Question): unknown {
  const asked: AskedItem = { id: q.id, kind: q.kind, page: '', question: q, ...(q.kind === 'grid' ? { rows: q.rows.map((r) => r.id) } : {}) };
  return answer(g, asked);
}

interface Case {
  readonly what: string;
  readonly response: unknown;
  /** The `today` passed to route and provesValid. */
  readonly today: string;
}

/** One to three random steps away from a walk's response. */
function perturb(g: Gen, survey: CompiledSurvey, walked: Readonly<Record<string, unknown>>): Case {
  const keys = answerKeys(survey);
  const questions = survey.items.filter((i): i is Question => i.kind !== 'info');
  const answers: Record<string, unknown> = { ...walked };
  let envelope: Record<string, unknown> = { survey: survey.id, version: survey.version, id: 'r1', submitted: TODAY, answers };
  let response: unknown = envelope;
  let today = TODAY;
  const steps: string[] = [];
  const existing = () => Object.keys(answers);
  const stepCount = g(fc.integer, { min: 1, max: 3 });
  for (let s = 0; s < stepCount; s++) {
    const step = g(fc.nat, { max: 19 });
    switch (step) {
      case 0: {
        const k = existing();
        if (k.length === 0) break;
        const key = pick(g, k);
        delete answers[key];
        steps.push(`drop ${key}`);
        break;
      }
      case 1:
      case 2:
      case 3: {
        const key = pick(g, keys);
        const value = edgeValue(g, survey, key, today);
        answers[key] = value;
        steps.push(`${key} := ${JSON.stringify(value)}`);
        break;
      }
      case 4: {
        const k = existing();
        const key = k.length > 0 && g(fc.boolean) ? pick(g, k) : pick(g, keys);
        answers[key] = null;
        steps.push(`${key} := null`);
        break;
      }
      case 5: {
        const info = survey.items.filter((i) => i.kind === 'info').map((i) => i.id);
        const key = pick(g, ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'nonexistent', '', survey.id, 'consent_other', ...info]);
        put(answers, key, pick(g, ['yes', 1, [], {}, text(g, 10)]));
        steps.push(`add ${key}`);
        break;
      }
      case 6: {
        const q = pick(g, questions);
        const value = offPathAnswer(g, q);
        answers[q.id] = value;
        steps.push(`${q.id} := ${JSON.stringify(value)} (off path)`);
        break;
      }
      case 7: {
        const others = keys.filter((k) => k.endsWith('_other'));
        if (others.length === 0) break;
        const key = pick(g, others);
        answers[key] = g(fc.boolean) ? text(g, 200) : edgeValue(g, survey, key, today);
        steps.push(`${key} := ${JSON.stringify(answers[key])}`);
        break;
      }
      case 8: {
        // Another submission date; route and prove with it (what an export does).
        const date = shift(TODAY, pick(g, [-400, -1, 1, 30]));
        envelope['submitted'] = g(fc.boolean) ? date : `${date}T23:59:59Z`;
        today = date;
        steps.push(`submitted ${String(envelope['submitted'])}`);
        break;
      }
      case 9: {
        const value = pick(g, [undefined, null, 20160630, 'garbage', '2016-06-30 10:00', '2016-6-30', `${TODAY}T10:00:00+01:00`, `${TODAY}Z`, ['2016-06-30']]);
        if (value === undefined) delete envelope['submitted'];
        else envelope['submitted'] = value;
        steps.push(`submitted ${JSON.stringify(value)}`);
        break;
      }
      case 10: {
        // A caller passing a `today` that is not the submission date.
        today = shift(today, pick(g, [-1, 1]));
        steps.push(`today passed as ${today}`);
        break;
      }
      case 11: {
        const which = pick(g, ['delete', null, [], 'x', 42, 'array of answers']);
        if (which === 'delete') delete envelope['answers'];
        else envelope['answers'] = which === 'array of answers' ? [answers] : which;
        steps.push(`answers ${JSON.stringify(which)}`);
        break;
      }
      case 12: {
        const which = pick(g, ['bare answers', null, 'x', [envelope]]);
        response = which === 'bare answers' ? answers : which;
        steps.push(`response ${JSON.stringify(which === 'bare answers' ? which : typeof which)}`);
        break;
      }
      case 13: {
        const field = pick(g, ['survey', 'version', 'id']);
        if (g(fc.boolean)) delete envelope[field];
        else envelope[field] = pick(g, [42, null, 'other', {}]);
        steps.push(`envelope ${field} changed`);
        break;
      }
      case 14: {
        envelope['meta'] = { source: 'test' };
        steps.push('envelope meta added');
        break;
      }
      case 15: {
        // The envelope with its keys in another order (`answers` first).
        const { answers: a, ...rest } = envelope;
        envelope = { answers: a, ...rest };
        if (response !== null && typeof response === 'object' && !Array.isArray(response) && response !== answers) response = envelope;
        steps.push('envelope reordered');
        break;
      }
      case 16: {
        // An answered grid with one row fewer (a required grid must answer every shown row).
        const grids = questions.filter((q) => q.kind === 'grid' && answers[q.id] !== null && typeof answers[q.id] === 'object');
        if (grids.length === 0) break;
        const q = pick(g, grids);
        const rows = { ...(answers[q.id] as Record<string, unknown>) };
        if (Object.keys(rows).length === 0) break;
        const row = pick(g, Object.keys(rows));
        delete rows[row];
        answers[q.id] = rows;
        steps.push(`${q.id}.${row} dropped`);
        break;
      }
      case 17: {
        // An `_other` text given (opened or not) dropped, or made blank.
        const given = existing().filter((k) => k.endsWith('_other'));
        if (given.length === 0) break;
        const key = pick(g, given);
        if (g(fc.boolean)) delete answers[key];
        else answers[key] = pick(g, [' ', '\u00a0\n']);
        steps.push(`${key} dropped or blank`);
        break;
      }
      case 18: {
        // A date answer just past the submission date, with a `today` passed that is not it.
        const dates = questions.filter((q) => q.kind === 'date');
        if (dates.length === 0) break;
        const q = pick(g, dates);
        answers[q.id] = shift(TODAY, 1);
        today = shift(TODAY, pick(g, [0, 1, 2]));
        steps.push(`${q.id} := ${String(answers[q.id])}, today passed as ${today}`);
        break;
      }
      case 19: {
        // The questions of a check answered near each other, which may break it.
        if (survey.checks.length === 0) break;
        const c = pick(g, survey.checks).condition;
        if (c.op !== 'compareQuestions') break;
        const other = answers[c.other];
        if (typeof other !== 'number') break;
        answers[c.question] = other + pick(g, [-1, 0, 1]);
        steps.push(`${c.question} := ${String(answers[c.question])} beside ${c.other} = ${other}`);
        break;
      }
    }
  }
  // As an export reads it: through JSON (which keeps an own `__proto__` key as a key).
  const json = JSON.stringify(response);
  return { what: steps.join('; '), response: json === undefined ? response : JSON.parse(json), today };
}

/** The answers an export would route for a response (its `answers` when that is an object). */
function answersOf(response: unknown): Record<string, unknown> {
  if (response === null || typeof response !== 'object' || Array.isArray(response)) return {};
  const a = (response as Record<string, unknown>)['answers'];
  return a !== null && typeof a === 'object' && !Array.isArray(a) ? (a as Record<string, unknown>) : {};
}

interface Tally {
  proved: number;
  notProvedValid: number;
  notProvedInvalid: number;
}

/**
 * `provesValid` of a route `route` just made, asserting that an equal copy of the route (one
 * `route` did not make, so the proof looks each answer up in `effective` instead of reading
 * what routing decided) gets the same answer.
 */
function provedBothWays(survey: CompiledSurvey, response: unknown, r: Route, today: string): boolean {
  const copy = JSON.parse(JSON.stringify(r)) as Route;
  const proved = provesValid(survey, response, r, today);
  assert.equal(provesValid(survey, response, copy, today), proved, `a route and its copy are proved differently: ${JSON.stringify(response)}`);
  const bySlots = provedBySlots(survey, response, today);
  if (bySlots !== undefined) assert.equal(bySlots, proved, `routing by slots proves it differently: ${JSON.stringify(response)}`);
  return proved;
}

/**
 * What `provesSlotRouteValid` says of a response whose answers are read into slots as poet
 * export's line scanner reads them, or `undefined` for a response the scanner never takes to
 * the proof (not an envelope with an `answers` object and a `submitted` string, or an answer
 * key the survey does not have).
 */
function provedBySlots(survey: CompiledSurvey, response: unknown, today: string): boolean | undefined {
  if (response === null || typeof response !== 'object' || Array.isArray(response)) return undefined;
  const envelope = response as Record<string, unknown>;
  const answers = envelope['answers'];
  const submitted = envelope['submitted'];
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers) || typeof submitted !== 'string') return undefined;
  const plan = slotRoutingPlan(survey);
  const slotOf = new Map(plan.answerKeys.map((k) => [k.key, k.slot]));
  const given = new Array<unknown>(plan.slots).fill(undefined);
  const keys = Object.keys(answers);
  for (const key of keys) {
    const slot = slotOf.get(key);
    if (slot === undefined) return undefined;
    given[slot] = (answers as Record<string, unknown>)[key];
  }
  return provesSlotRouteValid(plan, routeSlots(plan, given, today), given, keys.length, submitted, today);
}

/** Asserts soundness for one response and counts the outcome. */
function check(survey: CompiledSurvey, validator: ResponseValidator, c: Case, tally: Tally): void {
  const proved = provedBothWays(survey, c.response, route(survey, answersOf(c.response), { today: c.today }), c.today);
  const result = validator.validateResponse(c.response);
  if (proved) {
    assert.deepEqual(result.errors, [], `proved valid, but ajv rejects: ${c.what}\n${JSON.stringify(c.response)}`);
    tally.proved++;
  } else if (result.valid) tally.notProvedValid++;
  else tally.notProvedInvalid++;
}

describe(`provesValid: ${WALKS} random walks per example, their mutations and ${PERTURBATIONS_PER_WALK} perturbations of each`, () => {
  for (const name of EXAMPLE_FILES) {
    it(`${name}: every walk is proved; nothing ajv rejects is proved`, () => {
      const survey = example(name);
      assert.equal(provabilityProblem(survey), undefined);
      const validator = createResponseValidator(survey, { today: TODAY });
      const walks = { proved: 0, notProvedValid: 0, notProvedInvalid: 0 };
      const mutated = { proved: 0, notProvedValid: 0, notProvedInvalid: 0 };
      const perturbed = { proved: 0, notProvedValid: 0, notProvedInvalid: 0 };
      fc.assert(
        fc.property(fc.gen(), (g) => {
          const answers = JSON.parse(JSON.stringify(walk(g, survey))) as Record<string, unknown>;
          const response = { survey: survey.id, version: survey.version, id: 'r1', submitted: TODAY, answers };
          const shown = JSON.stringify(response);
          assert.deepEqual(validator.validateResponse(response).errors, [], `ajv rejects a walk: ${shown}`);
          assert.equal(provedBothWays(survey, response, route(survey, answers, { today: TODAY }), TODAY), true, `a walk is not proved: ${shown}`);
          walks.proved++;

          for (const m of mutations(g, survey, answers)) {
            const mutatedResponse = JSON.parse(JSON.stringify({ ...response, answers: m.answers })) as unknown;
            check(survey, validator, { what: `${m.kind} (${m.detail})`, response: mutatedResponse, today: TODAY }, mutated);
          }
          for (let i = 0; i < PERTURBATIONS_PER_WALK; i++) check(survey, validator, perturb(g, survey, answers), perturbed);
        }),
        { numRuns: WALKS, includeErrorInReport: true },
      );
      assert.equal(walks.proved, WALKS);
      // Mutations all break a rule: none may be proved, and there were some.
      assert.equal(mutated.proved, 0);
      assert.equal(mutated.notProvedValid, 0);
      assert.ok(mutated.notProvedInvalid > 0);
      // Perturbations reached every outcome: proved, valid but not proved, invalid (not proved).
      assert.ok(perturbed.proved > 0, `${name}: no perturbation was proved ${JSON.stringify(perturbed)}`);
      assert.ok(perturbed.notProvedValid > 0, `${name}: no valid perturbation went unproved ${JSON.stringify(perturbed)}`);
      assert.ok(perturbed.notProvedInvalid > perturbed.proved / 10, `${name}: too few invalid perturbations ${JSON.stringify(perturbed)}`);
    });
  }
});

/** A copy of a compiled survey with one item's universe replaced. */
function withUniverse(survey: CompiledSurvey, id: string, condition: Condition): CompiledSurvey {
  const copy = JSON.parse(JSON.stringify(survey)) as CompiledSurvey;
  const item = copy.items.find((i) => i.id === id)!;
  (item as { universe: { condition: Condition; text: string } }).universe = { condition, text: 'changed' };
  return copy;
}

describe('provesValid: envelopes', () => {
  const survey = example('parent-ehc');
  const answers = { consent: 'no' };
  const routed = route(survey, answers, { today: TODAY });
  it('proves a response submitted on `today`, as a date or a date and time, whatever else the envelope holds', () => {
    assert.equal(provesValid(survey, { answers, submitted: TODAY }, routed, TODAY), true);
    assert.equal(provesValid(survey, { id: 7, answers, submitted: `${TODAY}T23:59:59+01:00`, extra: {} }, routed, TODAY), true);
  });
  it('does not prove what validateResponse reads another way: no submitted date, another date, no envelope', () => {
    assert.equal(provesValid(survey, { answers }, routed, TODAY), false);
    assert.equal(provesValid(survey, { answers, submitted: `${TODAY} 10:00` }, routed, TODAY), false);
    assert.equal(provesValid(survey, { answers, submitted: '2016-07-01' }, routed, TODAY), false);
    assert.equal(provesValid(survey, answers, routed, TODAY), false);
    assert.equal(provesValid(survey, { answers: [answers], submitted: TODAY }, routed, TODAY), false);
    assert.equal(provesValid(survey, { answers, submitted: TODAY }, routed, 'today'), false);
  });
});

describe('provesValid: surveys whose routing the schema reads differently are not proved', () => {
  const survey = example('parent-ehc');

  it('a universe that reads a later question: never proved (routing and the schema disagree)', () => {
    // la_name asked when child_age (a later question) is answered: routing never sees it.
    const changed = withUniverse(survey, 'la_name', { op: 'answered', question: 'child_age', negated: false });
    assert.match(provabilityProblem(changed) ?? '', /la_name reads child_age/);
    const answers = { consent: 'yes', child_age: 10 };
    const response = { submitted: TODAY, answers };
    assert.equal(provesValid(changed, response, route(changed, answers, { today: TODAY }), TODAY), false);
  });

  it('a comparison the schema and the runtime read differently: never proved', () => {
    const changed = withUniverse(survey, 'setting_name', { op: 'compareQuestions', question: 'child_age', comparison: '<', other: 'la_name' });
    assert.match(provabilityProblem(changed) ?? '', /child_age \(number\) compared with la_name \(text\)/);
    const changedCount = withUniverse(survey, 'setting_name', { op: 'count', question: 'la_name', comparison: '<', count: 1 });
    assert.match(provabilityProblem(changedCount) ?? '', /count\(la_name\) on a text question/);
    const changedNot = withUniverse(survey, 'setting_name', { op: 'equals', question: 'child_age', value: '3', negated: true });
    assert.match(provabilityProblem(changedNot) ?? '', /child_age != 3 on a number question/);
  });

  it('an _other text whose universe does not need its question answered: never proved', () => {
    const changed = JSON.parse(JSON.stringify(survey)) as CompiledSurvey;
    const item = changed.items.find((i) => i.id === 'main_reason')!;
    assert.ok(item.kind === 'multi' && item.other !== undefined);
    (item.other as { universe: { condition: Condition; text: string } }).universe = { condition: { op: 'equals', question: 'consent', value: 'yes', negated: false }, text: 'changed' };
    assert.match(provabilityProblem(changed) ?? '', /main_reason_other does not need main_reason answered/);
  });

  it('after an end rule, a required question whose universe does not exclude the end: not proved, and ajv agrees it is invalid', () => {
    // la_name asked of everyone, also after the consent gate's refusal ends the survey.
    const changed = withUniverse(survey, 'la_name', { op: 'true' });
    assert.equal(provabilityProblem(changed), undefined);
    const validator = createResponseValidator(changed, { today: TODAY });
    const answers = { consent: 'no' };
    const response = { submitted: TODAY, answers };
    const routed = route(changed, answers, { today: TODAY });
    assert.ok(routed.ended !== undefined);
    assert.equal(validator.validateResponse(response).valid, false);
    assert.equal(provesValid(changed, response, routed, TODAY), false);
    // The unchanged survey proves the same response.
    assert.equal(provesValid(survey, response, route(survey, answers, { today: TODAY }), TODAY), true);
  });
});
