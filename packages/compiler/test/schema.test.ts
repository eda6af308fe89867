/**
 * The emitted response schema: strict ajv compiles every example's schema (and hand-built
 * ones) with no warning; conditions translate to the routing semantics; large surveys compile.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompiledItem, Condition } from '../src/compiled/types.js';
import { emitResponseSchema, exactlyOnePattern } from '../src/schema/emit.js';
import { EXAMPLE_FILES, TRUE, and, compileStrict, eq, example, not, opts, or, q, survey } from './support/responses.js';

describe('response schema of the examples', () => {
  for (const name of EXAMPLE_FILES) {
    it(`${name}: strict ajv compiles it with no warning; plain, deterministic JSON`, () => {
      const compiled = example(name);
      const schema = emitResponseSchema(compiled);
      assert.deepEqual(JSON.parse(JSON.stringify(schema)), schema);
      assert.equal(JSON.stringify(emitResponseSchema(compiled)), JSON.stringify(schema));
      assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
      assert.equal(schema.additionalProperties, false);
      compileStrict(compiled, schema);
      // Every answer key is a property: questions and _other texts, never info items.
      for (const item of compiled.items) assert.equal(item.id in schema.properties, item.kind !== 'info', item.id);
    });
  }
});

const yesNo = opts('1 yes Yes', '2 no No');
const ticks = opts('1 a A', '2 b B', '3 c C', '96 other Other specify', '98 dont_know Dont_know exclusive dont_know');

/** A survey whose question `t` is asked when `when` holds, after a few routing sources. */
function routed(when: Condition) {
  return survey('routed', [
    q({ id: 'yn', kind: 'single', options: yesNo, required: false }),
    q({ id: 'm', kind: 'multi', options: ticks, required: false }),
    q({ id: 'n', kind: 'number', whole: true, min: 0, max: 100, required: false }),
    q({ id: 'n2', kind: 'number', whole: false, required: false }),
    q({ id: 'd', kind: 'date', min: '2000-01-01', max: 'today', required: false }),
    q({ id: 't', kind: 'text', maxLength: 10, required: false, when }),
  ]);
}

/** Whether `t` may be answered given `answers` (the condition holds). */
function holds(when: Condition, answers: Record<string, unknown>, today = '2016-06-30'): boolean {
  const v = compileStrict(routed(when));
  const withT = v.validate({ ...answers, t: 'x' }, { today });
  assert.equal(v.validate(answers, { today }).valid, true, `base answers invalid: ${JSON.stringify(v.validate(answers, { today }).errors)}`);
  return withT.valid;
}

describe('conditions in the schema', () => {
  it('equals, not-equals and in: false when the question is unanswered', () => {
    assert.equal(holds(eq('yn', 'yes'), { yn: 'yes' }), true);
    assert.equal(holds(eq('yn', 'yes'), { yn: 'no' }), false);
    assert.equal(holds(eq('yn', 'yes'), {}), false);
    const ne: Condition = { op: 'equals', question: 'yn', value: 'yes', negated: true };
    assert.equal(holds(ne, { yn: 'no' }), true);
    assert.equal(holds(ne, {}), false);
    const isIn: Condition = { op: 'in', question: 'yn', values: ['yes', 'no'] };
    assert.equal(holds(isIn, { yn: 'no' }), true);
    assert.equal(holds(isIn, {}), false);
  });
  it('includes and count; count of an unanswered multi is 0', () => {
    assert.equal(holds({ op: 'includes', question: 'm', value: 'b' }, { m: ['a', 'b'] }), true);
    assert.equal(holds({ op: 'includes', question: 'm', value: 'b' }, { m: ['a'] }), false);
    const atLeast2: Condition = { op: 'count', question: 'm', comparison: '>=', count: 2 };
    assert.equal(holds(atLeast2, { m: ['a', 'b'] }), true);
    assert.equal(holds(atLeast2, { m: ['a'] }), false);
    assert.equal(holds(atLeast2, {}), false);
    const under2: Condition = { op: 'count', question: 'm', comparison: '<', count: 2 };
    assert.equal(holds(under2, {}), true);
    assert.equal(holds(under2, { m: ['a'] }), true);
    assert.equal(holds(under2, { m: ['a', 'b'] }), false);
    assert.equal(holds({ op: 'count', question: 'm', comparison: '=', count: 1 }, { m: ['c'] }), true);
    assert.equal(holds({ op: 'count', question: 'm', comparison: '!=', count: 1 }, { m: ['c'] }), false);
    assert.equal(holds({ op: 'count', question: 'm', comparison: '>', count: 1 }, { m: ['c'] }), false);
    assert.equal(holds({ op: 'count', question: 'm', comparison: '<=', count: 1 }, { m: ['c'] }), true);
  });
  it('number and date comparisons, with today as the submission date', () => {
    const cmp = (comparison: '<' | '<=' | '>' | '>=' | '=' | '!=', value: number | string, question = 'n'): Condition => ({
      op: 'compare',
      question,
      comparison,
      value,
    });
    assert.equal(holds(cmp('>=', 18), { n: 18 }), true);
    assert.equal(holds(cmp('>', 18), { n: 18 }), false);
    assert.equal(holds(cmp('<', 18), { n: 17 }), true);
    assert.equal(holds(cmp('<=', 18), {}), false);
    assert.equal(holds(cmp('=', 3), { n: 3 }), true);
    assert.equal(holds(cmp('!=', 3), { n: 3 }), false);
    assert.equal(holds(cmp('>', 2.5, 'n2'), { n2: 2.75 }), true);
    assert.equal(holds(cmp('>', '2015-01-31', 'd'), { d: '2015-02-01' }), true);
    assert.equal(holds(cmp('>', '2015-01-31', 'd'), { d: '2015-01-31' }), false);
    assert.equal(holds(cmp('<', '2015-01-31', 'd'), { d: '2015-01-30' }), true);
    assert.equal(holds(cmp('<=', '2015-01-31', 'd'), { d: '2015-01-31' }), true);
    assert.equal(holds(cmp('=', 'today', 'd'), { d: '2015-01-31' }, '2015-01-31'), true);
    assert.equal(holds(cmp('<', 'today', 'd'), { d: '2015-01-31' }, '2015-01-31'), false);
    assert.equal(holds(cmp('<', 'today', 'd'), { d: '2015-01-30' }, '2015-01-31'), true);
  });
  it('and, or, not, answered and comparisons between questions', () => {
    assert.equal(holds(and(eq('yn', 'yes'), { op: 'includes', question: 'm', value: 'a' }), { yn: 'yes', m: ['a'] }), true);
    assert.equal(holds(and(eq('yn', 'yes'), { op: 'includes', question: 'm', value: 'a' }), { yn: 'yes' }), false);
    assert.equal(holds(or(eq('yn', 'yes'), { op: 'includes', question: 'm', value: 'a' }), { m: ['a'] }), true);
    assert.equal(holds(not(eq('yn', 'yes')), {}), true);
    assert.equal(holds(not(eq('yn', 'yes')), { yn: 'yes' }), false);
    assert.equal(holds({ op: 'answered', question: 'n', negated: false }, { n: 0 }), true);
    assert.equal(holds({ op: 'answered', question: 'n', negated: true }, { n: 0 }), false);
    const le: Condition = { op: 'compareQuestions', question: 'n', comparison: '<=', other: 'n2' };
    assert.equal(holds(le, { n: 3, n2: 3 }), true);
    assert.equal(holds(le, { n: 4, n2: 3 }), false);
    assert.equal(holds(le, { n: 4 }), false);
    assert.equal(holds({ op: 'true' }, {}), true);
    assert.equal(holds({ op: 'false' }, {}), false);
  });
});

describe('schema layout', () => {
  it('shares value schemas used more than once and chunks the rules', () => {
    const items: CompiledItem[] = [];
    for (let i = 0; i < 200; i++) {
      items.push(q({ id: `q${i}`, kind: 'single', options: yesNo, when: i === 0 ? TRUE : eq(`q${i - 1}`, 'yes') }));
    }
    const schema = emitResponseSchema(survey('big', items));
    assert.deepEqual(schema.properties['q1'], { $ref: '#/$defs/value.0' });
    // Nested universes: one node per distinct condition, each evaluated once.
    assert.ok(Object.keys(schema.$defs).some((name) => name.startsWith('rules.')));
    const v = compileStrict(survey('big', items));
    const all = Object.fromEntries(items.map((i) => [i.id, 'yes']));
    assert.equal(v.validate(all).valid, true);
    assert.equal(v.validate({ ...all, q100: 'no' }).valid, false);
    const upTo = Object.fromEntries(items.slice(0, 51).map((i, n) => [i.id, n === 50 ? 'no' : 'yes']));
    assert.deepEqual(v.validate(upTo).errors, []);
  });

  it('tests each distinct condition once, and forbids a whole section not asked by name', () => {
    const NOT_ASKED = 'This question was not asked on this path, so it must not be answered';
    const items: CompiledItem[] = [q({ id: 'gate', kind: 'single', options: yesNo })];
    for (let i = 0; i < 40; i++) items.push(q({ id: `s${i}`, kind: 'single', options: yesNo, when: eq('gate', 'yes') }));
    items.push(q({ id: 'last', kind: 'single', options: yesNo, when: and(eq('gate', 'yes'), eq('s0', 'yes')) }));
    const big = survey('sections', items);
    const text = JSON.stringify(emitResponseSchema(big));
    assert.equal(text.split(JSON.stringify({ const: 'yes' })).length - 1, 2, 'gate = yes and s0 = yes, once each');
    const v = compileStrict(big);
    const all = Object.fromEntries(items.map((i) => [i.id, 'yes']));
    assert.deepEqual(v.validate(all).errors, []);
    const errors = v.validate({ ...all, gate: 'no' }).errors;
    assert.deepEqual(
      errors,
      items.slice(1).map((i) => ({ question: i.id, path: `/${i.id}`, message: NOT_ASKED })),
    );
    assert.deepEqual(v.validate({ gate: 'yes', s0: 'no', last: 'no' }).errors.map((e) => [e.question, e.message]), [
      ['s1', 'Select an option'],
      ...items.slice(3, 41).map((i) => [i.id, 'Select an option']),
      ['last', NOT_ASKED],
    ]);
  });

  it('matches exactly a set of keys with one factored pattern', () => {
    const keys = ['q1', 'q10', 'q1_other', 'a.b', 'x+y', '(z)', 'q'];
    const re = new RegExp(exactlyOnePattern(keys), 'u');
    for (const k of keys) assert.ok(re.test(k), k);
    for (const k of ['', 'q2', 'q100', 'q1_', 'q1_others', 'aXb', 'xxy', 'z', 'Q1', ' q1']) assert.equal(re.test(k), false, k);
  });

  it('compiles a 5,000-question survey with a conditional on every question', () => {
    const items: CompiledItem[] = [];
    const scale = opts('1 good Good', '2 bad Bad', '98 dont_know Dont_know dont_know');
    for (let i = 0; i < 5000; i++) {
      const when = i === 0 ? TRUE : i % 3 === 0 ? or(eq(`q${i - 1}`, 'yes'), eq(`q${i - 2}`, 'no')) : eq(`q${i - 1}`, 'yes');
      if (i % 10 === 9) {
        items.push(q({ id: `q${i}`, kind: 'grid', scale, rows: [{ id: 'r1' }, { id: 'r2' }], when, required: false }));
      } else if (i % 10 === 5) {
        items.push(q({ id: `q${i}`, kind: 'multi', options: ticks, when, required: false }));
      } else {
        items.push(q({ id: `q${i}`, kind: 'single', options: yesNo, when }));
      }
    }
    const big = survey('big5000', items);
    const v = compileStrict(big);
    assert.equal(v.validate({ q0: 'no' }).valid, true);
    assert.equal(v.validate({ q0: 'no', q4999: 'yes' }).valid, false);
  });
});
