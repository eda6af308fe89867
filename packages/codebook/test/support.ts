/**
 * Test helpers: the six compiled examples, and seeded random walks through them (the
 * runtime's fast-check walks, loaded from its compiled test folder so they are written once).
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import type { ExampleName } from '../../runtime/test/support/examples.js';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const EXAMPLES_DIR = `${ROOT}examples/`;
export type { ExampleName };

// The compiled examples of the runtime's tests, loaded from its compiled test folder (as the
// walks below are) so that they are compiled and checked in one place.
const examplesUrl = new URL('../../../runtime/dist/test/support/examples.js', import.meta.url);
const examples = (await import(examplesUrl.href)) as {
  EXAMPLE_FILES: readonly ExampleName[];
  example(name: ExampleName): CompiledSurvey;
  answerPath(survey: CompiledSurvey, given: Readonly<Record<string, unknown>>): Record<string, unknown>;
};
export const EXAMPLE_FILES = examples.EXAMPLE_FILES;
/** The compiled example, compiled once per test process. */
export const example = examples.example;

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

/**
 * Answers a path as a respondent would: the answers `given` (`null`: left out) and a valid
 * answer to every other question routing asks (the runtime's test helper).
 */
export const answerPath = examples.answerPath;
