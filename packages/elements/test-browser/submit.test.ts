/**
 * Sending: the poet-submit event, the POST to `action` against a server that fails then
 * succeeds (the wtr middleware plays it), Retry with the same id, a double click sending once,
 * validation with the precompiled validator before anything is sent, and a missing validator.
 */
import { expect } from '@open-wc/testing';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import type { ResponseEnvelope } from '../src/index.js';
import { $, BUILD, headingText, loadPaths, loadSurvey, mount, pageOf, press, text, unmountAll, until, walk, type RespondentPath } from './support.js';

afterEach(unmountAll);

let survey: CompiledSurvey;
let paths: RespondentPath[];
before(async () => {
  survey = await loadSurvey('streamlined_555');
  paths = await loadPaths('streamlined_555');
});

const KEY = () => `poetkit:streamlined_555:${survey.version}`;
const token = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2)}`;
const received = async (t: string) => (await (await fetch(`/__poet/received/${t}`)).json()) as ResponseEnvelope[];

async function toCheck(action?: string) {
  const el = await mount('streamlined_555', action === undefined ? {} : { action });
  await walk(el, survey, paths[0]!.answers);
  expect(el.currentView.kind).to.equal('check');
  return el;
}

describe('submit', () => {
  it('without action: fires poet-submit with the envelope once, then the confirmation page', async () => {
    const el = await toCheck();
    const events: ResponseEnvelope[] = [];
    el.addEventListener('poet-submit', (e) => events.push(e.detail));
    await press(el, /^Accept and send$/);
    expect(events).to.have.length(1);
    expect(events[0]!.answers).to.deep.equal(paths[0]!.answers);
    expect(Object.keys(events[0]!)).to.deep.equal(['survey', 'version', 'id', 'submitted', 'answers']);
    expect(el.currentView.kind).to.equal('done');
  });

  it('with action: a 503 keeps every answer and says so; Retry resends the same id; success clears progress', async () => {
    const t = token('fail-once-');
    const el = await toCheck(`/__poet/responses/${t}`);
    const errors: string[] = [];
    el.addEventListener('poet-error', (e) => errors.push(e.detail.message));
    await press(el, /^Accept and send$/);
    await until(() => $(el, '.problem') !== null, 'the failure message');
    expect(el.currentView.kind).to.equal('check');
    expect(text(el)).to.contain('the server replied with an error (503');
    expect(text(el)).to.contain('Your answers are still saved on this device');
    expect(errors).to.have.length(1);
    await expect(el).to.be.accessible();
    expect(el.currentAnswers).to.deep.equal(paths[0]!.answers);
    expect(JSON.parse(localStorage.getItem(KEY())!).answers).to.deep.equal(paths[0]!.answers);
    const accepted: { envelope: ResponseEnvelope; status: number }[] = [];
    el.addEventListener('poet-submitted', (e) => accepted.push(e.detail));
    await press(el, /^Try again$/);
    await until(() => el.currentView.kind === 'done', 'the confirmation page');
    expect(accepted.map((a) => a.status)).to.deep.equal([201]);
    const bodies = await received(t);
    expect(bodies).to.have.length(2);
    expect(accepted[0]!.envelope).to.deep.equal(bodies[0]);
    expect(bodies[1]).to.deep.equal(bodies[0]);
    expect(bodies[0]!.answers).to.deep.equal(paths[0]!.answers);
    expect(localStorage.getItem(KEY())).to.equal(null);
  });

  it('with action: a network failure is a clear message too, and Retry succeeds', async () => {
    const t = token('drop-');
    const el = await toCheck(`/__poet/responses/${t}`);
    await press(el, /^Accept and send$/);
    await until(() => $(el, '.problem') !== null, 'the failure message');
    expect(text(el)).to.contain('the connection failed');
    expect(el.currentAnswers).to.deep.equal(paths[0]!.answers);
    await fetch(`/__poet/heal/${t}`);
    await press(el, /^Try again$/);
    await until(() => el.currentView.kind === 'done', 'the confirmation page');
    const bodies = await received(t);
    expect(bodies.length).to.be.greaterThan(1);
    expect(new Set(bodies.map((b) => b.id)).size, 'every attempt carries the same id').to.equal(1);
  });

  it('a host that cancels poet-submit sends the response itself: no POST', async () => {
    const t = token('ok-');
    const el = await toCheck(`/__poet/responses/${t}`);
    el.addEventListener('poet-submit', (e) => e.preventDefault());
    await press(el, /^Accept and send$/);
    await until(() => el.currentView.kind === 'done', 'the confirmation page');
    expect(await received(t)).to.have.length(0);
  });

  it('a double click sends once', async () => {
    const t = token('slow-');
    const el = await toCheck(`/__poet/responses/${t}`);
    const events: ResponseEnvelope[] = [];
    el.addEventListener('poet-submit', (e) => events.push(e.detail));
    const button = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Accept and send')!;
    button.click();
    button.click();
    await el.updateComplete;
    const again = [...el.shadowRoot!.querySelectorAll('button')].find((b) => /Sending/.test(b.textContent!))!;
    expect(again.getAttribute('aria-disabled')).to.equal('true');
    again.click();
    await until(() => el.currentView.kind === 'done', 'the confirmation page');
    expect(events).to.have.length(1);
    expect(await received(t)).to.have.length(1);
  });

  it('a response the validator rejects is not sent: its errors are listed with links to the questions', async () => {
    const el = await toCheck();
    // A stored answer the pages never produce (e.g. from a damaged saved copy): too long.
    (el as unknown as { setAnswer(k: string, v: unknown): void }).setAnswer('what_worked', 'x'.repeat(6000));
    await el.updateComplete;
    let fired = false;
    el.addEventListener('poet-submit', () => (fired = true));
    await press(el, /^Accept and send$/);
    expect(fired).to.equal(false);
    const summary = $(el, '.error-summary')!;
    expect(summary.textContent).to.match(/5000|characters/);
    summary.querySelector('a')!.click();
    await el.updateComplete;
    expect(pageOf(el)).to.equal(survey.pages.find((p) => p.items.includes('what_worked'))!.id);
  });
});

describe('loading', () => {
  it('a validator that cannot be loaded is a clear message and a poet-error event, and nothing is sent', async () => {
    const errors: string[] = [];
    const listener = (e: Event) => errors.push((e as CustomEvent<{ message: string }>).detail.message);
    document.addEventListener('poet-error', listener);
    try {
      const el = await mount('streamlined_555', { validator: new URL('missing.validator.js', BUILD).href });
      expect(errors.join(' ')).to.contain('missing.validator.js');
      expect(text(el)).to.contain('could not be loaded');
      await press(el, /^Start now$/);
      await press(el, /^Continue$/);
      expect($(el, '.problem')!.textContent).to.contain('missing.validator.js');
    } finally {
      document.removeEventListener('poet-error', listener);
    }
  });

  it('a validator for another survey is refused', async () => {
    const el = await mount('streamlined_555', { validator: new URL('carer.validator.js', BUILD).href });
    expect(text(el)).to.contain('is for survey carer');
  });

  it('a src that is not a compiled survey says what is wrong', async () => {
    const el = document.createElement('poet-survey');
    el.setAttribute('src', new URL('manifest.json', BUILD).href);
    document.body.append(el);
    await until(() => el.currentView.kind === 'failed', 'the failure');
    await el.updateComplete;
    expect(text(el)).to.contain('not a compiled poetkit survey');
    el.remove();
  });

  it('the survey property with a validator attribute renders the survey', async () => {
    localStorage.clear();
    const el = document.createElement('poet-survey');
    el.setAttribute('validator', new URL('streamlined_555.validator.js', BUILD).href);
    el.survey = survey;
    document.body.append(el);
    await until(() => el.currentView.kind === 'start', 'the start page');
    await el.updateComplete;
    expect(headingText(el)).to.equal(survey.title);
    el.remove();
  });
});
