/**
 * One chunk of a parallel `poet export` (commands/export.ts), exported by a worker thread
 * (export-worker.ts) or by the main thread: the same code on either side, so the same bytes.
 */
import type { ResponseExporter } from '@poetkit/codebook';
import { readLine, readLineChunk, type ReadResponse } from './response-lines.js';

/** A chunk of input: whole lines (the last chunk may end without a line end), as UTF-8 bytes. */
export interface ExportChunk {
  /** Its position among the chunks: the first one's data starts with the data.csv header. */
  readonly seq: number;
  /** How many lines of the input come before it, so that reject line numbers stay absolute. */
  readonly linesBefore: number;
  /** Transferred to a worker, not copied. */
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/** What became of a chunk: its records in input order, as UTF-8 bytes (transferred back). */
export interface ExportedChunk {
  readonly seq: number;
  readonly data: Uint8Array<ArrayBuffer>;
  readonly rejects: Uint8Array<ArrayBuffer>;
  readonly exported: number;
  readonly rejected: number;
}

/**
 * Text written as UTF-8 into a growing buffer, a record at a time: each record is garbage as
 * soon as it is written, where a chunk's records gathered into one string would all survive
 * to be encoded at the end (and cost the garbage collector their copying on the way).
 */
class Utf8Sink {
  private buffer = Buffer.allocUnsafe(256 * 1024);
  private length = 0;

  write(text: string): void {
    // UTF-8 takes at most 3 bytes for each UTF-16 unit.
    if (this.length + text.length * 3 > this.buffer.length) {
      const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + text.length * 3));
      this.buffer.copy(larger, 0, 0, this.length);
      this.buffer = larger;
    }
    this.length += this.buffer.write(text, this.length);
  }

  /** Forgets what was written (what a chunk that failed half way left). */
  clear(): void {
    this.length = 0;
  }

  /** The bytes written, in an ArrayBuffer of their own (to be transferred); the sink is then empty. */
  take(): Uint8Array<ArrayBuffer> {
    const bytes = new Uint8Array(this.length);
    bytes.set(this.buffer.subarray(0, this.length));
    this.length = 0;
    return bytes;
  }
}

const dataSink = new Utf8Sink();
const rejectsSink = new Utf8Sink();
/** Decodes a line as readLineChunk decodes its chunk (UTF-8, malformed sequences as U+FFFD, a BOM kept): lines end at LF bytes, where decoding is in step. */
const lineDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

export function exportChunk(exporter: ResponseExporter, chunk: ExportChunk): ExportedChunk {
  const { exported, rejected } = exporter;
  const rows = dataSink;
  const rejectLines = rejectsSink;
  rows.clear();
  rejectLines.clear();
  if (chunk.seq === 0) rows.write(exporter.header());
  const each = (read: ReadResponse): void => {
    const outcome = 'error' in read ? exporter.unparsable(read.line, read.error) : exporter.response(read.line, read.value);
    if (outcome.kind === 'row') rows.write(outcome.record);
    else rejectLines.write(outcome.record);
  };
  const bytes = Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.length);
  if (bytes.indexOf(0x0d) !== -1) {
    // CRs end lines too (alone or before an LF): the line reader splits such a chunk.
    readLineChunk(chunk.bytes, chunk.linesBefore, each);
  } else {
    // Each line is first offered to the exporter's fast path, which reads an ordinary valid
    // response from its bytes; any other line is decoded and parsed as readLineChunk would.
    let line = chunk.linesBefore;
    for (let start = 0; start < bytes.length; ) {
      let end = bytes.indexOf(0x0a, start);
      if (end === -1) end = bytes.length;
      line++;
      const record = exporter.lineRecord(bytes, start, end);
      if (record !== undefined) rows.write(record);
      else {
        const read = readLine(lineDecoder.decode(bytes.subarray(start, end)), line);
        if (read !== undefined) each(read);
      }
      start = end + 1;
    }
  }
  return {
    seq: chunk.seq,
    data: rows.take(),
    rejects: rejectLines.take(),
    exported: exporter.exported - exported,
    rejected: exporter.rejected - rejected,
  };
}
