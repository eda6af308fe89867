import assert from 'node:assert/strict';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readResponseBatches, readResponses, type ReadResponse } from '../src/commands/validate.js';

/** The reader readResponses replaced (readline, one line at a time): what it must still read. */
async function viaReadline(input: Readable): Promise<ReadResponse[]> {
  const out: ReadResponse[] = [];
  let number = 0;
  let document: string[] | undefined;
  let documentStart = 0;
  let seen = 0;
  const parse = (text: string, line: number) => {
    try {
      return { line, value: JSON.parse(text) as unknown };
    } catch (error) {
      return { line, error: `not valid JSON: ${(error as Error).message}` };
    }
  };
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    number++;
    if (document !== undefined) {
      document.push(line);
      continue;
    }
    const first = /\S/.exec(line)?.[0];
    if (first === undefined) continue;
    if (seen === 0 && (first === '[' || (first === '{' && !line.trimEnd().endsWith('}') && 'error' in parse(line, 0)))) {
      document = [line];
      documentStart = number;
      continue;
    }
    seen++;
    out.push(parse(line, number));
  }
  if (document !== undefined) {
    const read = parse(document.join('\n'), documentStart);
    if ('value' in read && Array.isArray(read.value)) read.value.forEach((value: unknown, i) => out.push({ line: i + 1, value }));
    else out.push(read);
  }
  return out;
}

async function collect(input: Readable): Promise<ReadResponse[]> {
  const out: ReadResponse[] = [];
  for await (const read of readResponses(input)) out.push(read);
  return out;
}

/** The bytes in chunks cut at the given places (anywhere: inside a UTF-8 sequence, between CR and LF). */
function chunked(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const cut of [...at, bytes.length]) {
    if (cut > start) chunks.push(bytes.subarray(start, cut));
    start = cut;
  }
  return chunks;
}

const piece = fc.constantFrom('{"a":1}', '{"b":"é😀"}', '[1,', '2]', '{', '"x": 1}', 'not json', '  ', '', '\n', '\r\n', '\r', '\r\r\n', '\u2028', '\ufeff', '"s"', '7');
const text = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''));

describe('readResponses', () => {
  it('reads the lines readline reads, however the input is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(), { maxLength: 8 }), async (source, cuts) => {
        const bytes = Buffer.from(source, 'utf8');
        const expected = await viaReadline(Readable.from([bytes]));
        assert.deepEqual(await collect(Readable.from(chunked(bytes, cuts))), expected);
      }),
      { numRuns: 400, seed: 3 },
    );
  });

  it('reads invalid UTF-8 as readline does (U+FFFD), also when a sequence is cut between chunks', async () => {
    const bytes = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xe2, 0x82]), Buffer.from('"}\n{"b":"'), Buffer.from([0xf0, 0x9f, 0x98, 0x80]), Buffer.from('"}')]);
    const expected = await viaReadline(Readable.from([bytes]));
    for (let cut = 0; cut <= bytes.length; cut++) assert.deepEqual(await collect(Readable.from(chunked(bytes, [cut]))), expected, `cut at ${cut}`);
    assert.deepEqual(expected, [
      { line: 1, value: { a: '\ufffd' } },
      { line: 2, value: { b: '😀' } },
    ]);
  });

  it('reads string chunks (a standard input with an encoding set) as well as bytes', async () => {
    const source = '{"a":1}\r\n\r\n{"b":2}\rnot json\n';
    const expected = [
      { line: 1, value: { a: 1 } },
      { line: 3, value: { b: 2 } },
      { line: 4, error: ((await viaReadline(Readable.from(['not json'])))[0] as { error: string }).error },
    ] as ReadResponse[];
    assert.deepEqual(await collect(Readable.from([...source])), expected);
    assert.deepEqual(await viaReadline(Readable.from([source])), expected);
  });

  it('gives the responses of a chunk together, in batches of at least one', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ id: `r${i}` }));
    const batches: ReadResponse[][] = [];
    for await (const batch of readResponseBatches(Readable.from([Buffer.from(lines.slice(0, 2500).join('\n')), Buffer.from(`\n${lines.slice(2500).join('\n')}\n`)]))) {
      batches.push(batch);
    }
    assert.deepEqual(batches.map((b) => b.length), [2499, 2501]);
    assert.deepEqual(batches.flat().map((r) => r.line), lines.map((_, i) => i + 1));
  });

  it('reads a line longer than many chunks', async () => {
    const long = JSON.stringify({ text: 'x'.repeat(1_000_000) });
    const bytes = Buffer.from(`${long}\n{"b":1}`);
    const chunks = chunked(bytes, Array.from({ length: 100 }, (_, i) => i * 10_007));
    const read = await collect(Readable.from(chunks));
    assert.deepEqual(read.map((r) => r.line), [1, 2]);
    assert.equal((read[0] as { value: { text: string } }).value.text.length, 1_000_000);
  });
});
