// Runs the browser tests first, then every package's compiled Node tests in one `node --test`
// process, so that the run ends with node's own summary lines (# pass N / # fail N), which CI
// reads. The browser tests are two @web/test-runner runs in Debian chromium under a strict CSP:
// the compiler's standalone validators (packages/compiler/test-browser/) and the <poet-survey>
// element (packages/elements/test-browser/, after its bundle is built by rollup). Their counts
// are added up into one line, `wtr: N passed, N failed, N skipped`, printed before the Node
// tests; a failing browser run stops here with exit 1 (the wtr line is then the last line).
// The example site's puppeteer test (packages/cli/test-browser/) runs with the Node tests.
// POET_BROWSER_TESTS=0 skips the browser tests.
import { spawn, spawnSync } from 'node:child_process';
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

function runNode(args, what) {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`run-tests: ${what} failed`);
    process.exit(1);
  }
}

/** Runs one wtr config, streaming its output, and returns its counts (from the summary reporter's line). */
function runWtr(config) {
  // The package's `exports` hide package.json, so take its `bin` path (./dist/bin.js) as is.
  const wtrBin = join('node_modules', '@web', 'test-runner', 'dist', 'bin.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [wtrBin, '--config', config], {
      stdio: ['inherit', 'pipe', 'inherit'],
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium', PUPPETEER_SKIP_DOWNLOAD: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code, signal) => {
      const lines = [...output.matchAll(/^wtr: (\d+) passed, (\d+) failed, (\d+) skipped$/gm)];
      const last = lines[lines.length - 1];
      const counts = last ? { passed: Number(last[1]), failed: Number(last[2]), skipped: Number(last[3]) } : { passed: 0, failed: 1, skipped: 0 };
      resolve({ ...counts, ok: code === 0, status: code ?? signal });
    });
  });
}

if (process.env.POET_BROWSER_TESTS !== '0') {
  const compilerDir = join('packages', 'compiler', 'test-browser');
  const elementsDir = join('packages', 'elements', 'test-browser');
  runNode([join(compilerDir, 'prepare.mjs')], 'preparing the compiler browser tests');
  runNode([join(elementsDir, 'prepare.mjs')], 'preparing the element browser tests');
  // The element's tests load the bundle too, so build it from the current tsc output.
  runNode([join('node_modules', 'rollup', 'dist', 'bin', 'rollup'), '--silent', '-c', join('packages', 'elements', 'rollup.config.mjs')], 'bundling poet-elements.js');

  const runs = [];
  for (const config of [join(compilerDir, 'web-test-runner.config.mjs'), join(elementsDir, 'web-test-runner.config.mjs')]) {
    runs.push({ config, ...(await runWtr(config)) });
  }
  const total = runs.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
  const failedRuns = runs.filter((r) => !r.ok);
  for (const r of failedRuns) {
    console.error(`run-tests: the browser tests of ${r.config} failed (wtr exit ${r.status}); is chromium installed? (bash scripts/setup.sh)`);
  }
  console.log(`wtr: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  if (failedRuns.length > 0) process.exit(1);
}

// The example site's browser test drives Debian chromium with puppeteer-core itself (wtr serves its
// own pages and cannot send the site's real CSP header), so it runs with the Node tests.
const siteBrowserTests = process.env.POET_BROWSER_TESTS === '0' ? [] : [join('packages', 'cli', 'test-browser', 'site.browser.test.mjs')];

const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...process.argv.slice(2), ...files, ...siteBrowserTests], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
