/**
 * The five views of a shown survey (start, a page of questions, check your answers, an end
 * rule's page, the confirmation), as templates of the form state and what the element adds to
 * it (errors, a send problem, sending). What the respondent's actions do is the element's
 * business: they arrive here as callbacks in {@link ViewActions}.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RichText } from '@poetkit/compiler/compiled';
import type { ShownError } from '../errors.js';
import type { FormView, SurveyState } from '../state.js';
import { answerSummary, errorSummary, notificationBanner, type SummaryLink } from './pages.js';
import { fieldId, renderQuestion, type QuestionContext } from './questions.js';
import { renderRichText } from './rich-text.js';

export interface ViewActions {
  back(): void;
  begin(): void;
  /** Continue on `page` (the page's form was submitted). */
  continueFrom(page: string): void;
  /** A Change link on the check page: `question` on `page`. */
  change(page: string, question: string): void;
  send(): void;
  followError(link: SummaryLink): void;
}

export interface ViewModel {
  readonly state: SurveyState;
  /** The validator's errors shown now (on this page, or on the check or end page). */
  readonly errors: readonly ShownError[];
  /** Why sending (or checking) failed, shown as "There is a problem". */
  readonly sendProblem: string | undefined;
  /** A checked response waits to be sent again (a send failed). */
  readonly sendPending: boolean;
  readonly sending: boolean;
  /** Why this form cannot check answers (no validator, or it did not load). */
  readonly validatorProblem: string | undefined;
  /** What the question templates need; built only for a page of questions. */
  questions(): QuestionContext;
  readonly actions: ViewActions;
}

export function renderFormView(model: ViewModel, view: FormView): TemplateResult {
  switch (view.kind) {
    case 'start':
      return renderStart(model);
    case 'page':
      return renderPage(model, view.page);
    case 'check':
      return renderCheck(model);
    case 'end':
      return renderEnd(model);
    case 'done':
      return renderDone(model, view.ended);
  }
}

function heading(model: ViewModel, text: string): TemplateResult {
  return html`<span class="caption" part="caption">${model.state.survey.title}</span>
    <h1 tabindex="-1" part="heading">${text}</h1>`;
}

function backLink(model: ViewModel): TemplateResult {
  return html`<button type="button" class="back-link" part="back-link" @click=${() => model.actions.back()}>Back</button>`;
}

function banner(model: ViewModel): TemplateResult | typeof nothing {
  return notificationBanner(model.state.notice, () => model.state.dismissNotice());
}

function problem(model: ViewModel): TemplateResult | typeof nothing {
  const text = model.sendProblem;
  if (text === undefined) return nothing;
  return html`<div class="problem" part="problem" role="alert" tabindex="-1">
    <h2 class="heading-m">There is a problem</h2>
    <p>${text}</p>
    ${model.sendPending ? html`<p>Your answers are still saved on this device.</p>` : nothing}
  </div>`;
}

function summary(model: ViewModel): TemplateResult | typeof nothing {
  const links = model.errors.map((e) => ({ message: e.summary, target: fieldId(e.key) }));
  return errorSummary(links, (link) => model.actions.followError(link));
}

function renderStart(model: ViewModel): TemplateResult {
  const survey = model.state.survey;
  return html`${banner(model)}
    <h1 tabindex="-1" part="heading">${survey.title}</h1>
    ${renderRichText(survey.intro)}
    ${survey.privacy !== undefined ? html`<h2 class="heading-m">How your answers are used</h2>${renderRichText(survey.privacy)}` : nothing}
    ${model.validatorProblem !== undefined ? html`<div class="problem" part="problem" role="alert"><p>${model.validatorProblem}</p></div>` : nothing}
    <div class="button-group">
      <button type="button" class="button button--start" part="button start-button" @click=${() => model.actions.begin()}>
        ${model.state.hasAnswers ? 'Continue' : 'Start now'}
      </button>
    </div>`;
}

function renderPage(model: ViewModel, pageId: string): TemplateResult {
  const state = model.state;
  const survey = state.survey;
  const page = survey.pages.find((p) => p.id === pageId)!;
  const section = page.section === undefined ? undefined : survey.sections.find((s) => s.id === page.section);
  const asked = new Map(state.askedOn(pageId).map((a) => [a.id, a]));
  const info = new Set(state.route.info);
  const ctx = model.questions();
  const done = state.progress;
  const items = page.items.map((id) => {
    const a = asked.get(id);
    if (a !== undefined) return renderQuestion(ctx, a);
    if (info.has(id)) {
      const item = survey.items.find((i) => i.id === id)!;
      return html`<div class="info" part="info">${renderRichText(item.text)}</div>`;
    }
    return nothing;
  });
  return html`${backLink(model)} ${summary(model)} ${banner(model)} ${problem(model)}
    <form
      novalidate
      @submit=${(e: Event) => {
        e.preventDefault();
        model.actions.continueFrom(pageId);
      }}
    >
      ${heading(model, page.title)}
      <p class="progress" part="progress">${done.answered} of ${done.expected} required questions answered so far</p>
      ${section?.intro !== undefined ? renderRichText(section.intro) : nothing} ${items}
      <div class="button-group">
        <button type="submit" class="button" part="button">Continue</button>
      </div>
    </form>`;
}

function renderCheck(model: ViewModel): TemplateResult {
  const state = model.state;
  return html`${backLink(model)} ${summary(model)} ${banner(model)} ${problem(model)} ${heading(model, 'Check your answers before sending them')}
    ${answerSummary(state.survey, state.route, state.answers, (page, question) => model.actions.change(page, question))}
    <h2 class="heading-m">Now send your answers</h2>
    <p>By sending your answers you confirm that they are correct to the best of your knowledge.</p>
    ${sendButton(model, 'Accept and send')}`;
}

function sendButton(model: ViewModel, label: string): TemplateResult {
  const retry = model.sendPending && model.sendProblem !== undefined;
  return html`<div class="button-group">
    <button type="button" class="button" part="button" aria-disabled=${model.sending ? 'true' : 'false'} @click=${() => model.actions.send()}>
      ${model.sending ? 'Sending…' : retry ? 'Try again' : label}
    </button>
  </div>`;
}

function renderEnd(model: ViewModel): TemplateResult {
  const state = model.state;
  const r = state.route;
  const ended = r.ended;
  // A new day can change the route under the end page: then the answers are checked instead.
  if (ended === undefined) return renderCheck(model);
  const page = state.survey.pages.find((p) => p.id === state.pageOf(ended.after));
  return html`${backLink(model)} ${summary(model)} ${problem(model)} ${heading(model, page?.title ?? 'Thank you')}
    ${renderRichText(ended.message)}
    <p>${ended.keepAnswers ? 'Send your answers to finish.' : 'Select Finish to record that you chose not to take part.'}</p>
    ${sendButton(model, ended.keepAnswers ? 'Send your answers' : 'Finish')}`;
}

function renderDone(model: ViewModel, ended: RichText | undefined): TemplateResult {
  return html`<div class="panel" part="panel">
      <h1 tabindex="-1" part="heading">${ended === undefined ? 'Your answers have been sent' : 'Thank you'}</h1>
    </div>
    ${renderRichText(ended ?? model.state.survey.thanks)}`;
}
