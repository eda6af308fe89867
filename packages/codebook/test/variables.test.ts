import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import { BLANK, NOT_ASKED, NOT_REACHED, buildCodebook, nameProblem, NameAllocator } from '../src/index.js';
import { EXAMPLE_FILES, example } from './support.js';

describe('buildCodebook on every example', () => {
  for (const name of EXAMPLE_FILES) {
    it(`${name}: legal, unique names and every code`, () => {
      const survey = example(name);
      const cb = buildCodebook(survey);
      const seen = new Set<string>(['response_id', 'survey_version', 'submitted']);
      for (const v of cb.variables) {
        assert.equal(nameProblem(v.name), undefined, `${v.name}: ${nameProblem(v.name)}`);
        assert.ok(!seen.has(v.name.toLowerCase()), `${v.name} is used twice`);
        seen.add(v.name.toLowerCase());
        // Every variable carries the three reasons, declared missing.
        for (const code of [NOT_ASKED, NOT_REACHED, BLANK]) {
          assert.ok(v.valueLabels.some((l) => l.code === code && l.missing !== undefined), `${v.name} lacks ${code}`);
          assert.ok(v.missingCodes.includes(code));
        }
        assert.deepEqual([...v.missingCodes], [...v.missingCodes].sort((a, b) => a - b));
      }
      for (const item of survey.items) {
        if (item.kind === 'info') continue;
        const own = cb.variables.filter((v) => v.question === item.id && v.otherText !== true);
        if (item.kind === 'multi') {
          assert.deepEqual(own.map((v) => v.name), item.options.map((o) => `${item.id}_${o.code}`));
          assert.ok(own.every((v) => v.type === 'dummy' && v.valueLabels.some((l) => l.code === 1 && l.label === 'Ticked')));
        } else if (item.kind === 'grid') {
          assert.deepEqual(own.map((v) => v.name), item.rows.map((r) => `${item.id}_${r.id}`));
          for (const v of own) for (const o of item.scale) assert.ok(v.valueLabels.some((l) => l.code === o.code && l.label === o.label));
        } else {
          assert.deepEqual(own.map((v) => v.name), [item.id]);
        }
        if (item.kind === 'single' || item.kind === 'consent') {
          for (const o of item.options) {
            const label = own[0]!.valueLabels.find((l) => l.code === o.code);
            assert.equal(label?.label, o.label);
            assert.equal(label?.missing, o.missing);
            assert.equal(own[0]!.missingCodes.includes(o.code), o.missing !== undefined);
          }
        }
        if ((item.kind === 'single' || item.kind === 'multi') && item.other !== undefined) {
          const other = cb.variables.find((v) => v.question === item.id && v.otherText === true);
          assert.equal(other?.name, item.other.key);
          assert.equal(other?.type, 'text');
          assert.equal(other?.universe, item.other.universe);
        }
      }
      for (const g of cb.groups) assert.ok(g.variables.every((n) => cb.variables.some((v) => v.name === n && v.question === g.question)));
    });
  }

  it('keeps missing-kind codes as codes and declares them missing', () => {
    const cb = buildCodebook(example('parent-ehc'));
    const hasPb = cb.variables.find((v) => v.name === 'has_pb')!;
    assert.deepEqual(hasPb.missingCodes, [-9, -2, -1, 98]);
    assert.equal(hasPb.valueLabels.find((l) => l.code === 98)?.missing, 'dont_know');
    const grid = cb.variables.find((v) => v.name === 'ehc_ease_get_info')!;
    assert.equal(grid.measure, 'ordinal');
    assert.ok(grid.missingCodes.includes(98));
  });
});

describe('names', () => {
  it('rejects what SPSS or Stata would refuse', () => {
    assert.equal(nameProblem('has_pb'), undefined);
    assert.match(nameProblem('with')!, /reserved/);
    assert.match(nameProblem('IF')!, /reserved/);
    assert.match(nameProblem('_x')!, /letter/);
    assert.match(nameProblem('a'.repeat(33))!, /32/);
    assert.match(nameProblem('a_')!, /ends with _/);
    assert.match(nameProblem('a-b')!, /characters/);
  });

  it('shortens and de-duplicates deterministically and records why', () => {
    const names = new NameAllocator();
    const long = `${'q'.repeat(30)}_abcdef`;
    assert.equal(names.allocate(long), 'q'.repeat(30) + '_a');
    assert.equal(names.allocate(`${'q'.repeat(30)}_abxyz`), `${'q'.repeat(30)}_2`);
    assert.equal(names.allocate('Response_ID'), 'Response_ID_2');
    assert.equal(names.allocate('by'), 'by_v');
    assert.equal(names.changes.length, 4);
    assert.match(names.changes[1]!.reason, /32 characters.*already used/);
  });

  it('renames long conventional names in a survey and records them', () => {
    const base = example('carer');
    const long = 'a_question_id_that_is_rather_long';
    const survey: CompiledSurvey = {
      ...base,
      items: base.items.map((i) => (i.id === 'carer_impact' ? { ...i, id: long } : i)),
    };
    const cb = buildCodebook(survey);
    const members = cb.groups.find((g) => g.question === long)!.variables;
    assert.ok(members.every((n) => n.length <= 32));
    assert.equal(new Set(members).size, members.length);
    assert.ok(cb.renames.length >= members.length);
    assert.ok(cb.variables.filter((v) => v.question === long).every((v) => v.renamed !== undefined));
  });
});
