// Runs the browser tests first (the standalone validators in Chromium under a strict CSP,
// through @web/test-runner; packages/compiler/test-browser/), then every package's compiled
// Node tests in one `node --test` process, so that the run ends with node's own summary lines
// (# pass N / # fail N), which CI reads. A failing browser run stops here with exit 1 (its last
// line is then `wtr: N passed, N failed, N skipped`). POET_BROWSER_TESTS=0 skips the browser tests.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (entry.endsWith('.test.js')) out.push(path);
  }
  return out;
}

const files = readdirSync('packages')
  .flatMap((pkg) => findTests(join('packages', pkg, 'dist', 'test')))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no compiled test files found; run `pnpm build` first');
  process.exit(1);
}

if (process.env.POET_BROWSER_TESTS !== '0') {
  const browserDir = join('packages', 'compiler', 'test-browser');
  const prepare = spawnSync(process.execPath, [join(browserDir, 'prepare.mjs')], { stdio: 'inherit' });
  if (prepare.status !== 0) {
    console.error('run-tests: preparing the browser tests failed');
    process.exit(1);
  }
  // The package's `exports` hide package.json, so take its `bin` path (./dist/bin.js) as is.
  const wtrBin = join('node_modules', '@web', 'test-runner', 'dist', 'bin.js');
  const wtr = spawnSync(process.execPath, [wtrBin, '--config', join(browserDir, 'web-test-runner.config.mjs')], {
    stdio: 'inherit',
    env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium', PUPPETEER_SKIP_DOWNLOAD: '1' },
  });
  if (wtr.status !== 0) {
    console.error(`run-tests: the browser tests failed (wtr exit ${wtr.status ?? wtr.signal}); is chromium installed? (bash scripts/setup.sh)`);
    process.exit(1);
  }
}

const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...process.argv.slice(2), ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
