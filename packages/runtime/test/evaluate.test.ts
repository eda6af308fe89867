/** `evaluate`: every operator, on answered, unanswered and not-asked questions; `compileCondition` agrees with it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Comparison, Condition } from '@poetkit/compiler/compiled';
import fc from 'fast-check';
import { compileCondition, evaluate } from '../src/index.js';

const eq = (question: string, value: string): Condition => ({ op: 'equals', question, value, negated: false });
const ne = (question: string, value: string): Condition => ({ op: 'equals', question, value, negated: true });
const count = (question: string, comparison: Comparison, n: number): Condition => ({ op: 'count', question, comparison, count: n });
const cmp = (question: string, comparison: Comparison, value: number | string): Condition => ({ op: 'compare', question, comparison, value });

const answers = { status: 'yes', reasons: ['a', 'b'], age: 9, when: '2015-06-01', start: '2014-01-01', other_age: 12, blank: null };

describe('evaluate', () => {
  it('true, false', () => {
    assert.equal(evaluate({ op: 'true' }, {}), true);
    assert.equal(evaluate({ op: 'false' }, {}), false);
  });

  it('equals and its negation; both false when unanswered', () => {
    assert.equal(evaluate(eq('status', 'yes'), answers), true);
    assert.equal(evaluate(eq('status', 'no'), answers), false);
    assert.equal(evaluate(ne('status', 'no'), answers), true);
    assert.equal(evaluate(ne('status', 'yes'), answers), false);
    assert.equal(evaluate(eq('missing', 'yes'), answers), false);
    assert.equal(evaluate(ne('missing', 'yes'), answers), false);
    assert.equal(evaluate(ne('blank', 'yes'), answers), false, 'null counts as no answer');
  });

  it('not (q = x) is true when q is unanswered, unlike q != x', () => {
    assert.equal(evaluate({ op: 'not', arg: eq('missing', 'x') }, answers), true);
    assert.equal(evaluate({ op: 'not', arg: eq('status', 'yes') }, answers), false);
  });

  it('in', () => {
    assert.equal(evaluate({ op: 'in', question: 'status', values: ['no', 'yes'] }, answers), true);
    assert.equal(evaluate({ op: 'in', question: 'status', values: ['no'] }, answers), false);
    assert.equal(evaluate({ op: 'in', question: 'missing', values: ['no', 'yes'] }, answers), false);
  });

  it('includes', () => {
    assert.equal(evaluate({ op: 'includes', question: 'reasons', value: 'a' }, answers), true);
    assert.equal(evaluate({ op: 'includes', question: 'reasons', value: 'c' }, answers), false);
    assert.equal(evaluate({ op: 'includes', question: 'missing', value: 'a' }, answers), false);
  });

  it('count, with every comparison', () => {
    const cases: [Comparison, number, boolean][] = [
      ['=', 2, true], ['!=', 2, false], ['<', 2, false], ['<=', 2, true], ['>', 1, true], ['>=', 3, false],
    ];
    for (const [c, n, expected] of cases) assert.equal(evaluate(count('reasons', c, n), answers), expected, `count ${c} ${n}`);
  });

  it('count of an unanswered or not-asked multi is 0: count(q) < 2 is true, count(q) >= 2 false', () => {
    assert.equal(evaluate(count('missing', '<', 2), {}), true);
    assert.equal(evaluate(count('missing', '=', 0), {}), true);
    assert.equal(evaluate(count('missing', '>=', 2), {}), false);
    assert.equal(evaluate(count('missing', '>=', 0), {}), true);
  });

  it('compare numbers and dates, with every comparison; false when unanswered', () => {
    const cases: [Comparison, number, boolean][] = [
      ['=', 9, true], ['!=', 9, false], ['<', 10, true], ['<=', 8, false], ['>', 8, true], ['>=', 10, false],
    ];
    for (const [c, n, expected] of cases) assert.equal(evaluate(cmp('age', c, n), answers), expected, `age ${c} ${n}`);
    assert.equal(evaluate(cmp('when', '>=', '2014-09-01'), answers), true);
    assert.equal(evaluate(cmp('when', '<', '2014-09-01'), answers), false);
    assert.equal(evaluate(cmp('missing', '!=', 3), answers), false);
    assert.equal(evaluate(cmp('missing', '<', 3), answers), false);
    assert.equal(evaluate(cmp('status', '<', 3), answers), false, 'a string is no number');
  });

  it('compare with today uses the given date', () => {
    assert.equal(evaluate(cmp('when', '<=', 'today'), answers, { today: '2016-01-01' }), true);
    assert.equal(evaluate(cmp('when', '<=', 'today'), answers, { today: '2015-01-01' }), false);
  });

  it('compareQuestions: false unless both are answered', () => {
    assert.equal(evaluate({ op: 'compareQuestions', question: 'age', comparison: '<=', other: 'other_age' }, answers), true);
    assert.equal(evaluate({ op: 'compareQuestions', question: 'age', comparison: '>', other: 'other_age' }, answers), false);
    assert.equal(evaluate({ op: 'compareQuestions', question: 'start', comparison: '<', other: 'when' }, answers), true);
    assert.equal(evaluate({ op: 'compareQuestions', question: 'age', comparison: '<=', other: 'missing' }, answers), false);
    assert.equal(evaluate({ op: 'compareQuestions', question: 'age', comparison: '<=', other: 'when' }, answers), false);
  });

  it('answered and its negation', () => {
    assert.equal(evaluate({ op: 'answered', question: 'status', negated: false }, answers), true);
    assert.equal(evaluate({ op: 'answered', question: 'status', negated: true }, answers), false);
    assert.equal(evaluate({ op: 'answered', question: 'missing', negated: false }, answers), false);
    assert.equal(evaluate({ op: 'answered', question: 'missing', negated: true }, answers), true);
  });

  it('and, or (including empty)', () => {
    assert.equal(evaluate({ op: 'and', args: [eq('status', 'yes'), cmp('age', '>', 5)] }, answers), true);
    assert.equal(evaluate({ op: 'and', args: [eq('status', 'yes'), cmp('age', '>', 50)] }, answers), false);
    assert.equal(evaluate({ op: 'or', args: [eq('status', 'no'), cmp('age', '>', 5)] }, answers), true);
    assert.equal(evaluate({ op: 'or', args: [eq('status', 'no'), eq('missing', 'x')] }, answers), false);
    assert.equal(evaluate({ op: 'and', args: [] }, answers), true);
    assert.equal(evaluate({ op: 'or', args: [] }, answers), false);
  });

  it('does not read inherited properties as answers', () => {
    assert.equal(evaluate({ op: 'answered', question: 'constructor', negated: false }, {}), false);
    assert.equal(evaluate({ op: 'answered', question: 'toString', negated: false }, {}), false);
  });
});

describe('compileCondition', () => {
  const questions = ['a', 'b', 'c', 'constructor'] as const;
  const comparisons: Comparison[] = ['=', '!=', '<', '<=', '>', '>='];
  const question = fc.constantFrom(...questions);
  const word = fc.constantFrom('yes', 'no', 'x');
  const date = fc.constantFrom('2015-06-01', '2016-06-30', '2017-01-01');
  const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom<Condition>({ op: 'true' }, { op: 'false' }),
      fc.record({ op: fc.constant('equals' as const), question, value: word, negated: fc.boolean() }),
      fc.record({ op: fc.constant('in' as const), question, values: fc.array(word, { maxLength: 3 }) }),
      fc.record({ op: fc.constant('includes' as const), question, value: word }),
      fc.record({ op: fc.constant('count' as const), question, comparison: fc.constantFrom(...comparisons), count: fc.nat({ max: 3 }) }),
      fc.record({ op: fc.constant('compare' as const), question, comparison: fc.constantFrom(...comparisons), value: fc.oneof(fc.integer({ min: -2, max: 12 }), date, fc.constant('today')) }),
      fc.record({ op: fc.constant('compareQuestions' as const), question, comparison: fc.constantFrom(...comparisons), other: question }),
      fc.record({ op: fc.constant('answered' as const), question, negated: fc.boolean() }),
      fc.record({ op: fc.constant('not' as const), arg: tie('condition') }),
      fc.record({ op: fc.constantFrom('and' as const, 'or' as const), args: fc.array(tie('condition'), { maxLength: 4 }) }),
    ),
  }));
  const value = fc.oneof(word, date, fc.integer({ min: -2, max: 12 }), fc.double({ noNaN: false }), fc.array(word, { maxLength: 3 }), fc.constant(null), fc.constant({}));
  const answers = fc.dictionary(fc.constantFrom(...questions), value);

  it('gives what evaluate gives, for any condition and answers', () => {
    fc.assert(
      fc.property(condition, answers, date, (c, a, today) => {
        assert.equal(compileCondition(c)(a, today), evaluate(c, a, { today }), JSON.stringify({ c, a, today }));
      }),
      { numRuns: 5000 },
    );
  });
});
