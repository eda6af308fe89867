/**
 * Test helpers: the six compiled examples, and seeded random walks through them (the
 * runtime's fast-check walks, loaded from its compiled test folder so they are written once).
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { compileFile } from '@poetkit/compiler';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const EXAMPLES_DIR = `${ROOT}examples/`;
export const EXAMPLE_FILES = ['parent-ehc', 'practitioner-ehc', 'adult-social-care', 'carer', 'health-phb', 'streamlined-555'] as const;
export type ExampleName = (typeof EXAMPLE_FILES)[number];

const compiled = new Map<string, CompiledSurvey>();

/** The compiled example, compiled once per test process. */
export function example(name: ExampleName): CompiledSurvey {
  let survey = compiled.get(name);
  if (survey === undefined) {
    const result = compileFile(`${EXAMPLES_DIR}${name}.poet`);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
    assert.ok(result.survey !== undefined);
    survey = result.survey;
    compiled.set(name, survey);
  }
  return survey;
}

const walkUrl = new URL('../../../runtime/dist/test/support/walk.js', import.meta.url);
const walks = (await import(walkUrl.href)) as {
  TODAY: string;
  walk(g: fc.GeneratorValue, survey: CompiledSurvey): Record<string, unknown>;
};
/** The date the walks answer and validate with. */
export const TODAY = walks.TODAY;

export interface Envelope {
  readonly survey: string;
  readonly version: string;
  readonly id: string;
  readonly submitted: string;
  readonly answers: Record<string, unknown>;
}

/** `count` responses walked through `survey`, the same for the same seed. */
export function walkResponses(survey: CompiledSurvey, count: number, seed = 42): Envelope[] {
  const answers = fc.sample(fc.gen().map((g) => walks.walk(g, survey)), { numRuns: count, seed });
  return answers.map((a, i) => ({ survey: survey.id, version: survey.version, id: `r${String(i + 1).padStart(5, '0')}`, submitted: TODAY, answers: a }));
}

const examplesUrl = new URL('../../../runtime/dist/test/support/examples.js', import.meta.url);
const paths = (await import(examplesUrl.href)) as {
  answerPath(survey: CompiledSurvey, given: Readonly<Record<string, unknown>>): Record<string, unknown>;
};
/**
 * Answers a path as a respondent would: the answers `given` (`null`: left out) and a valid
 * answer to every other question routing asks (the runtime's test helper).
 */
export const answerPath = paths.answerPath;
