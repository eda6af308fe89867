/** `poet compile FILE -o DIR` and the compiler's checks in `poet check`. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLEAN, poet, tempDir, writeFiles } from './helpers.js';

const BANK = 'bank b "Bank"\n  version "1.0.0"\n\nsingle shared "Shared?"\n  options {\n    1 yes "Yes"\n    2 no "No"\n  }\n';
const USES_BANK = 'survey u "U"\n  version "1.0.0"\n\nimport "banks/b.poet"\n\nsection a "A" {\n  use shared\n  text t "T"\n    ask if shared = yse\n}\n';

describe('poet compile', () => {
  it('writes <id>.survey.json, <id>.schema.json and <id>.validator.js into a new folder', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'ok.poet': CLEAN });
    const run = await poet(dir, ['compile', 'ok.poet', '-o', 'out/forms']);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const survey = JSON.parse(readFileSync(join(dir, 'out/forms/s.survey.json'), 'utf8')) as { format: string; id: string };
    assert.equal(survey.format, 'poetkit-survey');
    assert.equal(survey.id, 's');
    assert.ok(existsSync(join(dir, 'out/forms/s.schema.json')));
    const validator = readFileSync(join(dir, 'out/forms/s.validator.js'), 'utf8');
    assert.match(validator, /^export function validate\(answers, options\)/m);
    assert.doesNotMatch(validator, /require\(|import /);
  });

  it('writes nothing and exits 1 when the survey has an error, located in the right file', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'u.poet': USES_BANK, 'banks/b.poet': BANK });
    const run = await poet(dir, ['compile', 'u.poet', '--out', 'out']);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^u\.poet\(9,21\): error POET2007: 'yse' is not an option of 'shared'/);
    assert.equal(existsSync(join(dir, 'out')), false);
    assert.deepEqual(run.written, []);
  });

  it('reports usage errors in one line with exit 2', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'ok.poet': CLEAN });
    const noOut = await poet(dir, ['compile', 'ok.poet']);
    assert.equal(noOut.status, 2);
    assert.equal(noOut.stderr, "poet: 'compile' needs an output folder: -o DIR. Run 'poet compile --help'.\n");
    const two = await poet(dir, ['compile', 'ok.poet', 'ok2.poet', '-o', 'x']);
    assert.equal(two.status, 2);
  });
});

describe('poet check runs the compiler', () => {
  it('reports semantic errors and resolves imports relative to the file', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'sub/u.poet': USES_BANK, 'sub/banks/b.poet': BANK });
    const run = await poet(dir, ['check', 'sub/u.poet']);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^sub\/u\.poet\(9,21\): error POET2007: /);
    assert.match(run.stdout, /hint: Did you mean 'yes'\?/);
  });

  it('reports a missing import at the import line', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'u.poet': USES_BANK });
    const run = await poet(dir, ['check', 'u.poet']);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^u\.poet\(4,8\): error POET3001: /);
  });
});
