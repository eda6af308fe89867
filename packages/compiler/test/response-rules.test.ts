/**
 * The response rules V1–V12 of shared/poet-reference/README.md ("Responses"), each with valid
 * and invalid cases, on the compiled parent_ehc and adult_social_care examples.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResponseError } from '../src/schema/validator.js';
import { ROUTING_CASES } from './support/routing-cases.js';
import { caseResponse, example, validAnswer, validatorFor } from './support/responses.js';

const parent = example('parent-ehc');
const adult = example('adult-social-care');
const pv = validatorFor(parent);
const av = validatorFor(adult);

const path = (id: string) => ROUTING_CASES.find((c) => c.id === id)!;
/** Full parent path (P03) and full adult path (A03): every question asked. */
const P = caseResponse(parent, path('P03'));
const A = caseResponse(adult, path('A03'));

function ok(v: typeof pv, answers: unknown): void {
  assert.deepEqual(v.validate(answers).errors, []);
}
function bad(v: typeof pv, answers: unknown, expected?: Partial<ResponseError>): readonly ResponseError[] {
  const result = v.validate(answers);
  assert.equal(result.valid, false, `accepted: ${JSON.stringify(answers)}`);
  if (expected !== undefined) {
    assert.ok(
      result.errors.some((e) => Object.entries(expected).every(([k, value]) => (e as unknown as Record<string, unknown>)[k] === value)),
      `no error like ${JSON.stringify(expected)} in ${JSON.stringify(result.errors)}`,
    );
  }
  return result.errors;
}
const without = (answers: Record<string, unknown>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(answers).filter(([k]) => !keys.includes(k)));

describe('V1: a JSON object, compared exactly', () => {
  it('accepts the full paths', () => {
    ok(pv, P);
    ok(av, A);
  });
  it('rejects anything but an object', () => {
    for (const value of [null, [], 'consent', 1, true]) bad(pv, value, { question: null, path: '' });
  });
  it('compares values case-sensitively', () => {
    bad(pv, { consent: 'YES' }, { question: 'consent' });
    bad(av, { ...A, budget_type: 'Direct_payment' }, { question: 'budget_type' });
  });
});

describe('V2: only keys of questions asked (and their _other texts)', () => {
  it('rejects unknown keys, info ids and object-member names', () => {
    for (const key of ['bogus', 'info_process', '__proto__', 'constructor', 'prototype', 'Consent']) {
      const answers = JSON.parse(`{"consent": "no", ${JSON.stringify(key)}: 1}`);
      bad(pv, answers, { question: null, path: `/${key}` });
    }
  });
  it('rejects questions that routing skipped', () => {
    bad(pv, { ...P, pb_offered: 'yes' }, { question: 'pb_offered', message: 'This question was not asked on this path, so it must not be answered' });
    bad(av, { ...without(A, 'pb_aware'), pb_aware: 'no' }, { question: 'budget_type' });
  });
  it('accepts an _other text with other chosen and rejects it without', () => {
    ok(pv, { ...P, respondent_rel: 'other', respondent_rel_other: 'Step-parent' });
    bad(pv, { ...P, respondent_rel_other: 'Step-parent' }, { question: 'respondent_rel', path: '/respondent_rel_other' });
    ok(av, { ...A, plan_help: ['family_friends', 'other'], plan_help_other: 'My church' });
  });
});

describe('V3: required questions asked are present', () => {
  it('rejects a missing required question, grid row or _other text', () => {
    bad(pv, without(P, 'la_name'), { question: 'la_name', path: '/la_name', message: 'Enter an answer' });
    bad(pv, without(P, 'pb_covers'), { question: 'pb_covers', message: 'Select at least one option' });
    bad(pv, { ...P, ehc_ease: { get_info: 'very_easy' } }, { question: 'ehc_ease', path: '/ehc_ease' });
    bad(pv, { ...P, respondent_rel: 'other' }, { question: 'respondent_rel', path: '/respondent_rel_other' });
    bad(av, without(A, 'consent'), { question: 'consent', message: 'Select an option' });
  });
  it('lets optional questions be left out', () => {
    ok(pv, without(P, 'pb_amount', 'setting_name', 'child_impact', 'family_impact', 'plan_date', 'what_worked'));
    ok(av, without(A, 'impact_grid', 'pb_amount', 'what_worked', 'what_not_worked'));
  });
  it('requires only the rows shown of a required grid', () => {
    const a02 = caseResponse(adult, path('A02'));
    ok(av, a02);
    const grid = a02['process_ease'] as Record<string, string>;
    bad(av, { ...a02, process_ease: without(grid, 'complain') }, { question: 'process_ease', path: '/process_ease' });
    bad(av, { ...A, process_ease: without(A['process_ease'] as Record<string, unknown>, 'arrange_pb') }, { question: 'process_ease' });
  });
});

describe('V4: null is never an answer', () => {
  it('rejects null for required and optional questions, rows and _other', () => {
    bad(pv, { ...P, la_name: null }, { question: 'la_name' });
    bad(pv, { ...P, pb_amount: null }, { question: 'pb_amount', message: 'An answer cannot be null: leave the question out instead' });
    bad(pv, { ...P, child_impact: { health: null } }, { question: 'child_impact', path: '/child_impact/health' });
    bad(pv, { ...P, respondent_rel: 'other', respondent_rel_other: null }, { question: 'respondent_rel' });
  });
});

describe('V5: single and consent take an option value', () => {
  it('accepts values, rejects labels, codes and member names', () => {
    ok(pv, { ...P, has_pb: 'yes' });
    for (const value of ['Yes', 1, 'toString', '__proto__', ['yes'], true]) bad(pv, { ...P, has_pb: value }, { question: 'has_pb', path: '/has_pb' });
    bad(pv, { consent: 'maybe' }, { question: 'consent' });
  });
  it('a piped answer must be among the options ticked', () => {
    ok(pv, { ...P, most_impact: 'learning_disability' });
    bad(pv, { ...P, most_impact: 'sensory' }, { question: 'most_impact', message: 'Select one of the options ticked in main_reason' });
    bad(pv, { ...P, most_impact: 'dont_know' }, { question: 'most_impact' });
    ok(av, { ...A, support_main: 'physical' });
    bad(av, { ...A, support_main: 'autism' }, { question: 'support_main' });
  });
});

describe('V6: multi is a non-empty array of distinct option values', () => {
  it('accepts any order, rejects empty, duplicates, unknown values and strings', () => {
    ok(pv, { ...P, main_reason: ['communication', 'learning_disability'] });
    bad(pv, { ...P, pb_covers: [] }, { question: 'pb_covers', message: 'Select at least one option' });
    bad(pv, { ...P, pb_covers: ['health', 'health'] }, { question: 'pb_covers', message: 'Tick each option only once' });
    bad(pv, { ...P, pb_covers: ['health', 'dentist'] }, { question: 'pb_covers', path: '/pb_covers/1' });
    bad(pv, { ...P, pb_covers: 'health' }, { question: 'pb_covers' });
  });
  it('an exclusive option only on its own', () => {
    ok(pv, { ...P, ehc_help: ['nobody'] });
    bad(pv, { ...P, ehc_help: ['nobody', 'school_staff'] }, { question: 'ehc_help', message: "You ticked 'Nobody helped me', so untick the other options" });
    bad(pv, { ...P, pb_covers: ['education', 'dont_know'] }, { question: 'pb_covers', message: "You ticked 'Don't know', so untick the other options" });
    ok(av, { ...A, plan_help: ['dont_know'] });
    bad(av, { ...A, plan_help: ['dont_know', 'nobody'] }, { question: 'plan_help' });
  });
});

describe('V7: grid is a non-empty object of shown rows and scale values', () => {
  it('accepts a subset of rows for an optional grid', () => {
    ok(pv, { ...P, child_impact: { health: 'better' } });
  });
  it('rejects empty grids, unknown rows, hidden rows and values off the scale', () => {
    bad(pv, { ...P, child_impact: {} }, { question: 'child_impact', message: 'Answer at least one row' });
    bad(pv, { ...P, child_impact: { health: 'better', wealth: 'better' } }, { question: 'child_impact' });
    bad(pv, { ...P, child_impact: { health: 'very_easy' } }, { question: 'child_impact', path: '/child_impact/health' });
    bad(pv, { ...P, child_impact: ['better'] }, { question: 'child_impact' });
    const a02 = caseResponse(adult, path('A02'));
    bad(av, { ...a02, process_ease: { ...(a02['process_ease'] as object), arrange_pb: 'very_easy' } }, {
      question: 'process_ease',
      path: '/process_ease/arrange_pb',
      message: 'This row was not shown on this path, so it must not be answered',
    });
  });
});

describe('V8: number is a JSON number in range, whole where stated', () => {
  it('accepts the limits and 2.0', () => {
    for (const n of [0, 25, 2.0]) ok(pv, { ...P, child_age: n });
    ok(pv, { ...P, pb_amount: 500000 });
  });
  it('rejects strings, booleans, fractions and numbers out of range', () => {
    for (const n of ['9', true, 9.5, -1, 26]) bad(pv, { ...P, child_age: n }, { question: 'child_age', message: 'Enter a whole number from 0 to 25' });
    bad(av, { ...A, pb_amount: 500001 }, { question: 'pb_amount', message: 'Enter a whole number from 0 to 500,000' });
  });
});

describe('V9: text has a non-space character and at most the maximum in code points', () => {
  it('counts code points, not UTF-16 units', () => {
    ok(pv, { ...P, la_name: '😀'.repeat(100) });
    ok(pv, { ...P, la_name: 'é'.repeat(100) });
    bad(pv, { ...P, la_name: 'a'.repeat(101) }, { question: 'la_name', message: 'Answer must be 100 characters or fewer' });
    ok(pv, { ...P, what_worked: '😀'.repeat(5000) });
    bad(pv, { ...P, what_worked: 'x'.repeat(5001) }, { question: 'what_worked' });
    ok(pv, { ...P, respondent_rel: 'other', respondent_rel_other: '😀'.repeat(200) });
    bad(pv, { ...P, respondent_rel: 'other', respondent_rel_other: 'x'.repeat(201) }, { path: '/respondent_rel_other' });
  });
  it('rejects blank text and keeps spaces as given', () => {
    for (const s of ['', ' ', '\t\n ']) bad(pv, { ...P, la_name: s }, { question: 'la_name' });
    ok(pv, { ...P, la_name: '  Leeds  ' });
  });
});

describe('V10: date is a real calendar date in range', () => {
  it('accepts real dates within the range, including today (the submission date)', () => {
    for (const d of ['2011-09-01', '2012-02-29', '2016-06-30']) ok(pv, { ...P, plan_date: d });
    assert.equal(pv.validate({ ...P, plan_date: '2016-07-01' }, { today: '2016-07-01' }).valid, true);
  });
  it('rejects impossible dates, other shapes and dates out of range', () => {
    for (const d of ['2015-02-29', '2015-13-01', '2015-04-31', '2015-4-1', '01/04/2015', '2015-04-01T00:00:00Z', 20150401]) {
      bad(pv, { ...P, plan_date: d }, { question: 'plan_date' });
    }
    bad(pv, { ...P, plan_date: '2011-08-31' }, { question: 'plan_date', message: 'Date must be on or after 1 September 2011' });
    bad(pv, { ...P, plan_date: '2016-07-01' }, { question: 'plan_date', message: 'Date must be today or in the past' });
    bad(pv, { ...P, plan_date: '2099-01-01' }, { question: 'plan_date' });
  });
});

describe('V11: nothing after an end rule; only consent after consent = no', () => {
  it('accepts answers given before the end', () => {
    ok(pv, { consent: 'no' });
    ok(av, { consent: 'no' });
    ok(pv, caseResponse(parent, path('P02')));
  });
  it('rejects anything after consent = no, and later questions after a screen-out', () => {
    bad(pv, { consent: 'no', la_name: 'Leeds' }, { question: 'la_name' });
    bad(av, { consent: 'no', what_worked: 'Everything' }, { question: 'what_worked' });
    const p10 = caseResponse(parent, path('P10'));
    bad(pv, { ...p10, has_pb: 'yes' }, { question: 'has_pb' });
    bad(pv, { ...p10, gender: 'female' }, { question: 'gender' });
  });
});

describe('V12: every check holds', () => {
  const staff = example('practitioner-ehc');
  const sv = validatorFor(staff);
  it('applies n_children_current <= n_children_total only when both are answered', () => {
    const check = staff.checks[0]!;
    assert.ok(check !== undefined);
    const sample = validBase(staff);
    const valid = (extra: Record<string, unknown>) => sv.validate({ ...sample, ...extra });
    assert.deepEqual(valid({ n_children_total: 10, n_children_current: 10 }).errors, []);
    const errors = valid({ n_children_total: 10, n_children_current: 11 }).errors;
    assert.deepEqual(errors, [{ question: check.question, path: `/${check.question}`, message: check.message }]);
  });
  it('is not evaluated when a question it names is left out', () => {
    const sample = validBase(staff);
    const optional = staff.items.find((i) => i.id === 'n_children_current');
    assert.ok(optional !== undefined);
    if ((optional as { required: boolean }).required) return;
    assert.deepEqual(sv.validate(without(sample, 'n_children_current')).errors, []);
  });
});

/** A valid full response of the practitioner survey, from its own questions. */
function validBase(survey: typeof parent): Record<string, unknown> {
  const v = validatorFor(survey);
  // Start from every question answered, then drop the ones routing rejects.
  const answers: Record<string, unknown> = {};
  for (const item of survey.items) {
    if (item.kind === 'info') continue;
    answers[item.id] = validAnswer(item);
  }
  answers['n_children_total'] = 10;
  answers['n_children_current'] = 5;
  for (let round = 0; round < 5; round++) {
    const errors = v.validate(answers).errors;
    for (const e of errors) if (e.message.includes('not asked')) delete answers[e.question!];
  }
  assert.deepEqual(v.validate(answers).errors, []);
  return answers;
}

describe('validateResponse: the envelope\'s submitted date is the date for today', () => {
  const envelope = (submitted: unknown) => ({ survey: parent.id, version: parent.version, id: 'r1', submitted, answers: { consent: 'no' } });
  it('accepts a day of the calendar, alone or with a time (leap days included)', () => {
    for (const submitted of ['2016-06-30', '2016-02-29', '2000-02-29', '2016-06-30T10:00:00Z']) {
      assert.deepEqual(pv.validateResponse(envelope(submitted)).errors, [], submitted);
    }
  });
  it('rejects another shape, and a day that does not exist, naming it', () => {
    for (const submitted of ['yesterday', '2016-6-30', 20160630, null]) {
      assert.deepEqual(pv.validateResponse(envelope(submitted)).errors, [
        { question: null, path: '/submitted', message: "'submitted' must be a date in the form YYYY-MM-DD (or a date and time)" },
      ]);
    }
    for (const submitted of ['2016-02-30', '2015-02-29', '1900-02-29', '2016-13-01', '2016-00-10', '2016-04-31T09:00:00Z']) {
      assert.deepEqual(pv.validateResponse(envelope(submitted)).errors, [
        { question: null, path: '/submitted', message: `'submitted' is not a date of the calendar: ${JSON.stringify(submitted)}` },
      ]);
    }
  });
  it('uses the date part as today for limits that are today', () => {
    const answers = { ...P, plan_date: '2016-07-01' };
    assert.equal(pv.validateResponse({ submitted: '2016-07-01T23:59:00Z', answers }).valid, true);
    assert.equal(pv.validateResponse({ submitted: '2016-06-30', answers }).valid, false);
  });
});
