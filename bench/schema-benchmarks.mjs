/**
 * Compile and validation benchmarks (issue 3): poetkit's compile of generated 500- and
 * 5,000-question surveys (compiler + response-schema emission; targets 50 ms and 500 ms),
 * schema emission and ajv's compile of the emitted schema measured on their own (the
 * compile as `poet validate` does it, through createResponseValidator), and
 * validation throughput for each example (target: 50,000 responses per second, i.e. a batch
 * of 10,000 responses in at most 200 ms).
 *
 * Each module below is one benchmark; bench/run.mjs lists them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFile } from '../packages/compiler/dist/src/index.js';
import { emitResponseSchema } from '../packages/compiler/dist/src/schema/emit.js';
import { createResponseValidator } from '../packages/compiler/dist/src/schema/validator.js';
import { ROUTING_CASES } from '../packages/compiler/dist/test/support/routing-cases.js';
import { caseResponse, validAnswer } from '../packages/compiler/dist/test/support/responses.js';
import { generateCompilableSurvey } from './generate-survey.mjs';

const here = new URL('.', import.meta.url).pathname;
const examples = join(here, '..', 'examples');

/** A generated survey of `questions` questions, written to a temporary file and compiled. */
export function generated(questions) {
  const dir = mkdtempSync(join(tmpdir(), 'poet-bench-'));
  const path = join(dir, `gen-${questions}.poet`);
  writeFileSync(path, generateCompilableSurvey(questions));
  const first = compileFile(path);
  if (first.survey === undefined) throw new Error(`generated survey does not compile: ${first.diagnostics[0]?.message}`);
  return { path, survey: first.survey };
}

function ms(t) {
  return `${t.toFixed(0)} ms`;
}

export function compileBenchmark(questions, target) {
  return {
    name: `compile-${questions}`,
    description: `compile a generated ${questions.toLocaleString('en-GB')}-question survey and emit its response schema`,
    target: { statistic: 'median', ms: target },
    warmup: 3,
    runs: 20,
    async setup() {
      const { path, survey } = generated(questions);
      let t = performance.now();
      const schema = emitResponseSchema(survey);
      const emit = performance.now() - t;
      // What `poet validate` pays at start-up: ajv's compile of the schema, with the options
      // createResponseValidator picks for the survey's size.
      t = performance.now();
      createResponseValidator(survey, { schema });
      const ajv = performance.now() - t;
      return {
        info: {
          questions: survey.items.length - 1,
          'schema size': `${(JSON.stringify(schema).length / 1024).toFixed(0)} KB`,
          'emission alone (first run)': ms(emit),
          'ajv compile of the schema (once)': ms(ajv),
        },
        run() {
          const result = compileFile(path);
          emitResponseSchema(result.survey);
        },
      };
    },
  };
}

export function emitBenchmark(questions) {
  return {
    name: `emit-schema-${questions}`,
    description: `emit the response schema of a generated ${questions.toLocaleString('en-GB')}-question compiled survey`,
    warmup: 3,
    runs: 20,
    async setup() {
      const { survey } = generated(questions);
      return { info: {}, run: () => void emitResponseSchema(survey) };
    },
  };
}

/** A valid response of any survey: every question answered, then those routing rejects dropped. */
function fullResponse(validator) {
  const answers = {};
  for (const item of validator.survey.items) if (item.kind !== 'info') answers[item.id] = validAnswer(item);
  for (let round = 0; round < 10; round++) {
    const { errors } = validator.validate(answers);
    if (errors.length === 0) break;
    for (const e of errors) if (e.question !== null && e.message.includes('not asked')) delete answers[e.question];
  }
  return answers;
}

export const BATCH = 10_000;

/**
 * The example `file` compiled, its ajv validator (today 2016-06-30), and the batch of BATCH
 * responses the validation benchmarks validate: the distinct `samples` (a consent refusal, a
 * full response, the ROUTING-CASES responses, one invalid response) repeated.
 */
export function validationBatch(file) {
  const result = compileFile(join(examples, `${file}.poet`));
  const validator = createResponseValidator(result.survey, { today: '2016-06-30' });
  const samples = [{ consent: 'no' }, fullResponse(validator)];
  for (const c of ROUTING_CASES.filter((c) => c.survey === result.survey.id)) samples.push(caseResponse(result.survey, c));
  const invalid = { ...samples[1], bogus: 1 };
  samples.push(invalid);
  const valid = samples.filter((s) => validator.validate(s).valid).length;
  if (valid !== samples.length - 1) throw new Error(`${file}: ${samples.length - 1 - valid} sample responses are invalid`);
  const batch = Array.from({ length: BATCH }, (_, i) => samples[i % samples.length]);
  return { survey: result.survey, validator, samples, batch };
}

export function validationBenchmark(file) {
  return {
    name: `validate-${file}`,
    description: `validate ${BATCH.toLocaleString('en-GB')} responses to ${file} (valid and invalid)`,
    target: { statistic: 'median', ms: (BATCH / 50_000) * 1000 },
    warmup: 5,
    runs: 20,
    async setup() {
      const { validator, samples, batch } = validationBatch(file);
      let t = performance.now();
      for (const response of batch) validator.validate(response);
      t = performance.now() - t;
      return {
        info: { 'distinct responses': samples.length, 'first batch': `${Math.round(BATCH / (t / 1000)).toLocaleString('en-GB')} responses/s` },
        run() {
          for (const response of batch) validator.validate(response);
        },
      };
    },
  };
}
