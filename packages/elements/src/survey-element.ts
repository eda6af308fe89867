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
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import { localDate } from '@poetkit/runtime';
import { shownError, surveyProblem, type ShownError } from './errors.js';
import { fieldId, type QuestionContext } from './render/questions.js';
import type { SummaryLink } from './render/pages.js';
import { renderFormView, type ViewActions } from './render/views.js';
import { SurveyState, type FormView } from './state.js';
import { storageKey } from './storage.js';
import { makeEnvelope, newResponseId, postEnvelope, type ResponseEnvelope } from './submit.js';
import { surveyStyles } from './styles.js';
import { defaultValidatorUrl, loadValidator, type StandaloneValidator } from './validator.js';

/** Before a survey is shown: loading it, or it could not be shown. */
type LoadStatus = { readonly kind: 'loading' } | { readonly kind: 'failed'; readonly message: string };

export type SurveyView = LoadStatus | FormView;

export class PoetSurvey extends LitElement {
  static override styles = surveyStyles;

  static override properties = {
    src: { type: String },
    survey: { attribute: false },
    validator: { type: String },
    action: { type: String },
    storageKey: { type: String, attribute: 'storage-key' },
    loadStatus: { state: true },
    state: { state: true },
    errors: { state: true },
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

  /** Set while a survey loads or when it cannot be shown; otherwise `state` says what to show. */
  protected loadStatus: LoadStatus | undefined = { kind: 'loading' };
  /** The answers, their route and the view, for the survey loaded last (it re-renders this element). */
  protected state: SurveyState | undefined;
  protected errors: readonly ShownError[] = [];
  protected sendProblem: string | undefined;
  protected sending = false;
  protected validatorProblem: string | undefined;
  /** What the polite live region says: a character count, once typing pauses. */
  protected spoken = '';

  private checker: StandaloneValidator | undefined;
  /** The envelope of a send that failed: Retry resends exactly this. */
  private pending: ResponseEnvelope | undefined;
  /** Fired `poet-submit` for this response id already. */
  private announcedId: string | undefined;
  private typedText = new Map<string, string>();
  private loadToken = 0;
  private speakTimer: ReturnType<typeof setTimeout> | undefined;
  /** What to focus after the next render: the page heading, the error summary or a field. */
  private focusAfterRender: string | undefined;
  /** The survey object the current state was built for. */
  private loadedSurvey: CompiledSurvey | undefined;

  /** The current view (for tests and hosts). */
  get currentView(): SurveyView {
    return this.loadStatus ?? this.state?.view ?? { kind: 'loading' };
  }

  /** A copy of the answers so far. */
  get currentAnswers(): Record<string, unknown> {
    return structuredClone(this.state?.answers ?? {});
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('storageKey') && this.state !== undefined) this.state.storageKey = this.key;
    if (changed.has('src') && this.src && (this.survey === undefined || this.survey === this.loadedSurvey)) {
      void this.loadFromSrc(this.src);
    } else if (changed.has('survey') && this.survey !== undefined && this.survey !== this.loadedSurvey) {
      void this.start(this.survey);
    } else if (changed.has('validator') && this.loadedSurvey !== undefined) {
      void this.start(this.loadedSurvey);
    }
  }

  private fail(message: string): void {
    this.loadStatus = { kind: 'failed', message };
    this.dispatchEvent(new CustomEvent('poet-error', { detail: { message }, bubbles: true, composed: true }));
  }

  private async loadFromSrc(src: string): Promise<void> {
    const token = ++this.loadToken;
    this.loadStatus = { kind: 'loading' };
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
    this.errors = [];
    this.pending = undefined;
    this.sendProblem = undefined;
    this.typedText.clear();
    this.state = SurveyState.restore(survey, this.key, () => this.requestUpdate());
    this.loadStatus = undefined;
    this.announce();
  }

  private get key(): string {
    return this.storageKey || storageKey(this.loadedSurvey!);
  }

  private announce(): void {
    const view = this.currentView;
    const detail = view.kind === 'page' ? { view: 'page', page: view.page } : { view: view.kind };
    this.dispatchEvent(new CustomEvent('poet-page-change', { detail, bubbles: true, composed: true }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.speakTimer);
  }

  private go(view: FormView): void {
    this.errors = [];
    this.typedText.clear();
    this.focusAfterRender = 'heading';
    this.state!.show(view);
    this.announce();
  }

  /** Sets one answer: the state routes from the previous route and saves; a failed send is forgotten. */
  private setAnswer(key: string, value: unknown): void {
    this.pending = undefined;
    this.sendProblem = undefined;
    this.state!.setAnswer(key, value);
  }

  private validateAll(): readonly ShownError[] | undefined {
    if (this.checker === undefined) return undefined;
    const state = this.state!;
    return this.checker.validate(state.answers, { today: localDate() }).errors.map((e) => shownError(state.survey, e));
  }

  private continueFrom(page: string): void {
    const state = this.state!;
    state.purgeUnasked();
    const all = this.validateAll();
    if (all === undefined) return this.showValidatorProblem();
    const onPage = new Set(state.askedOn(page).map((a) => a.id));
    const errors = all.filter((e) => e.question !== null && onPage.has(e.question));
    if (errors.length > 0) {
      this.errors = errors;
      this.focusAfterRender = 'error-summary';
      state.save();
      return;
    }
    this.go(state.viewAfter(page, all.map((e) => e.question)));
  }

  private showValidatorProblem(): void {
    this.errors = [];
    this.sendProblem = this.validatorProblem;
    this.focusAfterRender = 'problem';
  }

  private back(): void {
    const state = this.state!;
    // Leaving a page by Back removes what no longer applies, as Continue does.
    if (state.view.kind === 'page') state.purgeUnasked();
    const previous = state.viewBefore();
    if (previous !== undefined) this.go(previous);
  }

  private beginSurvey(): void {
    const state = this.state!;
    state.returningToCheck = false;
    this.go(state.firstView());
  }

  private change(page: string, question: string): void {
    this.state!.returningToCheck = true;
    this.go({ kind: 'page', page });
    this.focusAfterRender = fieldId(question);
  }

  /** Sends the response: validate, fire `poet-submit`, POST to `action`. A second click while sending does nothing. */
  private async send(): Promise<void> {
    if (this.sending) return;
    const state = this.state!;
    const survey = state.survey;
    if (this.pending === undefined) {
      state.purgeUnasked();
      if (this.checker === undefined) return this.showValidatorProblem();
      state.responseId ??= newResponseId();
      const envelope = makeEnvelope(survey, state.responseId, structuredClone(state.answers));
      const result = this.checker.validateResponse(envelope);
      if (!result.valid) {
        this.errors = result.errors.map((e) => shownError(survey, e));
        this.focusAfterRender = 'error-summary';
        return;
      }
      this.pending = envelope;
      state.save();
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
      this.pending = undefined;
      state.finish();
      this.focusAfterRender = 'heading';
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
    const question = this.errors.find((e) => fieldId(e.key) === link.target)?.question;
    if (question === null || question === undefined) return;
    const page = this.state!.pageOf(question);
    if (page !== undefined) this.change(page, question);
  }

  // ---- rendering ------------------------------------------------------------------------

  protected override render(): TemplateResult {
    return html`<div class="poet" part="container" lang=${this.loadedSurvey?.language ?? nothing}>
      ${this.renderView()}
      <div class="visually-hidden" aria-live="polite">${this.spoken}</div>
    </div>`;
  }

  private renderView(): TemplateResult {
    const status = this.loadStatus;
    if (status?.kind === 'failed') {
      return html`<div class="problem" part="problem" role="alert">
        <h2 class="heading-m">This survey cannot be shown</h2>
        <p>${status.message}</p>
      </div>`;
    }
    const state = this.state;
    if (status !== undefined || state === undefined) return html`<p class="secondary" role="status">Loading the survey…</p>`;
    return renderFormView(
      {
        state,
        errors: this.errors,
        sendProblem: this.sendProblem,
        sendPending: this.pending !== undefined,
        sending: this.sending,
        validatorProblem: this.validatorProblem,
        questions: () => this.questionContext(),
        actions: this.actions,
      },
      state.view,
    );
  }

  /** What the respondent's clicks in a view do. */
  private readonly actions: ViewActions = {
    back: () => this.back(),
    begin: () => this.beginSurvey(),
    continueFrom: (page) => this.continueFrom(page),
    change: (page, question) => this.change(page, question),
    send: () => void this.send(),
    followError: (link) => this.followError(link),
  };

  private questionContext(): QuestionContext {
    const byKey = new Map<string, string[]>();
    for (const e of this.errors) {
      const list = byKey.get(e.key);
      if (list === undefined) byKey.set(e.key, [e.message]);
      else list.push(e.message);
    }
    return {
      answers: this.state!.answers,
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

