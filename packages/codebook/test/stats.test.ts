import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCodebook, createCoder, StatsAccumulator } from '../src/index.js';
import { TODAY, answerPath, example, walkResponses } from './support.js';

describe('statistics', () => {
  it('counts valid and missing values and every labelled code, from the export coding', () => {
    const survey = example('parent-ehc');
    const cb = buildCodebook(survey);
    const coder = createCoder(cb);
    const stats = new StatsAccumulator(cb);
    const rows = [
      coder.code(answerPath(survey, { consent: 'yes', has_pb: 'yes', child_age: 4, pb_amount_known: 'yes', pb_amount: 1000 }), TODAY),
      coder.code(answerPath(survey, { consent: 'yes', has_pb: 'dont_know', child_age: 10 }), TODAY),
      coder.code({ consent: 'no' }, TODAY),
    ];
    for (const row of rows) stats.add(row);
    const result = stats.result();
    assert.equal(result.responses, 3);
    const hasPb = result.variables.get('has_pb')!;
    assert.equal(hasPb.valid, 1);
    assert.equal(hasPb.missing, 2); // 98 don't know, and -1 after the refusal
    assert.deepEqual(
      hasPb.frequencies.filter((f) => f.count > 0),
      [{ code: 1, count: 1 }, { code: 98, count: 1 }, { code: -1, count: 1 }],
    );
    assert.deepEqual(hasPb.frequencies.map((f) => f.code), cb.variables.find((v) => v.name === 'has_pb')!.valueLabels.map((l) => l.code));
    assert.deepEqual(result.variables.get('child_age')!.summary, { min: 4, max: 10, mean: 7 });
    const amount = result.variables.get('pb_amount')!;
    assert.deepEqual([amount.valid, amount.missing, amount.summary], [1, 2, { min: 1000, max: 1000, mean: 1000 }]);
    const text = result.variables.get('la_name')!;
    assert.deepEqual([text.valid, text.missing, text.frequencies], [2, 1, []]);
  });

  it('gives every variable valid + missing = responses', () => {
    const survey = example('health-phb');
    const cb = buildCodebook(survey);
    const coder = createCoder(cb);
    const stats = new StatsAccumulator(cb);
    for (const r of walkResponses(survey, 50)) stats.add(coder.code(r.answers, r.submitted));
    const result = stats.result();
    assert.equal(result.variables.size, cb.variables.length);
    for (const v of result.variables.values()) {
      assert.equal(v.valid + v.missing, 50, v.name);
      if (v.frequencies.length > 0) assert.equal(v.frequencies.reduce((a, f) => a + f.count, 0), 50, v.name);
    }
  });
});
