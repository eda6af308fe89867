/**
 * Routing each of 500 seeded random walks through health-phb (the tests' walks, as export-100k
 * uses them) the way `poet export` routes an ordinary line: `routeSlots` over the answers in
 * slots (as the line scanner leaves them) and `provesSlotRouteValid`. Target: median ≤ 2.5 ms
 * per 500 routes, i.e. 5 µs a route, the routing share of exporting 100,000 responses in 2 s.
 * A full `route()` of the same walks (what export does for a line it reads the general way,
 * and what the form does) is reported beside it, without a target of its own.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { compileFile } from '../packages/compiler/dist/src/index.js';
import { provesSlotRouteValid, route, routeSlots, slotRoutingPlan } from '../packages/runtime/dist/src/index.js';
import { walk } from '../packages/runtime/dist/test/support/walk.js';

const here = new URL('.', import.meta.url).pathname;
const EXAMPLE = join(here, '..', 'examples', 'health-phb.poet');
const WALKS = 500;
const TODAY = '2016-06-30';
const WARMUP = 20;
/** Keeps the routes' results alive, so that no run can be optimised away. */
let sink = 0;

export default {
  name: 'route-export-health-phb',
  description: `routeSlots() and its proof of each of ${WALKS} random walks through health-phb`,
  target: { statistic: 'median', ms: 2.5 },
  warmup: WARMUP,
  runs: 100,
  async setup() {
    const survey = compileFile(EXAMPLE).survey;
    const walks = fc.sample(fc.gen().map((g) => walk(g, survey)), { numRuns: WALKS, seed: 7 });
    const options = { today: TODAY };
    let asked = 0;
    for (const answers of walks) asked += route(survey, answers, options).asked.length;
    const plan = slotRoutingPlan(survey);
    // Each walk's answers by slot, and its envelope, as the line scanner gives them to the exporter.
    const inSlots = walks.map((answers) => {
      const given = new Array(plan.slots).fill(undefined);
      for (const { key, slot } of plan.answerKeys) if (Object.hasOwn(answers, key)) given[slot] = answers[key];
      return { given, count: Object.keys(answers).length };
    });
    for (const { given, count } of inSlots) {
      const routed = routeSlots(plan, given, TODAY);
      if (!provesSlotRouteValid(plan, routed, given, count, TODAY, TODAY)) throw new Error('a walk was not proved valid from its route: the benchmark would not measure what export does');
    }
    const fullRouteMs = [];
    for (let run = 0; run < 50; run++) {
      const start = performance.now();
      for (const answers of walks) sink += route(survey, answers, options).asked.length;
      fullRouteMs.push(performance.now() - start);
    }
    fullRouteMs.sort((a, b) => a - b);
    // Each run's time, to report the median per route (the first WARMUP are the warm-up).
    const times = [];
    return {
      info: {
        walks: WALKS,
        'questions asked per walk (mean)': (asked / WALKS).toFixed(1),
        'full route() of the 500 walks, median of 50 runs': `${fullRouteMs[25].toFixed(2)} ms`,
        get 'µs per route (median run)'() {
          const sorted = times.slice(WARMUP).sort((a, b) => a - b);
          return ((sorted[Math.floor(sorted.length / 2)] * 1000) / WALKS).toFixed(2);
        },
      },
      run() {
        const start = performance.now();
        for (const { given, count } of inSlots) {
          const routed = routeSlots(plan, given, TODAY);
          if (provesSlotRouteValid(plan, routed, given, count, TODAY, TODAY)) sink += routed.effective;
        }
        times.push(performance.now() - start);
      },
    };
  },
};
