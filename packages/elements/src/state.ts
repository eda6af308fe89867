/**
 * The state of one respondent's way through a survey, without Lit or the DOM (only
 * localStorage, through `storage.ts`), so it can be tested on its own: the answers and their
 * route, where the respondent is, the notice to show, and saving progress on the device.
 *
 * The answers and their route are kept together. A change of one answer routes from the
 * previous route with the runtime's `changeAnswer` (only what that answer can affect is
 * evaluated again); a full `route()` is run only when the answers change in more than one key
 * at once: restoring saved progress, removing answers routing no longer asks, sending. Every
 * navigation, progress and purge call is handed that route (`{ route }`), so nothing routes twice.
 */
import type { CompiledSurvey, RichText } from '@poetkit/compiler/compiled';
import { changeAnswer, localDate, nextPage, previousPage, progress, purge, route, type Progress, type PurgedAnswer, type Route } from '@poetkit/runtime';
import type { Answers } from './answers.js';
import { plainText } from './plain-text.js';
import { CHECK_PAGE, END_PAGE, clearProgress, loadProgress, saveProgress, type RestoredProgress } from './storage.js';

/** Where the respondent is once a survey is shown. */
export type FormView =
  | { readonly kind: 'start' }
  | { readonly kind: 'page'; readonly page: string }
  | { readonly kind: 'check' }
  | { readonly kind: 'end' }
  | { readonly kind: 'done'; readonly ended?: RichText };

/** A notification banner: restored progress, or answers removed after a change. */
export interface Notice {
  readonly title: string;
  readonly heading: string;
  readonly lines?: readonly string[];
}

export class SurveyState {
  private currentAnswers: Readonly<Answers>;
  private currentRoute: Route;
  /** The local date `currentRoute` was routed on: conditions on `today` change at midnight. */
  private routedOn: string;
  private currentView: FormView;
  private currentNotice: Notice | undefined;
  /** The notice was just raised by the action that is navigating: show it on the next page too. */
  private keepNoticeOnce = false;
  /** Set by a Change link on the check page: Continue goes back there once the path is complete. */
  returningToCheck = false;
  /** The response id, made when the respondent first sends, so a reload and a retry keep it. */
  responseId: string | undefined;

  /**
   * @param storageKey the localStorage key progress is saved under (the host may change it).
   * @param onChange called after every change the view shows (the element re-renders).
   */
  constructor(
    readonly survey: CompiledSurvey,
    public storageKey: string,
    private readonly onChange: () => void = () => {},
    saved?: RestoredProgress,
  ) {
    this.currentAnswers = saved?.answers ?? {};
    this.responseId = saved?.responseId;
    this.routedOn = localDate();
    this.currentRoute = route(survey, this.currentAnswers, { today: this.routedOn });
    this.currentView = (saved?.page !== undefined ? this.restoredView(saved.page) : undefined) ?? { kind: 'start' };
    if (saved !== undefined) this.currentNotice = restoredNotice(survey, saved);
  }

  /**
   * The state for `survey` from the progress saved under `storageKey` (a fresh start when
   * nothing usable is saved), saved back at once so an older version's copy is migrated.
   */
  static restore(survey: CompiledSurvey, storageKey: string, onChange?: () => void): SurveyState {
    const state = new SurveyState(survey, storageKey, onChange, loadProgress(survey, storageKey));
    state.save();
    return state;
  }

  /** A saved page, if it is still somewhere the respondent can be with these answers. */
  private restoredView(page: string): FormView | undefined {
    const ended = this.currentRoute.ended !== undefined;
    if (page === CHECK_PAGE) return ended ? undefined : { kind: 'check' };
    if (page === END_PAGE) return ended ? { kind: 'end' } : undefined;
    return this.currentRoute.pages.includes(page) ? { kind: 'page', page } : undefined;
  }

  get answers(): Readonly<Answers> {
    return this.currentAnswers;
  }

  /** The route of the answers (routed again in full when the local date has changed since). */
  get route(): Route {
    const today = localDate();
    if (today !== this.routedOn) {
      this.routedOn = today;
      this.currentRoute = route(this.survey, this.currentAnswers, { today });
    }
    return this.currentRoute;
  }

  get view(): FormView {
    return this.currentView;
  }

  get notice(): Notice | undefined {
    return this.currentNotice;
  }

  get hasAnswers(): boolean {
    return Object.keys(this.currentAnswers).length > 0;
  }

  /** Required questions asked on the path so far, and those answered. */
  get progress(): Progress {
    return progress(this.survey, this.currentAnswers, { route: this.route });
  }

  /** Sets one answer (`undefined` removes it), routes from the previous route and saves. */
  setAnswer(key: string, value: unknown): void {
    const today = localDate();
    // Through the getter: a route of another day is routed in full first (changeAnswer would too).
    const change = changeAnswer(this.survey, this.route, this.currentAnswers, key, value, { today });
    this.currentAnswers = change.answers;
    this.currentRoute = change.route;
    this.save();
    this.onChange();
  }

  /** Replaces every answer at once (a full route). */
  private replaceAnswers(answers: Readonly<Answers>): void {
    this.currentAnswers = answers;
    this.routedOn = localDate();
    this.currentRoute = route(this.survey, answers, { today: this.routedOn });
  }

  /**
   * Removes answers that routing no longer asks (runtime `purge`), and tells the respondent
   * which went, on the page they go to next. Run when leaving a page, not on every click, so a
   * slip of the mouse on an early question does not wipe the pages after it.
   */
  purgeUnasked(): void {
    const result = purge(this.survey, this.currentAnswers, { route: this.route });
    if (result.purged.length === 0) return;
    this.replaceAnswers(result.answers);
    this.keepNoticeOnce = true;
    const count = result.purged.length;
    this.currentNotice = {
      title: 'Important',
      heading: `Because you changed an answer, ${count === 1 ? 'one answer no longer applies and was' : `${count} answers no longer apply and were`} removed:`,
      lines: result.purged.map((p) => this.describePurged(p)),
    };
    this.onChange();
  }

  private describePurged(p: PurgedAnswer): string {
    const item = this.survey.items.find((i) => i.id === p.key || ('other' in i && i.other?.key === p.key));
    if (item === undefined) return p.key;
    const words = plainText(item.text);
    if (item.id !== p.key) return `the description you gave for "${words}"`;
    if (p.row !== undefined && item.kind === 'grid') return `"${words}": ${item.rows.find((r) => r.id === p.row)?.label ?? p.row}`;
    return `"${words}"`;
  }

  dismissNotice(): void {
    this.currentNotice = undefined;
    this.onChange();
  }

  /** Moves to `view` and saves. A notice is read once: it stays for the page it was raised for, then goes. */
  show(view: FormView): void {
    if (!this.keepNoticeOnce) this.currentNotice = undefined;
    this.keepNoticeOnce = false;
    this.currentView = view;
    this.save();
    this.onChange();
  }

  /** The first page with something asked, or the check page when there is none. */
  firstView(): FormView {
    const shown = this.route.pages;
    const page = this.survey.pages.find((p) => shown.includes(p.id));
    return page === undefined ? { kind: 'check' } : { kind: 'page', page: page.id };
  }

  /** The questions asked on `page`, in order. */
  askedOn(page: string): Route['asked'] {
    return this.route.asked.filter((a) => a.page === page);
  }

  /** The page `question` is asked on, if it is asked. */
  pageOf(question: string): string | undefined {
    return this.route.asked.find((a) => a.id === question)?.page;
  }

  /**
   * Where Continue on `page` leads, once that page has no errors. `problemQuestions` are the
   * questions the validator finds a problem with anywhere (in survey order): back from a Change
   * link, the respondent goes on to the first later page that still needs answers, else to the
   * check page. Leaving the last page of the path ends any return to the check page.
   */
  viewAfter(page: string, problemQuestions: readonly (string | null)[]): FormView {
    const r = this.route;
    if (this.returningToCheck) {
      const firstBad = problemQuestions.find((q) => q !== null && r.asked.some((a) => a.id === q));
      const badPage = firstBad === undefined || firstBad === null ? undefined : this.pageOf(firstBad);
      const pageOrder = (id: string) => this.survey.pages.findIndex((p) => p.id === id);
      if (badPage !== undefined && pageOrder(badPage) > pageOrder(page)) return { kind: 'page', page: badPage };
      if (r.ended === undefined) return { kind: 'check' };
    }
    const next = nextPage(this.survey, this.currentAnswers, page, { route: r });
    if (next !== undefined) return { kind: 'page', page: next };
    this.returningToCheck = false;
    return r.ended !== undefined ? { kind: 'end' } : { kind: 'check' };
  }

  /** Where Back leads from the current view (the start page from the first page); none from start or done. */
  viewBefore(): FormView | undefined {
    const view = this.currentView;
    const r = this.route;
    let page: string | undefined;
    if (view.kind === 'page') page = previousPage(this.survey, this.currentAnswers, view.page, { route: r });
    else if (view.kind === 'end') page = r.asked.find((a) => a.id === r.ended?.after)?.page ?? r.pages[r.pages.length - 1];
    else if (view.kind === 'check') page = r.pages[r.pages.length - 1];
    else return undefined;
    return page === undefined ? { kind: 'start' } : { kind: 'page', page };
  }

  /**
   * The response was sent: the saved progress goes, the answers are cleared and the
   * confirmation is shown (with the end rule's message when the survey ended early).
   */
  finish(): void {
    const ended = this.route.ended;
    clearProgress(this.storageKey);
    this.responseId = undefined;
    this.returningToCheck = false;
    this.replaceAnswers({});
    this.currentNotice = undefined;
    this.keepNoticeOnce = false;
    this.currentView = ended !== undefined ? { kind: 'done', ended: ended.message } : { kind: 'done' };
    this.onChange();
  }

  /** Saves the answers, the page and the response id on the device. */
  save(): void {
    // Nothing answered, nothing kept: a visit that only looks leaves no trace on the device.
    if (!this.hasAnswers) return clearProgress(this.storageKey);
    const view = this.currentView;
    const page = view.kind === 'page' ? view.page : view.kind === 'check' ? CHECK_PAGE : view.kind === 'end' ? END_PAGE : undefined;
    saveProgress(this.survey, this.storageKey, {
      answers: this.currentAnswers,
      ...(page !== undefined ? { page } : {}),
      ...(this.responseId !== undefined ? { responseId: this.responseId } : {}),
    });
  }
}

/** What the respondent is told when saved answers are restored (nothing when nothing was saved). */
function restoredNotice(survey: CompiledSurvey, saved: RestoredProgress): Notice | undefined {
  const dropped = saved.dropped.length;
  if (Object.keys(saved.answers).length + dropped === 0) return undefined;
  const lines = dropped > 0 ? [`${dropped} answer${dropped === 1 ? ' was' : 's were'} removed because the survey no longer asks ${dropped === 1 ? 'that question' : 'those questions'}.`] : [];
  return {
    title: 'Important',
    heading:
      saved.fromVersion !== undefined
        ? `The survey has changed since you saved your answers (it was version ${saved.fromVersion}, it is now version ${survey.version}). We kept the answers that still apply.`
        : 'We have restored the answers you saved on this device.',
    lines,
  };
}
