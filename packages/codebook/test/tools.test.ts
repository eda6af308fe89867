/**
 * The analysts' own tools, for real: for each example, ~200 responses walked through the
 * runtime are exported; PSPP runs labels.sps over data.csv and saves data.sav with no error
 * or warning; R (haven) reads data.sav back and checks every variable's label, value labels,
 * user-missing values and data against dictionary.csv and data.csv, and runs labels.R
 * (test/tools/check-labels.R). Stata has no free interpreter: labels.do is pinned by a golden file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createResponseValidator } from '@poetkit/compiler/validator';
import { buildCodebook, codebookFiles, Notes, ResponseExporter, spssSyntax, stataDo } from '../src/index.js';
import { EXAMPLE_FILES, ROOT, example, walkResponses } from './support.js';

const CHECK_SCRIPT = join(ROOT, 'packages/codebook/test/tools/check-labels.R');
const GOLDEN_DIR = join(ROOT, 'packages/codebook/test/golden');

function requireTool(command: string, args: readonly string[]): void {
  const run = spawnSync(command, args, { encoding: 'utf8' });
  if (run.error !== undefined) {
    assert.fail(`${command} is not installed (${run.error.message}): run bash scripts/setup.sh, which installs pspp, r-base-core and r-cran-haven`);
  }
}

const root = mkdtempSync(join(tmpdir(), 'poet-codebook-tools-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Exports `responses` and writes every codebook file into a new folder. */
function exportFolder(name: (typeof EXAMPLE_FILES)[number]): string {
  const survey = example(name);
  const cb = buildCodebook(survey);
  const exporter = new ResponseExporter(cb, createResponseValidator(survey));
  const rows = [exporter.header()];
  walkResponses(survey, 200).forEach((response, i) => {
    const outcome = exporter.response(i + 1, response);
    assert.equal(outcome.kind, 'row', outcome.record);
    rows.push(outcome.record);
  });
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'data.csv'), rows.join(''));
  for (const [file, content] of codebookFiles(cb)) writeFileSync(join(dir, file), content);
  return dir;
}

describe('PSPP and R (haven) load the export as the dictionary says', () => {
  for (const name of EXAMPLE_FILES) {
    it(name, () => {
      requireTool('pspp', ['--version']);
      requireTool('Rscript', ['--version']);
      const haven = spawnSync('Rscript', ['-e', 'library(haven)'], { encoding: 'utf8' });
      assert.equal(haven.status, 0, `R has no haven package (${haven.stderr.trim()}): run bash scripts/setup.sh, which installs r-cran-haven`);
      const dir = exportFolder(name);
      // A C locale, as on a bare server: labels.sps itself must ask for UTF-8.
      const pspp = spawnSync('pspp', ['-O', 'format=txt', '-o', join(dir, 'pspp.txt'), 'labels.sps'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
      const output = `${pspp.stdout}${pspp.stderr}${existsSync(join(dir, 'pspp.txt')) ? readFileSync(join(dir, 'pspp.txt'), 'utf8') : ''}`;
      assert.equal(pspp.status, 0, output);
      assert.doesNotMatch(output, /warning|error/i);
      assert.ok(existsSync(join(dir, 'data.sav')), 'PSPP saved no data.sav');
      const r = spawnSync('Rscript', [CHECK_SCRIPT, dir], { encoding: 'utf8' });
      assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /^OK \d+ columns, 200 rows/);
    });
  }
});

describe('notes.txt', () => {
  it('lists every label a tool file shortened, with its full text', () => {
    for (const name of EXAMPLE_FILES) {
      const cb = buildCodebook(example(name));
      const notes = new Notes();
      spssSyntax(cb, notes);
      stataDo(cb, notes);
      const text = codebookFiles(cb).get('notes.txt')!;
      for (const s of notes.shortenings) {
        assert.ok(text.includes(`${s.tool} ${s.what} of ${s.variable}`), `${name}: ${s.variable}`);
        assert.ok(text.includes(`  full:      ${s.full}\n`));
        assert.ok(text.includes(`  shortened: ${s.shortened}\n`));
      }
      if (name === 'parent-ehc') assert.ok(notes.shortenings.some((s) => s.tool === 'Stata'), 'parent-ehc has Stata labels over 80 characters');
      // Stata keeps the option or row in a shortened label, so one question's columns stay distinguishable.
      const stata = new Map(notes.shortenings.filter((x) => x.tool === 'Stata' && x.what === 'variable label').map((x) => [x.variable, x.shortened]));
      for (const shortened of stata.values()) assert.ok([...shortened].length <= 80, shortened);
      for (const g of cb.groups) {
        const labels = g.variables.map((v) => stata.get(v) ?? cb.variables.find((x) => x.name === v)!.label);
        assert.equal(new Set(labels).size, labels.length, `${name}: ${g.name}: ${labels.join(' | ')}`);
      }
    }
  });
});

describe('labels.do', () => {
  it('matches the golden file (UPDATE_GOLDENS=1 rewrites it)', () => {
    const cb = buildCodebook(example('parent-ehc'));
    const actual = codebookFiles(cb).get('labels.do')!;
    const golden = join(GOLDEN_DIR, 'parent-ehc.labels.do');
    if (process.env['UPDATE_GOLDENS'] === '1') {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(golden, actual);
    }
    assert.ok(existsSync(golden), `no golden file ${golden}: run with UPDATE_GOLDENS=1`);
    assert.equal(actual, readFileSync(golden, 'utf8'));
  });
});
