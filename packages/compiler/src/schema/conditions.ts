/**
 * Conditions as JSON Schema: a {@link Condition} becomes a subschema that the response (the
 * answers object) matches exactly when the condition holds.
 *
 * An atom about a question that is absent is false (poet-reference README, Routing 3), which
 * `required` gives for free; `count` of an absent multi is 0. Comparisons between two
 * questions use poetkit's `x-poet-compare` keyword and dates use `x-poet-date-min` /
 * `x-poet-date-max` (docs/response-schema.md).
 */
import type { Comparison, Condition } from '../compiled/types.js';

/** A JSON Schema (draft 2020-12): an object or a boolean. Plain JSON: no functions, no `undefined`. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/**
 * `{required: [q], properties: {q: value}}`: q is answered and its answer matches `value`.
 * (No `type: object`: conditions apply to the answers object, which the root schema requires
 * to be an object; leaving the type out keeps the generated code small.)
 */
export function answeredWith(question: string, value: JsonSchema = true): JsonSchema {
  return { required: [question], properties: { [question]: value } };
}

/** q is absent. */
export function absent(question: string): JsonSchema {
  return { not: answeredWith(question) };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `2015-01-31` → `2015-02-01` (`delta` days later; UTC calendar arithmetic). */
export function addDays(date: string, delta: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + delta * 86_400_000;
  const d = new Date(t);
  const y = d.getUTCFullYear();
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** A number answer compared with a constant. */
function numberComparison(comparison: Comparison, value: number): JsonSchema {
  switch (comparison) {
    case '=':
      return { type: 'number', const: value };
    case '!=':
      return { type: 'number', not: { const: value } };
    case '<':
      return { type: 'number', exclusiveMaximum: value };
    case '<=':
      return { type: 'number', maximum: value };
    case '>':
      return { type: 'number', exclusiveMinimum: value };
    case '>=':
      return { type: 'number', minimum: value };
  }
}

/** A date answer (a `YYYY-MM-DD` string, or `today`) compared with a constant. */
function dateComparison(comparison: Comparison, value: string): JsonSchema {
  const today = value === 'today';
  switch (comparison) {
    case '=':
      return today ? { type: 'string', 'x-poet-date-min': 'today', 'x-poet-date-max': 'today' } : { type: 'string', const: value };
    case '!=':
      return today
        ? { type: 'string', not: { 'x-poet-date-min': 'today', 'x-poet-date-max': 'today' } }
        : { type: 'string', not: { const: value } };
    case '<=':
      return { type: 'string', 'x-poet-date-max': value };
    case '>=':
      return { type: 'string', 'x-poet-date-min': value };
    case '<':
      return today ? { type: 'string', not: { 'x-poet-date-min': 'today' } } : { type: 'string', 'x-poet-date-max': addDays(value, -1) };
    case '>':
      return today ? { type: 'string', not: { 'x-poet-date-max': 'today' } } : { type: 'string', 'x-poet-date-min': addDays(value, 1) };
  }
}

/** Whether `count comparison n` holds for a count of 0. */
function holdsForZero(comparison: Comparison, n: number): boolean {
  switch (comparison) {
    case '=':
      return n === 0;
    case '!=':
      return n !== 0;
    case '<':
      return 0 < n;
    case '<=':
      return 0 <= n;
    case '>':
      return 0 > n;
    case '>=':
      return 0 >= n;
  }
}

/** The array-length constraint of `count(q) comparison n`, or `false` when no length satisfies it. */
function countConstraint(comparison: Comparison, n: number): JsonSchema {
  switch (comparison) {
    case '=':
      return n < 0 || !Number.isInteger(n) ? false : { type: 'array', minItems: n, maxItems: n };
    case '!=':
      return n < 0 || !Number.isInteger(n) ? { type: 'array' } : { type: 'array', not: { minItems: n, maxItems: n } };
    case '<':
      return Math.ceil(n) - 1 < 0 ? false : { type: 'array', maxItems: Math.ceil(n) - 1 };
    case '<=':
      return Math.floor(n) < 0 ? false : { type: 'array', maxItems: Math.floor(n) };
    case '>':
      return { type: 'array', minItems: Math.max(0, Math.floor(n) + 1) };
    case '>=':
      return { type: 'array', minItems: Math.max(0, Math.ceil(n)) };
  }
}

/**
 * The subschema of a condition: `true` and `false` for constant conditions (so that callers
 * can simplify), otherwise an object schema over the answers object.
 */
export function conditionSchema(condition: Condition): JsonSchema {
  switch (condition.op) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'and': {
      const parts: JsonSchema[] = [];
      for (const arg of condition.args) {
        const part = conditionSchema(arg);
        if (part === false) return false;
        if (part !== true) parts.push(part);
      }
      if (parts.length === 0) return true;
      return parts.length === 1 ? parts[0]! : { allOf: parts };
    }
    case 'or': {
      const parts: JsonSchema[] = [];
      for (const arg of condition.args) {
        const part = conditionSchema(arg);
        if (part === true) return true;
        if (part !== false) parts.push(part);
      }
      if (parts.length === 0) return false;
      return parts.length === 1 ? parts[0]! : { anyOf: parts };
    }
    case 'not': {
      const inner = conditionSchema(condition.arg);
      if (typeof inner === 'boolean') return !inner;
      return { not: inner };
    }
    case 'equals':
      return answeredWith(condition.question, condition.negated ? { not: { const: condition.value } } : { const: condition.value });
    case 'in':
      return condition.values.length === 0 ? false : answeredWith(condition.question, { enum: [...condition.values] });
    case 'includes':
      return answeredWith(condition.question, { type: 'array', contains: { const: condition.value } });
    case 'count': {
      const constraint = countConstraint(condition.comparison, condition.count);
      if (holdsForZero(condition.comparison, condition.count)) {
        // Absent counts as 0, which satisfies the comparison: only a present answer can fail it.
        return { properties: { [condition.question]: constraint } };
      }
      return constraint === false ? false : answeredWith(condition.question, constraint);
    }
    case 'compare':
      if (typeof condition.value === 'number') {
        return answeredWith(condition.question, numberComparison(condition.comparison, condition.value));
      }
      if (condition.value !== 'today' && !DATE.test(condition.value)) {
        throw new Error(`compare: '${condition.value}' is neither a number nor a date`);
      }
      return answeredWith(condition.question, dateComparison(condition.comparison, condition.value));
    case 'compareQuestions':
      return {
        required: [condition.question, condition.other],
        properties: { [condition.question]: true, [condition.other]: true },
        'x-poet-compare': { left: condition.question, op: condition.comparison, right: condition.other },
      };
    case 'answered':
      return condition.negated ? absent(condition.question) : answeredWith(condition.question);
  }
}
