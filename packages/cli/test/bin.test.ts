/** The real `poet` executable, through the process boundary: exit statuses and streams. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BROKEN, CLEAN, MESSY, tempDir, writeFiles } from './helpers.js';

const bin = fileURLToPath(new URL('../src/bin.js', import.meta.url));

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bin.js', () => {
  it('starts with a shebang line', () => {
    assert.ok(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n'));
  });

  it('exits 0, 1 and 2 through the process boundary', () => {
    const dir = tempDir();
    writeFiles(dir, { 'ok.poet': CLEAN, 'bad.poet': BROKEN });
    assert.deepEqual(run(dir, 'check', 'ok.poet'), { status: 0, stdout: 'Checked 1 file: no problems.\n', stderr: '' });
    const bad = run(dir, 'check', 'ok.poet', 'bad.poet');
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /^bad\.poet\(3,4\): error POET1101: /);
    assert.ok(bad.stdout.endsWith('Checked 2 files: 1 error.\n'));
    assert.deepEqual(run(dir, 'check', 'nope.poet'), { status: 2, stdout: '', stderr: 'poet: no such file: nope.poet\n' });
    assert.deepEqual(run(dir, 'chek'), {
      status: 2,
      stdout: '',
      stderr: "poet: unknown command 'chek' (did you mean 'check'?). Run 'poet --help'.\n",
    });
    assert.equal(run(dir, '--help').status, 0);
  });

  it('prints JSON that another program can read, and rewrites files with fmt --write', () => {
    const dir = tempDir();
    writeFiles(dir, { 'bad.poet': BROKEN, 'messy.poet': MESSY });
    const json = run(dir, 'check', '--format', 'json', 'bad.poet');
    assert.equal(json.status, 1);
    assert.equal((JSON.parse(json.stdout) as { code: string }[])[0]?.code, 'POET1101');
    const fmt = run(dir, 'fmt', '--write', 'messy.poet');
    assert.deepEqual(fmt, { status: 0, stdout: 'Formatted: messy.poet\n', stderr: '' });
    assert.notEqual(readFileSync(join(dir, 'messy.poet'), 'utf8'), MESSY);
    assert.equal(run(dir, 'fmt', '--check', 'messy.poet').status, 0);
  });
});
