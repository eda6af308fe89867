/**
 * One template per question kind, following the GOV.UK Design System patterns: a form group
 * per question; a fieldset with the question as legend for every choice group, grid row and
 * date; hints and errors tied to the field with `aria-describedby`; the error message above the
 * field with a hidden "Error:" prefix, so meaning never rests on colour.
 *
 * Ids (all inside the element's one shadow root): `f-<key>` is the first control of an answer
 * key (what an error-summary link focuses), `h-<id>` a hint, `e-<key>` an error message.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { AskedItem } from '@poetkit/runtime';
import type { ChoiceQuestion, CompiledOption, DateQuestion, GridQuestion, NumberQuestion, TextQuestion } from '@poetkit/compiler/compiled';
import { codePoints } from '@poetkit/runtime';
import { dateAnswer, dateParts, gridRows, isBlank, numberAnswer, own, ticked, type Answers } from '../answers.js';
import { renderInlineText, renderRichText } from './rich-text.js';

export interface QuestionContext {
  readonly answers: Readonly<Answers>;
  /** Error messages by answer key (`q`, `q_other`) or grid row (`grid/row`). */
  readonly errors: ReadonlyMap<string, readonly string[]>;
  /** Sets an answer (`undefined` removes it); the form re-routes and saves. */
  set(key: string, value: unknown): void;
  /**
   * The text typed in a field on this page, if any. A field shows what was typed rather than
   * the answer made from it, so "1." or "05" are not rewritten under the respondent's cursor.
   */
  typed(fieldId: string): string | undefined;
  setTyped(fieldId: string, text: string): void;
  /** Says `message` in the element's polite live region once typing pauses. */
  announce(message: string): void;
}

/** A grid row's error key. */
export const rowKey = (grid: string, row: string) => `${grid}/${row}`;

/** The id of the first control of an answer key: what an error-summary link moves focus to. */
export const fieldId = (key: string) => `f-${key.replace('/', '-')}`;

function describedBy(...ids: (string | false | undefined)[]): string | typeof nothing {
  const list = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return list.length === 0 ? nothing : list.join(' ');
}

function errorMessage(ctx: QuestionContext, key: string): { id: string | undefined; template: TemplateResult | typeof nothing } {
  const messages = ctx.errors.get(key);
  if (messages === undefined || messages.length === 0) return { id: undefined, template: nothing };
  const id = `e-${key.replace('/', '-')}`;
  return {
    id,
    template: html`<p class="error-message" id=${id} part="error-message">
      ${messages.map((m, i) => html`${i > 0 ? html`<br />` : nothing}<span class="visually-hidden">Error:</span> ${m}`)}
    </p>`,
  };
}

function numberPrefix(q: { number?: string }) {
  return q.number === undefined ? nothing : html`<span class="number">${q.number}.</span> `;
}

function hint(q: { id: string; hint?: AskedItem['question']['hint'] }): { id: string | undefined; template: TemplateResult | typeof nothing } {
  if (q.hint === undefined) return { id: undefined, template: nothing };
  const id = `h-${q.id}`;
  return { id, template: html`<div class="hint" id=${id} part="hint">${renderRichText(q.hint)}</div>` };
}

function optionalTag(q: { required: boolean }) {
  return q.required ? nothing : html` <span class="optional">(optional)</span>`;
}

function group(hasError: boolean, content: TemplateResult): TemplateResult {
  return html`<div class="form-group ${hasError ? 'form-group--error' : ''}" part="form-group">${content}</div>`;
}

function questionHeading(q: ChoiceQuestion | GridQuestion | DateQuestion) {
  return html`${numberPrefix(q)}${renderInlineText(q.text)}${optionalTag(q)}`;
}

// ---- single, consent, multi -------------------------------------------------------------

function otherReveal(ctx: QuestionContext, q: ChoiceQuestion, a: AskedItem, option: CompiledOption, chosen: boolean) {
  if (!option.specify || !chosen || a.otherKey === undefined || q.other === undefined) return nothing;
  const key = a.otherKey;
  const error = errorMessage(ctx, key);
  const value = own(ctx.answers, key);
  return html`<div class="conditional ${error.id ? 'form-group--error' : ''}" id=${`c-${key}`}>
    <label class="label" for=${fieldId(key)} part="label">Please describe</label>
    ${error.template}
    <input
      class="input ${error.id ? 'input--error' : ''}"
      part="input"
      id=${fieldId(key)}
      name=${key}
      type="text"
      spellcheck="true"
      .value=${ctx.typed(fieldId(key)) ?? (typeof value === 'string' ? value : '')}
      aria-describedby=${describedBy(error.id)}
      @input=${(e: Event) => {
        const text = (e.target as HTMLInputElement).value;
        ctx.setTyped(fieldId(key), text);
        ctx.set(key, isBlank(text) ? undefined : text);
      }}
    />
  </div>`;
}

function renderChoice(ctx: QuestionContext, a: AskedItem, q: ChoiceQuestion): TemplateResult {
  const options = a.options ?? q.options;
  const value = own(ctx.answers, q.id);
  const error = errorMessage(ctx, q.id);
  const h = hint(q);
  const multi = q.kind === 'multi';
  const chosen = multi ? ticked(value) : typeof value === 'string' ? [value] : [];
  const exclusives = multi ? options.filter((o) => o.exclusive) : [];
  const ordinary = multi ? options.filter((o) => !o.exclusive) : options;

  const onChange = (option: CompiledOption, checked: boolean) => {
    if (!multi) return ctx.set(q.id, option.value);
    // Ticking an exclusive option clears the others, and ticking any other clears it.
    let next = option.exclusive
      ? checked ? [option.value] : []
      : checked ? [...chosen.filter((v) => !exclusives.some((x) => x.value === v)), option.value] : chosen.filter((v) => v !== option.value);
    next = options.map((o) => o.value).filter((v) => next.includes(v));
    ctx.set(q.id, next.length === 0 ? undefined : next);
  };

  const item = (option: CompiledOption, index: number) => {
    const id = index === 0 ? fieldId(q.id) : `${fieldId(q.id)}-${index}`;
    const isChosen = chosen.includes(option.value);
    return html`<div class="choice" part=${multi ? 'checkbox' : 'radio'}>
        <input
          class="choice__input"
          id=${id}
          name=${q.id}
          type=${multi ? 'checkbox' : 'radio'}
          .value=${option.value}
          .checked=${isChosen}
          aria-controls=${option.specify && a.otherKey !== undefined ? `c-${a.otherKey}` : nothing}
          @change=${(e: Event) => onChange(option, (e.target as HTMLInputElement).checked)}
        />
        <label class="label choice__label" for=${id}>${option.label}</label>
      </div>
      ${otherReveal(ctx, q, a, option, isChosen)}`;
  };

  let index = 0;
  const choices = html`${ordinary.map((o) => item(o, index++))}
  ${exclusives.length > 0 ? html`<div class="divider" part="divider">or</div>${exclusives.map((o) => item(o, index++))}` : nothing}`;

  return group(
    error.id !== undefined || ctx.errors.has(q.other?.key ?? '\u0000'),
    html`<fieldset class="fieldset" aria-describedby=${describedBy(h.id, error.id)}>
      <legend class="legend" part="legend">${questionHeading(q)}</legend>
      ${h.template}
      ${error.template}
      <div class=${multi ? 'checkboxes' : 'radios'}>${choices}</div>
    </fieldset>`,
  );
}

// ---- grid -------------------------------------------------------------------------------

function renderGrid(ctx: QuestionContext, a: AskedItem, q: GridQuestion): TemplateResult {
  const value = gridRows(own(ctx.answers, q.id));
  const error = errorMessage(ctx, q.id);
  const h = hint(q);
  const rows = q.rows.filter((r) => a.rows === undefined || a.rows.includes(r.id));
  const setRow = (row: string, choice: string) => {
    const next: Record<string, unknown> = {};
    // Keep only rows that are shown, in row order.
    for (const r of rows) {
      const v = r.id === row ? choice : value[r.id];
      if (v !== undefined) next[r.id] = v;
    }
    ctx.set(q.id, next);
  };
  let anyRowError = false;
  const body = rows.map((row, rowIndex) => {
    const key = rowKey(q.id, row.id);
    const rowError = errorMessage(ctx, key);
    if (rowError.id !== undefined) anyRowError = true;
    return html`<fieldset class="fieldset grid-row ${rowError.id ? 'grid-row--error' : ''}" part="grid-row" aria-describedby=${describedBy(rowError.id)}>
      <legend class="legend grid-row__legend" part="legend">${row.label}</legend>
      ${rowError.template}
      <div class="radios radios--inline">
        ${q.scale.map((option, i) => {
          const id = rowIndex === 0 && i === 0 ? fieldId(q.id) : i === 0 ? fieldId(key) : `${fieldId(key)}-${i}`;
          return html`<div class="choice" part="radio">
            <input
              class="choice__input"
              id=${id}
              name=${key}
              type="radio"
              .value=${option.value}
              .checked=${value[row.id] === option.value}
              @change=${() => setRow(row.id, option.value)}
            />
            <label class="label choice__label" for=${id}>${option.label}</label>
          </div>`;
        })}
      </div>
    </fieldset>`;
  });
  return group(
    error.id !== undefined || anyRowError,
    html`<fieldset class="fieldset" aria-describedby=${describedBy(h.id, error.id)}>
      <legend class="legend" part="legend">${questionHeading(q)}</legend>
      ${h.template} ${error.template} ${body}
    </fieldset>`,
  );
}

// ---- text, long text, number ------------------------------------------------------------

function characterCount(left: number): string {
  return left >= 0 ? `You have ${left} character${left === 1 ? '' : 's'} remaining` : `You have ${-left} character${left === -1 ? '' : 's'} too many`;
}

function renderText(ctx: QuestionContext, q: TextQuestion): TemplateResult {
  const value = own(ctx.answers, q.id);
  const text = ctx.typed(fieldId(q.id)) ?? (typeof value === 'string' ? value : '');
  const error = errorMessage(ctx, q.id);
  const h = hint(q);
  const countId = `n-${q.id}`;
  const onInput = (e: Event) => {
    const typed = (e.target as HTMLInputElement | HTMLTextAreaElement).value;
    ctx.setTyped(fieldId(q.id), typed);
    ctx.set(q.id, isBlank(typed) ? undefined : typed);
    ctx.announce(characterCount(q.maxLength - codePoints(typed)));
  };
  const left = q.maxLength - codePoints(text);
  const cls = `${q.kind === 'long_text' ? 'textarea' : 'input'} ${error.id ? 'input--error' : ''}`;
  const describe = describedBy(h.id, error.id, countId);
  const field =
    q.kind === 'long_text'
      ? html`<textarea class=${cls} part="input" id=${fieldId(q.id)} name=${q.id} rows="5" spellcheck="true" .value=${text} aria-describedby=${describe} @input=${onInput}></textarea>`
      : html`<input class=${cls} part="input" id=${fieldId(q.id)} name=${q.id} type="text" spellcheck="true" .value=${text} aria-describedby=${describe} @input=${onInput} />`;
  return group(
    error.id !== undefined,
    html`<label class="label label--question" for=${fieldId(q.id)} part="label">${numberPrefix(q)}${renderInlineText(q.text)}${optionalTag(q)}</label>
      ${h.template} ${error.template} ${field}
      <div class="hint character-count ${left < 0 ? 'character-count--over' : ''}" id=${countId}>${characterCount(left)}</div>`,
  );
}

function renderNumber(ctx: QuestionContext, q: NumberQuestion): TemplateResult {
  const value = own(ctx.answers, q.id);
  const error = errorMessage(ctx, q.id);
  const h = hint(q);
  return group(
    error.id !== undefined,
    html`<label class="label label--question" for=${fieldId(q.id)} part="label">${numberPrefix(q)}${renderInlineText(q.text)}${optionalTag(q)}</label>
      ${h.template} ${error.template}
      <input
        class="input input--width-10 ${error.id ? 'input--error' : ''}"
        part="input"
        id=${fieldId(q.id)}
        name=${q.id}
        type="text"
        inputmode=${q.whole ? 'numeric' : 'decimal'}
        spellcheck="false"
        .value=${ctx.typed(fieldId(q.id)) ?? (value === undefined ? '' : String(value))}
        aria-describedby=${describedBy(h.id, error.id)}
        @input=${(e: Event) => {
          const typed = (e.target as HTMLInputElement).value;
          ctx.setTyped(fieldId(q.id), typed);
          ctx.set(q.id, numberAnswer(typed));
        }}
      />`,
  );
}

// ---- date -------------------------------------------------------------------------------

function renderDate(ctx: QuestionContext, q: DateQuestion): TemplateResult {
  const stored = dateParts(own(ctx.answers, q.id));
  const idOf = (name: 'day' | 'month' | 'year') => (name === 'day' ? fieldId(q.id) : `${fieldId(q.id)}-${name}`);
  const parts = {
    day: ctx.typed(idOf('day')) ?? stored.day,
    month: ctx.typed(idOf('month')) ?? stored.month,
    year: ctx.typed(idOf('year')) ?? stored.year,
  };
  const error = errorMessage(ctx, q.id);
  const h = hint(q);
  const exampleId = `x-${q.id}`;
  const field = (name: 'day' | 'month' | 'year', label: string, width: string) => {
    const id = idOf(name);
    return html`<div class="date-input__item">
      <label class="label date-input__label" for=${id}>${label}</label>
      <input
        class="input ${width} ${error.id ? 'input--error' : ''}"
        part="input"
        id=${id}
        name=${`${q.id}-${name}`}
        type="text"
        inputmode="numeric"
        spellcheck="false"
        .value=${parts[name]}
        @input=${(e: Event) => {
          const typed = (e.target as HTMLInputElement).value;
          ctx.setTyped(id, typed);
          ctx.set(q.id, dateAnswer({ ...parts, [name]: typed }));
        }}
      />
    </div>`;
  };
  return group(
    error.id !== undefined,
    html`<fieldset class="fieldset" role="group" aria-describedby=${describedBy(h.id, exampleId, error.id)}>
      <legend class="legend" part="legend">${questionHeading(q)}</legend>
      ${h.template}
      <div class="hint" id=${exampleId}>For example, 27 3 2007</div>
      ${error.template}
      <div class="date-input">${field('day', 'Day', 'input--width-2')} ${field('month', 'Month', 'input--width-2')} ${field('year', 'Year', 'input--width-4')}</div>
    </fieldset>`,
  );
}

/** The template for one asked question. */
export function renderQuestion(ctx: QuestionContext, a: AskedItem): TemplateResult {
  const q = a.question;
  switch (q.kind) {
    case 'consent':
    case 'single':
    case 'multi':
      return renderChoice(ctx, a, q);
    case 'grid':
      return renderGrid(ctx, a, q);
    case 'text':
    case 'long_text':
      return renderText(ctx, q);
    case 'number':
      return renderNumber(ctx, q);
    case 'date':
      return renderDate(ctx, q);
  }
}
