#!/usr/bin/env node
/**
 * `pnpm fuzz` (after `pnpm build`): the agreement property of issue 4 at scale. Not part of
 * `pnpm test`.
 *
 *   node scripts/fuzz.mjs                 100,000 random walks in all, shared across the six examples
 *   node scripts/fuzz.mjs --walks 6000    fewer (or more) walks
 *   node scripts/fuzz.mjs --seed 42       a given seed (printed at the start either way)
 *   node scripts/fuzz.mjs --example carer only one example (all the walks go to it)
 *
 * Each walk answers an example as a respondent would through the runtime (the walk generator of
 * packages/runtime/test/support/walk.ts, the one the agreement test uses). Its response must be
 * accepted by the ajv validator (createResponseValidator) and by the standalone validator module
 * (emitStandaloneValidator, written to a temporary directory as .mjs and imported), with the
 * same result, and left alone by `purge`. Then each single-step mutation that breaks a rule
 * (packages/runtime/test/support/mutations.ts, the agreement test's) — answer a skipped
 * question, answer after an end rule, answer a grid row not shown, add an option beside an
 * exclusive one, drop a required answer on the path, pipe an option that was not ticked,
 * break a limit — must be rejected by both, with the same errors, naming the mutated
 * question; `purge` must remove exactly the answer of a routing mutation. With 1,000 walks or
 * more of an example, each kind of mutation it has a question for must have been made.
 *
 * Prints progress every 10,000 walks and a summary. On the first disagreement prints the seed,
 * the example, the mutation and the response (shrunk by fast-check) and exits with 1.
 */
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';

const root = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = ['parent-ehc', 'practitioner-ehc', 'adult-social-care', 'carer', 'health-phb', 'streamlined-555'];
const PROGRESS_EVERY = 10_000;
/** With this many walks of an example, every kind of mutation it has a question for must occur. */
const MIN_WALKS_FOR_EVERY_KIND = 1000;

function usage(message) {
  if (message) console.error(`fuzz: ${message}`);
  console.error('usage: node scripts/fuzz.mjs [--walks N] [--seed S] [--example NAME]');
  process.exit(2);
}

function parseArgs(argv) {
  const options = { walks: 100_000, seed: Date.now() ^ Math.floor(Math.random() * 0x7fffffff), examples: EXAMPLES };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    if (flag === '--walks') options.walks = Number(value());
    else if (flag === '--seed') options.seed = Number(value());
    else if (flag === '--example') options.examples = [value()];
    else if (flag === '--help' || flag === '-h') usage();
    else usage(`unknown argument ${argv[i]}`);
  }
  if (!Number.isInteger(options.walks) || options.walks < 1) usage('--walks must be a whole number of at least 1');
  if (!Number.isInteger(options.seed)) usage('--seed must be a whole number');
  options.seed |= 0;
  for (const name of options.examples) if (!EXAMPLES.includes(name)) usage(`unknown example ${name}; known: ${EXAMPLES.join(', ')}`);
  return options;
}

async function load(path) {
  try {
    return await import(pathToFileURL(join(root, path)).href);
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND') {
      console.error(`fuzz: ${error.message}\nBuild first: pnpm build`);
      process.exit(2);
    }
    throw error;
  }
}

const { compileFile } = await load('packages/compiler/dist/src/index.js');
const { createResponseValidator } = await load('packages/compiler/dist/src/schema/validator.js');
const { purge } = await load('packages/runtime/dist/src/index.js');
const { TODAY, walk } = await load('packages/runtime/dist/test/support/walk.js');
// The mutations and the standalone module loader of the agreement test (test/support/), one implementation.
const { applicableKinds, mutations } = await load('packages/runtime/dist/test/support/mutations.js');
const { importStandaloneValidator } = await load('packages/runtime/dist/test/support/standalone.js');

/** A disagreement between the validators and what the walk says, with what to print. */
class Disagreement extends Error {
  constructor(kind, question, response, ajv, standalone, why) {
    super(
      `${why}\n  mutation: ${kind}${question ? ` (question ${question})` : ''}\n  response: ${JSON.stringify(response)}\n` +
        `  ajv:        ${JSON.stringify(ajv)}\n  standalone: ${JSON.stringify(standalone)}`,
    );
    this.name = 'Disagreement';
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  console.log(`fuzz: ${options.walks.toLocaleString('en-GB')} walks across ${options.examples.length} example(s), seed ${options.seed}`);
  let total = 0;
  let failing = false;
  const summary = [];
  for (const [index, name] of options.examples.entries()) {
    const compiled = compileFile(join(root, 'examples', `${name}.poet`));
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
    if (compiled.survey === undefined || errors.length > 0) throw new Error(`${name} does not compile: ${errors[0]?.message}`);
    const survey = compiled.survey;
    const ajv = createResponseValidator(survey, { today: TODAY });
    const standalone = await importStandaloneValidator(survey);
    const share = Math.floor(options.walks / options.examples.length) + (index < options.walks % options.examples.length ? 1 : 0);
    if (share === 0) continue;
    const seed = (options.seed + index) | 0;
    const counts = { walks: 0, mutations: 0, kinds: {} };
    const t0 = performance.now();
    const check = (g) => {
      const answers = walk(g, survey);
      const a = ajv.validate(answers);
      const s = standalone.validate(answers, { today: TODAY });
      if (!a.valid || !s.valid || !isDeepStrictEqual(a, s)) {
        throw new Disagreement('none (a walk)', undefined, answers, a, s, 'a walk\'s response is not accepted by both validators');
      }
      if (purge(survey, answers, { today: TODAY }).purged.length > 0) throw new Disagreement('none (a walk)', undefined, answers, a, s, 'purge changes a walk');
      for (const m of mutations(g, survey, answers)) {
        const ma = ajv.validate(m.answers);
        const ms = standalone.validate(m.answers, { today: TODAY });
        if (ma.valid || ms.valid) throw new Disagreement(`${m.kind} (${m.detail})`, m.question, m.answers, ma, ms, 'a mutation is accepted');
        if (!isDeepStrictEqual(ma, ms)) throw new Disagreement(`${m.kind} (${m.detail})`, m.question, m.answers, ma, ms, 'the validators give different errors');
        if (!ma.errors.some((e) => e.question === m.question)) {
          throw new Disagreement(`${m.kind} (${m.detail})`, m.question, m.answers, ma, ms, `the errors do not name the mutated question ${m.question}`);
        }
        if (m.purge !== undefined) {
          const purged = purge(survey, m.answers, { today: TODAY });
          if (!isDeepStrictEqual(purged.purged, m.purge.purged) || !isDeepStrictEqual(purged.answers, m.purge.kept)) {
            throw new Disagreement(`${m.kind} (${m.detail})`, m.question, m.answers, ma, ms, `purge removes ${JSON.stringify(purged.purged)}, not ${JSON.stringify(m.purge.purged)}`);
          }
        }
        if (!failing) {
          counts.mutations++;
          counts.kinds[m.kind] = (counts.kinds[m.kind] ?? 0) + 1;
        }
      }
      if (!failing) {
        counts.walks++;
        total++;
        if (total % PROGRESS_EVERY === 0) {
          console.log(`  ${total.toLocaleString('en-GB')} walks (${((performance.now() - started) / 1000).toFixed(1)} s)`);
        }
      }
    };
    const property = fc.property(fc.gen(), (g) => {
      try {
        check(g);
      } catch (error) {
        // Stop counting: what follows is fast-check shrinking the failing walk.
        failing = true;
        throw error;
      }
    });
    const details = fc.check(property, { numRuns: share, seed });
    if (details.failed) {
      failing = true;
      console.error(`\nfuzz: DISAGREEMENT in ${name} after ${counts.walks.toLocaleString('en-GB')} walks`);
      console.error(`  seed ${options.seed} (example seed ${seed}, run with --seed ${options.seed}${options.examples.length === 1 ? ` --example ${name}` : ''} to repeat)`);
      console.error(`  fast-check: seed ${details.seed}, path "${details.counterexamplePath}", shrunk ${details.numShrinks} time(s)`);
      const error = details.errorInstance;
      console.error(`  ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
      return;
    }
    const seconds = (performance.now() - t0) / 1000;
    summary.push({ name, ...counts, seconds });
    console.log(
      `  ${name}: ${counts.walks.toLocaleString('en-GB')} walks, ${counts.mutations.toLocaleString('en-GB')} mutations rejected by both, ${seconds.toFixed(1)} s (seed ${seed})`,
    );
    // Each kind of mutation the example has a question for must have been made (with enough walks to expect it).
    const missing = [...applicableKinds(survey)].filter((kind) => counts.kinds[kind] === undefined);
    if (missing.length > 0) {
      const enough = share >= MIN_WALKS_FOR_EVERY_KIND;
      console[enough ? 'error' : 'log'](`  ${name}: ${enough ? 'FAIL' : 'note'}: no walk made these mutations, which it has a question for: ${missing.join('; ')}`);
      if (enough) process.exitCode = 1;
    }
  }
  const kinds = {};
  for (const s of summary) for (const [k, n] of Object.entries(s.kinds)) kinds[k] = (kinds[k] ?? 0) + n;
  const walks = summary.reduce((n, s) => n + s.walks, 0);
  const muts = summary.reduce((n, s) => n + s.mutations, 0);
  console.log(`\nfuzz: OK: ${walks.toLocaleString('en-GB')} walks accepted by ajv and the standalone validator alike; ${muts.toLocaleString('en-GB')} mutations rejected by both, naming the same question`);
  for (const [k, n] of Object.entries(kinds).sort((x, y) => y[1] - x[1])) console.log(`  ${n.toLocaleString('en-GB').padStart(10)}  ${k}`);
  console.log(`seed ${options.seed}; ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
