/**
 * Whether an answer is usable for routing: present and of the right shape for its question.
 * An answer that is itself invalid counts as unanswered for routing (poet-reference README,
 * Routing 3); the response is invalid anyway, which the validator reports.
 */
import type { CompiledOption, CompiledQuestion } from '@poetkit/compiler/compiled';
import { contains, internalized } from './evaluate.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a `YYYY-MM-DD` date that names a day of the calendar (2016-02-29, not 2015-02-29). */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (m === null) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= days;
}

/** Length in Unicode code points. */
export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether `value` is a usable answer to `q`. `offered` narrows the options of a piped
 * question (the options ticked in its source); `shownRows` narrows a grid's rows.
 */
export function isUsableAnswer(
  q: CompiledQuestion,
  value: unknown,
  offered?: readonly CompiledOption[],
  shownRows?: readonly string[],
): boolean {
  if (value === undefined || value === null) return false;
  switch (q.kind) {
    case 'consent':
    case 'single':
      return typeof value === 'string' && (offered ?? q.options).some((o) => o.value === value);
    case 'multi': {
      if (!Array.isArray(value) || value.length === 0) return false;
      if (!value.every((v) => typeof v === 'string' && q.options.some((o) => o.value === v))) return false;
      if (new Set(value).size !== value.length) return false;
      if (value.length > 1 && q.options.some((o) => o.exclusive && value.includes(o.value))) return false;
      if (q.minTicks !== undefined && value.length < q.minTicks) return false;
      if (q.maxTicks !== undefined && value.length > q.maxTicks) return false;
      return true;
    }
    case 'text':
    case 'long_text':
      return typeof value === 'string' && /\S/.test(value) && codePoints(value) <= q.maxLength;
    case 'number':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (!q.whole || Number.isInteger(value)) &&
        (q.min === undefined || value >= q.min) &&
        (q.max === undefined || value <= q.max)
      );
    case 'date':
      // Bounds that are `today` depend on the submission date; they are left to the validator.
      return (
        typeof value === 'string' &&
        isCalendarDate(value) &&
        (q.min === undefined || q.min === 'today' || value >= q.min) &&
        (q.max === undefined || q.max === 'today' || value <= q.max)
      );
    case 'grid': {
      if (!isObject(value)) return false;
      const keys = Object.keys(value);
      if (keys.length === 0) return false;
      const rows = shownRows ?? q.rows.map((r) => r.id);
      return keys.every((k) => rows.includes(k) && q.scale.some((o) => o.value === value[k]));
    }
  }
}

// ---- the same checks, planned once per question (routing calls them for every answer) --------

/**
 * `isUsableAnswer(q, value, undefined, shownRows)` for one question, with what it needs from
 * `q` (option values, exclusive values, limits, row ids, scale values) gathered once. For every
 * kind but piped singles (whose usable values are the options offered on the path: see route.ts).
 */
export type UsableCheck = (value: unknown, shownRows?: readonly string[]) => boolean;

const NON_SPACE = /\S/;

/** `/\S/.test(s)`, without the regular expression when the first character is printable ASCII. */
function hasNonSpace(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c > 0x20 && c < 0x7f) || NON_SPACE.test(s);
}

/** The ASCII digit at `i` of `s` as a number, or -1. */
function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 0x30;
  return d >= 0 && d <= 9 ? d : -1;
}

/** {@link isCalendarDate} without a regular expression (`\d` is ASCII digits only, `$` the very end). */
function isCalendarDateFast(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d) return false;
  const y0 = digitAt(s, 0);
  const y1 = digitAt(s, 1);
  const y2 = digitAt(s, 2);
  const y3 = digitAt(s, 3);
  const m0 = digitAt(s, 5);
  const m1 = digitAt(s, 6);
  const d0 = digitAt(s, 8);
  const d1 = digitAt(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return false;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const mo = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31);
}

/**
 * A multi's ticks: a non-empty array of distinct option values, within its limits, an
 * exclusive option only alone. As in `isUsableAnswer` (`every` skips holes, a `Set` counts one
 * hole as one `undefined`), a sparse array's single hole is no tick but counts in its length.
 */
function multiCheck(values: readonly string[], exclusive: readonly string[], minTicks: number | undefined, maxTicks: number | undefined): UsableCheck {
  return (value) => {
    if (!Array.isArray(value)) return false;
    const n = value.length;
    // More ticks than options and a hole: some tick is repeated (or no option at all).
    if (n === 0 || n > values.length + 1) return false;
    if ((minTicks !== undefined && n < minTicks) || (maxTicks !== undefined && n > maxTicks)) return false;
    let holes = 0;
    for (let i = 0; i < n; i++) {
      const v: unknown = value[i];
      if (typeof v !== 'string') {
        if (v !== undefined || i in value || ++holes > 1) return false;
        continue;
      }
      if (!contains(values, v) || (n > 1 && contains(exclusive, v))) return false;
      for (let j = 0; j < i; j++) if (value[j] === v) return false;
    }
    return true;
  };
}

/** The planned {@link UsableCheck} of `q` (same result as `isUsableAnswer` without `offered`). */
export function usableCheck(q: CompiledQuestion): UsableCheck {
  switch (q.kind) {
    case 'consent':
    case 'single': {
      const values = q.options.map((o) => internalized(o.value));
      return (value) => typeof value === 'string' && contains(values, value);
    }
    case 'multi':
      return multiCheck(
        q.options.map((o) => internalized(o.value)),
        q.options.filter((o) => o.exclusive).map((o) => internalized(o.value)),
        q.minTicks,
        q.maxTicks,
      );
    case 'text':
    case 'long_text': {
      const max = q.maxLength;
      // A string has at most as many code points as UTF-16 units: count only longer ones.
      return (value) => typeof value === 'string' && value.length > 0 && hasNonSpace(value) && (value.length <= max || codePoints(value) <= max);
    }
    case 'number': {
      const { whole, min, max } = q;
      return (value) =>
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (!whole || Number.isInteger(value)) &&
        (min === undefined || value >= min) &&
        (max === undefined || value <= max);
    }
    case 'date': {
      // Bounds that are `today` are left to the validator (as in isUsableAnswer).
      const min = q.min === 'today' ? undefined : q.min;
      const max = q.max === 'today' ? undefined : q.max;
      return (value) =>
        typeof value === 'string' && isCalendarDateFast(value) && (min === undefined || value >= min) && (max === undefined || value <= max);
    }
    case 'grid': {
      const allRows = q.rows.map((r) => internalized(r.id));
      const scale = q.scale.map((o) => internalized(o.value));
      return (value, shownRows) => {
        if (!isObject(value)) return false;
        const keys = Object.keys(value);
        if (keys.length === 0) return false;
        const rows = shownRows ?? allRows;
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i]!;
          if (!contains(rows, k) || !contains(scale, value[k])) return false;
        }
        return true;
      };
    }
  }
}
