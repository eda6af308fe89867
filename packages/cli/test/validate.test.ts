/** `poet validate`: in-process (with its own streams) and through the real executable. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { StdinIo } from '../src/commands/validate.js';
import { poet, tempDir, writeFiles } from './helpers.js';

const bin = fileURLToPath(new URL('../src/bin.js', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const PARENT = join(EXAMPLES, 'parent-ehc.poet');

/** A complete valid parent_ehc response (routing case P09, the shortest full path). */
const P09 = {
  consent: 'yes',
  la_name: 'Leeds',
  child_age: 9,
  main_reason: ['communication'],
  ehc_plan_status: 'in_process',
  has_pb: 'dont_know',
  views_taken: 'yes_partly',
  child_views_taken: 'no',
  ehc_help: ['nobody'],
  ehc_ease: { get_info: 'very_easy', assessment: 'neither', agree_outcomes: 'neither', choose_support: 'fairly_easy', understand_pb: 'dont_know' },
  needs_confident: 'fairly',
  respondent_rel: 'mother',
  age_band: 'age_35_44',
  gender: 'female',
};

const LINES = [
  JSON.stringify({ consent: 'no' }), // 1 valid
  '', // 2 blank: skipped
  JSON.stringify({ ...P09, child_age: 30 }), // 3 invalid
  'this is not JSON', // 4 invalid
  '   ', // 5 blank
  JSON.stringify({ answers: P09, submitted: '2015-03-01', id: 'r5' }), // 6 valid envelope
  JSON.stringify({ consent: 'no', la_name: 'Leeds' }), // 7 invalid: nothing after consent = no
];

function stdinOf(text: string): Partial<StdinIo> {
  return { stdin: () => Readable.from([text]) };
}

describe('poet validate (in-process)', () => {
  it('reports each invalid line, skips blank lines, prints a summary and exits 1', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'r.jsonl': `${LINES.join('\n')}\n` });
    const run = await poet(dir, ['validate', PARENT, 'r.jsonl']);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 1), ['line 3: question child_age: Enter a whole number from 0 to 25']);
    assert.match(lines[1]!, /^line 4: not valid JSON: /);
    assert.deepEqual(lines.slice(2), [
      'line 7: question la_name: This question was not asked on this path, so it must not be answered',
      '5 responses: 2 valid, 3 invalid',
    ]);
  });

  it('prints one JSON object per response with --format json', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'r.jsonl': LINES.join('\r\n') });
    const run = await poet(dir, ['validate', '--format', 'json', PARENT, 'r.jsonl']);
    assert.equal(run.status, 1);
    const objects = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(objects.map((o) => [o.line, o.valid]), [[1, true], [3, false], [4, false], [6, true], [7, false]]);
    assert.deepEqual(objects[1].errors, [{ question: 'child_age', path: '/child_age', message: 'Enter a whole number from 0 to 25' }]);
    assert.equal(objects[2].errors[0].question, null);
    assert.equal(objects[2].errors[0].path, '');
    assert.match(objects[2].errors[0].message, /^not valid JSON: /);
    for (const o of objects) assert.deepEqual(Object.keys(o), ['line', 'valid', 'errors']);
  });

  it('exits 0 when every response is valid, reading standard input for -', async () => {
    const run = await poet(tempDir(), ['validate', PARENT, '-'], stdinOf(`${JSON.stringify(P09)}\n${JSON.stringify({ consent: 'no' })}\n`));
    assert.deepEqual([run.status, run.stdout, run.stderr], [0, '2 responses: 2 valid, 0 invalid\n', '']);
  });

  it('reads one JSON document: an array, or one object over several lines', async () => {
    const array = await poet(tempDir(), ['validate', PARENT, '-'], stdinOf(JSON.stringify([P09, { consent: 'maybe' }], null, 2)));
    assert.equal(array.status, 1);
    assert.deepEqual(array.stdout.split('\n').slice(-2), ['2 responses: 1 valid, 1 invalid', '']);
    assert.match(array.stdout, /^line 2: question consent: Select one of the options \('maybe' is not one of them\)\n/);
    const object = await poet(tempDir(), ['validate', PARENT, '-'], stdinOf(JSON.stringify(P09, null, 2)));
    assert.deepEqual([object.status, object.stdout], [0, '1 response: 1 valid, 0 invalid\n']);
  });

  it('uses the envelope submitted date, then --today, for today', async () => {
    const withDate = { ...P09, ehc_plan_status: 'yes', plan_date: '2015-06-01', timescale_20wk: 'yes' };
    const early = JSON.stringify({ answers: withDate, submitted: '2015-05-31T10:00:00Z' });
    const late = JSON.stringify({ answers: withDate, submitted: '2015-06-01' });
    const run = await poet(tempDir(), ['validate', PARENT, '-'], stdinOf(`${early}\n${late}\n`));
    assert.equal(run.stdout.split('\n')[0], 'line 1: question plan_date: Date must be today or in the past');
    assert.ok(run.stdout.endsWith('2 responses: 1 valid, 1 invalid\n'));
    const plain = JSON.stringify(withDate);
    const today = await poet(tempDir(), ['validate', '--today', '2015-05-01', PARENT, '-'], stdinOf(plain));
    assert.equal(today.status, 1);
    const after = await poet(tempDir(), ['validate', '--today', '2016-01-01', PARENT, '-'], stdinOf(plain));
    assert.equal(after.status, 0, after.stdout);
  });

  it('accepts a compiled .survey.json', async () => {
    const dir = tempDir();
    const compiled = await poet(dir, ['compile', PARENT, '-o', 'out']);
    assert.equal(compiled.status, 0, compiled.stdout + compiled.stderr);
    const run = await poet(dir, ['validate', 'out/parent_ehc.survey.json', '-'], stdinOf(JSON.stringify({ consent: 'no', x: 1 })));
    assert.deepEqual([run.status, run.stdout], [1, "line 1: 'x' is not a question in this survey, so it must not be in the answers\n1 response: 0 valid, 1 invalid\n"]);
  });

  it('prints the problems of a .poet file that does not compile and exits 1', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'bad.poet': 'survey s "T"\n  version "1.0.0"\n\n4) mutli x "Q"\n', 'r.jsonl': '{}\n' });
    const run = await poet(dir, ['validate', 'bad.poet', 'r.jsonl']);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^bad\.poet\(4,4\): error POET1101: /);
  });

  it('exits 2 with one line for usage errors', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'r.jsonl': '{}\n', 'not-survey.json': '{"a": 1}', 'junk.json': 'junk' });
    const cases: [string[], RegExp][] = [
      [['validate', PARENT], /^poet: 'validate' takes a SURVEY and a RESPONSES file/],
      [['validate', PARENT, 'missing.jsonl'], /^poet: no such file: missing\.jsonl\n$/],
      [['validate', 'missing.poet', 'r.jsonl'], /^poet: no such file: missing\.poet\n$/],
      [['validate', '--bogus', PARENT, 'r.jsonl'], /^poet: unknown option '--bogus' for 'validate'/],
      [['validate', '--today', '1 May', PARENT, 'r.jsonl'], /^poet: --today must be a real date/],
      [['validate', '--today', '2016-02-30', PARENT, 'r.jsonl'], /^poet: --today must be a real date in the form YYYY-MM-DD, such as 2016-06-30 \(got '2016-02-30'\)/],
      [['validate', 'not-survey.json', 'r.jsonl'], /^poet: not-survey\.json is not a compiled survey/],
      [['validate', 'junk.json', 'r.jsonl'], /^poet: junk\.json is neither a \.poet file nor JSON/],
    ];
    for (const [argv, stderr] of cases) {
      const run = await poet(dir, argv);
      assert.equal(run.status, 2, `${argv.join(' ')}: ${run.stderr}`);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, stderr);
      assert.equal(run.stderr.split('\n').length, 2, run.stderr);
    }
  });
});

describe('poet validate (bin.js)', () => {
  it('validates standard input and exits 0, 1 and 2', () => {
    const dir = tempDir();
    const ok = spawnSync(process.execPath, [bin, 'validate', PARENT, '-'], { cwd: dir, input: `${JSON.stringify(P09)}\n`, encoding: 'utf8' });
    assert.deepEqual([ok.status, ok.stdout, ok.stderr], [0, '1 response: 1 valid, 0 invalid\n', '']);
    const bad = spawnSync(process.execPath, [bin, 'validate', '--format', 'json', PARENT, '-'], { cwd: dir, input: 'nope\n', encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.equal(JSON.parse(bad.stdout).valid, false);
    const usage = spawnSync(process.execPath, [bin, 'validate', PARENT], { cwd: dir, encoding: 'utf8' });
    assert.equal(usage.status, 2);
  });

  it('streams a 200,000-line file with bounded memory', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.jsonl');
    const out = createWriteStream(file);
    const valid = JSON.stringify(P09);
    const invalid = JSON.stringify({ ...P09, child_age: -1 });
    const lines = 200_000;
    for (let i = 0; i < lines; i += 1000) {
      const chunk: string[] = [];
      for (let j = i; j < i + 1000; j++) chunk.push(j % 1000 === 999 ? invalid : valid);
      if (!out.write(`${chunk.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(() => r()));
    // The file is about 80 MB; report the peak memory of the validating process.
    writeFiles(dir, { 'rss.mjs': "process.on('exit', () => process.stderr.write('maxrss=' + process.resourceUsage().maxRSS + '\\n'));\n" });
    const child = spawn(process.execPath, ['--max-old-space-size=64', '--import', './rss.mjs', bin, 'validate', PARENT, file], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const status = await new Promise<number | null>((r) => child.on('close', r));
    assert.equal(status, 1, stderr);
    assert.ok(stdout.endsWith(`${lines} responses: ${lines - 200} valid, 200 invalid\n`), stdout.slice(-200));
    const maxRssKb = Number(/maxrss=(\d+)/.exec(stderr)?.[1]);
    assert.ok(maxRssKb > 0, stderr);
    assert.ok(maxRssKb < 300 * 1024, `peak RSS ${Math.round(maxRssKb / 1024)} MB for a ${lines}-line file`);
  });
});
