/**
 * Turning what a respondent types or ticks into answers, and back. Answers hold exactly what
 * the respondent gave: a number field that does not hold a number keeps the text typed, and a
 * half-filled date keeps its parts, so the validator reports the problem beside the field and
 * nothing typed is lost on reload.
 */
import type { CompiledQuestion, GridQuestion } from '@poetkit/compiler/compiled';

export type Answers = Record<string, unknown>;

export function own(answers: Readonly<Answers>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(answers, key) ? answers[key] : undefined;
}

/** A multi's ticked values (an answer of another shape ticks nothing). */
export function ticked(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A grid's row → value map (an answer of another shape answers no row). */
export function gridRows(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Whether a typed text counts as no answer at all (empty or only spaces). */
export function isBlank(text: string): boolean {
  return !/\S/.test(text);
}

/**
 * The answer to a number question from the text typed: a JSON number when the text is one
 * (GOV.UK style: spaces and thousands commas allowed), otherwise the text itself, which the
 * validator rejects with its "must be a number" message.
 */
export function numberAnswer(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const normalised = trimmed.replace(/,(?=\d{3}(?:\D|$))/g, '').replace(/\s+/g, '');
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)$/.test(normalised)) {
    const n = Number(normalised);
    if (Number.isFinite(n)) return n;
  }
  return text;
}

export interface DateParts {
  readonly day: string;
  readonly month: string;
  readonly year: string;
}

/**
 * The answer to a date question from its three fields: `YYYY-MM-DD` when all three are numbers
 * (day and month padded), nothing when all are empty, otherwise `year-month-day` as typed, which
 * the validator rejects as "not a real date".
 */
export function dateAnswer(parts: DateParts): string | undefined {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (day === '' && month === '' && year === '') return undefined;
  if (/^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)) {
    return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  }
  return `${year}-${month}-${day}`;
}

/** The three fields of a stored date answer (see {@link dateAnswer}). */
export function dateParts(value: unknown): DateParts {
  if (typeof value !== 'string') return { day: '', month: '', year: '' };
  const [year = '', month = '', day = ''] = value.split('-');
  const unpad = (s: string) => (/^0\d$/.test(s) ? s.slice(1) : s);
  return { day: unpad(day), month: unpad(month), year };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "27 March 2007" for a valid date, the text as typed otherwise. */
export function formatDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const month = m === null ? undefined : MONTHS[Number(m[2]) - 1];
  return m === null || month === undefined ? value : `${Number(m[3])} ${month} ${m[1]}`;
}

/** The label of an option value, or the value itself when it is not an option (shown, never hidden). */
function label(options: readonly { value: string; label: string }[], value: string): string {
  return options.find((o) => o.value === value)?.label ?? value;
}

/**
 * An answer in words for the check-answers page: option labels, "27 March 2007", one line per
 * grid row. `otherText` is the "please describe" text, shown after its option's label.
 */
export function describeAnswer(q: CompiledQuestion, value: unknown, otherText: unknown, rows?: readonly string[]): string[] {
  if (value === undefined) return [];
  const withOther = (optionValue: string, text: string) => {
    const option = 'options' in q ? q.options.find((o) => o.value === optionValue) : undefined;
    return option?.specify === true && typeof otherText === 'string' && !isBlank(otherText) ? `${text}: ${otherText}` : text;
  };
  switch (q.kind) {
    case 'consent':
    case 'single':
      return typeof value === 'string' ? [withOther(value, label(q.options, value))] : [String(value)];
    case 'multi':
      return ticked(value).map((v) => withOther(v, label(q.options, v)));
    case 'grid':
      return describeGrid(q, value, rows);
    case 'date':
      return [typeof value === 'string' ? formatDate(value) : String(value)];
    default:
      return [String(value)];
  }
}

function describeGrid(q: GridQuestion, value: unknown, rows?: readonly string[]): string[] {
  const answers = gridRows(value);
  return q.rows
    .filter((r) => (rows === undefined || rows.includes(r.id)) && own(answers, r.id) !== undefined)
    .map((r) => `${r.label}: ${label(q.scale, String(own(answers, r.id)))}`);
}
