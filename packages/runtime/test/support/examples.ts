/**
 * Test helpers: the compiled examples (compiled with @poetkit/compiler, in tests only), the
 * routing cases of ROUTING-CASES.md (the compiler's test data, loaded from its compiled test
 * folder so they are written once), and a valid answer for any question.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { compileFile } from '@poetkit/compiler';
import type { CompiledQuestion, CompiledSurvey } from '@poetkit/compiler/compiled';
import type { RoutingCase } from '../../../compiler/test/support/routing-cases.js';

export type { RoutingCase };

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../../../examples/', import.meta.url));
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

// From dist/test/support/ to packages/compiler/dist/test/support/.
const casesUrl = new URL('../../../../compiler/dist/test/support/routing-cases.js', import.meta.url);
export const ROUTING_CASES = ((await import(casesUrl.href)) as { ROUTING_CASES: readonly RoutingCase[] }).ROUTING_CASES;

// The question lookup and valid answers of the compiler's tests, loaded the same way.
const responsesUrl = new URL('../../../../compiler/dist/test/support/responses.js', import.meta.url);
const responses = (await import(responsesUrl.href)) as {
  question(survey: CompiledSurvey, id: string): CompiledQuestion;
  validAnswer(q: CompiledQuestion, rows?: readonly string[]): unknown;
};
export const question = responses.question;
/** A valid answer to `q` on its own: the first ordinary option, the minimum, a short text... */
export const validAnswer = responses.validAnswer;

import { route, type Answers } from '../../src/index.js';

/**
 * Answers a path as a respondent would through the runtime: the answers `given` (`null`: left
 * out), and for every other question asked a valid answer (a grid: its shown rows; a piped
 * question: the first option offered), until routing asks nothing new.
 */
export function answerPath(survey: CompiledSurvey, given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) if (key.endsWith('_other') && value !== null) answers[key] = value;
  for (let changed = true; changed; ) {
    changed = false;
    for (const a of route(survey, answers as Answers).asked) {
      if (Object.prototype.hasOwnProperty.call(answers, a.id) || (Object.prototype.hasOwnProperty.call(given, a.id) && given[a.id] === null)) continue;
      answers[a.id] = Object.prototype.hasOwnProperty.call(given, a.id)
        ? given[a.id]
        : a.options !== undefined
          ? a.options[0]?.value
          : validAnswer(a.question, a.rows);
      changed = true;
      break;
    }
  }
  return answers;
}

/** Every answer key of the survey: question ids and `<id>_other` keys. */
export function answerKeys(survey: CompiledSurvey): string[] {
  const keys: string[] = [];
  for (const item of survey.items) {
    if (item.kind === 'info') continue;
    keys.push(item.id);
    if ((item.kind === 'single' || item.kind === 'multi' || item.kind === 'consent') && item.other !== undefined) keys.push(item.other.key);
  }
  return keys;
}
