/** Routing on the examples: not-asked answers, navigation, piped options, progress and purge. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstPage, nextPage, pipedOptions, previousPage, progress, purge, route } from '../src/index.js';
import { answerPath, example } from './support/examples.js';

const parent = example('parent-ehc');
const adult = example('adult-social-care');

const P03 = { consent: 'yes', main_reason: ['learning_disability', 'communication'], most_impact: 'communication', ehc_plan_status: 'yes', has_pb: 'yes', pb_amount_known: 'yes' };

describe('route', () => {
  it('ignores answers to questions that are not asked on the path', () => {
    // has_pb = yes would open the budget section, but has_pb is not asked after ehc_plan_status = no.
    const r = route(parent, { consent: 'yes', ehc_plan_status: 'no', has_pb: 'yes', pb_amount_known: 'yes' });
    assert.deepEqual(r.asked.map((a) => a.id), ['consent', 'la_name', 'child_age', 'setting_name', 'main_reason', 'ehc_plan_status']);
    assert.equal(r.ended?.after, 'ehc_plan_status');
    assert.equal(r.effective['has_pb'], undefined);
  });

  it('treats an invalid answer as unanswered', () => {
    const r = route(parent, { consent: 'yes', main_reason: ['sensory', 'nonsense'] });
    assert.ok(!r.asked.some((a) => a.id === 'most_impact'));
    assert.deepEqual(route(parent, { consent: 'YES' }).asked.map((a) => a.id), ['consent']);
  });

  it('with no answers asks only the consent gate', () => {
    const r = route(parent, {});
    assert.deepEqual(r.asked.map((a) => a.id), ['consent']);
    assert.deepEqual(r.pages, ['consent']);
    assert.equal(r.ended, undefined);
  });

  it('lists info items and the pages shown', () => {
    const r = route(parent, answerPath(parent, P03));
    assert.deepEqual(r.info, ['info_process', 'info_impact']);
    assert.deepEqual(r.pages, parent.pages.map((p) => p.id));
    const r4 = route(parent, answerPath(parent, { consent: 'yes', main_reason: ['semh'], ehc_plan_status: 'in_process', has_pb: 'no' }));
    assert.ok(!r4.pages.includes('sec_pb') && !r4.pages.includes('sec_impact'));
    assert.deepEqual(r4.asked.find((a) => a.id === 'has_pb')?.page, 'sec_budget');
  });
});

describe('navigation', () => {
  const answers = answerPath(parent, { consent: 'yes', main_reason: ['semh'], ehc_plan_status: 'in_process', has_pb: 'no' });

  it('firstPage is the consent page', () => {
    assert.equal(firstPage(parent), 'consent');
  });

  it('nextPage and previousPage skip pages with nothing asked', () => {
    assert.equal(nextPage(parent, answers, 'consent'), 'sec_child');
    assert.equal(nextPage(parent, answers, 'sec_budget'), 'sec_process');
    assert.equal(nextPage(parent, answers, 'sec_process'), 'sec_about');
    assert.equal(previousPage(parent, answers, 'sec_about'), 'sec_process');
    assert.equal(previousPage(parent, answers, 'sec_process'), 'sec_budget');
    assert.equal(previousPage(parent, answers, 'consent'), undefined);
  });

  it('nextPage is undefined at the end, and when the survey has ended', () => {
    assert.equal(nextPage(parent, answers, 'sec_comments'), undefined);
    const out = { consent: 'yes', la_name: 'X', child_age: 9, ehc_plan_status: 'no' };
    assert.equal(nextPage(parent, out, 'sec_budget'), undefined);
    assert.equal(route(parent, out).ended?.keepAnswers, true);
    assert.equal(nextPage(parent, { consent: 'no' }, 'consent'), undefined);
    assert.equal(route(parent, { consent: 'no' }).ended?.keepAnswers, false);
  });

  it('nextPage works from a page that is no longer shown', () => {
    assert.equal(nextPage(parent, answers, 'sec_pb'), 'sec_process');
    assert.throws(() => nextPage(parent, answers, 'no_such_page'));
  });
});

describe('pipedOptions', () => {
  it('offers the ticked options in source order, other labelled with its text', () => {
    const answers = { consent: 'yes', main_reason: ['other', 'sensory', 'learning_disability'], main_reason_other: 'Epilepsy' };
    const offered = pipedOptions(parent, answers, 'most_impact');
    assert.deepEqual(offered.map((o) => o.value), ['learning_disability', 'sensory', 'other']);
    assert.equal(offered[2]!.label, 'Epilepsy');
    assert.equal(offered[2]!.code, 96);
  });

  it('offers nothing when the source is not answered on the path', () => {
    assert.deepEqual(pipedOptions(parent, { consent: 'no', main_reason: ['sensory', 'physical'] }, 'most_impact'), []);
  });

  it('gives all options of a question that is not piped', () => {
    const ehc = parent.items.find((i) => i.id === 'ehc_plan_status')!;
    assert.equal(pipedOptions(parent, {}, 'ehc_plan_status'), (ehc as { options: unknown }).options);
    assert.throws(() => pipedOptions(parent, {}, 'la_name'));
  });
});

describe('progress', () => {
  it('counts required questions asked on the path and those answered', () => {
    assert.deepEqual(progress(parent, {}), { answered: 0, expected: 1 });
    assert.deepEqual(progress(parent, { consent: 'no' }), { answered: 1, expected: 1 });
    const full = answerPath(parent, P03);
    const p = progress(parent, full);
    const required = route(parent, full).asked.filter((a) => a.question.required).length;
    assert.deepEqual(p, { answered: required, expected: required });
    const { la_name: _, ...withoutName } = full;
    assert.deepEqual(progress(parent, withoutName), { answered: required - 1, expected: required });
  });

  it('a required grid counts as answered only when every shown row is', () => {
    const full = answerPath(parent, P03);
    const ease = { ...(full['ehc_ease'] as Record<string, unknown>) };
    delete ease[Object.keys(ease)[0]!];
    const p = progress(parent, { ...full, ehc_ease: ease });
    assert.equal(p.answered, p.expected - 1);
  });
});

describe('purge', () => {
  it('keeps everything on a consistent path', () => {
    const full = answerPath(parent, P03);
    assert.deepEqual(purge(parent, full), { answers: full, purged: [] });
  });

  it('changing has_pb from yes to no purges the budget section answers', () => {
    const full = answerPath(parent, P03);
    const { answers, purged } = purge(parent, { ...full, has_pb: 'no' });
    const gone = ['pb_managed', 'pb_covers', 'pb_amount_known', 'pb_amount', 'pb_duration', 'pb_difference'];
    assert.deepEqual(purged.map((p) => p.key), gone);
    for (const p of purged) assert.deepEqual(p.value, full[p.key]);
    for (const key of gone) assert.ok(!(key in answers));
    assert.equal(answers['has_pb'], 'no');
    // pb_offered is now asked but not answered: nothing to purge, and the form asks it.
    assert.ok(route(parent, answers).asked.some((a) => a.id === 'pb_offered'));
  });

  it('consent = no purges everything but consent', () => {
    const full = answerPath(parent, P03);
    const { answers, purged } = purge(parent, { ...full, consent: 'no', stray: 1 });
    assert.deepEqual(answers, { consent: 'no' });
    assert.equal(purged.length, Object.keys(full).length);
  });

  it('a piped answer no longer ticked in the source is purged, and an other text no longer chosen', () => {
    const given = { consent: 'yes', main_reason: ['sensory', 'physical', 'other'], main_reason_other: 'Epilepsy', most_impact: 'physical' };
    const full = answerPath(parent, given);
    const { answers, purged } = purge(parent, { ...full, main_reason: ['sensory', 'communication'] });
    assert.deepEqual(purged, [
      { key: 'main_reason_other', value: 'Epilepsy' },
      { key: 'most_impact', value: 'physical' },
    ]);
    assert.deepEqual(answers['main_reason'], ['sensory', 'communication']);
    // Down to one reason: the follow-up is not asked at all.
    const one = purge(parent, { ...full, main_reason: ['physical'] });
    assert.deepEqual(one.purged.map((p) => p.key), ['main_reason_other', 'most_impact']);
  });

  it('hidden grid rows are purged', () => {
    const full = answerPath(adult, { consent: 'yes', support_reason: ['physical'], support_type: ['pa'], pb_aware: 'yes', budget_type: 'managed', pb_amount_known: 'no', completed_by: 'self' });
    assert.ok('arrange_pb' in (full['process_ease'] as object));
    const { answers, purged } = purge(adult, { ...full, pb_aware: 'no' });
    const rows = purged.filter((p) => p.key === 'process_ease');
    assert.deepEqual(rows.map((p) => p.row), ['arrange_pb', 'control_spend']);
    assert.deepEqual(Object.keys(answers['process_ease'] as object), ['get_info', 'assessment', 'plan_support', 'choose_support', 'change_support', 'complain']);
    assert.ok(purged.some((p) => p.key === 'budget_type'));
    assert.deepEqual(purge(adult, answers).purged, [], 'purge is idempotent');
  });

  it('after the screen-out end rule the answers given so far are kept, later ones purged', () => {
    const full = answerPath(parent, P03);
    const { answers, purged } = purge(parent, { ...full, ehc_plan_status: 'no' });
    assert.equal(answers['la_name'], full['la_name']);
    assert.equal(answers['most_impact'], 'communication');
    assert.ok(purged.some((p) => p.key === 'what_worked'));
    assert.ok(!('has_pb' in answers));
  });
});
