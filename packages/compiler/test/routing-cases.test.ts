/**
 * Every respondent path of shared/poet-reference/ROUTING-CASES.md against the compiled
 * examples: the response built from the path validates, and an answer to anything the path
 * does not ask (a question, an `_other` text, a hidden grid row) makes it invalid.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChoiceQuestion, CompiledQuestion } from '../src/compiled/types.js';
import { ROUTING_CASES } from './support/routing-cases.js';
import { caseResponse, example, question, validAnswer, validatorFor } from './support/responses.js';

const NOT_ASKED = 'This question was not asked on this path, so it must not be answered';

for (const surveyId of ['parent_ehc', 'adult_social_care'] as const) {
  describe(`routing cases: ${surveyId}`, () => {
    const survey = example(surveyId === 'parent_ehc' ? 'parent-ehc' : 'adult-social-care');
    const validator = validatorFor(survey);
    const questions = survey.items.filter((i): i is CompiledQuestion => i.kind !== 'info');

    for (const path of ROUTING_CASES.filter((c) => c.survey === surveyId)) {
      describe(`${path.id}: ${path.title}`, () => {
        const answers = caseResponse(survey, path);

        it(`the response built from the path (${path.asked.length} asked) is valid`, () => {
          assert.deepEqual(validator.validate(answers).errors, []);
        });

        it('every question the path lists is known, and the rest are exactly the questions not asked', () => {
          for (const id of path.asked) question(survey, id);
          const notAsked = questions.filter((q) => !path.asked.includes(q.id));
          assert.equal(notAsked.length + path.asked.length, questions.length);
        });

        it('an answer to any question not asked on the path is rejected', () => {
          for (const q of questions.filter((q) => !path.asked.includes(q.id))) {
            const result = validator.validate({ ...answers, [q.id]: validAnswer(q) });
            assert.equal(result.valid, false, `${q.id} was accepted`);
            assert.ok(
              result.errors.some((e) => e.question === q.id && e.path === `/${q.id}` && e.message === NOT_ASKED),
              `${q.id}: ${JSON.stringify(result.errors)}`,
            );
          }
        });

        it('an other-specify text without Other chosen is rejected', () => {
          for (const q of questions) {
            const other = (q as ChoiceQuestion).other;
            if (other === undefined || (q as ChoiceQuestion).pipedFrom !== undefined || other.key in answers) continue;
            const result = validator.validate({ ...answers, [other.key]: 'Something else' });
            assert.equal(result.valid, false, `${other.key} was accepted`);
            assert.ok(result.errors.some((e) => e.question === q.id && e.path === `/${other.key}`), JSON.stringify(result.errors));
          }
        });

        if (path.rowsShown !== undefined) {
          it('an answer to a grid row not shown is rejected', () => {
            for (const [gridId, shown] of Object.entries(path.rowsShown!)) {
              const grid = question(survey, gridId);
              assert.equal(grid.kind, 'grid');
              if (grid.kind !== 'grid') continue;
              const hidden = grid.rows.filter((r) => !shown.includes(r.id));
              assert.ok(hidden.length > 0);
              for (const row of hidden) {
                const result = validator.validate({ ...answers, [gridId]: { ...(answers[gridId] as object), [row.id]: grid.scale[0]!.value } });
                assert.ok(
                  result.errors.some((e) => e.question === gridId && e.path === `/${gridId}/${row.id}`),
                  `${gridId}.${row.id}: ${JSON.stringify(result.errors)}`,
                );
              }
            }
          });
        }

        if (path.offers !== undefined) {
          it('the piped question accepts exactly the options offered', () => {
            for (const [pipedId, offered] of Object.entries(path.offers!)) {
              const piped = question(survey, pipedId) as ChoiceQuestion;
              for (const option of piped.options) {
                const result = validator.validate({ ...answers, [pipedId]: option.value });
                assert.equal(result.valid, offered.includes(option.value), `${pipedId} = ${option.value}: ${JSON.stringify(result.errors)}`);
              }
            }
          });
        }
      });
    }
  });
}
