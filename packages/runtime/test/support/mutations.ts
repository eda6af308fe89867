/**
 * Single-step mutations of a walk's answers that each break one rule of the response format
 * (poet-reference README), naming the question whose error the validators must report. Shared
 * by test/agreement.test.ts and `pnpm fuzz` (scripts/fuzz.mjs, from dist), so both check the
 * same mutations.
 */
import fc from 'fast-check';
import type { CompiledItem, CompiledQuestion, CompiledSurvey, Condition } from '@poetkit/compiler/compiled';
import { route, type AskedItem, type PurgedAnswer } from '../../src/index.js';
import { TODAY, answer, pick, type Gen } from './walk.js';

export const MUTATION_KINDS = [
  'answer a skipped question',
  'answer after an end rule',
  'answer a grid row not shown',
  'pipe an option not ticked',
  'add an option beside an exclusive one',
  'drop a required answer on the path',
  'break a limit: too many ticks',
  'break a limit: too few ticks',
  'break a limit: number above its max',
  'break a limit: number below its min',
  'break a limit: number not whole',
  'break a limit: text longer than its max',
  'break a limit: date after its max',
  'break a limit: date before its min',
] as const;

export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutation {
  readonly kind: MutationKind;
  /** The question the validators must name. */
  readonly question: string;
  /** What was done, for messages: `pb_amount := 500001`. */
  readonly detail: string;
  readonly answers: Readonly<Record<string, unknown>>;
  /**
   * Mutations that break routing (an answer where none is asked): what `purge` removes, and
   * the answers it keeps (the walk's, less a piped answer that is no longer offered).
   */
  readonly purge?: { readonly purged: readonly PurgedAnswer[]; readonly kept: Readonly<Record<string, unknown>> };
}

type Question = Exclude<CompiledItem, { kind: 'info' }>;

/** A date one day past a bound (`max`: the day after; `min`: the day before); `today` is {@link TODAY}. */
export function pastDateBound(bound: string, side: 'min' | 'max'): string {
  const day = bound === 'today' ? TODAY : bound;
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return new Date(t + (side === 'max' ? 86_400_000 : -86_400_000)).toISOString().slice(0, 10);
}

/** The ways to break the limits of `q`, each as a kind and a value. */
export function limitBreaks(q: CompiledQuestion): { kind: MutationKind; value: unknown }[] {
  const out: { kind: MutationKind; value: unknown }[] = [];
  switch (q.kind) {
    case 'number':
      if (q.max !== undefined) out.push({ kind: 'break a limit: number above its max', value: q.max + 1 });
      if (q.min !== undefined) out.push({ kind: 'break a limit: number below its min', value: q.min - 1 });
      if (q.whole && (q.max === undefined || (q.min ?? 0) + 0.5 <= q.max)) out.push({ kind: 'break a limit: number not whole', value: (q.min ?? 0) + 0.5 });
      break;
    case 'text':
    case 'long_text':
      out.push({ kind: 'break a limit: text longer than its max', value: 'x'.repeat(q.maxLength + 1) });
      break;
    case 'date':
      if (q.max !== undefined) out.push({ kind: 'break a limit: date after its max', value: pastDateBound(q.max, 'max') });
      if (q.min !== undefined) out.push({ kind: 'break a limit: date before its min', value: pastDateBound(q.min, 'min') });
      break;
    case 'multi': {
      const plain = q.options.filter((o) => !o.exclusive).map((o) => o.value);
      if (q.maxTicks !== undefined && plain.length > q.maxTicks) out.push({ kind: 'break a limit: too many ticks', value: plain.slice(0, q.maxTicks + 1) });
      if (q.minTicks !== undefined && q.minTicks > 1) out.push({ kind: 'break a limit: too few ticks', value: plain.slice(0, q.minTicks - 1) });
      break;
    }
    default:
      break;
  }
  return out;
}

function mentionsOtherThan(condition: Condition, ids: ReadonlySet<string>): boolean {
  switch (condition.op) {
    case 'true':
    case 'false':
      return false;
    case 'and':
    case 'or':
      return condition.args.some((c) => mentionsOtherThan(c, ids));
    case 'not':
      return mentionsOtherThan(condition.arg, ids);
    case 'compareQuestions':
      return !ids.has(condition.question) || !ids.has(condition.other);
    default:
      return !ids.has(condition.question);
  }
}

/**
 * The kinds of mutation `survey` has a question for: a question that routing can skip (other
 * than by the consent gate), an end rule, a grid row with its own condition, a piped single, a
 * multi with an exclusive option, a required question, and each limit some question has.
 */
export function applicableKinds(survey: CompiledSurvey): Set<MutationKind> {
  const kinds = new Set<MutationKind>();
  const consent = new Set(survey.consent === undefined ? [] : [survey.consent]);
  if (survey.endRules.length > 0) kinds.add('answer after an end rule');
  for (const q of survey.items) {
    if (q.kind === 'info') continue;
    if (mentionsOtherThan(q.universe.condition, consent)) kinds.add('answer a skipped question');
    if (q.required) kinds.add('drop a required answer on the path');
    if (q.kind === 'grid' && q.rows.some((r) => JSON.stringify(r.universe.condition) !== JSON.stringify(q.universe.condition))) {
      kinds.add('answer a grid row not shown');
    }
    if (q.kind === 'single' && q.pipedFrom !== undefined) kinds.add('pipe an option not ticked');
    if (q.kind === 'multi' && q.options.some((o) => o.exclusive) && q.options.some((o) => !o.exclusive)) kinds.add('add an option beside an exclusive one');
    for (const b of limitBreaks(q)) kinds.add(b.kind);
  }
  return kinds;
}

const show = (value: unknown): string => {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

/**
 * The single-step mutations of `answers` (a walk's, valid) that break a rule: one question not
 * asked answered (skipped, or after an end rule), and for each question asked on the path: a
 * grid row not shown answered, an option not ticked piped, an option added beside an
 * exclusive one, a required answer dropped, one of its limits broken.
 */
export function mutations(g: Gen, survey: CompiledSurvey, answers: Readonly<Record<string, unknown>>): Mutation[] {
  const r = route(survey, answers, { today: TODAY });
  const out: Mutation[] = [];
  const set = (key: string, value: unknown) => ({ ...answers, [key]: value });
  const has = (key: string) => Object.prototype.hasOwnProperty.call(answers, key);

  const askedIds = new Set(r.asked.map((a) => a.id));
  const notAsked = survey.items.filter((i): i is Question => i.kind !== 'info' && !askedIds.has(i.id));
  if (notAsked.length > 0) {
    const q = pick(g, notAsked);
    const fake: AskedItem = { id: q.id, kind: q.kind, page: '', question: q, ...(q.kind === 'grid' ? { rows: q.rows.map((row) => row.id) } : {}) };
    const value = answer(g, fake);
    const end = r.ended === undefined ? -1 : survey.items.findIndex((i) => i.id === r.ended!.after);
    const afterEnd = end >= 0 && survey.items.indexOf(q) > end;
    out.push({
      kind: afterEnd ? 'answer after an end rule' : 'answer a skipped question',
      question: q.id,
      detail: `${q.id} := ${show(value)}`,
      answers: set(q.id, value),
      purge: { purged: [{ key: q.id, value }], kept: answers },
    });
  }

  for (const a of r.asked) {
    const q = a.question;
    const answered = has(a.id);
    if (q.kind === 'grid' && a.rows !== undefined && a.rows.length < q.rows.length) {
      const row = pick(g, q.rows.filter((x) => !a.rows!.includes(x.id))).id;
      const value = q.scale[0]!.value;
      const base = (answers[a.id] as Record<string, unknown> | undefined) ?? {};
      out.push({
        kind: 'answer a grid row not shown',
        question: a.id,
        detail: `${a.id}.${row} := ${show(value)}`,
        answers: set(a.id, { ...base, [row]: value }),
        purge: { purged: [{ key: a.id, row, value }], kept: answers },
      });
    }
    if (q.kind === 'single' && a.options !== undefined) {
      const unticked = q.options.filter((o) => !a.options!.some((x) => x.value === o.value));
      if (unticked.length > 0) {
        const value = pick(g, unticked).value;
        const kept: Record<string, unknown> = { ...answers };
        // A piped answer that is not offered goes altogether (the form asks the question again).
        delete kept[a.id];
        out.push({
          kind: 'pipe an option not ticked',
          question: a.id,
          detail: `${a.id} := ${show(value)}`,
          answers: set(a.id, value),
          purge: { purged: [{ key: a.id, value }], kept },
        });
      }
    }
    if (!answered) continue;
    if (q.kind === 'multi') {
      const exclusive = q.options.filter((o) => o.exclusive);
      const plain = q.options.filter((o) => !o.exclusive);
      if (exclusive.length > 0 && plain.length > 0) {
        const value = [pick(g, exclusive).value, pick(g, plain).value];
        if (g(fc.boolean)) value.reverse();
        out.push({ kind: 'add an option beside an exclusive one', question: a.id, detail: `${a.id} := ${show(value)}`, answers: set(a.id, value) });
      }
    }
    if (q.required) {
      const dropped: Record<string, unknown> = { ...answers };
      delete dropped[a.id];
      out.push({ kind: 'drop a required answer on the path', question: a.id, detail: `${a.id} dropped`, answers: dropped });
    }
    const breaks = limitBreaks(q);
    if (breaks.length > 0) {
      const { kind, value } = pick(g, breaks);
      out.push({ kind, question: a.id, detail: `${a.id} := ${show(value)}`, answers: set(a.id, value) });
    }
  }
  return out;
}
