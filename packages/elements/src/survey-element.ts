/**
 * `<poet-survey>`: renders a compiled POET survey (what `poet compile` writes) as an
 * accessible form, GOV.UK style, on any page.
 *
 * ```html
 * <script type="module" src="/poet-elements.js"></script>
 * <poet-survey src="parent_ehc.survey.json"></poet-survey>
 * ```
 *
 * Attributes and properties
 * - `src`: URL of the compiled survey (`<id>.survey.json`), relative to the page.
 * - `survey` (property only): the parsed compiled survey, instead of `src`; then set `validator`.
 * - `validator`: URL of the precompiled validator module (`<id>.validator.js`); default: `src`
 *   with `.survey.json` replaced by `.validator.js`. Loaded with `import()`, so it must be served
 *   as JavaScript from an origin the page's `script-src` allows.
 * - `action`: URL to POST the response envelope to, as JSON. Without it the response is only
 *   handed over in the `poet-submit` event.
 * - `storage-key` (`storageKey`): the localStorage key for saved progress; default
 *   `poetkit:<survey id>:<version>`.
 *
 * Events (all bubble and cross the shadow boundary)
 * - `poet-submit`: detail is the envelope `{survey, version, id, submitted, answers}`; `id` is
 *   a UUID made once per response (a reload or a Retry keeps it). Fired once per response,
 *   before any POST. Cancelable: `preventDefault()` stops the POST (the host sends it itself)
 *   and the confirmation page is shown.
 * - `poet-submitted`: detail `{envelope, status}` after the `action` server accepted it.
 * - `poet-page-change`: detail `{view, page?}` — view is `start`, `page`, `check`, `end`,
 *   `done`; `page` is the page id for `page`.
 * - `poet-error`: detail `{message}` — the survey or validator could not be loaded, or a POST
 *   failed (the respondent sees the same message).
 *
 * Styling: CSS custom properties (set them on `poet-survey`)
 * - `--poet-font-family` (arial, helvetica, sans-serif), `--poet-font-size` (1.1875rem),
 *   `--poet-max-width` (40em)
 * - `--poet-text-colour` (#0b0c0c), `--poet-secondary-text-colour` (#505a5f),
 *   `--poet-background-colour` (#ffffff), `--poet-link-colour` (#1d70b8),
 *   `--poet-brand-colour` (#1d70b8, the notification banner)
 * - `--poet-focus-colour` (#ffdd00), `--poet-focus-text-colour` (#0b0c0c)
 * - `--poet-error-colour` (#d4351c), `--poet-success-colour` (#00703c, the confirmation panel)
 * - `--poet-border-colour` (#b1b4b6), `--poet-input-border-colour` (#0b0c0c)
 * - `--poet-button-colour` (#00703c), `--poet-button-text-colour` (#ffffff)
 *
 * Styling: `::part` names
 * - `container`, `heading`, `caption`, `back-link`, `progress`, `button`, `start-button`
 * - `error-summary`, `notification`, `problem` (a load or send failure), `panel` (confirmation)
 * - `form-group`, `legend`, `label`, `hint`, `error-message`, `input` (text, number, date and
 *   "please describe" fields), `radio`, `checkbox` (one option each), `divider` (the "or"),
 *   `grid-row`, `info`, `summary-list`, `link` (links in survey text)
 *
 * Rendering is in shadow DOM: every id, label and `aria-describedby` target stays inside one
 * shadow root, and survey text is built from the compiler's safe markup tree, never as HTML.
 *
 * @element poet-survey
 * @fires poet-submit
 * @fires poet-submitted
 * @fires poet-page-change
 * @fires poet-error
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { CompiledSurvey, RichText } from '@poetkit/compiler/compiled';
import { localDate, nextPage, previousPage, progress, purge, route, type PurgedAnswer, type Route } from '@poetkit/runtime';
import type { Answers } from './answers.js';
import { shownError, surveyProblem, type ShownError } from './errors.js';
import { renderQuestion, fieldId, type QuestionContext } from './render/questions.js';
import { answerSummary, errorSummary, notificationBanner, type Notice, type SummaryLink } from './render/pages.js';
import { plainText, renderRichText } from './render/rich-text.js';
import { CHECK_PAGE, END_PAGE, clearProgress, loadProgress, saveProgress, storageKey } from './storage.js';
import { makeEnvelope, newResponseId, postEnvelope, type ResponseEnvelope } from './submit.js';
import { surveyStyles } from './styles.js';
import { defaultValidatorUrl, loadValidator, type StandaloneValidator } from './validator.js';

export type SurveyView =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'start' }
  | { readonly kind: 'page'; readonly page: string }
  | { readonly kind: 'check' }
  | { readonly kind: 'end' }
  | { readonly kind: 'done'; readonly ended?: RichText };

export class PoetSurvey extends LitElement {
  static override styles = surveyStyles;

  static override properties = {
    src: { type: String },
    survey: { attribute: false },
    validator: { type: String },
    action: { type: String },
    storageKey: { type: String, attribute: 'storage-key' },
    view: { state: true },
    answers: { state: true },
    errors: { state: true },
    notice: { state: true },
    sendProblem: { state: true },
    sending: { state: true },
    validatorProblem: { state: true },
    spoken: { state: true },
  };

  /** URL of the compiled survey. */
  src: string | undefined;
  /** The compiled survey (set directly, or loaded from `src`). */
  survey: CompiledSurvey | undefined;
  /** URL of the precompiled validator module. */
  validator: string | undefined;
  /** URL to POST the response envelope to. */
  action: string | undefined;
  /** localStorage key for saved progress. */
  storageKey: string | undefined;

  protected view: SurveyView = { kind: 'loading' };
  protected answers: Answers = {};
  protected errors: readonly ShownError[] = [];
  protected notice: Notice | undefined;
  protected sendProblem: string | undefined;
  protected sending = false;
  protected validatorProblem: string | undefined;
  /** What the polite live region says: a character count, once typing pauses. */
  protected spoken = '';

  private checker: StandaloneValidator | undefined;
  private responseId: string | undefined;
  /** The envelope of a send that failed: Retry resends exactly this. */
  private pending: ResponseEnvelope | undefined;
  /** Fired `poet-submit` for this response id already. */
  private announcedId: string | undefined;
  private returnToCheck = false;
  /** The notice was just raised by the action that is navigating: show it on the next page too. */
  private keepNoticeOnce = false;
  private typedText = new Map<string, string>();
  private loadToken = 0;
  private speakTimer: ReturnType<typeof setTimeout> | undefined;
  /** What to focus after the next render: the page heading, the error summary or a field. */
  private focusAfterRender: string | undefined;
  /** The survey object the current state was built for. */
  private loadedSurvey: CompiledSurvey | undefined;

  /** The current view (for tests and hosts). */
  get currentView(): SurveyView {
    return this.view;
  }

  /** A copy of the answers so far. */
  get currentAnswers(): Answers {
    return structuredClone(this.answers);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') && this.src && (this.survey === undefined || this.survey === this.loadedSurvey)) {
      void this.loadFromSrc(this.src);
    } else if (changed.has('survey') && this.survey !== undefined && this.survey !== this.loadedSurvey) {
      void this.start(this.survey);
    } else if (changed.has('validator') && this.loadedSurvey !== undefined) {
      void this.start(this.loadedSurvey);
    }
  }

  private fail(message: string): void {
    this.view = { kind: 'failed', message };
    this.dispatchEvent(new CustomEvent('poet-error', { detail: { message }, bubbles: true, composed: true }));
  }

  private async loadFromSrc(src: string): Promise<void> {
    const token = ++this.loadToken;
    this.view = { kind: 'loading' };
    const url = new URL(src, document.baseURI).href;
    let survey: unknown;
    try {
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`the server replied ${response.status}`);
      survey = await response.json();
    } catch (error) {
      if (token === this.loadToken) {
        this.fail(`The survey could not be loaded from ${url}: ${error instanceof Error ? error.message : String(error)}. Check the src attribute.`);
      }
      return;
    }
    if (token !== this.loadToken) return;
    const problem = surveyProblem(survey);
    if (problem !== undefined) return this.fail(`The file ${url} cannot be shown as a survey: ${problem}.`);
    await this.start(survey as CompiledSurvey, token);
  }

  private async start(survey: CompiledSurvey, token = ++this.loadToken): Promise<void> {
    const problem = surveyProblem(survey);
    if (problem !== undefined) return this.fail(`The survey property cannot be shown as a survey: ${problem}.`);
    this.loadedSurvey = survey;
    this.survey = survey;
    const validatorUrl = this.validator || (this.src ? defaultValidatorUrl(this.src) : undefined);
    this.checker = undefined;
    this.validatorProblem = undefined;
    if (validatorUrl === undefined) {
      this.validatorProblem = `This form cannot check answers: it has no validator. Set the validator attribute to the address of ${survey.id}.validator.js, which "poet compile" writes beside the survey.`;
    } else {
      try {
        const checker = await loadValidator(validatorUrl, survey);
        if (token !== this.loadToken) return;
        this.checker = checker;
      } catch (error) {
        if (token !== this.loadToken) return;
        this.validatorProblem = error instanceof Error ? error.message : String(error);
      }
    }
    if (this.validatorProblem !== undefined) {
      this.dispatchEvent(new CustomEvent('poet-error', { detail: { message: this.validatorProblem }, bubbles: true, composed: true }));
    }
    this.restore(survey);
  }

  private get key(): string {
    return this.storageKey || storageKey(this.loadedSurvey!);
  }

  private restore(survey: CompiledSurvey): void {
    const saved = loadProgress(survey, this.key);
    this.answers = saved?.answers ?? {};
    this.responseId = saved?.responseId;
    this.errors = [];
    this.notice = undefined;
    this.pending = undefined;
    this.sendProblem = undefined;
    this.typedText.clear();
    const r = route(survey, this.answers, { today: localDate() });
    const restoredView: SurveyView | undefined =
      saved?.page === CHECK_PAGE && r.ended === undefined
        ? { kind: 'check' }
        : saved?.page === END_PAGE && r.ended !== undefined
          ? { kind: 'end' }
          : saved?.page !== undefined && r.pages.includes(saved.page)
            ? { kind: 'page', page: saved.page }
            : undefined;
    if (saved !== undefined && Object.keys(saved.answers).length + saved.dropped.length > 0) {
      const lines = saved.dropped.length > 0 ? [`${saved.dropped.length} answer${saved.dropped.length === 1 ? ' was' : 's were'} removed because the survey no longer asks ${saved.dropped.length === 1 ? 'that question' : 'those questions'}.`] : [];
      this.notice = {
        title: 'Important',
        heading:
          saved.fromVersion !== undefined
            ? `The survey has changed since you saved your answers (it was version ${saved.fromVersion}, it is now version ${survey.version}). We kept the answers that still apply.`
            : 'We have restored the answers you saved on this device.',
        lines,
      };
    }
    this.view = restoredView ?? { kind: 'start' };
    this.save();
    this.announce();
  }

  private save(): void {
    const survey = this.loadedSurvey;
    if (survey === undefined) return;
    // Nothing answered, nothing kept: a visit that only looks leaves no trace on the device.
    if (Object.keys(this.answers).length === 0) return clearProgress(this.key);
    const view = this.view;
    const page = view.kind === 'page' ? view.page : view.kind === 'check' ? CHECK_PAGE : view.kind === 'end' ? END_PAGE : undefined;
    saveProgress(survey, this.key, {
      answers: this.answers,
      ...(page !== undefined ? { page } : {}),
      ...(this.responseId !== undefined ? { responseId: this.responseId } : {}),
    });
  }

  private announce(): void {
    const detail = this.view.kind === 'page' ? { view: 'page', page: this.view.page } : { view: this.view.kind };
    this.dispatchEvent(new CustomEvent('poet-page-change', { detail, bubbles: true, composed: true }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.speakTimer);
  }

  private go(view: SurveyView): void {
    // A notice is read once: it stays for the page it was raised for, then goes.
    if (!this.keepNoticeOnce) this.notice = undefined;
    this.keepNoticeOnce = false;
    this.view = view;
    this.errors = [];
    this.typedText.clear();
    this.focusAfterRender = 'heading';
    this.save();
    this.announce();
  }

  /** Sets one answer, re-routes (by re-rendering) and saves. */
  private setAnswer(key: string, value: unknown): void {
    const next = { ...this.answers };
    if (value === undefined) delete next[key];
    else next[key] = value;
    this.answers = next;
    this.pending = undefined;
    this.sendProblem = undefined;
    this.save();
  }

  /**
   * Removes answers that routing no longer asks (runtime `purge`), and tells the respondent
   * which went. Run when leaving a page, not on every click, so a slip of the mouse on an
   * early question does not wipe the pages after it.
   */
  private applyPurge(): void {
    const survey = this.loadedSurvey!;
    const result = purge(survey, this.answers, { today: localDate() });
    if (result.purged.length === 0) return;
    this.answers = result.answers;
    this.keepNoticeOnce = true;
    this.notice = {
      title: 'Important',
      heading: `Because you changed an answer, ${result.purged.length === 1 ? 'one answer no longer applies and was' : `${result.purged.length} answers no longer apply and were`} removed:`,
      lines: result.purged.map((p) => this.describePurged(p)),
    };
  }

  private describePurged(p: PurgedAnswer): string {
    const survey = this.loadedSurvey!;
    const item = survey.items.find((i) => i.id === p.key || ('other' in i && i.other?.key === p.key));
    if (item === undefined) return p.key;
    const words = plainText(item.text);
    if (item.id !== p.key) return `the description you gave for "${words}"`;
    if (p.row !== undefined && item.kind === 'grid') return `"${words}": ${item.rows.find((r) => r.id === p.row)?.label ?? p.row}`;
    return `"${words}"`;
  }

  private validateAll(): readonly ShownError[] | undefined {
    if (this.checker === undefined) return undefined;
    const survey = this.loadedSurvey!;
    return this.checker
      .validate(this.answers, { today: localDate() })
      .errors.map((e) => shownError(survey, e));
  }

  private route(): Route {
    return route(this.loadedSurvey!, this.answers, { today: localDate() });
  }

  private continueFrom(page: string): void {
    this.applyPurge();
    const all = this.validateAll();
    if (all === undefined) return this.showValidatorProblem();
    const r = this.route();
    const onPage = new Set(r.asked.filter((a) => a.page === page).map((a) => a.id));
    const errors = all.filter((e) => e.question !== null && onPage.has(e.question));
    if (errors.length > 0) {
      this.errors = errors;
      this.focusAfterRender = 'error-summary';
      this.save();
      return;
    }
    const survey = this.loadedSurvey!;
    if (this.returnToCheck) {
      // Back from a Change link: on to the first page that still needs answers, else the check page.
      const firstBad = all.find((e) => e.question !== null && r.asked.some((a) => a.id === e.question));
      const badPage = firstBad === undefined ? undefined : r.asked.find((a) => a.id === firstBad.question)?.page;
      const pageOrder = (id: string) => survey.pages.findIndex((p) => p.id === id);
      if (badPage !== undefined && pageOrder(badPage) > pageOrder(page)) return this.go({ kind: 'page', page: badPage });
      if (r.ended === undefined) return this.go({ kind: 'check' });
    }
    const next = nextPage(survey, this.answers, page, { today: localDate() });
    if (next !== undefined) return this.go({ kind: 'page', page: next });
    this.returnToCheck = false;
    this.go(r.ended !== undefined ? { kind: 'end' } : { kind: 'check' });
  }

  private showValidatorProblem(): void {
    this.errors = [];
    this.sendProblem = this.validatorProblem;
    this.focusAfterRender = 'problem';
  }

  private back(): void {
    const survey = this.loadedSurvey!;
    const view = this.view;
    if (view.kind === 'page') {
      this.applyPurge();
      const previous = previousPage(survey, this.answers, view.page, { today: localDate() });
      return this.go(previous === undefined ? { kind: 'start' } : { kind: 'page', page: previous });
    }
    const r = this.route();
    if (view.kind === 'end') {
      const page = r.asked.find((a) => a.id === r.ended?.after)?.page ?? r.pages[r.pages.length - 1];
      return this.go(page === undefined ? { kind: 'start' } : { kind: 'page', page });
    }
    if (view.kind === 'check') {
      const last = r.pages[r.pages.length - 1];
      return this.go(last === undefined ? { kind: 'start' } : { kind: 'page', page: last });
    }
  }

  private beginSurvey(): void {
    this.returnToCheck = false;
    const r = this.route();
    const page = this.loadedSurvey!.pages.find((p) => r.pages.includes(p.id));
    this.go(page === undefined ? { kind: 'check' } : { kind: 'page', page: page.id });
  }

  private change(page: string, question: string): void {
    this.returnToCheck = true;
    this.go({ kind: 'page', page });
    this.focusAfterRender = fieldId(question);
  }

  /** Sends the response: validate, fire `poet-submit`, POST to `action`. A second click while sending does nothing. */
  private async send(): Promise<void> {
    if (this.sending) return;
    const survey = this.loadedSurvey!;
    if (this.pending === undefined) {
      this.applyPurge();
      if (this.checker === undefined) return this.showValidatorProblem();
      this.responseId ??= newResponseId();
      const envelope = makeEnvelope(survey, this.responseId, structuredClone(this.answers));
      const result = this.checker.validateResponse(envelope);
      if (!result.valid) {
        this.errors = result.errors.map((e) => shownError(survey, e));
        this.focusAfterRender = 'error-summary';
        return;
      }
      this.pending = envelope;
      this.save();
    }
    const envelope = this.pending;
    this.sending = true;
    this.sendProblem = undefined;
    this.errors = [];
    try {
      let hostWillSend = false;
      if (this.announcedId !== envelope.id) {
        this.announcedId = envelope.id;
        const event = new CustomEvent('poet-submit', { detail: envelope, bubbles: true, composed: true, cancelable: true });
        hostWillSend = !this.dispatchEvent(event);
      }
      if (this.action && !hostWillSend) {
        const result = await postEnvelope(new URL(this.action, document.baseURI).href, envelope);
        if (!result.ok) {
          this.sendProblem = result.message;
          this.focusAfterRender = 'problem';
          this.dispatchEvent(new CustomEvent('poet-error', { detail: { message: result.message }, bubbles: true, composed: true }));
          return;
        }
        this.dispatchEvent(new CustomEvent('poet-submitted', { detail: { envelope, status: result.status }, bubbles: true, composed: true }));
      }
      const ended = this.route().ended;
      clearProgress(this.key);
      this.pending = undefined;
      this.responseId = undefined;
      this.answers = {};
      this.returnToCheck = false;
      this.view = ended !== undefined ? { kind: 'done', ended: ended.message } : { kind: 'done' };
      this.focusAfterRender = 'heading';
      this.notice = undefined;
      this.announce();
    } finally {
      this.sending = false;
    }
  }

  protected override updated(): void {
    const target = this.focusAfterRender;
    if (target === undefined) return;
    this.focusAfterRender = undefined;
    const root = this.renderRoot as ShadowRoot;
    const element =
      target === 'heading'
        ? root.querySelector<HTMLElement>('h1')
        : target === 'error-summary'
          ? root.querySelector<HTMLElement>('.error-summary')
          : target === 'problem'
            ? root.querySelector<HTMLElement>('.problem')
            : (root.getElementById(target) ?? root.querySelector<HTMLElement>('h1'));
    element?.focus();
  }

  private followError(link: SummaryLink): void {
    const root = this.renderRoot as ShadowRoot;
    const field = root.getElementById(link.target);
    if (field !== null) {
      field.focus();
      field.scrollIntoView({ block: 'center' });
      return;
    }
    // On the check page the field is on its own page: go there (then back to check).
    const r = this.route();
    const question = this.errors.find((e) => fieldId(e.key) === link.target)?.question;
    const page = r.asked.find((a) => a.id === question)?.page;
    if (page !== undefined && question !== null && question !== undefined) this.change(page, question);
  }

  // ---- rendering ------------------------------------------------------------------------

  protected override render(): TemplateResult {
    return html`<div class="poet" part="container" lang=${this.loadedSurvey?.language ?? nothing}>
      ${this.renderView()}
      <div class="visually-hidden" aria-live="polite">${this.spoken}</div>
    </div>`;
  }

  private renderView(): TemplateResult | typeof nothing {
    const view = this.view;
    switch (view.kind) {
      case 'loading':
        return html`<p class="secondary" role="status">Loading the survey…</p>`;
      case 'failed':
        return html`<div class="problem" part="problem" role="alert">
          <h2 class="heading-m">This survey cannot be shown</h2>
          <p>${view.message}</p>
        </div>`;
      case 'start':
        return this.renderStart();
      case 'page':
        return this.renderPage(view.page);
      case 'check':
        return this.renderCheck();
      case 'end':
        return this.renderEnd();
      case 'done':
        return this.renderDone(view.ended);
    }
  }

  private heading(text: string): TemplateResult {
    return html`<span class="caption" part="caption">${this.loadedSurvey!.title}</span>
      <h1 tabindex="-1" part="heading">${text}</h1>`;
  }

  private backLink(): TemplateResult {
    return html`<button type="button" class="back-link" part="back-link" @click=${() => this.back()}>Back</button>`;
  }

  private banner(): TemplateResult | typeof nothing {
    return notificationBanner(this.notice, () => {
      this.notice = undefined;
    });
  }

  private problem(): TemplateResult | typeof nothing {
    const text = this.sendProblem;
    if (text === undefined) return nothing;
    return html`<div class="problem" part="problem" role="alert" tabindex="-1">
      <h2 class="heading-m">There is a problem</h2>
      <p>${text}</p>
      ${this.pending !== undefined ? html`<p>Your answers are still saved on this device.</p>` : nothing}
    </div>`;
  }

  private summary(): TemplateResult | typeof nothing {
    const links = this.errors.map((e) => ({ message: e.summary, target: fieldId(e.key) }));
    return errorSummary(links, (link) => this.followError(link));
  }

  private renderStart(): TemplateResult {
    const survey = this.loadedSurvey!;
    return html`${this.banner()}
      <h1 tabindex="-1" part="heading">${survey.title}</h1>
      ${renderRichText(survey.intro)}
      ${survey.privacy !== undefined ? html`<h2 class="heading-m">How your answers are used</h2>${renderRichText(survey.privacy)}` : nothing}
      ${this.validatorProblem !== undefined ? html`<div class="problem" part="problem" role="alert"><p>${this.validatorProblem}</p></div>` : nothing}
      <div class="button-group">
        <button type="button" class="button button--start" part="button start-button" @click=${() => this.beginSurvey()}>
          ${Object.keys(this.answers).length > 0 ? 'Continue' : 'Start now'}
        </button>
      </div>`;
  }

  private questionContext(): QuestionContext {
    const byKey = new Map<string, string[]>();
    for (const e of this.errors) {
      const list = byKey.get(e.key);
      if (list === undefined) byKey.set(e.key, [e.message]);
      else list.push(e.message);
    }
    return {
      answers: this.answers,
      errors: byKey,
      set: (key, value) => this.setAnswer(key, value),
      typed: (id) => this.typedText.get(id),
      setTyped: (id, text) => void this.typedText.set(id, text),
      announce: (message) => {
        // As GOV.UK's character count: announced once the respondent pauses, not per key.
        clearTimeout(this.speakTimer);
        this.speakTimer = setTimeout(() => (this.spoken = message), 1000);
      },
    };
  }

  private renderPage(pageId: string): TemplateResult {
    const survey = this.loadedSurvey!;
    const page = survey.pages.find((p) => p.id === pageId)!;
    const section = page.section === undefined ? undefined : survey.sections.find((s) => s.id === page.section);
    const r = this.route();
    const asked = new Map(r.asked.filter((a) => a.page === pageId).map((a) => [a.id, a]));
    const info = new Set(r.info);
    const ctx = this.questionContext();
    const done = progress(survey, this.answers, { today: localDate() });
    const items = page.items.map((id) => {
      const a = asked.get(id);
      if (a !== undefined) return renderQuestion(ctx, a);
      if (info.has(id)) {
        const item = survey.items.find((i) => i.id === id)!;
        return html`<div class="info" part="info">${renderRichText(item.text)}</div>`;
      }
      return nothing;
    });
    return html`${this.backLink()} ${this.summary()} ${this.banner()} ${this.problem()}
      <form
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          this.continueFrom(pageId);
        }}
      >
        ${this.heading(page.title)}
        <p class="progress" part="progress">${done.answered} of ${done.expected} required questions answered so far</p>
        ${section?.intro !== undefined ? renderRichText(section.intro) : nothing} ${items}
        <div class="button-group">
          <button type="submit" class="button" part="button">Continue</button>
        </div>
      </form>`;
  }

  private renderCheck(): TemplateResult {
    const survey = this.loadedSurvey!;
    const r = this.route();
    return html`${this.backLink()} ${this.summary()} ${this.banner()} ${this.problem()} ${this.heading('Check your answers before sending them')}
      ${answerSummary(survey, r, this.answers, (page, question) => this.change(page, question))}
      <h2 class="heading-m">Now send your answers</h2>
      <p>By sending your answers you confirm that they are correct to the best of your knowledge.</p>
      ${this.sendButton('Accept and send')}`;
  }

  private sendButton(label: string): TemplateResult {
    const retry = this.pending !== undefined && this.sendProblem !== undefined;
    return html`<div class="button-group">
      <button
        type="button"
        class="button"
        part="button"
        aria-disabled=${this.sending ? 'true' : 'false'}
        @click=${() => void this.send()}
      >
        ${this.sending ? 'Sending…' : retry ? 'Try again' : label}
      </button>
    </div>`;
  }

  private renderEnd(): TemplateResult {
    const r = this.route();
    const ended = r.ended;
    if (ended === undefined) return this.renderCheck();
    const page = this.loadedSurvey!.pages.find((p) => p.id === r.asked.find((a) => a.id === ended.after)?.page);
    return html`${this.backLink()} ${this.summary()} ${this.problem()} ${this.heading(page?.title ?? 'Thank you')}
      ${renderRichText(ended.message)}
      <p>${ended.keepAnswers ? 'Send your answers to finish.' : 'Select Finish to record that you chose not to take part.'}</p>
      ${this.sendButton(ended.keepAnswers ? 'Send your answers' : 'Finish')}`;
  }

  private renderDone(ended: RichText | undefined): TemplateResult {
    const survey = this.loadedSurvey!;
    return html`<div class="panel" part="panel">
        <h1 tabindex="-1" part="heading">${ended === undefined ? 'Your answers have been sent' : 'Thank you'}</h1>
      </div>
      ${ended === undefined ? renderRichText(survey.thanks) : renderRichText(ended)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'poet-survey': PoetSurvey;
  }
  interface HTMLElementEventMap {
    'poet-submit': CustomEvent<ResponseEnvelope>;
    'poet-submitted': CustomEvent<{ envelope: ResponseEnvelope; status: number }>;
    'poet-page-change': CustomEvent<{ view: SurveyView['kind']; page?: string }>;
    'poet-error': CustomEvent<{ message: string }>;
  }
}

