import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import { buildCodebook, Notes, notesText, rString, spssMissing, spssString, spssSyntax, stataDo, stataString } from '../src/index.js';
import { example } from './support.js';

/** parent-ehc with its questions changed by `edit`. */
function edited(edit: (item: CompiledSurvey['items'][number]) => CompiledSurvey['items'][number]): CompiledSurvey {
  const base = example('parent-ehc');
  return { ...base, items: base.items.map(edit) };
}

describe('SPSS missing values', () => {
  it('uses LO THRU -1 plus one value when no valid value is negative', () => {
    const cb = buildCodebook(example('parent-ehc'));
    const v = (name: string) => cb.variables.find((x) => x.name === name)!;
    assert.deepEqual(spssMissing(v('has_pb')), { spec: 'LO THRU -1, 98', left: [] });
    assert.deepEqual(spssMissing(v('consent')), { spec: '-9, -2, -1', left: [] });
  });

  it('keeps discrete codes when negative answers are possible, and reports what it cannot declare', () => {
    const survey = edited((i) => {
      if (i.id === 'child_age' && i.kind === 'number') return { ...i, min: -10 };
      if (i.id === 'has_pb' && i.kind === 'single') return { ...i, options: [...i.options, { code: 99, value: 'pns', label: 'Prefer not to say', exclusive: false, specify: false, missing: 'prefer_not_say' as const }] };
      return i;
    });
    const cb = buildCodebook(survey);
    const age = cb.variables.find((x) => x.name === 'child_age')!;
    assert.equal(age.reasonClash, true);
    assert.deepEqual(spssMissing(age), { spec: '-9, -2, -1', left: [] });
    const hasPb = cb.variables.find((x) => x.name === 'has_pb')!;
    assert.deepEqual(spssMissing(hasPb), { spec: 'LO THRU -1, 98', left: [99] });
    const notes = new Notes();
    spssSyntax(cb, notes);
    stataDo(cb, notes);
    assert.ok(notes.notes.some((n) => n.tool === 'SPSS' && n.variable === 'has_pb' && /99/.test(n.note)));
    assert.ok(notes.notes.some((n) => n.tool === 'Stata' && n.variable === 'child_age' && /reason codes/.test(n.note)));
    assert.match(notesText(cb, notes), /child_age: an answer of -1, -2 or -9 cannot be told apart/);
  });
});

describe('labels shortened for a tool', () => {
  it('cuts SPSS value labels to 120 bytes and Stata variable labels to 80 characters, recording the full text', () => {
    const long = `${'é'.repeat(100)} end`;
    const survey = edited((i) => (i.id === 'gender' && i.kind === 'single' ? { ...i, text: { source: long, blocks: [] }, options: i.options.map((o) => (o.code === 1 ? { ...o, label: long } : o)) } : i));
    const cb = buildCodebook(survey);
    const notes = new Notes();
    const sps = spssSyntax(cb, notes);
    const value = notes.shortenings.find((s) => s.tool === 'SPSS' && s.what === 'value label 1' && s.variable === 'gender')!;
    assert.equal(value.full, long);
    assert.ok(new TextEncoder().encode(value.shortened).length <= 120);
    assert.ok(value.shortened.endsWith('…'));
    assert.ok(sps.includes(spssString(value.shortened)));
    stataDo(cb, notes);
    const label = notes.shortenings.find((s) => s.tool === 'Stata' && s.variable === 'gender')!;
    assert.equal([...label.shortened].length, 80);
  });
});

describe('string literals', () => {
  it('quote safely for each tool', () => {
    assert.equal(spssString("It's"), "'It''s'");
    assert.equal(spssString('x'.repeat(61)), `'${'x'.repeat(60)}' +\n    'x'`);
    assert.equal(stataString('Cost $5 `x\' "q"'), '`"Cost \\$5 \\`x\' "q""\'');
    assert.equal(rString('a "b" \\ \n é'), '"a \\"b\\" \\\\ \\n é"');
  });
});
