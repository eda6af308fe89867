/**
 * Whether an answer is usable for routing: present and of the right shape for its question.
 * An answer that is itself invalid counts as unanswered for routing (poet-reference README,
 * Routing 3); the response is invalid anyway, which the validator reports.
 */
import type { CompiledOption, CompiledQuestion } from '@poetkit/compiler/compiled';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(s: string): boolean {
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
