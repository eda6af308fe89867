/**
 * Helpers for the <poet-survey> browser tests: mounting the element on a compiled example
 * (written by prepare.mjs into test-browser/build/), reading its shadow DOM, acting as a mouse
 * user (DOM clicks) or as a keyboard-only user (real key presses through `sendKeys`).
 */
import { sendKeys } from '@web/test-runner-commands';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import { route } from '@poetkit/runtime';
import type { PoetSurvey } from '../src/index.js';
import { dateParts } from '../src/answers.js';
import '../src/index.js';

/** test-browser/build/ (from dist/test-browser/). */
export const BUILD = new URL('../../test-browser/build/', import.meta.url).href;

export const EXAMPLE_IDS = ['parent_ehc', 'practitioner_ehc', 'adult_social_care', 'carer', 'health_phb', 'streamlined_555'] as const;
export type ExampleId = (typeof EXAMPLE_IDS)[number];

export interface RespondentPath {
  readonly name: string;
  readonly answers: Record<string, unknown>;
  readonly asked: readonly string[];
}

export interface ValidatorModule {
  validate(answers: unknown, options?: { today?: string }): { valid: boolean; errors: { question: string | null; path: string; message: string }[] };
  validateResponse(response: unknown): { valid: boolean; errors: { question: string | null; path: string; message: string }[] };
}

export async function loadJson<T>(name: string): Promise<T> {
  const response = await fetch(new URL(name, BUILD));
  if (!response.ok) throw new Error(`${name}: ${response.status} (did prepare.mjs run?)`);
  return (await response.json()) as T;
}

export const loadSurvey = (id: string) => loadJson<CompiledSurvey>(`${id}.survey.json`);
export const loadPaths = (id: string) => loadJson<RespondentPath[]>(`${id}.paths.json`);
export const loadValidator = async (id: string) => (await import(new URL(`${id}.validator.js`, BUILD).href)) as ValidatorModule;

const mounted: HTMLElement[] = [];

/** Wait (polling) until `condition` holds; fails with `what` after `timeout` ms. */
export async function until(condition: () => boolean, what: string, timeout = 15000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface MountOptions {
  readonly action?: string;
  readonly storageKey?: string;
  readonly validator?: string;
  /** Keep what localStorage holds (default: clear it first). */
  readonly keepStorage?: boolean;
}

/** Mounts `<poet-survey src="BUILD/<id>.survey.json">` and waits until the survey is shown. */
export async function mount(id: string, options: MountOptions = {}): Promise<PoetSurvey> {
  if (options.keepStorage !== true) localStorage.clear();
  const el = document.createElement('poet-survey');
  el.setAttribute('src', new URL(`${id}.survey.json`, BUILD).href);
  if (options.action !== undefined) el.setAttribute('action', options.action);
  if (options.storageKey !== undefined) el.setAttribute('storage-key', options.storageKey);
  if (options.validator !== undefined) el.setAttribute('validator', options.validator);
  document.body.append(el);
  mounted.push(el);
  await until(() => el.currentView.kind !== 'loading', `${id} to load`);
  await el.updateComplete;
  return el;
}

/** Removes every mounted element (call from afterEach). */
export function unmountAll(): void {
  for (const el of mounted.splice(0)) el.remove();
}

export const root = (el: PoetSurvey) => el.shadowRoot!;
export const $ = <T extends Element = HTMLElement>(el: PoetSurvey, selector: string) => root(el).querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: PoetSurvey, selector: string) => [...root(el).querySelectorAll<T>(selector)];
export const headingText = (el: PoetSurvey) => $(el, 'h1')?.textContent?.trim() ?? '';
export const text = (el: PoetSurvey) => root(el).textContent?.replace(/\s+/g, ' ') ?? '';
export const pageOf = (el: PoetSurvey) => {
  const v = el.currentView;
  return v.kind === 'page' ? v.page : v.kind;
};

function button(el: PoetSurvey, label: RegExp): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(el, 'button').find((b) => label.test(b.textContent?.trim() ?? ''));
  if (found === undefined) throw new Error(`no button ${label} on ${pageOf(el)}: ${$$(el, 'button').map((b) => b.textContent?.trim()).join(', ')}`);
  return found;
}

// ---- mouse user ---------------------------------------------------------------------------

export async function press(el: PoetSurvey, label: RegExp): Promise<void> {
  button(el, label).click();
  await el.updateComplete;
}

export const start = (el: PoetSurvey) => press(el, /^(Start now|Continue)$/);
export const next = (el: PoetSurvey) => press(el, /^Continue$/);
export const back = (el: PoetSurvey) => press(el, /^Back$/);

/** Clicks the radio or checkbox of `name` with `value`. */
export async function pick(el: PoetSurvey, name: string, value: string): Promise<void> {
  const input = $$<HTMLInputElement>(el, `input[name="${name}"]`).find((i) => i.value === value);
  if (input === undefined) throw new Error(`no option ${value} of ${name} on ${pageOf(el)}`);
  input.click();
  await el.updateComplete;
}

/** Types into a text field as `input` events do (replacing what is there). */
export async function fill(el: PoetSurvey, id: string, value: string): Promise<void> {
  const field = root(el).getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null;
  if (field === null) throw new Error(`no field #${id} on ${pageOf(el)}`);
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

export function checkedValues(el: PoetSurvey, name: string): string[] {
  return $$<HTMLInputElement>(el, `input[name="${name}"]`)
    .filter((i) => i.checked)
    .map((i) => i.value);
}

export function optionValues(el: PoetSurvey, name: string): string[] {
  return $$<HTMLInputElement>(el, `input[name="${name}"]`).map((i) => i.value);
}

// ---- keyboard user ------------------------------------------------------------------------

/** The focused element, looking inside shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Presses Tab until the focused element matches; fails after `limit` presses. */
export async function tabTo(match: (e: Element) => boolean, what: string, limit = 400): Promise<Element> {
  for (let i = 0; i < limit; i++) {
    const active = deepActive();
    if (active !== null && match(active)) return active;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what}`);
}

export const key = (press: string) => sendKeys({ press });
export const typeKeys = (type: string) => sendKeys({ type });

/** Tabs to the button with this label and presses Enter. */
export async function keyButton(el: PoetSurvey, label: RegExp): Promise<void> {
  await tabTo((e) => e instanceof HTMLButtonElement && label.test(e.textContent?.trim() ?? ''), `button ${label}`);
  await key('Enter');
  await el.updateComplete;
}

/** Chooses `value` in the radio group `name` with the arrow keys (Tab lands on the group first). */
export async function keyRadio(el: PoetSurvey, name: string, value: string): Promise<void> {
  const active = (await tabTo((e) => e instanceof HTMLInputElement && e.type === 'radio' && e.name === name, `radio group ${name}`)) as HTMLInputElement;
  const values = optionValues(el, name);
  const from = values.indexOf(active.value);
  const to = values.indexOf(value);
  if (to < 0) throw new Error(`${name} offers no ${value} (offers ${values.join(', ')})`);
  if (from === to) {
    if (!active.checked) await key('Space');
  } else {
    for (let i = 0; i < Math.abs(to - from); i++) await key(to > from ? 'ArrowDown' : 'ArrowUp');
  }
  await el.updateComplete;
  if (!checkedValues(el, name).includes(value)) throw new Error(`arrow keys did not choose ${value} in ${name}`);
}

/** Ticks the checkbox `value` of `name` with Tab and Space. */
export async function keyCheckbox(el: PoetSurvey, name: string, value: string): Promise<void> {
  await tabTo((e) => e instanceof HTMLInputElement && e.type === 'checkbox' && e.name === name && e.value === value, `checkbox ${name}=${value}`);
  await key('Space');
  await el.updateComplete;
}

/** Tabs to the field with this id and types `value`. */
export async function keyType(el: PoetSurvey, id: string, value: string): Promise<void> {
  await tabTo((e) => e.id === id, `field #${id}`);
  if (value !== '') await typeKeys(value);
  await el.updateComplete;
}

// ---- a mouse user answering a whole page -------------------------------------------------

/** Answers one page's questions from `answers` by clicking and filling, in page order. */
export async function fillPage(el: PoetSurvey, survey: CompiledSurvey, page: string, answers: Record<string, unknown>): Promise<void> {
  for (const a of route(survey, answers).asked.filter((x) => x.page === page)) {
    const value = answers[a.id];
    if (value === undefined) continue;
    const q = a.question;
    if (q.kind === 'consent' || q.kind === 'single') await pick(el, a.id, value as string);
    else if (q.kind === 'multi') {
      for (const v of value as string[]) if (!checkedValues(el, a.id).includes(v)) await pick(el, a.id, v);
    } else if (q.kind === 'grid') for (const [row, choice] of Object.entries(value as Record<string, string>)) await pick(el, `${a.id}/${row}`, choice);
    else if (q.kind === 'date') {
      const parts = dateParts(value);
      await fill(el, `f-${a.id}`, parts.day);
      await fill(el, `f-${a.id}-month`, parts.month);
      await fill(el, `f-${a.id}-year`, parts.year);
    } else await fill(el, `f-${a.id}`, String(value));
    if (a.otherKey !== undefined && typeof answers[a.otherKey] === 'string') {
      await el.updateComplete;
      await fill(el, `f-${a.otherKey}`, answers[a.otherKey] as string);
    }
  }
}

/** Walks pages with the mouse, answering from `answers`, until `stop(page)` or the pages run out. */
export async function walk(el: PoetSurvey, survey: CompiledSurvey, answers: Record<string, unknown>, stop: (page: string) => boolean = () => false, onPage?: (page: string) => Promise<void>): Promise<void> {
  if (el.currentView.kind === 'start') await start(el);
  for (let guard = 0; el.currentView.kind === 'page' && guard < 50; guard++) {
    const page = pageOf(el);
    if (stop(page)) return;
    await fillPage(el, survey, page, answers);
    if (onPage !== undefined) await onPage(page);
    await next(el);
    if (pageOf(el) === page) throw new Error(`Continue on ${page} left errors: ${$(el, '.error-summary')?.textContent?.replace(/\s+/g, ' ')}`);
  }
}
