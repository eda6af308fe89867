/**
 * Parse of a large survey: 5,000 questions in sections of 20, of mixed kinds, with option
 * blocks, grids, conditions and routing (built by the property tests' generator in its
 * tidy, realistic layout; the same seed always gives the same file). Target: a median
 * parse of at most 150 ms.
 */
import { parse } from '../packages/language/dist/src/index.js';
import { generateLargeSurvey } from '../packages/language/dist/test/support/generate.js';

const QUESTIONS = 5000;

export default {
  name: 'parse-5000',
  description: `parse a generated ${QUESTIONS.toLocaleString('en-GB')}-question survey`,
  target: { statistic: 'median', ms: 150 },
  warmup: 5,
  runs: 25,
  async setup() {
    const text = generateLargeSurvey(QUESTIONS, 1);
    const first = parse(text, 'bench.poet');
    const errors = first.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      throw new Error(`the benchmark survey has ${errors.length} error(s), first: ${errors[0].message}`);
    }
    const questions = first.file.items.reduce(
      (n, item) => n + (item.kind === 'Section' ? item.items.filter((i) => i.kind === 'Question' || i.kind === 'Use').length : 0),
      0,
    );
    if (questions !== QUESTIONS) throw new Error(`expected ${QUESTIONS} questions, found ${questions}`);
    const bytes = Buffer.byteLength(text, 'utf8');
    return {
      info: {
        'file size': `${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes} bytes)`,
        lines: text.split('\n').length - 1,
        questions,
      },
      run() {
        parse(text, 'bench.poet');
      },
    };
  },
};
