/**
 * <poet-survey> behaviour on the parent_ehc example (it has every item kind): the start and
 * consent pages, each question kind, live routing, piping, exclusive options, the "please
 * describe" reveal, errors from the precompiled validator, end pages, the purge notice, check
 * your answers with Change links, and the confirmation page.
 */
import { expect } from '@open-wc/testing';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import type { PoetSurvey, ResponseEnvelope } from '../src/index.js';
import {
  $,
  $$,
  back,
  checkedValues,
  deepActive,
  fill,
  headingText,
  loadSurvey,
  mount,
  next,
  optionValues,
  pageOf,
  pick,
  press,
  root,
  start,
  text,
  unmountAll,
  until,
  walk,
} from './support.js';

afterEach(unmountAll);

let survey: CompiledSurvey;
before(async () => {
  survey = await loadSurvey('parent_ehc');
});

/** Consent yes and the first page answered, so the element is on sec_budget. */
const FIRST_PAGES: Record<string, unknown> = {
  consent: 'yes',
  la_name: 'Lancashire',
  child_age: 9,
  main_reason: ['learning_disability', 'communication'],
  most_impact: 'communication',
};

async function onPage(page: string, answers: Record<string, unknown> = FIRST_PAGES): Promise<PoetSurvey> {
  const el = await mount('parent_ehc');
  await walk(el, survey, answers, (p) => p === page);
  expect(pageOf(el)).to.equal(page);
  return el;
}

describe('start, consent and end pages', () => {
  it('shows the title, intro and privacy text, then the consent page titled from the survey', async () => {
    const el = await mount('parent_ehc');
    const changes: unknown[] = [];
    el.addEventListener('poet-page-change', (e) => changes.push(e.detail));
    expect(headingText(el)).to.equal(survey.title);
    expect(text(el)).to.contain('There are no right or wrong answers');
    expect(text(el)).to.contain('How your answers are used');
    await start(el);
    expect(pageOf(el)).to.equal('consent');
    expect(headingText(el)).to.equal('Agreement');
    expect(deepActive()).to.equal($(el, 'h1'), 'focus moves to the page heading');
    const fieldset = $(el, 'fieldset')!;
    expect(fieldset.querySelector('legend')!.textContent).to.contain('I am happy to answer the questions');
    expect(optionValues(el, 'consent')).to.deep.equal(['yes', 'no']);
    expect(changes).to.deep.equal([{ view: 'page', page: 'consent' }]);
  });

  it('consent no ends the survey with the end rule message, and Finish sends only the consent', async () => {
    const el = await mount('parent_ehc');
    let envelope: ResponseEnvelope | undefined;
    el.addEventListener('poet-submit', (e) => (envelope = e.detail));
    await start(el);
    await pick(el, 'consent', 'no');
    await next(el);
    expect(el.currentView.kind).to.equal('end');
    expect(text(el)).to.contain('You have chosen not to take part');
    await press(el, /^Finish$/);
    expect(el.currentView.kind).to.equal('done');
    expect(envelope!.answers).to.deep.equal({ consent: 'no' });
    expect(envelope!.survey).to.equal('parent_ehc');
    expect(envelope!.version).to.equal(survey.version);
    expect(envelope!.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(envelope!.submitted).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  });

  it('the screen-out rule ends the survey with its message after the question, keeping the answers', async () => {
    const el = await onPage('sec_budget');
    await pick(el, 'ehc_plan_status', 'no');
    expect($(el, '#f-has_pb'), 'later questions on the page disappear live').to.equal(null);
    await next(el);
    expect(el.currentView.kind).to.equal('end');
    expect(text(el)).to.contain('This survey is for families whose child has an education health and care plan');
    let envelope: ResponseEnvelope | undefined;
    el.addEventListener('poet-submit', (e) => (envelope = e.detail));
    await press(el, /^Send your answers$/);
    expect(envelope!.answers).to.deep.equal({ ...FIRST_PAGES, ehc_plan_status: 'no' });
  });

  it('routing is live: a question appears and goes as the answer it depends on changes', async () => {
    const el = await onPage('sec_budget');
    await pick(el, 'ehc_plan_status', 'yes');
    expect($(el, '#f-plan_date'), 'plan_date is asked when there is a plan').to.not.equal(null);
    expect($(el, '#f-pb_offered')).to.equal(null);
    await pick(el, 'has_pb', 'no');
    expect($(el, '#f-pb_offered'), 'pb_offered is asked when there is no personal budget').to.not.equal(null);
    await pick(el, 'ehc_plan_status', 'in_process');
    expect($(el, '#f-plan_date')).to.equal(null);
    await pick(el, 'has_pb', 'yes');
    expect($(el, '#f-pb_offered')).to.equal(null);
    await next(el);
    expect(pageOf(el), 'the personal budget page follows only when there is one').to.equal('sec_pb');
  });

  it('Back from the end page returns to the question that ended it', async () => {
    const el = await onPage('sec_budget');
    await pick(el, 'ehc_plan_status', 'no');
    await next(el);
    await back(el);
    expect(pageOf(el)).to.equal('sec_budget');
    expect(checkedValues(el, 'ehc_plan_status')).to.deep.equal(['no']);
  });
});

describe('question kinds', () => {
  it('text: a label tied to the field, and a character count that counts code points', async () => {
    const el = await onPage('sec_child', { consent: 'yes' });
    const label = $(el, 'label[for="f-la_name"]')!;
    expect(label.textContent).to.contain('Name of the local authority');
    await fill(el, 'f-la_name', 'Café 😀');
    expect($(el, '#n-la_name')!.textContent).to.contain('You have 94 characters remaining');
    expect($(el, '#f-la_name')!.getAttribute('aria-describedby')).to.contain('n-la_name');
    // Screen readers hear the count once typing pauses (a polite live region), not per key.
    const live = $(el, '[aria-live="polite"]')!;
    await until(() => live.textContent!.includes('You have 94 characters remaining'), 'the count to be announced');
    await fill(el, 'f-la_name', 'x'.repeat(103));
    expect($(el, '#n-la_name')!.textContent).to.contain('You have 3 characters too many');
    await next(el);
    expect($(el, '#e-la_name')!.textContent).to.contain('Error:');
  });

  it('number: a hint tied with aria-describedby; text that is not a number, or out of range, gets the validator message', async () => {
    const el = await onPage('sec_child', { consent: 'yes' });
    const field = $(el, '#f-child_age')!;
    expect(field.getAttribute('aria-describedby')).to.contain('h-child_age');
    expect($(el, '#h-child_age')!.textContent).to.contain('Age in years');
    await fill(el, 'f-la_name', 'Lancashire');
    await fill(el, 'f-child_age', 'nine');
    await next(el);
    expect(pageOf(el)).to.equal('sec_child');
    const error = $(el, '#e-child_age')!;
    expect(error.textContent).to.match(/number/i);
    expect($(el, '#f-child_age')!.getAttribute('aria-describedby')).to.contain('e-child_age');
    await fill(el, 'f-child_age', '30');
    await next(el);
    expect($(el, '#e-child_age')!.textContent).to.match(/25/);
    await fill(el, 'f-child_age', '9');
    await next(el);
    expect(pageOf(el)).to.equal('sec_budget');
    expect(el.currentAnswers['child_age']).to.equal(9);
  });

  it('multi: the exclusive option is set apart by "or"; ticking it clears the others, and the reverse', async () => {
    const el = await onPage('sec_child', { consent: 'yes' });
    const group = $(el, '#f-main_reason')!.closest('fieldset')!;
    const divider = group.querySelector('.divider')!;
    expect(divider.textContent!.trim()).to.equal('or');
    const after = [...group.querySelectorAll('input')].filter((i) => divider.compareDocumentPosition(i) & Node.DOCUMENT_POSITION_FOLLOWING);
    expect(after.map((i) => i.value)).to.deep.equal(['dont_know']);
    await pick(el, 'main_reason', 'sensory');
    await pick(el, 'main_reason', 'physical');
    expect(checkedValues(el, 'main_reason')).to.deep.equal(['sensory', 'physical']);
    await pick(el, 'main_reason', 'dont_know');
    expect(checkedValues(el, 'main_reason')).to.deep.equal(['dont_know']);
    expect(el.currentAnswers['main_reason']).to.deep.equal(['dont_know']);
    await pick(el, 'main_reason', 'communication');
    expect(checkedValues(el, 'main_reason')).to.deep.equal(['communication']);
  });

  it('"Other – please describe" reveals its text field under the option, and hides it again', async () => {
    const el = await onPage('sec_child', { consent: 'yes' });
    expect($(el, '#f-main_reason_other')).to.equal(null);
    await pick(el, 'main_reason', 'other');
    const field = $(el, '#f-main_reason_other')!;
    expect(field).to.not.equal(null);
    const otherBox = $$<HTMLInputElement>(el, 'input[name="main_reason"]').find((i) => i.value === 'other')!;
    expect(otherBox.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(otherBox.getAttribute('aria-controls')).to.equal('c-main_reason_other');
    expect($(el, 'label[for="f-main_reason_other"]')!.textContent).to.contain('Please describe');
    await fill(el, 'f-main_reason_other', 'Epilepsy');
    expect(el.currentAnswers['main_reason_other']).to.equal('Epilepsy');
    await pick(el, 'main_reason', 'other');
    expect($(el, '#f-main_reason_other')).to.equal(null);
  });

  it('piped follow-up: offers only the options ticked, live, with the Other text as its label', async () => {
    const el = await onPage('sec_child', { consent: 'yes' });
    expect($$(el, 'input[name="most_impact"]')).to.have.length(0);
    await pick(el, 'main_reason', 'sensory');
    expect($$(el, 'input[name="most_impact"]'), 'asked only when two or more are ticked').to.have.length(0);
    await pick(el, 'main_reason', 'physical');
    expect(optionValues(el, 'most_impact')).to.deep.equal(['sensory', 'physical']);
    await pick(el, 'main_reason', 'physical');
    await pick(el, 'main_reason', 'learning_disability');
    await pick(el, 'main_reason', 'other');
    await fill(el, 'f-main_reason_other', 'Epilepsy');
    expect(optionValues(el, 'most_impact')).to.deep.equal(['learning_disability', 'sensory', 'other']);
    const otherRadio = $$<HTMLInputElement>(el, 'input[name="most_impact"]').find((i) => i.value === 'other')!;
    expect($(el, `label[for="${otherRadio.id}"]`)!.textContent!.trim()).to.equal('Epilepsy');
    await pick(el, 'main_reason', 'sensory');
    expect(optionValues(el, 'most_impact')).to.deep.equal(['learning_disability', 'other']);
  });

  it('date: day, month and year fields in a fieldset, making a YYYY-MM-DD answer; an impossible date is an error', async () => {
    const el = await onPage('sec_budget');
    await pick(el, 'ehc_plan_status', 'yes');
    const group = $(el, '#f-plan_date')!.closest('fieldset')!;
    expect(group.querySelector('legend')!.textContent).to.match(/\S/);
    expect([...group.querySelectorAll('label')].map((l) => l.textContent!.trim())).to.deep.equal(['Day', 'Month', 'Year']);
    await fill(el, 'f-plan_date', '31');
    await fill(el, 'f-plan_date-month', '2');
    await fill(el, 'f-plan_date-year', '2015');
    expect(el.currentAnswers['plan_date']).to.equal('2015-02-31');
    await pick(el, 'has_pb', 'no');
    await next(el);
    expect(pageOf(el)).to.equal('sec_budget');
    expect($(el, '#e-plan_date')).to.not.equal(null);
    await fill(el, 'f-plan_date', '5');
    expect(el.currentAnswers['plan_date']).to.equal('2015-02-05');
    expect(($(el, '#f-plan_date') as HTMLInputElement).value).to.equal('5');
  });

  it('grid: one fieldset with a legend per row, radios on the shared scale, answers as {row: value}', async () => {
    const answers = { ...FIRST_PAGES, ehc_plan_status: 'in_process', has_pb: 'dont_know' };
    const el = await onPage('sec_process', answers);
    const grid = survey.items.find((i) => i.id === 'ehc_ease')!;
    if (grid.kind !== 'grid') throw new Error('ehc_ease is a grid');
    const rows = $$(el, 'fieldset.grid-row');
    expect(rows.map((f) => f.querySelector('legend')!.textContent!.trim())).to.deep.equal(grid.rows.map((r) => r.label));
    expect(optionValues(el, `ehc_ease/${grid.rows[0]!.id}`)).to.deep.equal(grid.scale.map((o) => o.value));
    await pick(el, `ehc_ease/${grid.rows[1]!.id}`, grid.scale[2]!.value);
    expect(el.currentAnswers['ehc_ease']).to.deep.equal({ [grid.rows[1]!.id]: grid.scale[2]!.value });
    expect(text(el)).to.match(/\S/);
    expect($$(el, '.info').length, 'the info item is shown').to.equal(1);
  });

  it('long text: a textarea with its count', async () => {
    const answers = { ...FIRST_PAGES, ehc_plan_status: 'in_process', has_pb: 'dont_know' };
    const el = await mount('parent_ehc');
    await walk(el, survey, { ...answers, views_taken: 'yes_fully', child_views_taken: 'yes_fully', ehc_help: ['la_caseworker'], needs_confident: 'very', child_gender: 'male', respondent_rel: 'mother', age_band: 'age_18_24', gender: 'male', ehc_ease: { get_info: 'very_easy', assessment: 'very_easy', agree_outcomes: 'very_easy', choose_support: 'very_easy', understand_pb: 'very_easy' } }, (p) => p === 'sec_comments');
    expect(pageOf(el)).to.equal('sec_comments');
    expect($(el, 'textarea#f-what_worked')).to.not.equal(null);
    await fill(el, 'f-what_worked', 'Good');
    expect($(el, '#n-what_worked')!.textContent).to.contain(`You have ${5000 - 4} characters remaining`);
  });
});

describe('errors', () => {
  it('an error summary at the top, focused, whose links move focus to the field; messages beside each field', async () => {
    const el = await onPage('sec_child', { consent: 'yes' });
    await next(el);
    const summary = $(el, '.error-summary')!;
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(deepActive()).to.equal(summary);
    const links = [...summary.querySelectorAll('a')];
    expect(links.length).to.be.greaterThan(1);
    const laError = $(el, '#e-la_name')!.textContent!.replace('Error:', '').trim();
    expect(links[0]!.textContent!.trim(), 'the summary names the question, then the message beside the field').to.equal(`1. Name of the local authority that has written to you: ${laError}`);
    links[1]!.click();
    await el.updateComplete;
    expect(deepActive()!.id).to.equal(links[1]!.getAttribute('href')!.slice(1));
    expect($(el, '#f-child_age')!.getAttribute('aria-describedby')).to.contain('e-child_age');
    expect($(el, '#f-main_reason')!.closest('fieldset')!.getAttribute('aria-describedby') ?? '', 'main_reason is optional').to.not.contain('e-main_reason');
  });
});

describe('purge, check your answers, change', () => {
  const TO_PB = { ...FIRST_PAGES, ehc_plan_status: 'yes', plan_date: '2015-03-01', has_pb: 'yes', pb_managed: 'direct_payment', pb_covers: ['education'], pb_amount_known: 'yes', pb_amount: 500, pb_duration: 'under_6m' };

  it('changing an earlier answer that routes later ones away removes them and says which', async () => {
    const el = await onPage('sec_process', TO_PB);
    await back(el);
    expect(pageOf(el)).to.equal('sec_pb');
    await back(el);
    expect(pageOf(el)).to.equal('sec_budget');
    await pick(el, 'has_pb', 'no');
    await pick(el, 'pb_offered', 'yes');
    await next(el);
    expect(pageOf(el)).to.equal('sec_process');
    const banner = $(el, '.notification')!;
    expect(banner.textContent).to.contain('answers no longer apply');
    expect(banner.textContent).to.contain("How is your child's personal budget managed?");
    expect(el.currentAnswers).to.not.have.property('pb_managed');
    expect(el.currentAnswers).to.not.have.property('pb_amount');
    expect(el.currentAnswers['pb_offered']).to.equal('yes');
    await expect(el).to.be.accessible();
    await press(el, /^Hide this message$/);
    expect($(el, '.notification')).to.equal(null);
  });

  it('check your answers lists every answer; Change goes to the question and back to the check page', async () => {
    const el = await mount('parent_ehc');
    const paths = (await (await fetch(new URL('parent_ehc.paths.json', el.getAttribute('src')!))).json()) as { answers: Record<string, unknown> }[];
    await walk(el, survey, paths[0]!.answers);
    expect(el.currentView.kind).to.equal('check');
    expect(headingText(el)).to.equal('Check your answers before sending them');
    const rows = $$(el, '.summary-list__row');
    expect(rows.length).to.equal(Object.keys(paths[0]!.answers).filter((k) => !k.endsWith('_other')).length);
    const childAge = rows.find((r) => r.textContent!.includes("Child's age"))!;
    expect(childAge.querySelector('.summary-list__value')!.textContent!.trim()).to.equal(String(paths[0]!.answers['child_age']));
    const change = childAge.querySelector('a')!;
    expect(change.textContent).to.contain("Change your answer to: Child's age");
    change.click();
    await el.updateComplete;
    expect(pageOf(el)).to.equal('sec_child');
    expect(deepActive()!.id).to.equal('f-child_age');
    await fill(el, 'f-child_age', '12');
    await next(el);
    expect(el.currentView.kind).to.equal('check');
    expect($$(el, '.summary-list__row').find((r) => r.textContent!.includes("Child's age"))!.textContent).to.contain('12');
  });

  it('confirmation page shows the survey thanks after sending; progress is cleared', async () => {
    const el = await mount('parent_ehc');
    const paths = (await (await fetch(new URL('parent_ehc.paths.json', el.getAttribute('src')!))).json()) as { answers: Record<string, unknown> }[];
    await walk(el, survey, paths[1]!.answers);
    expect(localStorage.getItem(`poetkit:parent_ehc:${survey.version}`)).to.not.equal(null);
    await press(el, /^Accept and send$/);
    expect(el.currentView.kind).to.equal('done');
    expect(headingText(el)).to.equal('Your answers have been sent');
    expect($(el, '.panel')).to.not.equal(null);
    expect(localStorage.getItem(`poetkit:parent_ehc:${survey.version}`)).to.equal(null);
    if (survey.thanks !== undefined) expect(root(el).textContent).to.contain(survey.thanks.source.slice(0, 20));
  });
});
