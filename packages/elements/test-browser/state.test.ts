/**
 * The form state without the element (src/state.ts), on the parent_ehc example: answers and
 * their route kept together through changes, purge, saving and restoring, and where Continue
 * and Back lead. The route the state holds must always be the one `route()` gives its answers.
 */
import { expect } from '@open-wc/testing';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import { nextPage, progress, route } from '@poetkit/runtime';
import { SurveyState } from '../src/state.js';
import { loadPaths, loadSurvey, type RespondentPath } from './support.js';

const KEY = 'poetkit-test:state';

let survey: CompiledSurvey;
let paths: RespondentPath[];
before(async () => {
  survey = await loadSurvey('parent_ehc');
  paths = await loadPaths('parent_ehc');
});
beforeEach(() => localStorage.clear());

/** The state's route, as plain data, against a full route of its answers. */
function expectRouteOfItsAnswers(state: SurveyState): void {
  expect(JSON.parse(JSON.stringify(state.route))).to.deep.equal(JSON.parse(JSON.stringify(route(survey, state.answers))));
}

const TO_PB = {
  consent: 'yes',
  la_name: 'Lancashire',
  child_age: 9,
  ehc_plan_status: 'yes',
  plan_date: '2015-03-01',
  has_pb: 'yes',
  pb_managed: 'direct_payment',
  pb_covers: ['education'],
  pb_amount_known: 'yes',
  pb_amount: 500,
  pb_duration: 'under_6m',
};

function answered(answers: Record<string, unknown>, onChange?: () => void): SurveyState {
  const state = SurveyState.restore(survey, KEY, onChange);
  for (const [key, value] of Object.entries(answers)) state.setAnswer(key, value);
  return state;
}

describe('SurveyState: answers and route', () => {
  it('keeps the route of its answers through every change on each respondent path, and back again', () => {
    for (const path of paths) {
      const state = SurveyState.restore(survey, KEY);
      for (const [key, value] of Object.entries(path.answers)) {
        state.setAnswer(key, value);
        expectRouteOfItsAnswers(state);
      }
      expect(state.route.asked.map((a) => a.id), path.name).to.deep.equal(path.asked);
      // Removing answers, last first, routes back to where the respondent started.
      for (const key of Object.keys(path.answers).reverse()) {
        state.setAnswer(key, undefined);
        expectRouteOfItsAnswers(state);
      }
      expect(state.answers).to.deep.equal({});
      localStorage.clear();
    }
  });

  it('routes a change from the previous route: what comes before the changed question is kept as it was', () => {
    const state = answered(TO_PB);
    const before = state.route;
    const earlier = before.asked.filter((a) => a.id === 'la_name' || a.id === 'child_age');
    expect(earlier).to.have.length(2);
    state.setAnswer('has_pb', 'no');
    const after = state.route;
    expect(after).to.not.equal(before);
    for (const item of earlier) expect(after.asked.find((a) => a.id === item.id)).to.equal(item);
    expect(after.asked.map((a) => a.id)).to.not.include('pb_managed');
    expectRouteOfItsAnswers(state);
  });

  it('leaves the answers it was given unchanged and tells its host after each change', () => {
    let changes = 0;
    const state = answered({ consent: 'yes' }, () => changes++);
    const answers = state.answers;
    state.setAnswer('la_name', 'Kent');
    expect(answers).to.deep.equal({ consent: 'yes' });
    expect(state.answers).to.deep.equal({ consent: 'yes', la_name: 'Kent' });
    expect(changes).to.equal(2);
  });

  it('counts progress on its route as the runtime does on the answers', () => {
    const state = answered(TO_PB);
    expect(state.progress).to.deep.equal(progress(survey, state.answers));
    expect(state.progress.answered).to.be.greaterThan(0);
  });
});

describe('SurveyState: purge', () => {
  it('removes answers routing no longer asks, names them in a notice kept for the next page, and re-routes', () => {
    const state = answered(TO_PB);
    state.setAnswer('has_pb', 'no');
    state.purgeUnasked();
    expect(state.answers).to.not.have.property('pb_managed');
    expect(state.answers).to.not.have.property('pb_amount');
    expect(state.answers['has_pb']).to.equal('no');
    expectRouteOfItsAnswers(state);
    const notice = state.notice!;
    expect(notice.heading).to.contain('answers no longer apply');
    expect(notice.lines!.join('\n')).to.contain("How is your child's personal budget managed?");
    state.show({ kind: 'page', page: 'sec_process' });
    expect(state.notice, 'shown on the page the respondent goes to').to.equal(notice);
    state.show({ kind: 'page', page: 'sec_about' });
    expect(state.notice, 'then gone').to.equal(undefined);
  });

  it('changes nothing when every answer is still asked', () => {
    const state = answered(TO_PB);
    const answers = state.answers;
    const routed = state.route;
    state.purgeUnasked();
    expect(state.answers).to.equal(answers);
    expect(state.route).to.equal(routed);
    expect(state.notice).to.equal(undefined);
  });
});

describe('SurveyState: saving and restoring', () => {
  it('saves each change with the page, and restores answers, page and route from the device', () => {
    const state = answered(TO_PB);
    state.show({ kind: 'page', page: 'sec_pb' });
    state.responseId = 'a4b3c2d1-0000-4000-8000-000000000000';
    state.save();
    const again = SurveyState.restore(survey, KEY);
    expect(again.answers).to.deep.equal(TO_PB);
    expect(again.view).to.deep.equal({ kind: 'page', page: 'sec_pb' });
    expect(again.responseId).to.equal('a4b3c2d1-0000-4000-8000-000000000000');
    expect(again.notice?.heading).to.equal('We have restored the answers you saved on this device.');
    expectRouteOfItsAnswers(again);
  });

  it('restores to the start page when the saved page is not on the path', () => {
    const state = answered(TO_PB);
    state.show({ kind: 'page', page: 'sec_pb' });
    state.setAnswer('has_pb', 'no');
    expect(SurveyState.restore(survey, KEY).view).to.deep.equal({ kind: 'start' });
  });

  it('keeps nothing on the device while nothing is answered', () => {
    const state = answered({ consent: 'yes' });
    expect(localStorage.getItem(KEY)).to.not.equal(null);
    state.setAnswer('consent', undefined);
    expect(localStorage.getItem(KEY)).to.equal(null);
    expect(SurveyState.restore(survey, KEY).notice).to.equal(undefined);
  });

  it('finish clears the answers and the saved copy, and shows the confirmation', () => {
    const state = answered(TO_PB);
    state.responseId = 'a4b3c2d1-0000-4000-8000-000000000000';
    state.finish();
    expect(state.answers).to.deep.equal({});
    expect(state.responseId).to.equal(undefined);
    expect(state.view).to.deep.equal({ kind: 'done' });
    expect(localStorage.getItem(KEY)).to.equal(null);
    expectRouteOfItsAnswers(state);
  });
});

describe('SurveyState: where Continue and Back lead', () => {
  it('starts on the first page, continues along the route and goes back along it', () => {
    const state = answered(TO_PB);
    const first = state.firstView();
    expect(first).to.deep.equal({ kind: 'page', page: route(survey, TO_PB).pages[0] });
    expect(state.viewAfter('sec_budget', [])).to.deep.equal({ kind: 'page', page: nextPage(survey, TO_PB, 'sec_budget') });
    state.show({ kind: 'page', page: 'sec_pb' });
    expect(state.viewBefore()).to.deep.equal({ kind: 'page', page: 'sec_budget' });
    state.show(first);
    expect(state.viewBefore()).to.deep.equal({ kind: 'start' });
    state.show({ kind: 'start' });
    expect(state.viewBefore(), 'nothing before the start page').to.equal(undefined);
  });

  it('back from a Change link, Continue goes to the check page, or to a later page that still needs answers', () => {
    const state = answered(TO_PB);
    state.returningToCheck = true;
    expect(state.viewAfter('sec_budget', [])).to.deep.equal({ kind: 'check' });
    expect(state.viewAfter('sec_budget', [null, 'pb_amount_known'])).to.deep.equal({ kind: 'page', page: state.pageOf('pb_amount_known') });
    expect(state.viewAfter('sec_budget', ['la_name']), 'an earlier page with a problem is left to the check page').to.deep.equal({ kind: 'check' });
  });
});
