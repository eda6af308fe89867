/**
 * Conditions: from the syntax tree to the compiled data (with every reference and type
 * checked), simplification, "can this ever be true?", and plain-English wording.
 */
import {
  createDiagnostic,
  nearestWord,
  type Condition as AstCondition,
  type Diagnostic,
  type Name,
} from '@poetkit/language';
import type { Comparison, Condition } from './compiled/types.js';
import type { SourceFile } from './load.js';
import { optionsOf, type ResolvedItem, type ResolvedOption } from './model.js';

export const TRUE: Condition = { op: 'true' };
export const FALSE: Condition = { op: 'false' };

/**
 * A written condition that could not be resolved (an unknown question or value, or a question
 * whose options are unknown): its error has been reported already. For the routing checks
 * (reachability, never-true, always-jumps) it must be neither true nor false, so it stands in
 * as an opaque atom about a question that does not exist: `simplify` keeps it, `impossibility`
 * cannot tell, and no rule with it counts as always taken. It never reaches the compiled
 * survey, which is only written when there is no error. Each written condition gets its own
 * atom (`n`), so that two different unresolved conditions never cancel out.
 */
const UNRESOLVED = '\u0000unresolved#';

export function unresolvedCondition(n: number): Condition {
  return { op: 'answered', question: `${UNRESOLVED}${n}`, negated: false };
}

export function isUnresolved(c: Condition): boolean {
  return c.op === 'answered' && c.question.startsWith(UNRESOLVED);
}

export interface ConditionContext {
  readonly file: SourceFile;
  readonly lookup: (id: string) => ResolvedItem | undefined;
  /** Every question id of the survey, for "did you mean". */
  readonly questionIds: readonly string[];
  /** Questions at a position below this (or equal, with `allowAt`) may be named. */
  readonly position: number;
  readonly allowAt: boolean;
  /**
   * Ids that the survey declares but that could not be resolved (a `use` of a bank question
   * that was not found): a condition naming one is unresolved, with no further error.
   */
  readonly unresolvedIds: ReadonlySet<string>;
  readonly report: (d: Diagnostic) => void;
}

function suggestion(word: string, candidates: readonly string[]): { suggestion?: string } {
  const s = nearestWord(word, candidates);
  return s === undefined ? {} : { suggestion: s };
}

/** Resolves the question an atom names, reporting an unknown or later question. */
function questionOf(name: Name, ctx: ConditionContext): ResolvedItem | undefined {
  const item = ctx.lookup(name.text);
  if (item === undefined) {
    if (ctx.unresolvedIds.has(name.text)) return undefined;
    ctx.report(
      createDiagnostic('unknown-question', ctx.file.path, name.range, { name: name.text, ...suggestion(name.text, ctx.questionIds) }),
    );
    return undefined;
  }
  if (item.index > ctx.position || (item.index === ctx.position && !ctx.allowAt)) {
    ctx.report(createDiagnostic('forward-reference', ctx.file.path, name.range, { name: name.text }));
    return undefined;
  }
  if (item.kind === 'info') {
    ctx.report(
      createDiagnostic('type-mismatch', ctx.file.path, name.range, {
        question: name.text,
        kind: 'info',
        problem: 'it takes no answer that a condition could test',
        fix: 'Name a question instead.',
      }),
    );
    return undefined;
  }
  return item;
}

function mismatch(ctx: ConditionContext, name: Name, item: ResolvedItem, problem: string, fix: string): undefined {
  ctx.report(
    createDiagnostic('type-mismatch', ctx.file.path, name.range, { question: item.id, kind: kindWord(item), problem, fix }),
  );
  return undefined;
}

export function kindWord(item: ResolvedItem): string {
  return item.kind === 'long_text' ? 'long text' : item.kind;
}

/**
 * Whether the options of a choice question are known. They are not when its option set, or
 * the question it pipes from, could not be resolved (that error is reported already).
 */
function optionsKnown(item: ResolvedItem): boolean {
  return item.options !== undefined;
}

function optionValue(value: Name, item: ResolvedItem, ctx: ConditionContext): string | undefined {
  if (!optionsKnown(item)) return undefined;
  const values = optionsOf(item, ctx.lookup).map((o) => o.value);
  if (values.includes(value.text)) return value.text;
  ctx.report(
    createDiagnostic('unknown-option-value', ctx.file.path, value.range, {
      value: value.text,
      question: item.id,
      fix: values.length === 0 ? `'${item.id}' has no options` : `use one of its option values (${values.join(', ')})`,
      ...suggestion(value.text, values),
    }),
  );
  return undefined;
}

const isChoice = (item: ResolvedItem): boolean => item.kind === 'single' || item.kind === 'consent';

/**
 * The compiled form of a written condition, or undefined when it has an error (each error
 * is reported through `ctx.report`, so one run finds every problem in the condition).
 */
export function translateCondition(ast: AstCondition, ctx: ConditionContext): Condition | undefined {
  switch (ast.kind) {
    case 'Group':
      return translateCondition(ast.operand, ctx);
    case 'Not': {
      const arg = translateCondition(ast.operand, ctx);
      return arg === undefined ? undefined : { op: 'not', arg };
    }
    case 'And':
    case 'Or': {
      const args = ast.operands.map((o) => translateCondition(o, ctx));
      if (args.some((a) => a === undefined)) return undefined;
      return { op: ast.kind === 'And' ? 'and' : 'or', args: args as Condition[] };
    }
    case 'Answered': {
      const item = questionOf(ast.question, ctx);
      return item === undefined ? undefined : { op: 'answered', question: item.id, negated: ast.negated };
    }
    case 'Count': {
      const item = questionOf(ast.question, ctx);
      if (item === undefined) return undefined;
      if (item.kind !== 'multi') {
        return mismatch(ctx, ast.question, item, 'count() cannot be used on it: only a multi question has ticks to count', isChoice(item) ? `Test its answer instead, for example: ${item.id} = VALUE` : 'Use "is answered" to test whether it was answered.');
      }
      // How many can be ticked depends on the options.
      if (!optionsKnown(item)) return undefined;
      return { op: 'count', question: item.id, comparison: ast.operator, count: ast.right.value };
    }
    case 'Includes': {
      const item = questionOf(ast.question, ctx);
      if (item === undefined) return undefined;
      if (item.kind !== 'multi') {
        return mismatch(ctx, ast.question, item, "'includes' cannot test it: only a multi question has several answers", isChoice(item) ? `Write: ${item.id} = ${ast.value.text}` : 'Use "is answered" to test whether it was answered.');
      }
      const value = optionValue(ast.value, item, ctx);
      return value === undefined ? undefined : { op: 'includes', question: item.id, value };
    }
    case 'In': {
      const item = questionOf(ast.question, ctx);
      if (item === undefined) return undefined;
      if (!isChoice(item)) {
        return mismatch(ctx, ast.question, item, "'in' cannot test it: 'in' tests the one answer of a single question", item.kind === 'multi' ? `Test each option with includes, for example: ${item.id} includes ${ast.values[0]?.text ?? 'VALUE'}` : 'Use a comparison such as >= instead.');
      }
      const values = ast.values.map((v) => optionValue(v, item, ctx));
      if (values.some((v) => v === undefined)) return undefined;
      return { op: 'in', question: item.id, values: values as string[] };
    }
    case 'Comparison': {
      const item = questionOf(ast.question, ctx);
      if (item === undefined) return undefined;
      const right = ast.right;
      const op = ast.operator;
      if (isChoice(item)) {
        if (right.kind !== 'Name') {
          return mismatch(ctx, ast.question, item, `it cannot be compared with the ${right.kind === 'Number' ? 'number' : 'date'} ${right.text}`, `Compare it with one of its option values, for example: ${item.id} = ${optionsOf(item, ctx.lookup)[0]?.value ?? 'VALUE'}`);
        }
        if (op !== '=' && op !== '!=') {
          return mismatch(ctx, ast.question, item, `its answer cannot be compared with '${op}': options have no order`, `Use = or != or in (...), for example: ${item.id} in (${right.text}, ...)`);
        }
        const value = optionValue(right, item, ctx);
        return value === undefined ? undefined : { op: 'equals', question: item.id, value, negated: op === '!=' };
      }
      if (item.kind === 'multi') {
        return mismatch(ctx, ast.question, item, `'${op}' cannot test it: it may have several answers`, right.kind === 'Name' ? `Write: ${item.id} includes ${right.text}` : `To count the ticks, write: count(${item.id}) ${op} ${right.kind === 'Number' ? right.text : 'N'}`);
      }
      if (item.kind === 'number' || item.kind === 'date') {
        if (right.kind === 'Name') {
          const other = questionOf(right, ctx);
          if (other === undefined) return undefined;
          if (other.kind !== item.kind) {
            return mismatch(ctx, right, other, `it cannot be compared with the ${item.kind} question '${item.id}'`, 'Compare questions of the same kind.');
          }
          return { op: 'compareQuestions', question: item.id, comparison: op, other: other.id };
        }
        if (item.kind === 'number' && right.kind !== 'Number') {
          return mismatch(ctx, ast.question, item, `it cannot be compared with the date ${right.text}`, 'Compare it with a number.');
        }
        if (item.kind === 'date' && right.kind !== 'Date') {
          return mismatch(ctx, ast.question, item, `it cannot be compared with the number ${right.text}`, 'Compare it with a date written YYYY-MM-DD.');
        }
        return { op: 'compare', question: item.id, comparison: op, value: right.kind === 'Number' ? right.value : right.text };
      }
      return mismatch(ctx, ast.question, item, 'its answer cannot be compared with anything', `Use "${item.id} is answered" to test whether it was answered.`);
    }
  }
}

// ---- structure ---------------------------------------------------------------------------

const keys = new WeakMap<Condition, string>();

/**
 * A stable text for a condition, used to compare conditions and to dedupe them. Conditions
 * are never changed once made, so each object's key is worked out once.
 */
export function conditionKey(c: Condition): string {
  let key = keys.get(c);
  if (key === undefined) {
    key = JSON.stringify(c);
    keys.set(c, key);
  }
  return key;
}

export function and(args: readonly Condition[]): Condition {
  return args.length === 0 ? TRUE : args.length === 1 ? args[0]! : { op: 'and', args };
}

/** The conjuncts of a condition (`a and b and c` → [a, b, c]; `true` → []). */
export function conjuncts(c: Condition): Condition[] {
  if (c.op === 'true') return [];
  if (c.op !== 'and') return [c];
  const out: Condition[] = [];
  const add = (x: Condition): void => {
    if (x.op === 'and') for (const a of x.args) add(a);
    else if (x.op !== 'true') out.push(x);
  };
  add(c);
  return out;
}

const NEGATED: Record<Comparison, Comparison> = { '=': '!=', '!=': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };

export interface SimplifyContext {
  readonly lookup: (id: string) => ResolvedItem | undefined;
  /** The keys of the conjuncts of the universe of each earlier question (to know it is answered). */
  readonly universeKeys: (id: string) => ReadonlySet<string> | undefined;
  /**
   * Results of `simplify(c)` with no facts, by condition object, for conditions that are
   * parts of many others (see {@link simplifyShared}).
   */
  readonly memo?: Map<Condition, Condition>;
}

/**
 * `simplify(c)`, remembered for the object `c`, so that simplifying conditions that have `c`
 * as a part does not simplify `c` again. Right because a condition only names questions
 * before it, whose universes are known by the time it is simplified: its result never changes.
 */
export function simplifyShared(c: Condition, ctx: SimplifyContext): Condition {
  let result = ctx.memo?.get(c);
  if (result === undefined) {
    result = simplifyUncached(c, ctx, NO_FACTS);
    ctx.memo?.set(c, result);
  }
  return result;
}

/** True when `facts` guarantee that question `id` was asked and answered. */
function answeredUnder(id: string, facts: ReadonlySet<string>, ctx: SimplifyContext): boolean {
  const item = ctx.lookup(id);
  if (item === undefined || !item.required || item.kind === 'info') return false;
  const keys = ctx.universeKeys(id);
  if (keys === undefined) return false;
  for (const k of keys) if (!facts.has(k)) return false;
  return true;
}

/** `not atom` as a positive atom, when the question is known to be answered under `facts`. */
function flip(atom: Condition, facts: ReadonlySet<string>, ctx: SimplifyContext): Condition | undefined {
  if (!('question' in atom) || !answeredUnder(atom.question, facts, ctx)) return undefined;
  const item = ctx.lookup(atom.question)!;
  const values = optionsOf(item, ctx.lookup).map((o) => o.value);
  switch (atom.op) {
    case 'equals': {
      if (!atom.negated) {
        const rest = values.filter((v) => v !== atom.value);
        if (rest.length === 1 && item.pipedFrom === undefined) return { op: 'equals', question: atom.question, value: rest[0]!, negated: false };
        return { ...atom, negated: true };
      }
      return { ...atom, negated: false };
    }
    case 'in': {
      if (item.pipedFrom !== undefined) return undefined;
      const rest = values.filter((v) => !atom.values.includes(v));
      if (rest.length === 0) return FALSE;
      if (rest.length === 1) return { op: 'equals', question: atom.question, value: rest[0]!, negated: false };
      return { op: 'in', question: atom.question, values: rest };
    }
    case 'count':
      return { ...atom, comparison: NEGATED[atom.comparison] };
    case 'compare':
      return { ...atom, comparison: NEGATED[atom.comparison] };
    case 'answered':
      return { ...atom, negated: !atom.negated };
    default:
      return undefined;
  }
}

/**
 * Simplifies a condition: flattens `and`/`or`, drops `true` and repeated parts, and inside
 * `a and not (b and c)` drops from the negated part whatever the rest already states (given
 * `a`, `not (a and b)` is `not b`), turning `not q = x` into a positive test when `q` is a
 * required question that is certainly answered there. `facts` are keys of conditions known to hold.
 */
export function simplify(c: Condition, ctx: SimplifyContext, facts: ReadonlySet<string> = NO_FACTS): Condition {
  return (facts.size === 0 ? ctx.memo?.get(c) : undefined) ?? simplifyUncached(c, ctx, facts);
}

const NO_FACTS: ReadonlySet<string> = new Set();

function simplifyUncached(c: Condition, ctx: SimplifyContext, facts: ReadonlySet<string>): Condition {
  switch (c.op) {
    case 'and': {
      const parts = c.args.flatMap((a) => conjuncts(simplify(a, ctx, facts)));
      if (parts.some((p) => p.op === 'false')) return FALSE;
      // Positive parts are known facts when the negated parts are simplified; the order written is kept.
      const known = new Set(facts);
      for (const p of parts) if (p.op !== 'not') known.add(conditionKey(p));
      const out: Condition[] = [];
      const seen = new Set<string>();
      for (const p of parts) {
        let results: Condition[] = [p];
        if (p.op === 'not') {
          const inner = conjuncts(p.arg).filter((q) => !known.has(conditionKey(q)));
          if (inner.length === 0) return FALSE;
          if (inner.length === 1) {
            const only = inner[0]!;
            const flipped = flip(only, known, ctx) ?? (only.op === 'not' ? only.arg : { op: 'not', arg: only });
            if (flipped.op === 'false') return FALSE;
            results = conjuncts(flipped);
          } else results = [sameParts(p.arg, inner) ? p : { op: 'not', arg: and(inner) }];
        }
        for (const q of results) {
          const k = conditionKey(q);
          if (seen.has(k) || facts.has(k)) continue;
          seen.add(k);
          known.add(k);
          out.push(q);
        }
      }
      return and(dropImplied(out));
    }
    case 'or': {
      const out: Condition[] = [];
      const seen = new Set<string>();
      for (const a of c.args) {
        const s = simplify(a, ctx, facts);
        if (s.op === 'true') return TRUE;
        if (s.op === 'false') continue;
        for (const q of s.op === 'or' ? s.args : [s]) {
          const k = conditionKey(q);
          if (!seen.has(k)) {
            seen.add(k);
            out.push(q);
          }
        }
      }
      return out.length === 0 ? FALSE : out.length === 1 ? out[0]! : { op: 'or', args: out };
    }
    case 'not': {
      const inner = simplify(c.arg, ctx, facts);
      if (inner.op === 'true') return FALSE;
      if (inner.op === 'false') return TRUE;
      if (inner.op === 'not') return inner.arg;
      if (facts.size > 0 && facts.has(conditionKey(inner))) return FALSE;
      return flip(inner, facts, ctx) ?? (inner === c.arg ? c : { op: 'not', arg: inner });
    }
    default:
      return facts.size > 0 && facts.has(conditionKey(c)) ? TRUE : c;
  }
}

/** Whether `c` is `and(parts)` as it stands (so that it can be kept rather than rebuilt). */
function sameParts(c: Condition, parts: readonly Condition[]): boolean {
  return c.op === 'and' && c.args.length === parts.length && c.args.every((a, i) => a === parts[i]);
}

/** Drops `q != v` and `q in (...)` parts that a positive `q = w` in the same `and` already implies. */
function dropImplied(parts: readonly Condition[]): Condition[] {
  const chosen = new Map<string, string>();
  for (const p of parts) if (p.op === 'equals' && !p.negated) chosen.set(p.question, p.value);
  return parts.filter((p) => {
    if (p.op === 'equals' && p.negated) {
      const v = chosen.get(p.question);
      return v === undefined || v === p.value;
    }
    if (p.op === 'in') {
      const v = chosen.get(p.question);
      return v === undefined || !p.values.includes(v);
    }
    return true;
  });
}

// ---- can it ever be true? ----------------------------------------------------------------

function holds(x: number, op: Comparison, n: number): boolean {
  switch (op) {
    case '=': return x === n;
    case '!=': return x !== n;
    case '<': return x < n;
    case '<=': return x <= n;
    case '>': return x > n;
    case '>=': return x >= n;
  }
}

/** Most options that can be ticked together at a multi. */
export function maxTickable(item: ResolvedItem, lookup: (id: string) => ResolvedItem | undefined): number {
  const options = optionsOf(item, lookup);
  const plain = options.filter((o) => !o.exclusive).length;
  const possible = Math.max(plain, options.some((o) => o.exclusive) ? 1 : 0);
  return item.maxTicks === undefined ? possible : Math.min(possible, item.maxTicks);
}

interface Interval { lo: number; loOpen: boolean; hi: number; hiOpen: boolean }

function narrow(iv: Interval, op: Comparison, n: number): Interval {
  const r = { ...iv };
  if ((op === '>' || op === '>=' || op === '=') && (n > r.lo || (n === r.lo && op === '>'))) {
    r.lo = n;
    r.loOpen = op === '>';
  }
  if ((op === '<' || op === '<=' || op === '=') && (n < r.hi || (n === r.hi && op === '<'))) {
    r.hi = n;
    r.hiOpen = op === '<';
  }
  return r;
}

function emptyInterval(iv: Interval, whole: boolean): boolean {
  if (iv.lo > iv.hi) return true;
  if (iv.lo === iv.hi && (iv.loOpen || iv.hiOpen)) return true;
  if (whole) {
    const lo = iv.loOpen ? Math.floor(iv.lo) + 1 : Math.ceil(iv.lo);
    const hi = iv.hiOpen ? Math.ceil(iv.hi) - 1 : Math.floor(iv.hi);
    return lo > hi;
  }
  return false;
}

/**
 * Why no answers could make `c` true, or undefined when some could (or this analysis cannot
 * tell). Looks at each atom against its question (options, limits) and at the atoms that an
 * `and` combines about one question.
 */
export function impossibility(c: Condition, lookup: (id: string) => ResolvedItem | undefined): string | undefined {
  switch (c.op) {
    case 'true':
      return undefined;
    case 'false':
      return 'it is always false';
    case 'not':
      return c.arg.op === 'true' ? 'it is always false' : undefined;
    case 'or': {
      const reasons = c.args.map((a) => impossibility(a, lookup));
      return reasons.every((r) => r !== undefined) ? reasons[0] : undefined;
    }
    case 'and': {
      const parts = conjuncts(c);
      for (const p of parts) {
        const r = impossibility(p, lookup);
        if (r !== undefined) return r;
      }
      const sets = new Map<string, Set<string>>();
      const ranges = new Map<string, Interval>();
      const counts = new Map<string, Interval>();
      for (const p of parts) {
        if (p.op === 'equals' || p.op === 'in') {
          const item = lookup(p.question);
          if (item === undefined) continue;
          const all = optionsOf(item, lookup).map((o) => o.value);
          const allowed = p.op === 'in' ? p.values : p.negated ? all.filter((v) => v !== p.value) : [p.value];
          const before = sets.get(p.question) ?? new Set(all);
          const after = new Set([...before].filter((v) => allowed.includes(v)));
          if (after.size === 0) return `'${p.question}' has one answer, and it cannot meet every part of this condition`;
          sets.set(p.question, after);
        } else if (p.op === 'compare' && typeof p.value === 'number') {
          const item = lookup(p.question);
          const base = ranges.get(p.question) ?? { lo: -Infinity, loOpen: false, hi: Infinity, hiOpen: false };
          const next = narrow(base, p.comparison, p.value);
          if (p.comparison !== '!=' && emptyInterval(next, item?.whole ?? false)) return `no number for '${p.question}' meets every part of this condition`;
          ranges.set(p.question, next);
        } else if (p.op === 'count') {
          const base = counts.get(p.question) ?? { lo: 0, loOpen: false, hi: Infinity, hiOpen: false };
          const next = narrow(base, p.comparison, p.count);
          if (p.comparison !== '!=' && emptyInterval(next, true)) return `no number of ticks at '${p.question}' meets every part of this condition`;
          counts.set(p.question, next);
        }
      }
      return undefined;
    }
    case 'count': {
      const item = lookup(c.question);
      if (item === undefined) return undefined;
      const max = maxTickable(item, lookup);
      for (let k = 0; k <= max; k++) if (holds(k, c.comparison, c.count)) return undefined;
      return `at most ${max} option${max === 1 ? '' : 's'} can be ticked at '${c.question}'`;
    }
    case 'compare': {
      const item = lookup(c.question);
      if (item === undefined || typeof c.value !== 'number') return undefined;
      const lo = typeof item.min === 'number' ? item.min : -Infinity;
      const hi = typeof item.max === 'number' ? item.max : Infinity;
      if (c.comparison === '!=') return lo === hi && lo === c.value ? `'${c.question}' can only be ${lo}` : undefined;
      const iv = narrow({ lo, loOpen: false, hi, hiOpen: false }, c.comparison, c.value);
      if (emptyInterval(iv, item.whole)) return `'${c.question}' is between ${lo} and ${hi}`;
      return undefined;
    }
    default:
      return undefined;
  }
}

// ---- plain English -----------------------------------------------------------------------

function labelOf(question: string, value: string, lookup: (id: string) => ResolvedItem | undefined): string {
  const item = lookup(question);
  const option: ResolvedOption | undefined = item === undefined ? undefined : optionsOf(item, lookup).find((o) => o.value === value);
  return `"${option?.label ?? value}"`;
}

function list(words: readonly string[], joiner: string): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${joiner} ${words[words.length - 1]!}`;
}

const NUMBER_WORDS: Record<Comparison, (v: string) => string> = {
  '=': (v) => `is ${v}`,
  '!=': (v) => `is not ${v}`,
  '<': (v) => `is less than ${v}`,
  '<=': (v) => `is ${v} or less`,
  '>': (v) => `is more than ${v}`,
  '>=': (v) => `is ${v} or more`,
};
const DATE_WORDS: Record<Comparison, (v: string) => string> = {
  '=': (v) => `is ${v}`,
  '!=': (v) => `is not ${v}`,
  '<': (v) => `is before ${v}`,
  '<=': (v) => `is on or before ${v}`,
  '>': (v) => `is after ${v}`,
  '>=': (v) => `is on or after ${v}`,
};
const COUNT_WORDS: Record<Comparison, (n: number) => string> = {
  '=': (n) => `exactly ${n}`,
  '!=': (n) => `other than ${n}`,
  '<': (n) => `fewer than ${n}`,
  '<=': (n) => `at most ${n}`,
  '>': (n) => `more than ${n}`,
  '>=': (n) => `${n} or more`,
};

/** A condition in plain English, naming questions by id and options by label. */
export function describe(c: Condition, lookup: (id: string) => ResolvedItem | undefined): string {
  const inner = (x: Condition, parent: 'and' | 'or' | 'not'): string => {
    const text = describe(x, lookup);
    const needs = (x.op === 'or' && parent !== 'or') || (x.op === 'and' && parent !== 'and');
    return needs ? `(${text})` : text;
  };
  switch (c.op) {
    case 'true':
      return 'always';
    case 'false':
      return 'never';
    case 'and':
      return c.args.map((a) => inner(a, 'and')).join(' and ');
    case 'or':
      return c.args.map((a) => inner(a, 'or')).join(' or ');
    case 'not': {
      const a = c.arg;
      if (a.op === 'equals') return describe({ ...a, negated: !a.negated }, lookup);
      if (a.op === 'answered') return describe({ ...a, negated: !a.negated }, lookup);
      if (a.op === 'in') return `${a.question} is none of ${list(a.values.map((v) => labelOf(a.question, v, lookup)), 'and')}`;
      if (a.op === 'includes') return `${a.question} does not include ${labelOf(a.question, a.value, lookup)}`;
      return `not (${describe(a, lookup)})`;
    }
    case 'equals':
      return `${c.question} is ${c.negated ? 'not ' : ''}${labelOf(c.question, c.value, lookup)}`;
    case 'in':
      return `${c.question} is ${list(c.values.map((v) => labelOf(c.question, v, lookup)), 'or')}`;
    case 'includes':
      return `${c.question} includes ${labelOf(c.question, c.value, lookup)}`;
    case 'count':
      return `${COUNT_WORDS[c.comparison](c.count)} of ${c.question} ${c.count === 1 && (c.comparison === '=' || c.comparison === '<=') ? 'is' : 'are'} ticked`;
    case 'compare':
      return `${c.question} ${(typeof c.value === 'number' ? NUMBER_WORDS : DATE_WORDS)[c.comparison](String(c.value))}`;
    case 'compareQuestions': {
      const kind = lookup(c.question)?.kind;
      return `${c.question} ${(kind === 'date' ? DATE_WORDS : NUMBER_WORDS)[c.comparison](c.other)}`;
    }
    case 'answered':
      return `${c.question} is ${c.negated ? 'not ' : ''}answered`;
  }
}
