/**
 * `poet export` of 100,000 responses of the largest example (health-phb, by export columns),
 * end to end in a child process: start-up, compile, reading each line, checking it (proved
 * valid from its route, or validated), routing, coding and writing data.csv (target: median
 * ≤ 2 s), on as many threads as the machine has cores (the default). The child's peak RSS is
 * reported for the 100,000-line file and for a 10,000-line one (read on one thread): memory is
 * flat when they are close. The timed sample includes start-up (node, imports, compiling the
 * .poet file, starting the worker threads); the median of an export of an empty file is
 * reported beside it as "start-up", so the per-response cost is the difference. The load
 * average is reported before and after.
 *
 * The responses are 500 seeded random walks through the runtime (the tests' walks),
 * repeated with fresh ids. Each line is read, checked, routed and coded afresh: the export
 * keeps no cache keyed by a response's content, which this repetition would flatter (it keeps
 * only small tables of what a few values become: a multi's fields per set of ticks, a grid's
 * object maker per order of rows, at most 1,024 of each).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { compileFile } from '../packages/compiler/dist/src/index.js';
import { walk } from '../packages/runtime/dist/test/support/walk.js';

const here = new URL('.', import.meta.url).pathname;
const EXAMPLE = join(here, '..', 'examples', 'health-phb.poet');
const BIN = join(here, '..', 'packages', 'cli', 'dist', 'src', 'bin.js');
const RESPONSES = 100_000;
const DISTINCT = 500;

function writeResponses(path, survey, walks, count) {
  const lines = [];
  for (let i = 0; i < count; i++) {
    lines.push(JSON.stringify({ survey: survey.id, version: survey.version, id: `r${i + 1}`, submitted: '2016-06-30', answers: walks[i % walks.length] }));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

const median = (sorted) => (sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2);
const load = () => loadavg().map((n) => n.toFixed(2)).join(', ');

/** Runs `poet export` in a child; returns its wall time, peak RSS (MB) and CPU time (ms, user + system: less swayed by other load than wall time). */
function exportOnce(dir, file) {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', join(dir, 'rss.mjs'), BIN, 'export', EXAMPLE, file, '-o', join(dir, 'out')], { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`poet export failed (${child.status}): ${child.stdout}${child.stderr}`);
  const rss = Number(/maxrss=(\d+)/.exec(child.stderr)?.[1]) / 1024;
  const cpu = Number(/cpu=(\d+)/.exec(child.stderr)?.[1]) / 1000;
  return { ms, rss, cpu };
}

export default {
  name: 'export-100k',
  description: 'poet export: 100,000 responses of health-phb to data.csv, in a child process',
  target: { statistic: 'median', ms: 2000 },
  warmup: 1,
  runs: 20,
  async setup() {
    const survey = compileFile(EXAMPLE).survey;
    const walks = fc.sample(fc.gen().map((g) => walk(g, survey)), { numRuns: DISTINCT, seed: 7 });
    const dir = mkdtempSync(join(tmpdir(), 'poet-bench-export-'));
    writeFileSync(join(dir, 'rss.mjs'), "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('maxrss=' + u.maxRSS + ' cpu=' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });\n");
    const big = join(dir, 'responses-100k.jsonl');
    const small = join(dir, 'responses-10k.jsonl');
    writeResponses(big, survey, walks, RESPONSES);
    writeResponses(small, survey, walks, RESPONSES / 10);
    const empty = join(dir, 'responses-0.jsonl');
    writeFileSync(empty, '');
    const startups = Array.from({ length: 5 }, () => exportOnce(dir, empty)).sort((a, b) => a.ms - b.ms);
    const startupCpu = startups.map((s) => s.cpu).sort((a, b) => a - b)[2];
    const peak10k = exportOnce(dir, small).rss;
    const first = exportOnce(dir, big);
    const csv = statSync(join(dir, 'out', 'data.csv')).size;
    let peak = first.rss;
    const cpus = [];
    return {
      info: {
        responses: RESPONSES.toLocaleString('en-GB'),
        'input size': `${(statSync(big).size / 1e6).toFixed(1)} MB`,
        'data.csv size': `${(csv / 1e6).toFixed(1)} MB`,
        'start-up (export of an empty file, median of 5)': `${startups[2].ms.toFixed(0)} ms wall, ${startupCpu.toFixed(0)} ms CPU`,
        get 'CPU time of the child, median over runs'() {
          const sorted = [...cpus].sort((a, b) => a - b);
          return `${median(sorted).toFixed(0)} ms`;
        },
        'load average (1, 5, 15 min) at setup': load(),
        get 'load average at the end'() {
          return load();
        },
        'peak RSS, 10,000 responses': `${peak10k.toFixed(0)} MB`,
        get 'peak RSS, 100,000 responses (max over runs)'() {
          return `${peak.toFixed(0)} MB`;
        },
      },
      run() {
        const { ms, rss, cpu } = exportOnce(dir, big);
        peak = Math.max(peak, rss);
        cpus.push(cpu);
        return { ms };
      },
      teardown() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};
