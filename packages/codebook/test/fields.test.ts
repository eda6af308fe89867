import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildCodebook, createCoder, type Codebook } from '../src/index.js';
import { csvRecord } from '../src/csv.js';
import { EXAMPLE_FILES, TODAY, example, walkResponses } from './support.js';

/** What data.csv held before `fields` existed: the coded values through csvRecord. */
function viaValues(cb: Codebook, answers: Record<string, unknown>): string {
  return csvRecord(['', ...createCoder(cb).code(answers, TODAY)]).slice(0, -2);
}

/** Text that CSV must quote or that data.csv flattens: commas, quotes, line breaks, controls. */
const awkwardText = fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', '\u2028sep', ' ', '', 'plain', '-1', '1e21');

describe('coder.fields (data.csv written straight from the route)', () => {
  for (const name of EXAMPLE_FILES) {
    it(`${name}: the same text as csvRecord of coder.code, for walked responses`, () => {
      const survey = example(name);
      const cb = buildCodebook(survey);
      const coder = createCoder(cb);
      for (const response of walkResponses(survey, 150, 11)) {
        assert.equal(coder.fields(response.answers, TODAY), viaValues(cb, response.answers), JSON.stringify(response.answers));
      }
    });

    it(`${name}: the same text for answers a validator would reject (wrong types, awkward text, unknown options)`, () => {
      const survey = example(name);
      const cb = buildCodebook(survey);
      const coder = createCoder(cb);
      const keys = [...new Set(cb.variables.map((v) => v.question)), ...survey.items.flatMap((q) => ('other' in q && q.other !== undefined ? [q.other.key] : []))];
      const value = fc.oneof(awkwardText, fc.integer(), fc.double(), fc.array(fc.oneof(awkwardText, fc.string())), fc.dictionary(fc.string(), awkwardText), fc.constant(null));
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom(...keys), value), fc.constantFrom(...walkResponses(survey, 20, 3)), (noise, walked) => {
          const answers = { ...walked.answers, ...noise };
          assert.equal(coder.fields(answers, TODAY), viaValues(cb, answers));
        }),
        { numRuns: 200, seed: 5 },
      );
    });
  }

  it('follows the codebook order when it is not survey order (formatting the coded values)', () => {
    const survey = example('carer');
    const cb = buildCodebook(survey);
    // The last question's variables moved to the front: code() places values by index, so it still codes correctly.
    const lastQuestion = cb.variables[cb.variables.length - 1]!.question;
    const moved = cb.variables.filter((v) => v.question === lastQuestion);
    const reordered: Codebook = { ...cb, variables: [...moved, ...cb.variables.filter((v) => v.question !== lastQuestion)] };
    const coder = createCoder(reordered);
    const original = createCoder(cb);
    let differing = 0;
    for (const response of walkResponses(survey, 30, 9)) {
      const fields = coder.fields(response.answers, TODAY);
      assert.equal(fields, viaValues(reordered, response.answers));
      if (fields !== original.fields(response.answers, TODAY)) differing++;
    }
    assert.ok(differing > 0, 'the reordered codebook should put some value in another column');
  });
});
