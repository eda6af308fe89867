/**
 * Start-up cost of the parser: building the chevrotain parser (its self-analysis computes a
 * lookahead function for every decision of the grammar), which every `poet` command that reads
 * a `.poet` file pays once. Each run is a fresh `node` process with a 64 MB heap, as in the CLI's
 * bounded-memory test: it loads the parser's dependencies first, then times only the import of
 * parser.js, whose module body builds the one parser. Target: a median of at most 250 ms.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dist = new URL('../packages/language/dist/src/', import.meta.url);
const child = `
  await import('chevrotain');
  await import(${JSON.stringify(new URL('lexer.js', dist).href)});
  await import(${JSON.stringify(new URL('ast-builder.js', dist).href)});
  await import(${JSON.stringify(new URL('suggest.js', dist).href)});
  const start = performance.now();
  await import(${JSON.stringify(new URL('parser.js', dist).href)});
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ ms, heapMB: process.memoryUsage().heapUsed / 2 ** 20 }));
`;

function buildInFreshProcess() {
  // Run from the language package so that the bare `chevrotain` import resolves as the parser's does.
  const result = spawnSync(process.execPath, ['--max-old-space-size=64', '--input-type=module', '-e', child], {
    cwd: fileURLToPath(new URL('../packages/language/', import.meta.url)),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`building the parser failed (exit ${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

export default {
  name: 'parse-construct-parser',
  description: 'build the POET parser in a fresh node process (64 MB heap)',
  target: { statistic: 'median', ms: 250 },
  warmup: 1,
  runs: 20,
  async setup() {
    const first = buildInFreshProcess();
    return {
      info: { 'heap after building': `${first.heapMB.toFixed(1)} MB` },
      run() {
        return { ms: buildInFreshProcess().ms };
      },
    };
  },
};
