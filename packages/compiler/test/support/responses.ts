/**
 * Helpers for the response-schema tests: the compiled examples, an ajv that records warnings,
 * a valid answer for any question, and a small builder of hand-made compiled surveys.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { compileFile } from '../../src/compile.js';
import type {
  CompiledItem,
  CompiledOption,
  CompiledQuestion,
  CompiledSurvey,
  Condition,
  Universe,
} from '../../src/compiled/types.js';
import { emitResponseSchema, type ResponseSchema } from '../../src/schema/emit.js';
import { createPoetAjv, createResponseValidator, type ResponseValidator } from '../../src/schema/validator.js';

/** The repository's examples/ folder. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../../../examples/', import.meta.url));

export const EXAMPLE_FILES = ['parent-ehc', 'practitioner-ehc', 'adult-social-care', 'carer', 'health-phb', 'streamlined-555'] as const;

const compiled = new Map<string, CompiledSurvey>();

/** The compiled example (`parent-ehc`), compiled once per test file. Fails the test on any error. */
export function example(name: (typeof EXAMPLE_FILES)[number]): CompiledSurvey {
  let survey = compiled.get(name);
  if (survey === undefined) {
    const result = compileFile(`${EXAMPLES_DIR}${name}.poet`);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => d.message), [], `${name}.poet does not compile`);
    assert.ok(result.survey !== undefined);
    survey = result.survey;
    compiled.set(name, survey);
  }
  return survey;
}

/** An ajv like the validator's, whose warnings and errors are recorded in `warnings`. */
export function recordingAjv(): { ajv: ReturnType<typeof createPoetAjv>; warnings: string[] } {
  const warnings: string[] = [];
  const record = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  const ajv = createPoetAjv({ logger: { log: () => undefined, warn: record, error: record } });
  return { ajv, warnings };
}

/** Compiles `schema` with strict ajv and asserts no warning; returns the validator. */
export function compileStrict(survey: CompiledSurvey, schema: ResponseSchema = emitResponseSchema(survey)): ResponseValidator {
  const { ajv, warnings } = recordingAjv();
  const validator = createResponseValidator(survey, { ajv, schema, today: '2016-06-30' });
  assert.deepEqual(warnings, [], `ajv warned compiling the schema of ${survey.id}`);
  return validator;
}

const validators = new Map<CompiledSurvey, ResponseValidator>();

/** A validator for `survey` (today = 2016-06-30), made once. */
export function validatorFor(survey: CompiledSurvey): ResponseValidator {
  let v = validators.get(survey);
  if (v === undefined) {
    v = compileStrict(survey);
    validators.set(survey, v);
  }
  return v;
}

export function question(survey: CompiledSurvey, id: string): CompiledQuestion {
  const item = survey.items.find((i) => i.id === id);
  assert.ok(item !== undefined && item.kind !== 'info', `no question ${id} in ${survey.id}`);
  return item as CompiledQuestion;
}

/** A valid answer to `q` taken on its own: the first ordinary option, the minimum, a short text... */
export function validAnswer(q: CompiledQuestion, rows?: readonly string[]): unknown {
  switch (q.kind) {
    case 'consent':
      return 'yes';
    case 'single':
    case 'multi': {
      const plain = q.options.find((o) => !o.exclusive && !o.specify && o.missing === undefined) ?? q.options[0]!;
      if (q.kind === 'single') return plain.value;
      const n = Math.max(1, q.minTicks ?? 1);
      return q.options.filter((o) => !o.exclusive && !o.specify).slice(0, n).map((o) => o.value);
    }
    case 'text':
    case 'long_text':
      return 'An answer';
    case 'number':
      return q.min ?? 0;
    case 'date':
      return q.min !== undefined && q.min !== 'today' ? q.min : '2015-06-01';
    case 'grid': {
      const shown = rows ?? q.rows.map((r) => r.id);
      return Object.fromEntries(shown.map((r) => [r, q.scale[0]!.value]));
    }
  }
}

// ---- hand-built surveys -------------------------------------------------------------------

export const TRUE: Condition = { op: 'true' };
export const eq = (question: string, value: string): Condition => ({ op: 'equals', question, value, negated: false });
export const ne = (question: string, value: string): Condition => ({ op: 'equals', question, value, negated: true });
export const and = (...args: Condition[]): Condition => ({ op: 'and', args });
export const or = (...args: Condition[]): Condition => ({ op: 'or', args });
export const not = (arg: Condition): Condition => ({ op: 'not', arg });

const at = { file: 'hand.poet', line: 1, column: 1, endLine: 1, endColumn: 2 };
const text = (s: string) => ({ source: s, blocks: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: s }] }] });
export const universe = (condition: Condition): Universe => ({ condition, text: JSON.stringify(condition) });

/** `opt('1 yes Yes')`, flags after the label: `opt('98 dont_know "Don\'t know" exclusive dont_know')`. */
export function opts(...specs: string[]): CompiledOption[] {
  return specs.map((spec) => {
    const [code, value, ...rest] = spec.split(' ');
    const flags = new Set(rest);
    const option: CompiledOption = {
      code: Number(code),
      value: value!,
      label: rest.filter((w) => !['exclusive', 'specify', 'dont_know', 'prefer_not_say'].includes(w)).join(' ') || value!,
      exclusive: flags.has('exclusive'),
      specify: flags.has('specify'),
      ...(flags.has('dont_know') ? { missing: 'dont_know' as const } : flags.has('prefer_not_say') ? { missing: 'prefer_not_say' as const } : {}),
    };
    return option;
  });
}

interface QuestionSpec {
  readonly id: string;
  readonly kind: CompiledQuestion['kind'];
  /** The universe's condition (default: always asked). */
  readonly when?: Condition;
  readonly required?: boolean;
  readonly options?: readonly CompiledOption[];
  /** Grid rows; a row's `when` is its universe (default: the grid's). */
  readonly rows?: readonly { readonly id: string; readonly label?: string; readonly when?: Condition }[];
  readonly [extra: string]: unknown;
}

/** A compiled question with defaults (required, asked when `when`, default true). */
export function q(spec: QuestionSpec): CompiledQuestion {
  const { when = TRUE, ...rest } = spec;
  const base = { text: text(spec.id), universe: universe(when), location: at, required: true, ...rest } as Record<string, unknown>;
  if ((spec.kind === 'single' || spec.kind === 'multi') && (spec.options ?? []).some((o) => o.specify) && spec['pipedFrom'] === undefined) {
    const chosen: Condition = spec.kind === 'multi' ? { op: 'includes', question: spec.id, value: 'other' } : eq(spec.id, 'other');
    base['other'] = { key: `${spec.id}_other`, maxLength: 200, universe: universe(when.op === 'true' ? chosen : and(when, chosen)) };
  }
  if (spec.kind === 'grid') {
    base['rows'] = (spec.rows ?? []).map((r) => ({ id: r.id, label: r.label ?? r.id, universe: universe(r.when ?? when) }));
  }
  return base as unknown as CompiledQuestion;
}

/** A compiled survey of `items` (checks optional). */
export function survey(id: string, items: readonly CompiledItem[], checks: CompiledSurvey['checks'] = []): CompiledSurvey {
  return {
    format: 'poetkit-survey',
    formatVersion: 1,
    id,
    title: id,
    version: '1.0.0',
    language: 'en-GB',
    items,
    sections: [],
    pages: [],
    endRules: [],
    checks,
    sources: ['hand.poet'],
  };
}

// ---- responses from routing cases ----------------------------------------------------------

import type { RoutingCase } from './routing-cases.js';

/** The response of a routing case: the answers given, and a valid answer for every other question asked. */
export function caseResponse(survey: CompiledSurvey, path: RoutingCase): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const id of path.asked) {
    if (Object.prototype.hasOwnProperty.call(path.given, id)) {
      const given = path.given[id];
      if (given !== null) answers[id] = given;
      continue;
    }
    answers[id] = validAnswer(question(survey, id), path.rowsShown?.[id]);
  }
  for (const [key, value] of Object.entries(path.given)) {
    if (key.endsWith('_other') && value !== null) answers[key] = value;
  }
  return answers;
}
