/**
 * Agreement: random walks through every example, answering as a respondent would through the
 * runtime (only what `route` asks, piped options as offered, grid rows as shown, exclusive
 * options alone, `_other` texts when opened, optional questions sometimes left out, checks
 * respected), give responses that the compiler's response schema (ajv) accepts, and that
 * `purge` leaves unchanged.
 *
 * 1,000 walks per example (issue 4's minimum); set POET_WALKS to run more or fewer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createResponseValidator } from '@poetkit/compiler/validator';
import { purge, route, type AskedItem } from '../src/index.js';
import { EXAMPLE_FILES, example } from './support/examples.js';
import { TODAY, answer, pick, walk } from './support/walk.js';

const WALKS = Number(process.env['POET_WALKS'] ?? 1000);

describe(`agreement: ${WALKS} random walks per example`, () => {
  for (const name of EXAMPLE_FILES) {
    it(`${name}: every walk gives a valid response, which purge leaves as it is`, () => {
      const survey = example(name);
      const validator = createResponseValidator(survey, { today: TODAY });
      fc.assert(
        fc.property(fc.gen(), (g) => {
          const answers = walk(g, survey);
          const result = validator.validate(answers);
          assert.deepEqual(result.errors, [], JSON.stringify(answers));
          assert.deepEqual(purge(survey, answers, { today: TODAY }).purged, []);
        }),
        { numRuns: WALKS },
      );
    });
  }
});

/**
 * Single-step mutations of a walk that break routing — answer a question that is not asked
 * (skipped, or after an end rule), pipe an option that was not ticked, answer a grid row not
 * shown — are rejected by the response schema naming that question, and `purge` removes
 * exactly that answer.
 */
describe(`agreement: routing mutations of ${Math.ceil(WALKS / 4)} walks per example`, () => {
  for (const name of EXAMPLE_FILES) {
    it(`${name}: the schema rejects each mutation at its question, and purge removes it`, () => {
      const survey = example(name);
      const validator = createResponseValidator(survey, { today: TODAY });
      let mutations = 0;
      fc.assert(
        fc.property(fc.gen(), (g) => {
          const answers = walk(g, survey);
          const r = route(survey, answers, { today: TODAY });
          const cases: { key: string; question: string; row?: string; value: unknown; replaces?: true }[] = [];

          const notAsked = survey.items.filter((i) => i.kind !== 'info' && !r.asked.some((a) => a.id === i.id));
          if (notAsked.length > 0) {
            const q = pick(g, notAsked);
            if (q.kind !== 'info') {
              const fake: AskedItem = { id: q.id, kind: q.kind, page: '', question: q, ...(q.kind === 'grid' ? { rows: q.rows.map((row) => row.id) } : {}) };
              cases.push({ key: q.id, question: q.id, value: answer(g, fake) });
            }
          }
          for (const a of r.asked) {
            if (a.options !== undefined && a.question.kind !== 'grid' && a.question.kind !== 'text') {
              const q = a.question;
              if (q.kind !== 'single') continue;
              const unticked = q.options.filter((o) => !a.options!.some((x) => x.value === o.value));
              if (unticked.length > 0) cases.push({ key: a.id, question: a.id, value: pick(g, unticked).value, replaces: true });
            }
            if (a.question.kind === 'grid' && a.rows !== undefined && a.rows.length < a.question.rows.length) {
              const hidden = a.question.rows.filter((row) => !a.rows!.includes(row.id));
              const row = pick(g, hidden).id;
              const base = (answers[a.id] as Record<string, unknown> | undefined) ?? {};
              cases.push({ key: a.id, question: a.id, row, value: { ...base, [row]: a.question.scale[0]!.value } });
            }
          }

          for (const m of cases) {
            mutations++;
            const mutated = { ...answers, [m.key]: m.value };
            const result = validator.validate(mutated);
            assert.equal(result.valid, false, `${m.key}${m.row === undefined ? '' : `.${m.row}`} accepted: ${JSON.stringify(mutated)}`);
            assert.ok(result.errors.some((e) => e.question === m.question), `${m.key}: ${JSON.stringify(result.errors)}`);
            const purged = purge(survey, mutated, { today: TODAY });
            if (m.row === undefined) {
              assert.deepEqual(purged.purged, [{ key: m.key, value: m.value }]);
            } else {
              assert.deepEqual(purged.purged, [{ key: m.key, row: m.row, value: (m.value as Record<string, unknown>)[m.row] }]);
            }
            // A piped answer that is not offered goes altogether (the form asks the question again).
            const kept = { ...answers };
            if (m.replaces) delete kept[m.key];
            assert.deepEqual(purged.answers, kept);
          }
        }),
        { numRuns: Math.ceil(WALKS / 4), includeErrorInReport: true },
      );
      assert.ok(mutations > 0);
    });
  }
});
