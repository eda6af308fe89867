/**
 * Runtime benchmarks (issue 4): one answer change → new routing state on generated 500- and
 * 5,000-question compiled surveys (target at 5,000: median ≤ 5 ms), and the throughput of the
 * standalone validator module (emitStandaloneValidator, imported from a temporary .mjs file)
 * beside the ajv validator's, for each example, on the same batches as the validate-*
 * benchmarks (target: 50,000 responses per second, i.e. 10,000 responses in at most 200 ms).
 *
 * Each module below is one benchmark; bench/run.mjs lists them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import { emitStandaloneValidator } from '../packages/compiler/dist/src/schema/standalone.js';
import { validAnswer } from '../packages/compiler/dist/test/support/responses.js';
import { changeAnswer, route } from '../packages/runtime/dist/src/index.js';
import { BATCH, generated, validationBatch } from './schema-benchmarks.mjs';

const TODAY = '2016-06-30';

/**
 * A full path through a generated survey: every question answered (the first ordinary option,
 * so every `ask if … = yes` holds), then only the answers routing keeps.
 */
function fullAnswers(survey) {
  let answers = {};
  for (const item of survey.items) if (item.kind !== 'info') answers[item.id] = validAnswer(item);
  for (let round = 0; round < 5; round++) {
    const effective = route(survey, answers, { today: TODAY }).effective;
    if (Object.keys(effective).length === Object.keys(answers).length) break;
    answers = { ...effective };
  }
  return answers;
}

export function routeBenchmark(questions, target) {
  return {
    name: `route-${questions}`,
    description: `one answer change → new routing state on a generated ${questions.toLocaleString('en-GB')}-question compiled survey`,
    ...(target === undefined ? {} : { target: { statistic: 'median', ms: target } }),
    warmup: 10,
    runs: 50,
    async setup() {
      const { survey } = generated(questions);
      let answers = fullAnswers(survey);
      // q58 gates the generator's fourth section (`ask if q58 = yes`, 20 questions).
      const changed = 'q58';
      if (answers[changed] !== 'yes') throw new Error(`route-${questions}: ${changed} is not answered yes on the full path`);
      const yes = route(survey, answers, { today: TODAY });
      const no = route(survey, { ...answers, [changed]: 'no' }, { today: TODAY });
      // What a form holds between changes: the answers and their route.
      let current = { answers, route: yes };
      const toNo = changeAnswer(survey, yes, answers, changed, 'no', { today: TODAY });
      const backToYes = changeAnswer(survey, toNo.route, toNo.answers, changed, 'yes', { today: TODAY });
      if (!isDeepStrictEqual(toNo.route, no) || !isDeepStrictEqual(backToYes.route, yes)) {
        throw new Error(`route-${questions}: changeAnswer's route differs from route()'s`);
      }
      // For comparison: the same change routed in full (the copy as a spread, then route()).
      const fullTimes = [];
      for (let i = 0; i < 15; i++) {
        const t = performance.now();
        route(survey, { ...answers, [changed]: i % 2 === 0 ? 'no' : 'yes' }, { today: TODAY });
        if (i >= 5) fullTimes.push(performance.now() - t);
      }
      let flip = false;
      return {
        info: {
          questions: survey.items.filter((i) => i.kind !== 'info').length,
          answers: Object.keys(answers).length,
          'answer changed': `${changed} yes ↔ no`,
          asked: `${yes.asked.length} ↔ ${no.asked.length}`,
          timed: 'changeAnswer(): copy the answers with the change, route from the previous route',
          'copy + full route() (median of 10)': `${median(fullTimes).toFixed(1)} ms`,
        },
        run() {
          flip = !flip;
          current = changeAnswer(survey, current.route, current.answers, changed, flip ? 'no' : 'yes', { today: TODAY });
          return current;
        },
      };
    },
  };
}

function rate(ms) {
  return `${Math.round(BATCH / (ms / 1000)).toLocaleString('en-GB')} responses/s`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function standaloneValidationBenchmark(file) {
  return {
    name: `standalone-validate-${file}`,
    description: `validate ${BATCH.toLocaleString('en-GB')} responses to ${file} with the standalone validator module (ajv's beside it)`,
    target: { statistic: 'median', ms: (BATCH / 50_000) * 1000 },
    warmup: 5,
    runs: 20,
    async setup() {
      const { survey, validator, samples, batch } = validationBatch(file);
      const dir = mkdtempSync(join(tmpdir(), 'poet-bench-standalone-'));
      const path = join(dir, `${file}.validator.mjs`);
      const source = emitStandaloneValidator(survey);
      writeFileSync(path, source);
      const standalone = await import(pathToFileURL(path).href);
      for (const s of samples) {
        const a = validator.validate(s);
        const b = standalone.validate(s, { today: TODAY });
        if (!isDeepStrictEqual(a, b)) throw new Error(`${file}: the standalone validator disagrees with ajv on ${JSON.stringify(s)}`);
      }
      // ajv's validator on the same batch, measured here (after a warm-up) for the comparison.
      const ajvTimes = [];
      for (let i = 0; i < 15; i++) {
        const t = performance.now();
        for (const response of batch) validator.validate(response);
        if (i >= 5) ajvTimes.push(performance.now() - t);
      }
      return {
        info: {
          'module size': `${(source.length / 1024).toFixed(0)} KB`,
          'ajv (median of 10)': `${median(ajvTimes).toFixed(1)} ms, ${rate(median(ajvTimes))}`,
        },
        run() {
          for (const response of batch) standalone.validate(response, { today: TODAY });
        },
      };
    },
  };
}
