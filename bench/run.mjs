#!/usr/bin/env node
/**
 * poetkit benchmarks: `pnpm bench` (after `pnpm build`).
 *
 *   node bench/run.mjs                 run every benchmark
 *   node bench/run.mjs parse-5000      run the named benchmarks only
 *   node bench/run.mjs --runs 50       more measured runs (default: each benchmark's own, at least 20)
 *
 * Each benchmark is a module under bench/ listed in BENCHMARKS below. Its default export:
 *
 *   {
 *     name: 'parse-5000',                       // short id, used on the command line and in results.json
 *     description: 'parse a 5,000-question survey',
 *     target: { statistic: 'median', ms: 150 }, // PASS when that statistic is at most `ms`
 *     warmup: 5, runs: 25,                      // optional
 *     async setup() {                           // once, not timed
 *       return { info: { 'file size': '1.1 MB' }, run() { ... } };   // run() is timed
 *     },
 *   }
 *
 * `run()` may return `{ ms }`: a duration it measured itself (in a browser page, say), used as the
 * sample instead of the wall time around the call. `setup()` may also return `teardown()`, called
 * once after the runs (closing a browser). A size benchmark has `kind: 'size'`,
 * `target: { bytes: N }`, and a `setup()` that returns `{ bytes, info }`; it is not timed.
 *
 * Prints a table and writes bench/out/results.json. Exits with 1 when a target is missed.
 * Benchmarks are never part of the test suite.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The benchmark modules, in the order they run. Add new ones here. */
const BENCHMARKS = [
  './parse.bench.mjs',
  './parse-construct-parser.bench.mjs',
  './compile-500.bench.mjs',
  './compile-5000.bench.mjs',
  './emit-schema-5000.bench.mjs',
  './validate-parent-ehc.bench.mjs',
  './validate-practitioner-ehc.bench.mjs',
  './validate-adult-social-care.bench.mjs',
  './validate-carer.bench.mjs',
  './validate-health-phb.bench.mjs',
  './validate-streamlined-555.bench.mjs',
  './route-500.bench.mjs',
  './route-5000.bench.mjs',
  './route-export-health-phb.bench.mjs',
  './standalone-validate-parent-ehc.bench.mjs',
  './standalone-validate-practitioner-ehc.bench.mjs',
  './standalone-validate-adult-social-care.bench.mjs',
  './standalone-validate-carer.bench.mjs',
  './standalone-validate-health-phb.bench.mjs',
  './standalone-validate-streamlined-555.bench.mjs',
  './elements-size.bench.mjs',
  './elements-first-render.bench.mjs',
  './elements-answer-1000.bench.mjs',
  './export-100k.bench.mjs',
];

const MIN_RUNS = 20;
const here = dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const names = [];
  let runs;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--runs') runs = Number(argv[++i]);
    else if (arg.startsWith('--runs=')) runs = Number(arg.slice('--runs='.length));
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node bench/run.mjs [--runs N] [benchmark names...]');
      process.exit(0);
    } else names.push(arg);
  }
  if (runs !== undefined && !(Number.isInteger(runs) && runs >= MIN_RUNS)) {
    console.error(`--runs must be a whole number of at least ${MIN_RUNS}`);
    process.exit(2);
  }
  return { names, runs };
}

/** The value below which `p` of the sorted samples fall (nearest rank). */
function percentile(sorted, p) {
  const rank = Math.ceil(p * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

async function measure(benchmark, runsOverride) {
  if (benchmark.kind === 'size') {
    const { bytes, info = {} } = await benchmark.setup();
    const target = benchmark.target;
    const pass = target === undefined ? undefined : bytes <= target.bytes;
    return { name: benchmark.name, description: benchmark.description, kind: 'size', bytes, target, pass, info };
  }
  const { run, info = {}, teardown } = await benchmark.setup();
  const warmup = benchmark.warmup ?? 5;
  const runs = Math.max(MIN_RUNS, runsOverride ?? benchmark.runs ?? MIN_RUNS);
  for (let i = 0; i < warmup; i++) await run();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const measured = await run();
    const wall = Number(process.hrtime.bigint() - start) / 1e6;
    samples.push(typeof measured?.ms === 'number' ? measured.ms : wall);
  }
  await teardown?.();
  const sorted = [...samples].sort((a, b) => a - b);
  const stats = {
    median: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
  const target = benchmark.target;
  const pass = target === undefined ? undefined : stats[target.statistic] <= target.ms;
  return { name: benchmark.name, description: benchmark.description, warmup, runs, ...stats, target, pass, info, samples };
}

function fmtMs(ms) {
  return `${ms.toFixed(1)} ms`;
}

function fmtKiB(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function printTable(results) {
  const header = ['benchmark', 'median', 'p95', 'min', 'max', 'runs', 'target', 'result', 'details'];
  const details = (r) =>
    Object.entries(r.info)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
  const rows = results.map((r) => r.kind === 'size' ? [
    r.name,
    fmtKiB(r.bytes),
    '-',
    '-',
    '-',
    '-',
    r.target ? `size ≤ ${fmtKiB(r.target.bytes)}` : '-',
    r.pass === undefined ? '-' : r.pass ? 'PASS' : 'FAIL',
    details(r),
  ] : [
    r.name,
    fmtMs(r.median),
    fmtMs(r.p95),
    fmtMs(r.min),
    fmtMs(r.max),
    String(r.runs),
    r.target ? `${r.target.statistic} ≤ ${r.target.ms} ms` : '-',
    r.pass === undefined ? '-' : r.pass ? 'PASS' : 'FAIL',
    Object.entries(r.info)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i >= 1 && i <= 5 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function main() {
  const { names, runs } = parseArgs(process.argv.slice(2));
  const modules = [];
  for (const path of BENCHMARKS) {
    try {
      modules.push((await import(path)).default);
    } catch (error) {
      if (error?.code === 'ERR_MODULE_NOT_FOUND') {
        console.error(`${path}: ${error.message}\nBuild first: pnpm build`);
        process.exit(2);
      }
      throw error;
    }
  }
  const unknown = names.filter((n) => !modules.some((m) => m.name === n));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${modules.map((m) => m.name).join(', ')}`);
    process.exit(2);
  }
  const selected = names.length === 0 ? modules : modules.filter((m) => names.includes(m.name));

  const results = [];
  for (const benchmark of selected) {
    process.stderr.write(`running ${benchmark.name}: ${benchmark.description} ...\n`);
    results.push(await measure(benchmark, runs));
  }
  console.log();
  printTable(results);

  const out = join(here, 'out');
  mkdirSync(out, { recursive: true });
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    results,
  };
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nresults written to ${join('bench', 'out', 'results.json')}`);
  if (results.some((r) => r.pass === false)) process.exitCode = 1;
}

await main();
