#!/usr/bin/env node
/**
 * Where the time of a compile goes, phase by phase, on the generated surveys of the compile
 * benchmarks (after `pnpm build`). Not a benchmark of bench/run.mjs: a diagnostic tool.
 *
 *   node --expose-gc bench/compile-phases.mjs              500 and 5,000 questions, 15 runs
 *   node --expose-gc bench/compile-phases.mjs 5000 30      one size, 30 runs
 *
 * Phases: read + decode + parse (the language package), resolve + checks + routing analysis
 * (analyseSurvey), writing the compiled survey (emitSurvey), then compileFile as a whole and
 * the response-schema emission. Prints min and median of each (the machine may be noisy).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFile, nodeHost } from '../packages/compiler/dist/src/compile.js';
import { emitSurvey } from '../packages/compiler/dist/src/emit.js';
import { loadProgram, visibleFiles } from '../packages/compiler/dist/src/load.js';
import { Resolver } from '../packages/compiler/dist/src/resolve.js';
import { emitResponseSchema } from '../packages/compiler/dist/src/schema/emit.js';
import { analyseSurvey } from '../packages/compiler/dist/src/survey.js';
import { generateCompilableSurvey } from './generate-survey.mjs';

const sizes = (process.argv[2] ?? '500,5000').split(',').map(Number);
const runs = Number(process.argv[3] ?? 15);
const WARMUP = 3;
const gc = globalThis.gc ?? (() => {});

function stat(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return `min ${s[0].toFixed(1).padStart(7)} ms   median ${s[Math.floor(s.length / 2)].toFixed(1).padStart(7)} ms`;
}

for (const questions of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'poet-phases-'));
  const path = join(dir, `gen-${questions}.poet`);
  writeFileSync(path, generateCompilableSurvey(questions));
  const times = { 'read + parse': [], 'resolve + checks + routing': [], 'write compiled survey': [], 'compileFile (all of it)': [], 'response-schema emission': [] };
  for (let i = 0; i < WARMUP + runs; i++) {
    gc();
    const t0 = performance.now();
    const program = loadProgram(path, nodeHost);
    const t1 = performance.now();
    const files = visibleFiles(program.main);
    const diagnostics = [];
    const survey = analyseSurvey(program.main, new Resolver(files, program.main, (d) => diagnostics.push(d)), (d) => diagnostics.push(d));
    const t2 = performance.now();
    emitSurvey(program.main, files, survey);
    const t3 = performance.now();
    if (diagnostics.some((d) => d.severity === 'error')) throw new Error(`generated survey has errors: ${diagnostics[0].message}`);
    gc();
    const t4 = performance.now();
    const result = compileFile(path);
    const t5 = performance.now();
    emitResponseSchema(result.survey);
    const t6 = performance.now();
    if (i < WARMUP) continue;
    times['read + parse'].push(t1 - t0);
    times['resolve + checks + routing'].push(t2 - t1);
    times['write compiled survey'].push(t3 - t2);
    times['compileFile (all of it)'].push(t5 - t4);
    times['response-schema emission'].push(t6 - t5);
  }
  console.log(`${questions.toLocaleString('en-GB')} questions, ${runs} runs${globalThis.gc === undefined ? ' (run with --expose-gc for steadier figures)' : ''}`);
  for (const [phase, samples] of Object.entries(times)) console.log(`  ${phase.padEnd(28)} ${stat(samples)}`);
}
