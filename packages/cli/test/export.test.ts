import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { CLEAN, poet, tempDir, writeFiles } from './helpers.js';

const envelope = (id: string, answers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ survey: 's', version: '1.0.0', id, submitted: '2015-03-01', answers, ...extra });

describe('poet export', () => {
  it('writes data.csv and rejects.jsonl, prints the counts and exits 1 when some are rejected', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      's.poet': CLEAN,
      'r.jsonl': [envelope('r1', { x: 'a' }), '', 'not json', envelope('r2', { x: 'b' }), envelope('r3', { x: 'zzz' }), envelope('r4', { x: 'a' }, { version: '0.9.0' })].join('\n'),
    });
    const run = await poet(dir, ['export', 's.poet', 'r.jsonl', '-o', 'out']);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(
      run.stdout,
      `5 responses: 2 exported to ${join('out', 'data.csv')}, 3 rejected\nRejected responses are not in data.csv; their reasons are in ${join('out', 'rejects.jsonl')}.\n`,
    );
    assert.equal(run.stderr, '');
    assert.equal(readFileSync(join(dir, 'out/data.csv'), 'utf8'), 'response_id,survey_version,submitted,x\r\nr1,1.0.0,2015-03-01,1\r\nr2,1.0.0,2015-03-01,2\r\n');
    const rejects = readFileSync(join(dir, 'out/rejects.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { line: number; id: string | null; errors: { message: string }[] });
    assert.deepEqual(rejects.map((r) => [r.line, r.id]), [[3, null], [5, 'r3'], [6, 'r4']]);
    assert.match(rejects[0]!.errors[0]!.message, /^not valid JSON/);
    assert.match(rejects[1]!.errors[0]!.message, /zzz/);
    assert.match(rejects[2]!.errors[0]!.message, /version "0\.9\.0"/);
  });

  it('exits 0 when everything is exported, from a compiled survey and standard input', async () => {
    const dir = tempDir();
    writeFiles(dir, { 's.poet': CLEAN });
    assert.equal((await poet(dir, ['compile', 's.poet', '-o', 'build'])).status, 0);
    const stdin = () => Readable.from([`${envelope('a,1', { x: 'b' })}\n`]);
    const run = await poet(dir, ['export', 'build/s.survey.json', '-', '--out', 'out'], { stdin } as never);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, `1 response: 1 exported to ${join('out', 'data.csv')}, 0 rejected\n`);
    assert.equal(readFileSync(join(dir, 'out/data.csv'), 'utf8'), 'response_id,survey_version,submitted,x\r\n"a,1",1.0.0,2015-03-01,2\r\n');
    assert.equal(readFileSync(join(dir, 'out/rejects.jsonl'), 'utf8'), '');
  });

  it('reports usage errors with exit status 2', async () => {
    const dir = tempDir();
    writeFiles(dir, { 's.poet': CLEAN, 'r.jsonl': envelope('r1', { x: 'a' }) });
    const cases: [string[], RegExp][] = [
      [['export', 's.poet', 'r.jsonl'], /needs an output folder: -o DIR/],
      [['export', 's.poet', '-o', 'out'], /takes a SURVEY and a RESPONSES file/],
      [['export', 's.poet', 'missing.jsonl', '-o', 'out'], /no such file: missing\.jsonl/],
      [['export', 'r.jsonl', 'r.jsonl', '-o', 'out'], /not a compiled survey/],
    ];
    mkdirSync(join(dir, 'taken/data.csv'), { recursive: true });
    cases.push([['export', 's.poet', 'r.jsonl', '-o', 'taken'], /cannot write taken\/data\.csv \(EISDIR\)/]);
    for (const [argv, message] of cases) {
      const run = await poet(dir, argv);
      assert.equal(run.status, 2, `${argv.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
  });

  it('says a bank is not a survey, without first saying it has no problems', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'bank.poet': 'bank common "Shared"\n  version "1.0.0"\n\noptions yes_no "Yes / No" {\n  1 yes "Yes"\n  2 no "No"\n}\n', 'r.jsonl': envelope('r1', { q: 'a' }) });
    for (const verb of [['export', 'bank.poet', 'r.jsonl', '-o', 'out'], ['validate', 'bank.poet', 'r.jsonl']]) {
      const run = await poet(dir, verb);
      assert.equal(run.status, 1, `${verb[0]}: ${run.stdout}${run.stderr}`);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /bank\.poet is a bank, not a survey/);
    }
  });
});

describe('poet codebook', () => {
  it('writes every file, and statistics from the responses', async () => {
    const dir = tempDir();
    writeFiles(dir, { 's.poet': CLEAN, 'r.jsonl': [envelope('r1', { x: 'a' }), envelope('r2', { x: 'a' }), envelope('r3', { x: 'b' })].join('\n') });
    const run = await poet(dir, ['codebook', 's.poet', '-o', 'cb', '--stats', 'r.jsonl']);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const names = ['dictionary.csv', 'labels.sps', 'labels.do', 'labels.R', 'notes.txt', 'codebook.html', 'codebook.md', 'codebook.ddi.xml', 'datapackage.json'];
    assert.deepEqual(run.written.map((p) => p.slice(join(dir, 'cb').length + 1)), names);
    assert.match(run.stdout, /Statistics from 3 responses\.\n$/);
    const dictionary = readFileSync(join(dir, 'cb/dictionary.csv'), 'utf8');
    assert.match(dictionary, /^name,label,question,/);
    assert.match(dictionary, /\r\nx,Q,x,4,a,code,nominal,"1 = A\n2 = B\n-1 = Not asked/);
    assert.match(readFileSync(join(dir, 'cb/labels.sps'), 'utf8'), /VALUE LABELS\n {2}x\n {4}1 'A'\n {4}2 'B'/);
  });

  it('exits 1 when --stats meets rejected responses, and 2 on usage errors', async () => {
    const dir = tempDir();
    writeFiles(dir, { 's.poet': CLEAN, 'r.jsonl': `${envelope('r1', { x: 'a' })}\n{"nope"\n` });
    const run = await poet(dir, ['codebook', 's.poet', '-o', 'cb', '--stats', 'r.jsonl']);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /Statistics from 1 response; 1 rejected and left out/);
    assert.equal((await poet(dir, ['codebook', 's.poet'])).status, 2);
    assert.equal((await poet(dir, ['codebook', 's.poet', 'x.poet', '-o', 'cb'])).status, 2);
  });
});
