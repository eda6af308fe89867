// Runs every package's compiled Node tests in one `node --test` process, so that the run
// ends with node's own summary lines (# pass N / # fail N), which CI reads.
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
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...process.argv.slice(2), ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
