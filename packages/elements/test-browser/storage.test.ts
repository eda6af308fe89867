/**
 * Progress kept on the device: a reload mid-survey restores every answer and the page; a copy
 * saved by an older version drops answers to questions that no longer exist and says so; a
 * damaged copy is ignored; `storage-key` overrides the key.
 */
import { expect } from '@open-wc/testing';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import type { ResponseEnvelope } from '../src/index.js';
import { $, $$, checkedValues, headingText, loadPaths, loadSurvey, mount, pageOf, press, text, unmountAll, walk, type RespondentPath } from './support.js';

afterEach(unmountAll);

let survey: CompiledSurvey;
let paths: RespondentPath[];
before(async () => {
  survey = await loadSurvey('parent_ehc');
  paths = await loadPaths('parent_ehc');
});

describe('saved progress', () => {
  it('a reload mid-survey restores every answer, the page, and the response id', async () => {
    const answers = paths[1]!.answers;
    const el = await mount('parent_ehc');
    await walk(el, survey, answers, (p) => p === 'sec_process');
    const before = el.currentAnswers;
    expect(Object.keys(before).length).to.be.greaterThan(10);
    el.remove();

    const again = await mount('parent_ehc', { keepStorage: true });
    expect(pageOf(again)).to.equal('sec_process');
    expect(again.currentAnswers).to.deep.equal(before);
    expect(text(again)).to.contain('We have restored the answers you saved on this device');
    // Every earlier page shows its answers again.
    await press(again, /^Back$/);
    expect(pageOf(again)).to.equal('sec_pb');
    expect(checkedValues(again, 'pb_managed')).to.deep.equal([answers['pb_managed']]);
    await press(again, /^Back$/);
    await press(again, /^Back$/);
    expect(pageOf(again)).to.equal('sec_child');
    expect(($(again, '#f-la_name') as HTMLInputElement).value).to.equal(answers['la_name']);
    expect(($(again, '#f-child_age') as HTMLInputElement).value).to.equal(String(answers['child_age']));
    expect(checkedValues(again, 'main_reason')).to.deep.equal(answers['main_reason']);
    expect(($(again, '#f-main_reason_other') as HTMLInputElement).value).to.equal(answers['main_reason_other']);
    expect(checkedValues(again, 'most_impact')).to.deep.equal([answers['most_impact']]);
  });

  it('a reload on the check-answers page comes back to it', async () => {
    const el = await mount('parent_ehc');
    await walk(el, survey, paths[0]!.answers);
    expect(el.currentView.kind).to.equal('check');
    el.remove();
    const again = await mount('parent_ehc', { keepStorage: true });
    expect(again.currentView.kind).to.equal('check');
    expect(again.currentAnswers).to.deep.equal(paths[0]!.answers);
  });

  it('a retried response keeps its id across a reload', async () => {
    const el = await mount('parent_ehc');
    await walk(el, survey, paths[0]!.answers);
    el.setAttribute('action', '/__poet/responses/fail-once-reload' + Math.random().toString(36).slice(2));
    let first: ResponseEnvelope | undefined;
    el.addEventListener('poet-submit', (e) => (first = e.detail));
    await press(el, /^Accept and send$/);
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 200 && $(el, '.problem') === null; i++) await new Promise((r) => setTimeout(r, 20));
    expect(first).to.not.equal(undefined);
    el.remove();
    const again = await mount('parent_ehc', { keepStorage: true });
    const stored = JSON.parse(localStorage.getItem(`poetkit:parent_ehc:${survey.version}`)!) as { responseId: string };
    expect(stored.responseId).to.equal(first!.id);
    expect(again.currentAnswers).to.deep.equal(paths[0]!.answers);
  });

  it('a copy from an older version keeps what still applies, drops the rest, and says so', async () => {
    localStorage.clear();
    localStorage.setItem(
      'poetkit:parent_ehc:0.9.0',
      JSON.stringify({
        format: 'poetkit-progress',
        survey: 'parent_ehc',
        version: '0.9.0',
        answers: { consent: 'yes', la_name: 'Lancashire', old_question: 'gone', child_age: 'not a number any more' },
        page: 'sec_child',
      }),
    );
    const el = await mount('parent_ehc', { keepStorage: true });
    expect(pageOf(el)).to.equal('sec_child');
    expect(el.currentAnswers).to.deep.equal({ consent: 'yes', la_name: 'Lancashire', child_age: 'not a number any more' });
    const banner = $(el, '.notification')!.textContent!;
    expect(banner).to.contain('it was version 0.9.0');
    expect(banner).to.contain('1 answer was removed');
    expect(localStorage.getItem('poetkit:parent_ehc:0.9.0')).to.equal(null);
    expect(localStorage.getItem(`poetkit:parent_ehc:${survey.version}`)).to.not.equal(null);
    // An answer of the wrong shape is shown as typed, and the validator explains it.
    await press(el, /^Continue$/);
    expect($(el, '#e-child_age')).to.not.equal(null);
  });

  it('a damaged or foreign saved copy is ignored, never a crash', async () => {
    for (const value of ['{not json', JSON.stringify({ format: 'poetkit-progress', survey: 'parent_ehc', version: survey.version, answers: [1, 2] }), JSON.stringify({ format: 'other' })]) {
      localStorage.clear();
      localStorage.setItem(`poetkit:parent_ehc:${survey.version}`, value);
      const el = await mount('parent_ehc', { keepStorage: true });
      expect(el.currentView.kind).to.equal('start');
      expect(headingText(el)).to.equal(survey.title);
      el.remove();
    }
  });

  it('answers of the wrong shape in a saved copy render without crashing', async () => {
    localStorage.clear();
    localStorage.setItem(
      `poetkit:parent_ehc:${survey.version}`,
      JSON.stringify({ format: 'poetkit-progress', survey: 'parent_ehc', version: survey.version, answers: { consent: 'yes', main_reason: 'sensory', child_age: { a: 1 }, ehc_ease: [1] }, page: 'sec_child' }),
    );
    const el = await mount('parent_ehc', { keepStorage: true });
    expect(pageOf(el)).to.equal('sec_child');
    expect(checkedValues(el, 'main_reason')).to.deep.equal([]);
    expect($$(el, 'input').length).to.be.greaterThan(5);
  });

  it('storage-key overrides where progress is kept', async () => {
    const el = await mount('parent_ehc', { storageKey: 'my-council-parent-survey' });
    await walk(el, survey, { consent: 'yes' }, (p) => p === 'sec_child');
    expect(JSON.parse(localStorage.getItem('my-council-parent-survey')!).answers).to.deep.equal({ consent: 'yes' });
    expect(localStorage.getItem(`poetkit:parent_ehc:${survey.version}`)).to.equal(null);
  });
});
