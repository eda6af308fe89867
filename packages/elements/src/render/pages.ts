/**
 * The parts of a page around the questions: error summary, notification banner, progress,
 * the check-answers summary list and the confirmation panel (GOV.UK patterns).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import type { Route } from '@poetkit/runtime';
import { describeAnswer, own, type Answers } from '../answers.js';
import { plainText } from '../plain-text.js';
import type { Notice } from '../state.js';

export interface SummaryLink {
  readonly message: string;
  /** The field id the link moves focus to. */
  readonly target: string;
}

/** "There is a problem" with one link per error; `onFollow` moves focus to the field. */
export function errorSummary(links: readonly SummaryLink[], onFollow: (link: SummaryLink) => void): TemplateResult | typeof nothing {
  if (links.length === 0) return nothing;
  return html`<div class="error-summary" part="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
    <h2 class="error-summary__title" id="error-summary-title">There is a problem</h2>
    <ul class="list error-summary__list">
      ${links.map(
        (link) =>
          html`<li>
            <a
              class="link error-summary__link"
              href=${`#${link.target}`}
              @click=${(e: Event) => {
                e.preventDefault();
                onFollow(link);
              }}
              >${link.message}</a
            >
          </li>`,
      )}
    </ul>
  </div>`;
}

export function notificationBanner(notice: Notice | undefined, onDismiss: () => void): TemplateResult | typeof nothing {
  if (notice === undefined) return nothing;
  return html`<div class="notification" part="notification" role="region" aria-labelledby="notification-title">
    <div class="notification__header">
      <h2 class="notification__title" id="notification-title">${notice.title}</h2>
    </div>
    <div class="notification__content">
      <p class="notification__heading">${notice.heading}</p>
      ${notice.lines !== undefined && notice.lines.length > 0 ? html`<ul class="list list--bullet">${notice.lines.map((l) => html`<li>${l}</li>`)}</ul>` : nothing}
      <button type="button" class="link-button" @click=${onDismiss}>Hide this message</button>
    </div>
  </div>`;
}

/**
 * The summary list of every answer on the path, one group per page, each row with a Change
 * link naming the question (for screen-reader users who list links).
 */
export function answerSummary(
  survey: CompiledSurvey,
  r: Route,
  answers: Readonly<Answers>,
  onChange: (page: string, question: string) => void,
): TemplateResult {
  const pages = r.pages
    .map((pageId) => ({ page: survey.pages.find((p) => p.id === pageId), asked: r.asked.filter((a) => a.page === pageId) }))
    .filter((g) => g.page !== undefined && g.asked.length > 0);
  return html`${pages.map(
    ({ page, asked }) => html`<h2 class="heading-m">${page!.title}</h2>
      <dl class="summary-list" part="summary-list">
        ${asked.map((a) => {
          const words = plainText(a.question.text);
          const lines = describeAnswer(a.question, own(answers, a.id), a.otherKey === undefined ? undefined : own(answers, a.otherKey), a.rows);
          return html`<div class="summary-list__row">
            <dt class="summary-list__key">${a.question.number !== undefined ? `${a.question.number}. ` : ''}${words}</dt>
            <dd class="summary-list__value">
              ${lines.length === 0 ? html`<span class="secondary">Not answered</span>` : lines.map((l, i) => html`${i > 0 ? html`<br />` : nothing}${l}`)}
            </dd>
            <dd class="summary-list__actions">
              <a
                class="link"
                href=${`#f-${a.id}`}
                @click=${(e: Event) => {
                  e.preventDefault();
                  onChange(a.page, a.id);
                }}
                >Change<span class="visually-hidden"> your answer to: ${words}</span></a
              >
            </dd>
          </div>`;
        })}
      </dl>`,
  )}`;
}
