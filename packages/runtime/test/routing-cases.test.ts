/**
 * Every respondent path of shared/poet-reference/ROUTING-CASES.md through the runtime: the
 * questions asked in order, grid rows shown, options a piped question offers (with the
 * `other` label replaced by the `<source>_other` text) and the end, exactly as written.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChoiceQuestion, GridQuestion } from '@poetkit/compiler/compiled';
import { route } from '../src/index.js';
import { ROUTING_CASES, answerPath, example, question } from './support/examples.js';

for (const path of ROUTING_CASES) {
  const survey = example(path.survey === 'parent_ehc' ? 'parent-ehc' : 'adult-social-care');
  describe(`${path.id}: ${path.title}`, () => {
    const answers = answerPath(survey, path.given);
    const r = route(survey, answers);

    it(`asks exactly the ${path.asked.length} questions listed, in order`, () => {
      assert.deepEqual(r.asked.map((a) => a.id), path.asked);
    });

    it('shows the grid rows listed (all rows where none are listed)', () => {
      for (const a of r.asked.filter((a) => a.kind === 'grid')) {
        const grid = a.question as GridQuestion;
        assert.deepEqual(a.rows, path.rowsShown?.[a.id] ?? grid.rows.map((row) => row.id), a.id);
      }
    });

    it('offers the piped options listed, other labelled with the source text', () => {
      const piped = r.asked.filter((a) => a.options !== undefined);
      assert.deepEqual(piped.map((a) => a.id).sort(), Object.keys(path.offers ?? {}).sort());
      for (const a of piped) {
        assert.deepEqual(a.options!.map((o) => o.value), path.offers![a.id]);
        const source = (a.question as ChoiceQuestion).pipedFrom!;
        for (const o of a.options!) {
          const original = (question(survey, a.id) as ChoiceQuestion).options.find((x) => x.value === o.value)!;
          assert.equal(o.code, original.code);
          assert.equal(o.label, o.value === 'other' ? path.given[`${source}_other`] : original.label);
        }
      }
    });

    it('ends where the path ends, with its rule and message', () => {
      const screenOut = path.given['consent'] === 'no' || path.given['ehc_plan_status'] === 'no';
      if (!screenOut) {
        assert.equal(r.ended, undefined);
        return;
      }
      assert.ok(r.ended !== undefined);
      const rule = survey.endRules.find((e) => e.id === r.ended!.rule)!;
      assert.equal(r.ended.after, path.asked[path.asked.length - 1]);
      assert.equal(rule.after, r.ended.after);
      assert.deepEqual(r.ended.message, rule.message);
      assert.equal(r.ended.keepAnswers, path.given['consent'] !== 'no');
    });

    it('opens the other-specify texts the path lists', () => {
      const opened = r.asked.filter((a) => a.otherKey !== undefined).map((a) => a.otherKey);
      const given = Object.keys(path.given).filter((k) => k.endsWith('_other'));
      assert.deepEqual(opened.sort(), given.sort());
    });
  });
}
