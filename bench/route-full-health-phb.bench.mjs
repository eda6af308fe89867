/**
 * A full `route()` of each of 500 seeded random walks through health-phb (the tests' walks, as
 * export-100k uses them): what `poet export` does once per response. Target: median ≤ 2.5 ms
 * per 500 routes, i.e. 5 µs a route, the routing share of exporting 100,000 responses in 2 s.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { compileFile } from '../packages/compiler/dist/src/index.js';
import { route } from '../packages/runtime/dist/src/index.js';
import { walk } from '../packages/runtime/dist/test/support/walk.js';

const here = new URL('.', import.meta.url).pathname;
const EXAMPLE = join(here, '..', 'examples', 'health-phb.poet');
const WALKS = 500;
const TODAY = '2016-06-30';
const WARMUP = 20;
/** Keeps the routes' results alive, so that no run can be optimised away. */
let sink = 0;

export default {
  name: 'route-full-health-phb',
  description: `a full route() of each of ${WALKS} random walks through health-phb`,
  target: { statistic: 'median', ms: 2.5 },
  warmup: WARMUP,
  runs: 100,
  async setup() {
    const survey = compileFile(EXAMPLE).survey;
    const walks = fc.sample(fc.gen().map((g) => walk(g, survey)), { numRuns: WALKS, seed: 7 });
    const options = { today: TODAY };
    let asked = 0;
    for (const answers of walks) asked += route(survey, answers, options).asked.length;
    // Each run's time, to report the median per route (the first WARMUP are the warm-up).
    const times = [];
    return {
      info: {
        walks: WALKS,
        'questions asked per walk (mean)': (asked / WALKS).toFixed(1),
        get 'µs per route (median run)'() {
          const sorted = times.slice(WARMUP).sort((a, b) => a - b);
          return ((sorted[Math.floor(sorted.length / 2)] * 1000) / WALKS).toFixed(2);
        },
      },
      run() {
        const start = performance.now();
        for (const answers of walks) sink += route(survey, answers, options).asked.length;
        times.push(performance.now() - start);
      },
    };
  },
};
