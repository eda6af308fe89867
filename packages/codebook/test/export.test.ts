import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import { createResponseValidator } from '@poetkit/compiler/validator';
import { buildCodebook, createCoder, csvField, csvRecord, ResponseExporter, type CodedValue } from '../src/index.js';
import { EXAMPLE_FILES, TODAY, answerPath, example, walkResponses, type Envelope, type ExampleName } from './support.js';

const pick = <T>(g: fc.GeneratorValue, values: readonly T[]): T => values[g(fc.nat, values.length - 1)]!;

const exporters = new Map<ExampleName, ResponseExporter>();
function exporter(name: ExampleName): ResponseExporter {
  let e = exporters.get(name);
  if (e === undefined) {
    const survey = example(name);
    e = new ResponseExporter(buildCodebook(survey), createResponseValidator(survey));
    exporters.set(name, e);
  }
  return e;
}

function envelope(name: ExampleName, answers: Record<string, unknown>, id = 'r1') {
  const s = example(name);
  return { survey: s.id, version: s.version, id, submitted: TODAY, answers };
}

/** The coded values of a valid response, by column name. */
function coded(name: ExampleName, given: Record<string, unknown>, path = true): Map<string, CodedValue> {
  const e = exporter(name);
  const answers = path ? answerPath(example(name), given) : given;
  const result = e.coded(1, envelope(name, answers));
  assert.equal(result.kind, 'values', result.kind === 'reject' ? JSON.stringify(result.reject.errors) : '');
  if (result.kind !== 'values') throw new Error('unreachable');
  return new Map(e.codebook.variables.map((v, i) => [v.name, result.values[i]!]));
}

describe('coding a response', () => {
  it('codes a single as its option code and keeps missing-kind codes', () => {
    const row = coded('parent-ehc', { consent: 'yes', ehc_plan_status: 'yes', has_pb: 'dont_know' });
    assert.equal(row.get('consent'), 1);
    assert.equal(row.get('ehc_plan_status'), 1);
    assert.equal(row.get('has_pb'), 98);
    // has_pb is not "yes", so the budget questions are not asked.
    assert.equal(row.get('pb_managed'), -1);
    for (const code of [1, 2, 3, 4, 98]) assert.equal(row.get(`pb_covers_${code}`), -1, `pb_covers_${code}`);
  });

  it('codes a multi as 0/1 dummies, and all -9 when asked and left blank', () => {
    const ticked = coded('parent-ehc', { consent: 'yes', main_reason: ['semh', 'sensory'] });
    assert.deepEqual(
      [1, 2, 3, 4, 5, 96, 98].map((c) => ticked.get(`main_reason_${c}`)),
      [0, 1, 0, 1, 0, 0, 0],
    );
    assert.equal(ticked.get('main_reason_other'), '-1');
    const blank = coded('parent-ehc', { consent: 'yes', main_reason: null });
    assert.deepEqual([1, 2, 3, 4, 5, 96, 98].map((c) => blank.get(`main_reason_${c}`)), [-9, -9, -9, -9, -9, -9, -9]);
    assert.equal(blank.get('most_impact'), -1);
  });

  it('codes the other text as text, -1 when its option is not chosen', () => {
    const withText = coded('parent-ehc', { consent: 'yes', main_reason: ['other'], main_reason_other: 'Hearing, "mostly"' });
    assert.equal(withText.get('main_reason_96'), 1);
    assert.equal(withText.get('main_reason_other'), 'Hearing, "mostly"');
    const notChosen = coded('parent-ehc', { consent: 'yes', main_reason: ['semh'] });
    assert.equal(notChosen.get('main_reason_other'), '-1');
    // The description is required once its option is chosen: without it the response is rejected.
    const without = exporter('parent-ehc').coded(1, envelope('parent-ehc', answerPath(example('parent-ehc'), { consent: 'yes', main_reason: ['other'] })));
    assert.equal(without.kind, 'reject');
  });

  it('codes grid rows, -9 for a shown row left blank and -1 for a row not shown', () => {
    const row = coded('parent-ehc', { consent: 'yes', ehc_plan_status: 'yes', child_impact: { health: 'better', learning: 'dont_know' } });
    const scale = example('parent-ehc').items.find((i) => i.id === 'child_impact');
    assert.ok(scale?.kind === 'grid');
    assert.equal(row.get('child_impact_health'), scale.scale.find((o) => o.value === 'better')?.code);
    assert.equal(row.get('child_impact_learning'), 98);
    assert.equal(row.get('child_impact_emotional'), -9);
    const adult = coded('adult-social-care', { consent: 'yes', pb_aware: 'no' });
    assert.equal(adult.get('process_ease_arrange_pb'), -1);
    assert.equal(typeof adult.get('process_ease_get_info'), 'number');
    assert.ok((adult.get('process_ease_get_info') as number) > 0);
  });

  it('codes -2 after an end rule and -1 for everything after a consent refusal', () => {
    const ended = coded('parent-ehc', { consent: 'yes', ehc_plan_status: 'no' });
    assert.equal(ended.get('ehc_plan_status'), 3);
    assert.equal(ended.get('la_name') !== '-1' && ended.get('la_name') !== '-2', true);
    for (const name of ['plan_date', 'has_pb', 'what_worked', 'gender']) assert.equal(String(ended.get(name)), '-2', name);
    for (const c of [1, 2, 3, 4, 5, 6, 97]) assert.equal(ended.get(`ehc_help_${c}`), -2);
    const refused = coded('parent-ehc', { consent: 'no' }, false);
    const values = [...refused.entries()];
    assert.deepEqual(values[0], ['consent', 2]);
    for (const [name, value] of values.slice(1)) assert.equal(String(value), '-1', name);
  });

  it('carries text and date reasons as text and numbers as numbers', () => {
    const row = coded('parent-ehc', { consent: 'yes', ehc_plan_status: 'yes', plan_date: '2015-03-01', setting_name: null, child_age: 7 });
    assert.equal(row.get('plan_date'), '2015-03-01');
    assert.equal(row.get('setting_name'), '-9');
    assert.equal(row.get('child_age'), 7);
    const no = coded('parent-ehc', { consent: 'yes', ehc_plan_status: 'in_process' });
    assert.equal(no.get('plan_date'), '-1');
  });

  it('writes RFC 4180 CSV: commas, quotes and non-ASCII quoted as needed; line breaks as spaces', () => {
    const e = exporter('parent-ehc');
    const answers = answerPath(example('parent-ehc'), { consent: 'yes', la_name: 'Brent, "North"\r\nZoë 😀', what_worked: 'a\nb\tc' });
    const outcome = e.response(7, envelope('parent-ehc', answers, 'id,1'));
    assert.equal(outcome.kind, 'row');
    assert.ok(outcome.record.startsWith('"id,1",1.0.0,2016-06-30,1,"Brent, ""North"" Zoë 😀",'));
    assert.ok(outcome.record.endsWith('\r\n'));
    assert.ok(outcome.record.includes(',a b c,'), outcome.record);
    assert.equal(outcome.record.split('\r\n').length, 2);
    assert.equal(csvRecord(['x', 1.5, -9, '']), 'x,1.5,-9,\r\n');
  });
});

describe('rejects', () => {
  const cases: [string, unknown, RegExp][] = [
    ['not an envelope', { consent: 'yes' }, /not a response envelope/],
    ['another survey', { ...envelope('parent-ehc', { consent: 'no' }), survey: 'carer' }, /for survey "carer", not "parent_ehc"/],
    ['another version', { ...envelope('parent-ehc', { consent: 'no' }), version: '2.0.0' }, /version "2\.0\.0".*export each version/],
    ['no id', { ...envelope('parent-ehc', { consent: 'no' }), id: '' }, /'id' is missing/],
    ['bad submitted', { ...envelope('parent-ehc', { consent: 'no' }), submitted: 'May' }, /'submitted' must be a date/],
    ['impossible submitted', { ...envelope('parent-ehc', { consent: 'no' }), submitted: '2015-02-29T10:00:00Z' }, /not a date of the calendar: "2015-02-29T10:00:00Z"/],
    ['month 13 submitted', { ...envelope('parent-ehc', { consent: 'no' }), submitted: '2016-13-01' }, /not a date of the calendar/],
    ['invalid answers', envelope('parent-ehc', { consent: 'yes', child_age: -4 }), /child_age|required|at least/],
  ];
  for (const [what, value, message] of cases) {
    it(`rejects ${what} with its reason and line`, () => {
      const e = exporter('parent-ehc');
      const before = e.rejected;
      const outcome = e.response(12, value);
      assert.equal(outcome.kind, 'reject');
      assert.equal(e.rejected, before + 1);
      const line = JSON.parse(outcome.record) as { line: number; errors: { message: string; question: string | null }[] };
      assert.equal(line.line, 12);
      assert.ok(line.errors.some((err) => message.test(`${err.question ?? ''} ${err.message}`)), outcome.record);
    });
  }
  it('takes a leap day as a submission date', () => {
    const outcome = exporter('parent-ehc').response(4, { ...envelope('parent-ehc', { consent: 'no' }), submitted: '2016-02-29T09:30:00Z' });
    assert.equal(outcome.kind, 'row', outcome.record);
  });
  it('rejects a line that is not JSON', () => {
    const outcome = exporter('carer').unparsable(3, 'not valid JSON: Unexpected token');
    assert.deepEqual(JSON.parse(outcome.record), { line: 3, id: null, errors: [{ question: null, path: '', message: 'not valid JSON: Unexpected token' }] });
  });
});

// The runtime's single-rule mutations of a walk (written once, in its compiled test support).
const mutationsUrl = new URL('../../../runtime/dist/test/support/mutations.js', import.meta.url);
const { mutations } = (await import(mutationsUrl.href)) as {
  mutations(g: fc.GeneratorValue, survey: CompiledSurvey, answers: Readonly<Record<string, unknown>>): { readonly answers: Readonly<Record<string, unknown>> }[];
};

describe('the fast path: a response its route proves valid skips the validator', () => {
  for (const name of EXAMPLE_FILES) {
    it(`${name}: the same records and rejects as validating every response first, and no validator for valid data`, () => {
      const survey = example(name);
      const validator = createResponseValidator(survey);
      let made = 0;
      const fast = new ResponseExporter(buildCodebook(survey), () => {
        made++;
        return validator;
      });
      const coder = createCoder(buildCodebook(survey));
      // The export as it was before the fast path: the validator decides, then the answers are routed and coded.
      const reference = (line: number, value: Envelope): string => {
        const result = validator.validateResponse(value);
        if (!result.valid) return `${JSON.stringify({ line, id: value.id, errors: result.errors })}\n`;
        return `${csvField(value.id)},${csvField(survey.version)},${csvField(value.submitted)}${coder.fields(value.answers, TODAY)}\r\n`;
      };
      const valid = walkResponses(survey, 60, 11);
      valid.forEach((response, i) => assert.equal(fast.response(i + 1, response).record, reference(i + 1, response)));
      assert.equal(made, 0, 'valid responses never needed the validator');

      const broken = fc.sample(
        fc.gen().map((g) => mutations(g, survey, pick(g, valid).answers)),
        { numRuns: 20, seed: 5 },
      ).flat();
      assert.ok(broken.length > 20, `${broken.length} mutations`);
      let rejected = 0;
      broken.forEach((m, i) => {
        const response: Envelope = { ...valid[0]!, id: `m${i}`, answers: { ...m.answers } };
        const outcome = fast.response(i + 1, response);
        assert.equal(outcome.record, reference(i + 1, response));
        if (outcome.kind === 'reject') rejected++;
      });
      assert.equal(rejected, broken.length, 'every mutation breaks a rule, so every one is rejected');
      assert.equal(made, 1, 'the validator was made once, when first needed');
    });
  }
});
