/**
 * Conditions over answers: the compiled {@link Condition} data evaluated with the reference
 * rule (poet-reference README, Routing 3; docs/compiled-format.md, Conditions).
 *
 * - An atom about a question that has no answer in `answers` (not asked, or asked and left
 *   unanswered) is **false**, whatever its operator: `q = x`, `q != x`, `q in (...)`,
 *   `q includes x`, `q >= 3`, `q1 <= q2` are all false then.
 * - **`count(q)` of such a question is 0**, so `count(q) < 2`, `count(q) <= 1` and
 *   `count(q) = 0` are *true* for an unanswered multi, and `count(q) >= 2` is false. This is
 *   the choice the compiled response schema makes too (`count` of an absent multi is 0), so
 *   the runtime and the validator agree.
 * - `answered` is true when the question has an answer; negated, it is true when it has none.
 * - `not`, `and`, `or` are the usual two-valued operators over those results: `not (q = x)`
 *   is true when `q` has no answer.
 *
 * `answers` should hold only answers to questions asked earlier on the path (routing builds
 * such "effective answers" as it goes; see route.ts). An answer of the wrong shape for an atom
 * (a number where a string is expected...) counts as no answer for that atom.
 */
import type { Comparison, Condition } from '@poetkit/compiler/compiled';

/** Answers: question id (or `<id>_other`) → answer, as in a response. */
export type Answers = Readonly<Record<string, unknown>>;

export interface EvaluateOptions {
  /** What `today` means in date comparisons, `YYYY-MM-DD` (default: today's local date). */
  readonly today?: string;
}

/** Today's local date, `YYYY-MM-DD`. */
export function localDate(date: Date = new Date()): string {
  return `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function has(answers: Answers, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(answers, key) && answers[key] !== undefined && answers[key] !== null;
}

function compare<T extends number | string>(a: T, comparison: Comparison, b: T): boolean {
  switch (comparison) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A number, or a `YYYY-MM-DD` date string; anything else is no comparable answer. */
function comparable(value: unknown): number | string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && DATE_SHAPE.test(value)) return value;
  return undefined;
}

function compareValues(a: unknown, comparison: Comparison, b: unknown): boolean {
  const x = comparable(a);
  const y = comparable(b);
  if (x === undefined || y === undefined || typeof x !== typeof y) return false;
  return compare(x, comparison, y);
}

/** Whether `condition` holds for `answers` (see the module comment for the rule). */
export function evaluate(condition: Condition, answers: Answers, options: EvaluateOptions = {}): boolean {
  switch (condition.op) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'and':
      return condition.args.every((c) => evaluate(c, answers, options));
    case 'or':
      return condition.args.some((c) => evaluate(c, answers, options));
    case 'not':
      return !evaluate(condition.arg, answers, options);
    case 'equals': {
      const a = has(answers, condition.question) ? answers[condition.question] : undefined;
      if (typeof a !== 'string') return false;
      return condition.negated ? a !== condition.value : a === condition.value;
    }
    case 'in': {
      const a = has(answers, condition.question) ? answers[condition.question] : undefined;
      return typeof a === 'string' && condition.values.includes(a);
    }
    case 'includes': {
      const a = has(answers, condition.question) ? answers[condition.question] : undefined;
      return Array.isArray(a) && a.includes(condition.value);
    }
    case 'count': {
      const a = has(answers, condition.question) ? answers[condition.question] : undefined;
      const n = Array.isArray(a) ? a.length : 0;
      return compare(n, condition.comparison, condition.count);
    }
    case 'compare': {
      if (!has(answers, condition.question)) return false;
      const value = condition.value === 'today' ? (options.today ?? localDate()) : condition.value;
      return compareValues(answers[condition.question], condition.comparison, value);
    }
    case 'compareQuestions':
      if (!has(answers, condition.question) || !has(answers, condition.other)) return false;
      return compareValues(answers[condition.question], condition.comparison, answers[condition.other]);
    case 'answered':
      return has(answers, condition.question) !== condition.negated;
  }
}

/**
 * A condition compiled once into plain closures (no `new Function`: forms run under a strict
 * CSP). `today` is the resolved date of `EvaluateOptions.today`. Same rule as {@link evaluate}.
 */
export type CompiledTest = (answers: Answers, today: string) => boolean;

const always: CompiledTest = () => true;
const never: CompiledTest = () => false;

function answerOf(answers: Answers, key: string): unknown {
  return has(answers, key) ? answers[key] : undefined;
}

/** `condition` as a closure: `compileCondition(c)(a, today)` equals `evaluate(c, a, { today })`. */
export function compileCondition(condition: Condition): CompiledTest {
  switch (condition.op) {
    case 'true':
      return always;
    case 'false':
      return never;
    case 'and': {
      const tests = condition.args.map(compileCondition);
      if (tests.length === 0) return always;
      if (tests.length === 1) return tests[0]!;
      if (tests.length === 2) {
        const [a, b] = tests as [CompiledTest, CompiledTest];
        return (answers, today) => a(answers, today) && b(answers, today);
      }
      return (answers, today) => {
        for (const test of tests) if (!test(answers, today)) return false;
        return true;
      };
    }
    case 'or': {
      const tests = condition.args.map(compileCondition);
      if (tests.length === 0) return never;
      if (tests.length === 1) return tests[0]!;
      return (answers, today) => {
        for (const test of tests) if (test(answers, today)) return true;
        return false;
      };
    }
    case 'not': {
      const test = compileCondition(condition.arg);
      return (answers, today) => !test(answers, today);
    }
    case 'equals': {
      const { question, value } = condition;
      return condition.negated
        ? (answers) => {
            const a = answerOf(answers, question);
            return typeof a === 'string' && a !== value;
          }
        : (answers) => answerOf(answers, question) === value;
    }
    case 'in': {
      const { question, values } = condition;
      return (answers) => {
        const a = answerOf(answers, question);
        return typeof a === 'string' && values.includes(a);
      };
    }
    case 'includes': {
      const { question, value } = condition;
      return (answers) => {
        const a = answerOf(answers, question);
        return Array.isArray(a) && a.includes(value);
      };
    }
    case 'count': {
      const { question, comparison, count } = condition;
      return (answers) => {
        const a = answerOf(answers, question);
        return compare(Array.isArray(a) ? a.length : 0, comparison, count);
      };
    }
    case 'compare': {
      const { question, comparison, value } = condition;
      return value === 'today'
        ? (answers, today) => has(answers, question) && compareValues(answers[question], comparison, today)
        : (answers) => has(answers, question) && compareValues(answers[question], comparison, value);
    }
    case 'compareQuestions': {
      const { question, comparison, other } = condition;
      return (answers) => has(answers, question) && has(answers, other) && compareValues(answers[question], comparison, answers[other]);
    }
    case 'answered': {
      const { question, negated } = condition;
      return (answers) => has(answers, question) !== negated;
    }
  }
}

/**
 * A condition compiled for routing, over answers held in slots: `answers[slotOf(key)]` is the
 * answer of `key`, `undefined` when it has none. Routing fills the slots of the effective answers
 * as it goes (an array read is much cheaper than an own-property look-up on an object whose
 * shape differs on every path). Same rule as {@link evaluate}.
 */
export type SlotTest = (answers: readonly unknown[], today: string) => boolean;

/**
 * `s` as the engine's one shared copy of its text (property keys are such copies): comparing two
 * such strings with `===` is a pointer comparison, where a compiled survey's strings (sliced from
 * the source) are compared character by character with every answer.
 */
export function internalized(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}

/**
 * `list.includes(x)` for lists of strings (where it is the same as `===`), as a loop the
 * optimizer inlines: routing's lists are a few options or rows long.
 */
export function contains(list: readonly unknown[], x: unknown): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === x) return true;
  return false;
}

const alwaysSlot: SlotTest = () => true;
const neverSlot: SlotTest = () => false;

/** `condition` as a closure over slots: `compileSlotCondition(c, slotOf)(slots, today)` equals `evaluate(c, a, { today })` when slot `slotOf(k)` holds `a`'s own `k`. */
export function compileSlotCondition(condition: Condition, slotOf: (key: string) => number): SlotTest {
  switch (condition.op) {
    case 'true':
      return alwaysSlot;
    case 'false':
      return neverSlot;
    case 'and': {
      const tests = condition.args.map((c) => compileSlotCondition(c, slotOf));
      if (tests.length === 0) return alwaysSlot;
      if (tests.length === 1) return tests[0]!;
      if (tests.length === 2) {
        const [a, b] = tests as [SlotTest, SlotTest];
        return (answers, today) => a(answers, today) && b(answers, today);
      }
      return (answers, today) => {
        for (let i = 0; i < tests.length; i++) if (!tests[i]!(answers, today)) return false;
        return true;
      };
    }
    case 'or': {
      const tests = condition.args.map((c) => compileSlotCondition(c, slotOf));
      if (tests.length === 0) return neverSlot;
      if (tests.length === 1) return tests[0]!;
      if (tests.length === 2) {
        const [a, b] = tests as [SlotTest, SlotTest];
        return (answers, today) => a(answers, today) || b(answers, today);
      }
      return (answers, today) => {
        for (let i = 0; i < tests.length; i++) if (tests[i]!(answers, today)) return true;
        return false;
      };
    }
    case 'not': {
      const test = compileSlotCondition(condition.arg, slotOf);
      return (answers, today) => !test(answers, today);
    }
    case 'equals': {
      const slot = slotOf(condition.question);
      const value = internalized(condition.value);
      return condition.negated
        ? (answers) => {
            const a = answers[slot];
            return typeof a === 'string' && a !== value;
          }
        : (answers) => answers[slot] === value;
    }
    case 'in': {
      const slot = slotOf(condition.question);
      const values = condition.values.map(internalized);
      return (answers) => {
        const a = answers[slot];
        return typeof a === 'string' && contains(values, a);
      };
    }
    case 'includes': {
      const slot = slotOf(condition.question);
      const value = internalized(condition.value);
      return (answers) => {
        const a = answers[slot];
        return Array.isArray(a) && contains(a, value);
      };
    }
    case 'count': {
      const slot = slotOf(condition.question);
      const { comparison, count } = condition;
      return (answers) => {
        const a = answers[slot];
        return compare(Array.isArray(a) ? a.length : 0, comparison, count);
      };
    }
    case 'compare': {
      const slot = slotOf(condition.question);
      const { comparison, value } = condition;
      return value === 'today'
        ? (answers, today) => {
            const a = answers[slot];
            return a !== undefined && a !== null && compareValues(a, comparison, today);
          }
        : (answers) => {
            const a = answers[slot];
            return a !== undefined && a !== null && compareValues(a, comparison, value);
          };
    }
    case 'compareQuestions': {
      const slot = slotOf(condition.question);
      const otherSlot = slotOf(condition.other);
      const comparison = condition.comparison;
      return (answers) => {
        const a = answers[slot];
        const b = answers[otherSlot];
        return a !== undefined && a !== null && b !== undefined && b !== null && compareValues(a, comparison, b);
      };
    }
    case 'answered': {
      const slot = slotOf(condition.question);
      const negated = condition.negated;
      return (answers) => (answers[slot] !== undefined && answers[slot] !== null) !== negated;
    }
  }
}

/** The answer keys a condition reads (its questions), for dependency indexes. */
export function conditionQuestions(condition: Condition, into: Set<string> = new Set()): Set<string> {
  switch (condition.op) {
    case 'true':
    case 'false':
      break;
    case 'and':
    case 'or':
      for (const c of condition.args) conditionQuestions(c, into);
      break;
    case 'not':
      conditionQuestions(condition.arg, into);
      break;
    case 'compareQuestions':
      into.add(condition.question).add(condition.other);
      break;
    default:
      into.add(condition.question);
  }
  return into;
}
