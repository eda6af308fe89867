/**
 * `poet export` on several threads (--jobs): the same bytes as the export on the main thread
 * alone, however the input is cut into chunks. POET_EXPORT_MIN_PARALLEL_BYTES,
 * POET_EXPORT_CHUNK_BYTES and POET_EXPORT_WORKERS_ONLY (see commands/export.ts) let small
 * inputs reach the workers in many chunks (else the main thread would be done with them
 * before a worker is ready).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { buildCodebook, ResponseExporter } from '@poetkit/codebook';
import { compileFile, type CompiledSurvey } from '@poetkit/compiler';
import { createResponseValidator } from '@poetkit/compiler/validator';
import { countLineEnds, lineChunks, startsJsonLines } from '../src/commands/export.js';
import { exportChunk } from '../src/export-chunk.js';
import { readLineChunk, readResponses, type ReadResponse } from '../src/response-lines.js';
import { CLEAN, poet, tempDir, writeFiles, type Run } from './helpers.js';

const envelope = (id: string, answers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ survey: 's', version: '1.0.0', id, submitted: '2015-03-01', answers, ...extra });

/** Workers, and only they, for any input of more than 200 bytes (enough for its first line), in chunks of about `chunkBytes`. */
const parallel = (chunkBytes: number, more: Record<string, string> = {}) => ({
  env: { POET_EXPORT_MIN_PARALLEL_BYTES: '200', POET_EXPORT_CHUNK_BYTES: String(chunkBytes), POET_EXPORT_WORKERS_ONLY: '1', ...more },
});

/** Every kind of line the reader meets, and enough of them for many chunks. */
function mixedInput(): Buffer {
  const lines: string[] = [`\ufeff${envelope('bom', { x: 'a' })}`];
  for (let i = 0; i < 120; i++) {
    lines.push(envelope(`r${i}`, { x: i % 3 === 0 ? 'b' : 'a' }));
    if (i % 7 === 0) lines.push('');
    if (i % 11 === 0) lines.push('not json');
    if (i % 13 === 0) lines.push(envelope(`bad${i}`, { x: 'zzz' }));
    if (i % 17 === 0) lines.push('[1, 2]', '"a string"', '{"answers": 1}');
    if (i % 19 === 0) lines.push(envelope(`v${i}`, { x: 'a' }, { version: '0.9.0' }));
    if (i % 23 === 0) lines.push(envelope(`é😀,"${i}"`, { x: 'b' }));
    if (i % 29 === 0) lines.push('   ', '{"unfinished": ');
  }
  const text = lines.map((line, i) => line + (i % 5 === 0 ? '\r\n' : i % 31 === 0 ? '\r' : '\n')).join('');
  return Buffer.concat([Buffer.from(text), Buffer.from(envelope('last', { x: 'b' }))]); // the last line has no line end
}

interface Exported {
  readonly run: Run;
  readonly data: string;
  readonly rejects: string;
}

async function exportWith(dir: string, argv: string[], overrides: Parameters<typeof poet>[2] = {}): Promise<Exported> {
  const out = `out-${argv.join('-').replace(/[^a-z0-9]+/gi, '_')}-${Math.random().toString(36).slice(2)}`;
  const run = await poet(dir, ['export', 's.poet', ...argv, '-o', out], overrides);
  const read = (name: string) => readFileSync(join(dir, out, name), 'latin1'); // bytes, whatever they are
  return { run, data: read('data.csv'), rejects: read('rejects.jsonl') };
}

/** Everything but the output folder's name, which the counts line shows. */
function comparable({ run, data, rejects }: Exported) {
  return { status: run.status, stdout: run.stdout.replace(/out-[^ ,\n]*/g, 'OUT'), stderr: run.stderr, data, rejects };
}

describe('poet export --jobs', () => {
  it('writes the same data.csv, rejects.jsonl and counts with 1, 2 or 3 workers', async () => {
    const dir = tempDir();
    const input = mixedInput();
    writeFiles(dir, { 's.poet': CLEAN, 'r.jsonl': input });
    const single = comparable(await exportWith(dir, ['r.jsonl', '--jobs', '1'], parallel(300)));
    assert.equal(single.status, 1);
    assert.match(single.stdout, /^\d+ responses: \d+ exported to /);
    assert.match(single.rejects, /"line":\d+,"id":"bad13"/);
    assert.ok(input.length > 20 * 300, 'the input spans many chunks');
    for (const jobs of ['2', '3']) {
      for (const chunkBytes of [1, 300, 4096]) {
        assert.deepEqual(comparable(await exportWith(dir, ['r.jsonl', '--jobs', jobs], parallel(chunkBytes))), single, `--jobs ${jobs}, chunks of ${chunkBytes} bytes`);
      }
    }
    // The main thread taking part (here it is done before the worker is ready: the chunk path on the main thread).
    assert.deepEqual(comparable(await exportWith(dir, ['r.jsonl', '--jobs', '2'], { env: { POET_EXPORT_MIN_PARALLEL_BYTES: '200', POET_EXPORT_CHUNK_BYTES: '300' } })), single);
    // And by default (as many threads as cores), with the real thresholds: this input is small, so it stays on the main thread.
    assert.deepEqual(comparable(await exportWith(dir, ['r.jsonl'])), single);
  });

  it('reads standard input with workers', async () => {
    const dir = tempDir();
    const input = mixedInput();
    writeFiles(dir, { 's.poet': CLEAN });
    // Cut anywhere, even inside a UTF-8 sequence or between CR and LF.
    const pieces = (size: number) => () => Readable.from(Array.from({ length: Math.ceil(input.length / size) }, (_, i) => input.subarray(i * size, (i + 1) * size)));
    const single = comparable(await exportWith(dir, ['-', '--jobs', '1'], { stdin: pieces(1000) } as never));
    for (const size of [7, 1000]) {
      assert.deepEqual(comparable(await exportWith(dir, ['-', '--jobs', '2'], { stdin: pieces(size), ...parallel(500) } as never)), single, `pieces of ${size} bytes`);
    }
    // The workers did that export: one that fails makes it fail.
    const failed = await exportWith(dir, ['-', '--jobs', '2'], { stdin: pieces(7), ...parallel(500, { POET_EXPORT_WORKER_FAIL: '1' }) } as never);
    assert.equal(failed.run.status, 70);
  });

  it('leaves a JSON array, and an empty input, to the main thread with the same result', async () => {
    const dir = tempDir();
    const array = `[\n${envelope('a1', { x: 'a' })},\n${envelope('a2', { x: 'zzz' })}\n]\n`;
    writeFiles(dir, { 's.poet': CLEAN, 'a.json': array, 'empty.jsonl': '' });
    for (const file of ['a.json', 'empty.jsonl']) {
      const single = comparable(await exportWith(dir, [file, '--jobs', '1']));
      assert.deepEqual(comparable(await exportWith(dir, [file, '--jobs', '2'], parallel(10))), single, file);
    }
  });

  it('fails with an internal error, and no success message, when a worker fails', async () => {
    const dir = tempDir();
    writeFiles(dir, { 's.poet': CLEAN, 'r.jsonl': mixedInput() });
    const { run } = await exportWith(dir, ['r.jsonl', '--jobs', '2'], parallel(300, { POET_EXPORT_WORKER_FAIL: '1' }));
    assert.equal(run.status, 70);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^poet: internal error: an export worker failed: failing on purpose \(POET_EXPORT_WORKER_FAIL is set\)\nThis is a bug in poet/);
    // The hook only reaches workers: one thread alone exports as usual.
    assert.equal((await exportWith(dir, ['r.jsonl', '--jobs', '1'], parallel(300, { POET_EXPORT_WORKER_FAIL: '1' }))).run.status, 1);
  });

  it('gives the usual usage error when writing fails on the way (a full disk)', { skip: !existsSync('/dev/full') && 'no /dev/full here' }, async () => {
    const dir = tempDir();
    writeFiles(dir, { 's.poet': CLEAN, 'r.jsonl': mixedInput() });
    mkdirSync(join(dir, 'out'));
    symlinkSync('/dev/full', join(dir, 'out', 'data.csv'));
    const run = await poet(dir, ['export', 's.poet', 'r.jsonl', '-o', 'out', '--jobs', '2'], parallel(300));
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `poet: cannot write ${join('out', 'data.csv')} (ENOSPC)\n`);
  });

  it('ends the process when done or failed: no worker keeps it alive', () => {
    const dir = tempDir();
    writeFiles(dir, { 's.poet': CLEAN, 'r.jsonl': mixedInput() });
    const bin = fileURLToPath(new URL('../src/bin.js', import.meta.url));
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [bin, 'export', 's.poet', 'r.jsonl', '-o', 'out', '--jobs', '2'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, POET_EXPORT_MIN_PARALLEL_BYTES: '200', POET_EXPORT_CHUNK_BYTES: '500', POET_EXPORT_WORKERS_ONLY: '1', ...env },
      });
    const done = run({});
    assert.equal(done.status, 1, done.stderr);
    assert.match(done.stdout, /^\d+ responses: \d+ exported to out\/data\.csv/);
    const failed = run({ POET_EXPORT_WORKER_FAIL: '1' });
    assert.equal(failed.status, 70, failed.stderr);
    assert.match(failed.stderr, /an export worker failed/);
  });

  it('refuses a --jobs that is not a whole number from 1, naming the flag', async () => {
    const dir = tempDir();
    writeFiles(dir, { 's.poet': CLEAN, 'r.jsonl': envelope('r1', { x: 'a' }) });
    const cases: [string[], RegExp][] = [
      [['--jobs', '0'], /^poet: --jobs must be a whole number from 1 to 64 \(got '0'\)\. Run 'poet export --help'\.\n$/],
      [['--jobs', 'x'], /^poet: --jobs must be a whole number from 1 to 64 \(got 'x'\)/],
      [['--jobs=2.5'], /--jobs must be a whole number .*got '2\.5'/],
      [['--jobs', '65'], /--jobs must be a whole number from 1 to 64 \(got '65'\)/],
      [['--jobs'], /^poet: option '--jobs' needs a value \(N\)/],
    ];
    for (const [flags, message] of cases) {
      const run = await poet(dir, ['export', 's.poet', 'r.jsonl', '-o', 'out', ...flags]);
      assert.equal(run.status, 2, flags.join(' '));
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    }
  });

  it('shows --jobs in its help', async () => {
    const run = await poet(tempDir(), ['export', '--help']);
    assert.match(run.stdout, /\n {2}--jobs N +How many threads export a large file: this one and N-1 worker threads\n/);
  });
});

/** The bytes in pieces cut at the given places. */
function cutAt(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const cut of [...at, bytes.length]) {
    if (cut > start) pieces.push(bytes.subarray(start, cut));
    start = cut;
  }
  return pieces;
}

const piece = fc.oneof(
  fc.constantFrom('{"a":1}', '{"b":"é😀"}', '[1,', '2]', '{', '"x": 1}', 'not json', '  ', '', '\n', '\r\n', '\r', '\r\r\n', '\u2028', '\ufeff', '"s"', '7'),
  fc.uint8Array({ minLength: 1, maxLength: 3 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);
/** Text and stray bytes (invalid UTF-8, lone CRs): latin1 strings, turned into bytes one to one. */
const input = fc.array(piece, { maxLength: 40 }).map((pieces) => {
  const text = pieces.join('');
  return Buffer.concat([...text].map((c) => (c.charCodeAt(0) < 256 ? Buffer.from([c.charCodeAt(0)]) : Buffer.from(c))));
});

describe('the chunks the workers read', () => {
  it('hold whole lines and read as the main thread reads the whole input', async () => {
    await fc.assert(
      fc.asyncProperty(input, fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 1, max: 64 }), async (bytes, cuts, chunkBytes) => {
        const expected: ReadResponse[] = [];
        for await (const read of readResponses(Readable.from(cutAt(bytes, cuts)))) expected.push(read);
        if (!startsJsonLines(bytes.toString('utf8'))) return; // a document, or no whole line: the main thread reads it
        const read: ReadResponse[] = [];
        const chunks: Uint8Array[] = [];
        let linesBefore = 0;
        for await (const chunk of lineChunks(Readable.from(cutAt(bytes, cuts)), chunkBytes)) {
          chunks.push(chunk);
          readLineChunk(chunk, linesBefore, (response) => read.push(response));
          linesBefore += countLineEnds(chunk);
        }
        assert.deepEqual(read, expected);
        assert.deepEqual(Buffer.concat(chunks), bytes);
        for (const chunk of chunks) assert.ok(chunk.byteOffset === 0 && chunk.buffer.byteLength === chunk.length, 'each chunk has an ArrayBuffer of its own');
        for (const chunk of chunks.slice(0, -1)) assert.ok(chunk.length >= chunkBytes);
      }),
      { numRuns: 1000, seed: 11 },
    );
  });

  it('are cut after a lone CR, and never between CR and LF', async () => {
    const cut = async (pieces: string[], size: number) => {
      const chunks: string[] = [];
      for await (const chunk of lineChunks(Readable.from(pieces.map((p) => Buffer.from(p))), size)) chunks.push(Buffer.from(chunk).toString());
      return chunks;
    };
    assert.deepEqual(await cut(['a\rb\rc'], 1), ['a\r', 'b\r', 'c']);
    assert.deepEqual(await cut(['a\r', 'b\r', 'c'], 1), ['a\r', 'b\r', 'c']);
    assert.deepEqual(await cut(['a\r', '\nb\r', 'c'], 1), ['a\r\n', 'b\r', 'c']);
    assert.deepEqual(await cut(['a\r', '\r', 'b'], 1), ['a\r', '\r', 'b']);
    assert.deepEqual(await cut(['abc', 'def\n', 'g'], 2), ['abcdef\n', 'g']);
    assert.deepEqual(await cut(['a\nbc\nd\ne\n\nf'], 3), ['a\nbc\n', 'd\ne\n', '\nf']);
    assert.deepEqual(countLineEnds(Buffer.from('a\r\nb\rc\n\r')), 4);
  });
});

describe('a chunk exported (exportChunk)', () => {
  /** `CLEAN` and health-phb, compiled. */
  const surveys = (() => {
    const dir = tempDir();
    writeFiles(dir, { 's.poet': CLEAN });
    return { clean: compileFile(join(dir, 's.poet')).survey!, phb: compileFile(fileURLToPath(new URL('../../../../examples/health-phb.poet', import.meta.url))).survey! };
  })();

  /** What the line reader and the exporter write for the whole input, line by line: the general path, with no fast path. */
  async function reference(survey: CompiledSurvey, bytes: Buffer): Promise<string[]> {
    const exporter = new ResponseExporter(buildCodebook(survey), () => createResponseValidator(survey));
    let data = exporter.header();
    let rejects = '';
    for await (const read of readResponses(Readable.from([bytes]))) {
      const outcome = 'error' in read ? exporter.unparsable(read.line, read.error) : exporter.response(read.line, read.value);
      if (outcome.kind === 'row') data += outcome.record;
      else rejects += outcome.record;
    }
    return [data, rejects, `${exporter.exported} exported, ${exporter.rejected} rejected`];
  }

  /** The same input exported chunk by chunk, and how many lines took the fast path. */
  async function byChunks(survey: CompiledSurvey, bytes: Buffer, chunkBytes: number): Promise<{ output: string[]; fast: number }> {
    const exporter = new ResponseExporter(buildCodebook(survey), () => createResponseValidator(survey));
    let fast = 0;
    const lineRecord = exporter.lineRecord.bind(exporter);
    exporter.lineRecord = (b, start, end) => {
      const record = lineRecord(b, start, end);
      if (record !== undefined) fast++;
      return record;
    };
    const data: Uint8Array[] = [];
    const rejects: Uint8Array[] = [];
    let seq = 0;
    let linesBefore = 0;
    let exported = 0;
    let rejected = 0;
    for await (const chunk of lineChunks(Readable.from([bytes]), chunkBytes)) {
      const lines = countLineEnds(chunk);
      const result = exportChunk(exporter, { seq: seq++, linesBefore, bytes: chunk });
      linesBefore += lines;
      data.push(result.data);
      rejects.push(result.rejects);
      exported += result.exported;
      rejected += result.rejected;
    }
    return { output: [Buffer.concat(data).toString('utf8'), Buffer.concat(rejects).toString('utf8'), `${exported} exported, ${rejected} rejected`], fast };
  }

  it('writes what the general path writes line by line, with and without CRs, most lines on the fast path', async () => {
    const mixed = mixedInput();
    const lfOnly = Buffer.from(mixed.toString('latin1').replace(/\r\n?/g, '\n'), 'latin1');
    for (const [what, bytes] of [['LF only', lfOnly], ['with CRs', mixed]] as const) {
      const expected = await reference(surveys.clean, bytes);
      for (const chunkBytes of [1, 300, 1 << 20]) {
        const { output, fast } = await byChunks(surveys.clean, bytes, chunkBytes);
        assert.deepEqual(output, expected, `${what}, chunks of ${chunkBytes} bytes`);
        // Without CRs, the valid responses are read from their bytes (the line reader splits chunks with CRs).
        if (what === 'LF only') assert.ok(fast > 100, `${what}: ${fast} lines on the fast path`);
        else if (chunkBytes === 1 << 20) assert.equal(fast, 0, 'one chunk, with CRs: read by the line reader');
      }
    }
  });

  it('exports the same where making functions from source text is refused (grids are then made row by row)', async () => {
    const walks = (await import(new URL('../../../runtime/dist/test/support/walk.js', import.meta.url).href)) as {
      TODAY: string;
      walk(g: fc.GeneratorValue, survey: CompiledSurvey): Record<string, unknown>;
    };
    const phb = surveys.phb;
    const lines = fc
      .sample(fc.gen().map((g) => walks.walk(g, phb)), { numRuns: 60, seed: 12 })
      .map((answers, i) => JSON.stringify({ survey: phb.id, version: phb.version, id: `r${i}`, submitted: walks.TODAY, answers }));
    assert.ok(lines.some((line) => line.includes('"process_ease":{')), 'some lines answer a grid');
    const dir = tempDir();
    writeFiles(dir, { 'r.jsonl': `${lines.join('\n')}\n` });
    const bin = fileURLToPath(new URL('../src/bin.js', import.meta.url));
    const example = fileURLToPath(new URL('../../../../examples/health-phb.poet', import.meta.url));
    const run = (nodeFlags: string[], out: string) => {
      const child = spawnSync(process.execPath, [...nodeFlags, bin, 'export', example, 'r.jsonl', '-o', out, '--jobs', '1'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      assert.equal(child.status, 0, child.stderr);
      return readFileSync(join(dir, out, 'data.csv'), 'utf8');
    };
    const usual = run([], 'usual');
    assert.equal(usual.split('\r\n').length, lines.length + 2);
    assert.equal(run(['--disallow-code-generation-from-strings'], 'refused'), usual);
  });

  it('writes what the general path writes for lines of health-phb with stray bytes, escapes and odd values', async () => {
    // Valid responses: the runtime's random walks (its compiled test support), on the date they are valid for.
    const walks = (await import(new URL('../../../runtime/dist/test/support/walk.js', import.meta.url).href)) as {
      TODAY: string;
      walk(g: fc.GeneratorValue, survey: CompiledSurvey): Record<string, unknown>;
    };
    const answers = fc.sample(fc.gen().map((g) => walks.walk(g, surveys.phb)), { numRuns: 40, seed: 9 });
    const line = (id: number, changed: boolean) => {
      const given = answers[id % answers.length]!;
      return JSON.stringify({
        survey: surveys.phb.id,
        version: surveys.phb.version,
        id: `r${id}`,
        submitted: walks.TODAY,
        answers: changed ? { ...given, ccg_name: `Leeds, "West" ${id}`, health_general: 'excellent' } : given,
      });
    };
    let fastLines = 0;
    let allLines = 0;
    const strays = [Buffer.from([0xc3]), Buffer.from([0xff, 0xfe]), Buffer.from('\\u00e9'), Buffer.from('\\"'), Buffer.from('é😀'), Buffer.from([0xed, 0xa0, 0x80])];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(40), fc.nat(strays.length - 1), fc.boolean()), { minLength: 1, maxLength: 30 }), async (edits) => {
        const lines = edits.map(([at, stray, keep], i) => {
          const bytes = Buffer.from(line(i, !keep));
          if (at % 3 === 0) return bytes; // untouched
          const cut = bytes.indexOf('"', 60 + at) + 1 || bytes.length; // just inside a string, usually
          return Buffer.concat([bytes.subarray(0, cut), strays[stray]!, bytes.subarray(cut)]);
        });
        const bytes = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
        const expected = await reference(surveys.phb, bytes);
        const { output, fast } = await byChunks(surveys.phb, bytes, 200);
        assert.deepEqual(output, expected);
        fastLines += fast;
        allLines += lines.length;
      }),
      { numRuns: 150, seed: 4 },
    );
    // Both paths were taken.
    assert.ok(fastLines > allLines / 10 && fastLines < allLines, `${fastLines} of ${allLines} lines on the fast path`);
  });
});
