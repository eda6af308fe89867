/**
 * One chunk of a parallel `poet export` (commands/export.ts), exported by a worker thread
 * (export-worker.ts) or by the main thread: the same code on either side, so the same bytes.
 */
import type { ResponseExporter } from '@poetkit/codebook';
import { readLineChunk } from './response-lines.js';

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

const encoder = new TextEncoder(); // a fresh buffer each time: safe to transfer, unlike Buffer.from's shared pool

export function exportChunk(exporter: ResponseExporter, chunk: ExportChunk): ExportedChunk {
  const { exported, rejected } = exporter;
  let rows = chunk.seq === 0 ? exporter.header() : '';
  let rejectLines = '';
  readLineChunk(chunk.bytes, chunk.linesBefore, (read) => {
    const outcome = 'error' in read ? exporter.unparsable(read.line, read.error) : exporter.response(read.line, read.value);
    if (outcome.kind === 'row') rows += outcome.record;
    else rejectLines += outcome.record;
  });
  return {
    seq: chunk.seq,
    data: encoder.encode(rows),
    rejects: encoder.encode(rejectLines),
    exported: exporter.exported - exported,
    rejected: exporter.rejected - rejected,
  };
}
