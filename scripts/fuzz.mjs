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
 * same result. Then each single-step mutation that breaks a rule — answer a skipped question,
 * answer after an end rule, add an option beside an exclusive one, drop a required answer on
 * the path, pipe an option that was not ticked, break a limit — must be rejected by both, with
 * the same errors, naming the mutated question.
 *
 * Prints progress every 10,000 walks and a summary. On the first disagreement prints the seed,
 * the example, the mutation and the response (shrunk by fast-check) and exits with 1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';

const root = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = ['parent-ehc', 'practitioner-ehc', 'adult-social-care', 'carer', 'health-phb', 'streamlined-555'];
const PROGRESS_EVERY = 10_000;

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
const { emitStandaloneValidator } = await load('packages/compiler/dist/src/schema/standalone.js');
const { route } = await load('packages/runtime/dist/src/index.js');
const { TODAY, answer, pick, walk } = await load('packages/runtime/dist/test/support/walk.js');

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

/** A value one past a date limit (`max`: the day after; `min`: the day before). */
function pastDateLimit(limit, side) {
  const day = limit === 'today' ? TODAY : limit;
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return new Date(t + (side === 'max' ? 86_400_000 : -86_400_000)).toISOString().slice(0, 10);
}

/** Ways to break the limits of an answered question, as [description, value]. */
function limitBreaks(q, value) {
  const out = [];
  switch (q.kind) {
    case 'number':
      if (q.max !== undefined) out.push([`${q.max + 1} above max ${q.max}`, q.max + 1]);
      if (q.min !== undefined) out.push([`${q.min - 1} below min ${q.min}`, q.min - 1]);
      if (q.whole) out.push(['not a whole number', (q.min ?? 0) + 0.5]);
      break;
    case 'text':
    case 'long_text':
      out.push([`longer than ${q.maxLength}`, 'x'.repeat(q.maxLength + 1)]);
      break;
    case 'date':
      if (q.max !== undefined) out.push([`after max ${q.max}`, pastDateLimit(q.max, 'max')]);
      if (q.min !== undefined) out.push([`before min ${q.min}`, pastDateLimit(q.min, 'min')]);
      break;
    case 'multi': {
      const plain = q.options.filter((o) => !o.exclusive).map((o) => o.value);
      if (q.maxTicks !== undefined && plain.length > q.maxTicks) out.push([`more than ${q.maxTicks} ticks`, plain.slice(0, q.maxTicks + 1)]);
      if (q.minTicks !== undefined && q.minTicks > 1 && Array.isArray(value)) {
        const ticked = value.filter((v) => plain.includes(v));
        if (ticked.length > 0) out.push([`fewer than ${q.minTicks} ticks`, ticked.slice(0, q.minTicks - 1)]);
      }
      break;
    }
  }
  return out;
}

/** The single-step mutations of `answers` that break a rule, each naming the question it breaks. */
function mutations(g, survey, answers) {
  const r = route(survey, answers, { today: TODAY });
  const out = [];
  const askedIds = new Set(r.asked.map((a) => a.id));
  const notAsked = survey.items.filter((i) => i.kind !== 'info' && !askedIds.has(i.id));
  if (notAsked.length > 0) {
    const q = pick(g, notAsked);
    const fake = { id: q.id, kind: q.kind, page: '', question: q, ...(q.kind === 'grid' ? { rows: q.rows.map((row) => row.id) } : {}) };
    const kind = r.ended !== undefined ? 'answer after an end rule' : 'answer a skipped question';
    out.push({ kind, question: q.id, answers: { ...answers, [q.id]: answer(g, fake) } });
  }
  for (const a of r.asked) {
    const q = a.question;
    const has = Object.prototype.hasOwnProperty.call(answers, a.id);
    if (q.kind === 'multi' && has) {
      const exclusive = q.options.filter((o) => o.exclusive);
      const plain = q.options.filter((o) => !o.exclusive);
      if (exclusive.length > 0 && plain.length > 0) {
        out.push({ kind: 'add an option beside an exclusive one', question: a.id, answers: { ...answers, [a.id]: [pick(g, exclusive).value, pick(g, plain).value] } });
      }
    }
    if (q.required && has) {
      const dropped = { ...answers };
      delete dropped[a.id];
      out.push({ kind: 'drop a required answer on the path', question: a.id, answers: dropped });
    }
    if (q.kind === 'single' && a.options !== undefined) {
      const unticked = q.options.filter((o) => !a.options.some((x) => x.value === o.value));
      if (unticked.length > 0) out.push({ kind: 'pipe an option not ticked', question: a.id, answers: { ...answers, [a.id]: pick(g, unticked).value } });
    }
    if (has) {
      const breaks = limitBreaks(q, answers[a.id]);
      if (breaks.length > 0) {
        const [what, value] = pick(g, breaks);
        out.push({ kind: `break a limit (${what})`, question: a.id, answers: { ...answers, [a.id]: value } });
      }
    }
  }
  return out;
}

async function standaloneModule(dir, name, survey) {
  const path = join(dir, `${name}.validator.mjs`);
  writeFileSync(path, emitStandaloneValidator(survey));
  return import(pathToFileURL(path).href);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  console.log(`fuzz: ${options.walks.toLocaleString('en-GB')} walks across ${options.examples.length} example(s), seed ${options.seed}`);
  const dir = mkdtempSync(join(tmpdir(), 'poet-fuzz-'));
  let total = 0;
  let failing = false;
  const summary = [];
  try {
    for (const [index, name] of options.examples.entries()) {
      const compiled = compileFile(join(root, 'examples', `${name}.poet`));
      const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
      if (compiled.survey === undefined || errors.length > 0) throw new Error(`${name} does not compile: ${errors[0]?.message}`);
      const survey = compiled.survey;
      const ajv = createResponseValidator(survey, { today: TODAY });
      const standalone = await standaloneModule(dir, name, survey);
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
        for (const m of mutations(g, survey, answers)) {
          const ma = ajv.validate(m.answers);
          const ms = standalone.validate(m.answers, { today: TODAY });
          if (ma.valid || ms.valid) throw new Disagreement(m.kind, m.question, m.answers, ma, ms, 'a mutation is accepted');
          if (!isDeepStrictEqual(ma, ms)) throw new Disagreement(m.kind, m.question, m.answers, ma, ms, 'the validators give different errors');
          if (!ma.errors.some((e) => e.question === m.question)) {
            throw new Disagreement(m.kind, m.question, m.answers, ma, ms, `the errors do not name the mutated question ${m.question}`);
          }
          if (!failing) {
            counts.mutations++;
            const kind = m.kind.replace(/ \(.*\)$/, '');
            counts.kinds[kind] = (counts.kinds[kind] ?? 0) + 1;
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
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
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
