/**
 * Agreement (issue 4): random walks through every example, answering as a respondent would
 * through the runtime (only what `route` asks, piped options as offered, grid rows as shown,
 * exclusive options alone, `_other` texts when opened, optional questions sometimes left out,
 * checks respected), give responses that both validators accept, the compiler's response
 * schema (ajv) and the standalone validator module, and that `purge` leaves unchanged.
 *
 * Every single-step mutation of each walk that breaks a rule (test/support/mutations.ts:
 * answer a skipped question or one after an end rule, answer a grid row not shown, pipe an
 * option not ticked, add an option beside an exclusive one, drop a required answer on the
 * path, break a limit) is rejected by both validators with the same errors, naming the
 * mutated question; `purge` removes exactly the answer of a routing mutation. Each kind of
 * mutation an example has a question for is exercised at least once.
 *
 * 1,000 walks per example (issue 4's minimum); set POET_WALKS to run more or fewer, and see
 * `pnpm fuzz` for 100,000.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createResponseValidator } from '@poetkit/compiler/validator';
import { purge } from '../src/index.js';
import { EXAMPLE_FILES, example } from './support/examples.js';
import { applicableKinds, mutations, type MutationKind } from './support/mutations.js';
import { importStandaloneValidator } from './support/standalone.js';
import { TODAY, walk } from './support/walk.js';

const WALKS = Number(process.env['POET_WALKS'] ?? 1000);

describe(`agreement: ${WALKS} random walks per example, and every single-step mutation of each`, () => {
  for (const name of EXAMPLE_FILES) {
    it(`${name}: ajv and the standalone validator accept every walk and reject every mutation alike, naming its question`, async () => {
      const survey = example(name);
      const ajv = createResponseValidator(survey, { today: TODAY });
      const standalone = await importStandaloneValidator(survey);
      const exercised = new Map<MutationKind, number>();
      fc.assert(
        fc.property(fc.gen(), (g) => {
          const answers = walk(g, survey);
          const response = JSON.stringify(answers);
          const accepted = ajv.validate(answers);
          assert.deepEqual(accepted.errors, [], `ajv rejects a walk: ${response}`);
          assert.deepStrictEqual(standalone.validate(answers, { today: TODAY }), accepted, `the standalone validator disagrees on a walk: ${response}`);
          assert.deepEqual(purge(survey, answers, { today: TODAY }).purged, [], `purge changes a walk: ${response}`);

          for (const m of mutations(g, survey, answers)) {
            const what = `${m.kind} (${m.detail}) in ${response}`;
            const byAjv = ajv.validate(m.answers);
            const byStandalone = standalone.validate(m.answers, { today: TODAY });
            assert.equal(byAjv.valid, false, `ajv accepts: ${what}`);
            assert.deepStrictEqual(byStandalone, byAjv, `the validators disagree: ${what}`);
            assert.ok(
              byAjv.errors.some((e) => e.question === m.question),
              `no error names ${m.question}: ${what}\n${JSON.stringify(byAjv.errors)}`,
            );
            if (m.purge !== undefined) {
              const purged = purge(survey, m.answers, { today: TODAY });
              assert.deepEqual(purged.purged, m.purge.purged, `purge: ${what}`);
              assert.deepEqual(purged.answers, m.purge.kept, `purge keeps: ${what}`);
            }
            exercised.set(m.kind, (exercised.get(m.kind) ?? 0) + 1);
          }
        }),
        { numRuns: WALKS, includeErrorInReport: true },
      );
      const missing = [...applicableKinds(survey)].filter((kind) => !exercised.has(kind));
      assert.deepEqual(missing, [], `${name} has a question for these mutations, but no walk made one`);
    });
  }
});
