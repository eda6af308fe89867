/** Routing analysis: universes as data and in words, and both routing styles giving the same result. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompiledSurvey } from '../src/compiled/types.js';
import { compileFile } from '../src/compile.js';
import { compileFixture } from './support/fixtures.js';

function compileText(text: string): ReturnType<typeof compileFile> {
  return compileFile('mem.poet', { readFile: (p) => (p === 'mem.poet' ? new TextEncoder().encode(text) : undefined) });
}

function universes(survey: CompiledSurvey): Record<string, unknown> {
  return Object.fromEntries(survey.items.map((i) => [i.id, i.universe]));
}

describe('routing analysis', () => {
  it('gives the same universes for goto-style and ask-if-style routing', () => {
    const goto = compileFixture('valid/goto-style.poet').survey!;
    const askIf = compileFixture('valid/askif-style.poet').survey!;
    assert.deepEqual(universes(goto), universes(askIf));
    assert.deepEqual(goto.items.find((i) => i.id === 'amount')!.universe, {
      condition: {
        op: 'and',
        args: [
          { op: 'equals', question: 'agree', value: 'yes', negated: false },
          { op: 'equals', question: 'has_pb', value: 'yes', negated: false },
          { op: 'equals', question: 'amount_known', value: 'yes', negated: false },
        ],
      },
      text: 'Asked if has_pb is "Yes" and amount_known is "Yes"',
    });
  });

  it('makes every universe after the consent gate include consent = yes', () => {
    const survey = compileFixture('valid/every-construct.poet').survey!;
    assert.deepEqual(survey.items[0]!.universe, { condition: { op: 'true' }, text: 'Asked of everyone' });
    for (const item of survey.items.slice(1)) {
      const c = item.universe.condition;
      const parts = c.op === 'and' ? c.args : [c];
      assert.ok(parts.some((p) => p.op === 'equals' && p.question === 'agree' && p.value === 'yes'), item.id);
    }
    assert.equal(survey.endRules[0]!.keepAnswers, false);
    assert.equal(survey.endRules[1]!.keepAnswers, true);
  });

  it('excludes items after an end rule, row conditions and other texts', () => {
    const survey = compileFixture('valid/every-construct.poet').survey!;
    const views = survey.items.find((i) => i.id === 'views')!;
    assert.equal(views.universe.text, 'Asked if q_bank is "Yes" and rating is none of "Bad" and "Don\'t know"');
    assert.ok(views.kind === 'grid');
    assert.match(views.rows[1]!.universe.text, /reasons includes "Place"$/);
    const reasons = survey.items.find((i) => i.id === 'reasons')!;
    assert.ok(reasons.kind === 'multi' && reasons.other !== undefined);
    assert.equal(reasons.other.key, 'reasons_other');
    assert.equal(reasons.other.universe.text, 'Asked if reasons includes "Other – please describe"');
  });

  it('reports an item after an unconditional end as unreachable', () => {
    const result = compileText('survey s "S"\n  version "1"\nsection a "A" {\n  text t "T"\n  end "Bye."\n  text u "U"\n}\n');
    assert.deepEqual(result.diagnostics.map((d) => d.id), ['unreachable-item']);
    assert.equal(result.survey, undefined);
  });

  it('reports an item that a goto always jumps over as unreachable, and one after a never-true goto as reachable', () => {
    const result = compileText(
      'survey s "S"\n  version "1"\nsection a "A" {\n  yesno y "Y"\n  if y is answered or not y is answered goto b\n  text u "U"\n}\nsection b "B" {\n  text v "V"\n}\n',
    );
    // `y is answered or not y is answered` is not recognised as always true: u stays reachable.
    assert.deepEqual(result.diagnostics.map((d) => d.id), []);
  });
});
