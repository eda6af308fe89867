import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { buildCodebook, ResponseExporter } from '@poetkit/codebook';
import type { CompiledSurvey } from '@poetkit/compiler';
import type { ResponseValidator } from '@poetkit/compiler/validator';
import { UsageError, helpPointer, integerOption, type Command } from '../command.js';
import { exportChunk, type ExportChunk, type ExportedChunk } from '../export-chunk.js';
import type { ExportWorkerData, ExportWorkerReady, ExportWorkerStart } from '../export-worker.js';
import { openResponses, type StdinIo } from '../files.js';
import type { Io } from '../io.js';
import { readResponseBatches, startsDocument } from '../response-lines.js';

/** Records are gathered into writes of about this many characters: far fewer writes, and memory stays bounded. */
const CHUNK = 64 * 1024;
/** The default number of threads exporting is the number of CPU cores, but no more than this. */
const DEFAULT_MAX_JOBS = 8;
const MAX_JOBS = 64;
/**
 * Inputs smaller than this are exported on the main thread alone. A worker costs about 0.6 s of
 * CPU before it takes its first chunk (its imports, the validator's build) and more to compile
 * the hot code again in its own isolate; at a few tens of microseconds a response, the main
 * thread is done with 16,000 responses (about 16 MB) before a worker could help much.
 */
const MIN_PARALLEL_BYTES = 16 * 1024 * 1024;
/** How much of the input is looked at to see whether its first line is one of JSON Lines (a longer first line is read as a document would be: the same result, more slowly). */
const FIRST_LINE_BYTES = 1024 * 1024;
/** The size of the chunks of input handed to the workers (each cut after a line end). */
const PARALLEL_CHUNK_BYTES = 1024 * 1024;
/** How many chunks each worker may hold (queued or being exported): enough to keep it busy, few enough that memory stays flat. */
const CHUNKS_PER_WORKER = 2;
/**
 * How many chunks may be in flight (with a worker, or exported and waiting to be written in
 * input order) for each thread: twice what a worker holds, so that this thread goes on
 * exporting while the oldest chunk is still a worker's (a worker's first chunks are slow: its
 * code is not optimised yet), instead of waiting for it. Memory stays flat: a few MB a thread.
 */
const IN_FLIGHT_PER_THREAD = 2 * CHUNKS_PER_WORKER;

/**
 * The response validator's maker, loaded when an export starts (after the survey is compiled
 * and handed to the workers): ajv and its formats take tens of milliseconds to load, and most
 * exports never build a validator (see ResponseExporter).
 */
async function validatorMaker(survey: CompiledSurvey): Promise<() => ResponseValidator> {
  const { createResponseValidator } = await import('@poetkit/compiler/validator');
  return () => createResponseValidator(survey);
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export responses as coded data (data.csv) for SPSS, Stata, R and spreadsheets.',
  synopsis: 'poet export [--jobs N] SURVEY RESPONSES -o DIR',
  description: [
    'SURVEY is a .poet file (compiled first) or a compiled .survey.json. RESPONSES is a file,\n' +
      'or - for standard input, of JSON Lines: one response envelope a line,\n' +
      '{"survey": ID, "version": V, "id": ID, "submitted": "YYYY-MM-DD", "answers": {...}}\n' +
      '(a JSON array of envelopes is read too).',
    'Writes DIR/data.csv (RFC 4180, UTF-8): a header, then one row per valid response:\n' +
      'response_id, survey_version, submitted, then the export variables in codebook order,\n' +
      'with numeric codes. No answer is a reason code: -1 not asked, -2 not reached (the\n' +
      'response ended before it), -9 asked but left blank. `poet codebook` writes the labels.',
    'A response that is not JSON, not an envelope, for another survey or version, or invalid\n' +
      'is never exported: it goes to DIR/rejects.jsonl as {"line", "id", "errors"}. Responses\n' +
      'are streamed, so memory stays flat however large the file. A file of JSON Lines of more\n' +
      'than 16 MB is exported by several threads at once (--jobs).',
  ],
  options: [
    { name: 'out', short: 'o', placeholder: 'DIR', description: 'The folder to write data.csv and rejects.jsonl into (also -o DIR).' },
    {
      name: 'jobs',
      placeholder: 'N',
      description:
        `How many threads export a large file: this one and N-1 worker threads\n` +
        `(default: one a CPU core, at most ${DEFAULT_MAX_JOBS}). The output is the same\n` +
        'whatever N is; --jobs 1 starts no worker.',
    },
  ],
  examples: ['poet export examples/carer.poet responses.jsonl -o export', 'poet export build/carer.survey.json - -o export < responses.jsonl'],
  exitStatus: ['0  every response was exported', '1  some responses were rejected (see rejects.jsonl), or the survey has an error', '2  usage error, or a file cannot be read or written'],

  async run(args, io) {
    const out = args.options.get('out');
    if (typeof out !== 'string') throw new UsageError(`'export' needs an output folder: -o DIR. ${helpPointer(exportCommand)}`);
    if (args.positionals.length !== 2) {
      throw new UsageError(`'export' takes a SURVEY and a RESPONSES file (- for standard input). ${helpPointer(exportCommand)}`);
    }
    const jobs = integerOption(args, 'jobs', exportCommand, 1, MAX_JOBS) ?? Math.min(availableParallelism(), DEFAULT_MAX_JOBS);
    const [surveyArg, responsesArg] = args.positionals as [string, string];
    const tuning = exportTuning(io.env);
    const input = await openResponses(responsesArg, io as StdinIo, exportCommand);
    const size = responsesArg === '-' ? undefined : (await stat(resolve(io.cwd, responsesArg))).size;
    let pool: ExportPool | undefined;
    const workers = (): ExportPool => (pool ??= new ExportPool(jobs - 1, { failForTests: tuning.failForTests }));
    // A file large enough for workers starts them now: their start-up overlaps compiling the survey.
    const early = jobs > 1 && size !== undefined && size >= Math.max(1, tuning.minParallelBytes) ? workers() : undefined;
    try {
      return await exportTo(out, surveyArg, input, size, jobs, tuning, workers, early, io);
    } finally {
      await (pool as ExportPool | undefined)?.close();
    }
  },
};

/** The export after the arguments are read and the workers (if any) started. */
async function exportTo(
  out: string,
  surveyArg: string,
  input: Readable,
  size: number | undefined,
  jobs: number,
  tuning: ExportTuning,
  workers: () => ExportPool,
  early: ExportPool | undefined,
  io: Io,
): Promise<number> {
  // The compiler (and its .poet parser) is loaded only now, after the workers were started:
  // their start-up overlaps its loading, not only the compiling.
  const { loadSurvey } = await import('./validate.js');
  const survey = await loadSurvey(surveyArg, io, exportCommand).catch((error: unknown) => {
    input.destroy();
    throw error;
  });
  if (survey === undefined) {
    input.destroy();
    return 1;
  }
  // Workers already started get the survey at once: each then builds its exporter while this thread opens the files and reads ahead.
  early?.start(survey);
  const dir = resolve(io.cwd, out);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    input.destroy();
    throw new UsageError(`cannot create the folder ${out} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let data: Output;
  let rejects: Output;
  try {
    data = await openOutput(join(dir, 'data.csv'), join(out, 'data.csv'));
    rejects = await openOutput(join(dir, 'rejects.jsonl'), join(out, 'rejects.jsonl')).catch((error: unknown) => {
      data.stream.destroy();
      throw error;
    });
  } catch (error) {
    input.destroy();
    throw error;
  }
  const progress = progressReporter(io, input, size);
  let counts: ExportCounts;
  try {
    counts = await exportResponses(input, survey, jobs, tuning, workers, { data, rejects, progress });
  } finally {
    input.destroy();
    progress.done();
    await Promise.all([close(data), close(rejects)]);
  }
  const { exported, rejected } = counts;
  const total = exported + rejected;
  io.stdout(`${total} ${total === 1 ? 'response' : 'responses'}: ${exported} exported to ${join(out, 'data.csv')}, ${rejected} rejected\n`);
  if (rejected > 0) {
    io.stdout(`Rejected responses are not in data.csv; their reasons are in ${join(out, 'rejects.jsonl')}.\n`);
    return 1;
  }
  return 0;
}

interface ExportCounts {
  readonly exported: number;
  readonly rejected: number;
}

/** Where an export goes. */
interface ExportTargets {
  readonly data: Output;
  readonly rejects: Output;
  readonly progress: ProgressReporter;
}

/**
 * How the export is shared out. The environment can change it, for tests only (so that they
 * need not write megabytes to reach the workers):
 * POET_EXPORT_MIN_PARALLEL_BYTES (bytes; 0: workers for any input that is not empty),
 * POET_EXPORT_CHUNK_BYTES (bytes a chunk, at least),
 * POET_EXPORT_WORKERS_ONLY (set: this thread exports no chunk itself, the workers do them all) and
 * POET_EXPORT_WORKER_FAIL (set: every worker throws on its first chunk, as a bug would).
 */
interface ExportTuning {
  readonly minParallelBytes: number;
  readonly chunkBytes: number;
  readonly workersOnly: boolean;
  readonly failForTests: boolean;
}

function exportTuning(env: Io['env']): ExportTuning {
  const bytes = (name: string, fallback: number): number => {
    const value = env[name];
    return value !== undefined && /^\d{1,12}$/.test(value) ? Number(value) : fallback;
  };
  return {
    minParallelBytes: bytes('POET_EXPORT_MIN_PARALLEL_BYTES', MIN_PARALLEL_BYTES),
    chunkBytes: Math.max(1, bytes('POET_EXPORT_CHUNK_BYTES', PARALLEL_CHUNK_BYTES)),
    workersOnly: env['POET_EXPORT_WORKERS_ONLY'] !== undefined,
    failForTests: env['POET_EXPORT_WORKER_FAIL'] !== undefined,
  };
}

/**
 * Exports every response of `input`: on `jobs` threads (this one and jobs - 1 workers) when
 * there are several and the input is JSON Lines of at least `minParallelBytes`, else on this
 * thread alone. The output is the same bytes either way.
 */
async function exportResponses(
  input: Readable,
  survey: CompiledSurvey,
  jobs: number,
  tuning: ExportTuning,
  workers: () => ExportPool,
  targets: ExportTargets,
): Promise<ExportCounts> {
  // The start of the input decides: whether it ends soon (then workers would not pay), and
  // whether its first line starts one JSON document (an array of responses, read whole by the
  // in-process reader) rather than JSON Lines (read in chunks of lines, as workers read them).
  const iterator = (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const start: Buffer[] = [];
  let size = 0;
  let ended = false;
  const look = jobs > 1 ? Math.max(1, tuning.minParallelBytes) : FIRST_LINE_BYTES;
  while (size < look) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    const piece = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    start.push(piece);
    size += piece.length;
  }
  const source = replay(start, ended ? undefined : iterator);
  // (Only the first FIRST_LINE_BYTES are decoded: the first line is all that is looked at.)
  if (!startsJsonLines(Buffer.concat(start, Math.min(size, FIRST_LINE_BYTES)).toString('utf8'))) return exportInProcess(source, survey, targets);
  if (jobs === 1 || ended) return exportChunksInProcess(source, survey, tuning, targets);
  return exportOnWorkers(source, survey, jobs, tuning, workers(), targets);
}

/**
 * JSON Lines on this thread alone, in chunks of lines as the workers take them: the same code
 * (exportChunk), which reads each ordinary line from its bytes without decoding it.
 */
async function exportChunksInProcess(source: AsyncIterable<Buffer | string>, survey: CompiledSurvey, tuning: ExportTuning, { data, rejects, progress }: ExportTargets): Promise<ExportCounts> {
  const exporter = new ResponseExporter(buildCodebook(survey), await validatorMaker(survey));
  let seq = 0;
  let linesBefore = 0;
  for await (const bytes of lineChunks(source, tuning.chunkBytes)) {
    const chunk: ExportChunk = { seq: seq++, linesBefore, bytes };
    linesBefore += countLineEnds(bytes);
    const result = exportChunk(exporter, chunk);
    await write(data, result.data);
    await write(rejects, result.rejects);
    progress.tick(exporter.exported, exporter.rejected);
  }
  if (seq === 0) await write(data, exporter.header());
  return { exported: exporter.exported, rejected: exporter.rejected };
}

/** The pieces already read, then the rest of the input. */
async function* replay(start: readonly Buffer[], rest: AsyncIterator<Buffer | string> | undefined): AsyncGenerator<Buffer | string> {
  yield* start;
  if (rest === undefined) return;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
}

/**
 * Whether the first line of `text` that is not blank is a line of JSON Lines, as the reader
 * would take it (false when `text` holds no such whole line: the in-process reader decides).
 * Exported for tests.
 */
export function startsJsonLines(text: string): boolean {
  const ending = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = ending.exec(text); match !== null; match = ending.exec(text)) {
    const line = text.slice(start, match.index);
    if (/\S/.test(line)) return !startsDocument(line);
    start = match.index + match[0].length;
  }
  return false;
}

/** The export on this thread alone. */
async function exportInProcess(source: AsyncIterable<Buffer | string>, survey: CompiledSurvey, { data, rejects, progress }: ExportTargets): Promise<ExportCounts> {
  const exporter = new ResponseExporter(buildCodebook(survey), await validatorMaker(survey));
  let rows = exporter.header();
  let rejectLines = '';
  // A batch is the responses of one chunk of input, handled without an await per line.
  for await (const batch of readResponseBatches(source)) {
    for (const read of batch) {
      const outcome = 'error' in read ? exporter.unparsable(read.line, read.error) : exporter.response(read.line, read.value);
      if (outcome.kind === 'row') rows += outcome.record;
      else rejectLines += outcome.record;
    }
    if (rows.length >= CHUNK) {
      await write(data, rows);
      rows = '';
    }
    if (rejectLines.length >= CHUNK) {
      await write(rejects, rejectLines);
      rejectLines = '';
    }
    progress.tick(exporter.exported, exporter.rejected);
  }
  await write(data, rows);
  await write(rejects, rejectLines);
  return { exported: exporter.exported, rejected: exporter.rejected };
}

/**
 * The export on this thread and `jobs - 1` workers: this thread cuts the input into chunks of
 * whole lines, counts their lines (so that reject line numbers stay absolute), hands each to
 * the least busy worker (one still starting included: the chunk waits for it), or exports it
 * itself when each has CHUNKS_PER_WORKER chunks already, and writes the results in input
 * order. Taking part saves a worker's start-up and memory: this thread is otherwise idle but
 * for reading and writing. At most IN_FLIGHT_PER_THREAD chunks a thread are in flight, so memory
 * stays flat however large the input.
 */
async function exportOnWorkers(
  source: AsyncIterable<Buffer | string>,
  survey: CompiledSurvey,
  jobs: number,
  tuning: ExportTuning,
  pool: ExportPool,
  { data, rejects, progress }: ExportTargets,
): Promise<ExportCounts> {
  pool.start(survey);
  let exporter: ResponseExporter | undefined; // this thread's, built when it first takes a chunk (after the first chunks went to the workers)
  const inFlight: Promise<ExportedChunk>[] = [];
  let exported = 0;
  let rejected = 0;
  const writeFirst = async () => {
    const result = await inFlight.shift()!;
    await write(data, result.data);
    await write(rejects, result.rejects);
    exported += result.exported;
    rejected += result.rejected;
    progress.tick(exported, rejected);
  };
  try {
    const chunks = lineChunks(source, tuning.chunkBytes);
    let seq = 0;
    let linesBefore = 0;
    for (;;) {
      // Raced with the workers' failure: a worker that dies while standard input is quiet must not leave poet waiting.
      const next = await pool.guard(chunks.next());
      if (next.done === true) break;
      if (inFlight.length >= jobs * IN_FLIGHT_PER_THREAD) await writeFirst();
      const chunk: ExportChunk = { seq: seq++, linesBefore, bytes: next.value };
      linesBefore += countLineEnds(chunk.bytes); // before the bytes are transferred away
      if (tuning.workersOnly || pool.hasRoom(CHUNKS_PER_WORKER)) inFlight.push(pool.export(chunk));
      else {
        exporter ??= new ResponseExporter(buildCodebook(survey), await validatorMaker(survey));
        inFlight.push(Promise.resolve(exportChunk(exporter, chunk)));
      }
    }
    while (inFlight.length > 0) await writeFirst();
  } finally {
    await pool.close();
  }
  return { exported, rejected };
}

/**
 * The input in chunks of at least `size` bytes (but for the last), each cut just after the first
 * line end (LF, or a CR not followed by LF: the ends the reader knows) that makes it that long,
 * so that no line is split, and each in an ArrayBuffer of its own, to be transferred to a
 * worker. Exported for tests.
 */
export async function* lineChunks(source: AsyncIterable<Buffer | string>, size: number): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const pieces: Buffer[] = [];
  let buffered = 0;
  /** The bytes buffered, `size` or more, end with a CR: a line end unless an LF comes next. */
  let endsWithCR = false;
  const take = (): Uint8Array<ArrayBuffer> => {
    const chunk = new Uint8Array(buffered);
    let filled = 0;
    for (const piece of pieces) {
      chunk.set(piece, filled);
      filled += piece.length;
    }
    pieces.length = 0;
    buffered = 0;
    return chunk;
  };
  for await (const read of source) {
    let piece = typeof read === 'string' ? Buffer.from(read) : read;
    if (piece.length === 0) continue;
    if (endsWithCR && piece[0] !== 0x0a) yield take();
    for (;;) {
      const from = Math.max(0, size - 1 - buffered); // where a line end makes the chunk long enough
      const end = from < piece.length ? firstLineEnd(piece, from) : -1;
      if (end === -1) {
        pieces.push(piece);
        buffered += piece.length;
        endsWithCR = buffered >= size && piece[piece.length - 1] === 0x0d;
        break;
      }
      pieces.push(piece.subarray(0, end));
      buffered += end;
      yield take();
      endsWithCR = false;
      piece = piece.subarray(end);
      if (piece.length === 0) break;
    }
  }
  if (buffered > 0) yield take();
}

/**
 * Where the first line end of `piece` at `from` or after ends (the offset just after it), or -1
 * if none is known yet: a CR at its very end may be the start of a CRLF.
 */
function firstLineEnd(piece: Buffer, from: number): number {
  const lf = piece.indexOf(0x0a, from);
  // A CR before that LF (or before the last byte, when there is none) ends a line unless the LF follows it.
  const cr = piece.subarray(from, lf === -1 ? piece.length - 1 : lf).indexOf(0x0d);
  if (cr !== -1 && from + cr + 1 !== lf) return from + cr + 1;
  return lf === -1 ? -1 : lf + 1;
}

/** The lines a chunk ends, as the reader counts them: LFs, and CRs not followed by an LF (a chunk never ends inside a CRLF). Exported for tests. */
export function countLineEnds(chunk: Uint8Array): number {
  const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) count++;
  for (let at = bytes.indexOf(0x0d); at !== -1; at = bytes.indexOf(0x0d, at + 1)) if (bytes[at + 1] !== 0x0a) count++;
  return count;
}

/**
 * Worker threads (export-worker.ts) exporting chunks. A worker that throws, or stops, fails
 * every promise still awaited through the pool (see {@link guard}), so that nothing waits
 * forever; the error says it is a bug in poet (exit status 70).
 *
 * (Not `Promise.race` with one long-lived failure promise: each race adds a reaction to that
 * promise that is never released, and it keeps the race's result — a chunk's output — alive
 * until the export ends. Memory then grew with the input.)
 */
class ExportPool {
  private readonly workers: { readonly worker: Worker; readonly tasks: Map<number, (result: ExportedChunk) => void>; ready: boolean }[] = [];
  /** The rejecters of the promises awaited through the pool that are not settled yet. */
  private readonly waiting = new Set<(error: Error) => void>();
  private failure: Error | undefined;
  private closing = false;
  private closed: Promise<void> = Promise.resolve();

  constructor(count: number, workerData: ExportWorkerData) {
    const script = new URL('../export-worker.js', import.meta.url);
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script, { workerData });
      const entry = { worker, tasks: new Map<number, (result: ExportedChunk) => void>(), ready: false };
      worker.on('message', (message: ExportedChunk | ExportWorkerReady) => {
        if ('ready' in message) {
          entry.ready = true;
          return;
        }
        entry.tasks.get(message.seq)?.(message);
        entry.tasks.delete(message.seq);
      });
      worker.on('error', (error) => this.fail(workerFailure(error)));
      worker.on('messageerror', (error) => this.fail(workerFailure(error)));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`an export worker stopped with exit code ${code} before the export was done`));
      });
      this.workers.push(entry);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const reject of this.waiting) reject(this.failure);
    this.waiting.clear();
  }

  private started = false;

  /** Gives every worker the survey whose responses it will export (before any chunk); once only. */
  start(survey: CompiledSurvey): void {
    if (this.started) return;
    this.started = true;
    for (const { worker } of this.workers) worker.postMessage({ survey } satisfies ExportWorkerStart);
  }

  /**
   * Whether a worker holds fewer than `chunks` chunks, even one still starting: its chunks wait
   * in its queue and it takes them as soon as it has the survey, where this thread would
   * notice it is ready only after exporting a chunk of its own.
   */
  hasRoom(chunks: number): boolean {
    return this.workers.some(({ tasks }) => tasks.size < chunks);
  }

  /** Exports a chunk on the least busy worker (of those ready, if any is); its bytes are transferred (unusable here afterwards). */
  export(chunk: ExportChunk): Promise<ExportedChunk> {
    const ready = this.workers.filter((worker) => worker.ready);
    const least = (ready.length > 0 ? ready : this.workers).reduce((a, b) => (b.tasks.size < a.tasks.size ? b : a));
    const result = new Promise<ExportedChunk>((ok) => least.tasks.set(chunk.seq, ok));
    least.worker.postMessage(chunk, [chunk.bytes.buffer]);
    return this.guard(result);
  }

  /** `promise`, or the failure of a worker, whichever comes first; safe to await later. */
  guard<T>(promise: Promise<T>): Promise<T> {
    const guarded = new Promise<T>((ok, reject) => {
      if (this.failure !== undefined) {
        reject(this.failure);
        return;
      }
      this.waiting.add(reject);
      promise.then(
        (value) => {
          this.waiting.delete(reject);
          ok(value);
        },
        (error: unknown) => {
          this.waiting.delete(reject);
          reject(error);
        },
      );
    });
    guarded.catch(() => {}); // awaited later: a rejection before then is not unhandled
    return guarded;
  }

  /** Stops every worker, so that none keeps the process alive. */
  close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      this.closed = Promise.all(this.workers.map(({ worker }) => worker.terminate())).then(() => {});
    }
    return this.closed;
  }
}

function workerFailure(error: unknown): Error {
  const failure = new Error(`an export worker failed: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && error.stack !== undefined) failure.stack = `${failure.message}\n${error.stack}`;
  return failure;
}

/** An output file being written; a write error becomes a usage error naming the file (exit 2). */
interface Output {
  readonly stream: WriteStream;
  readonly shown: string;
  error?: NodeJS.ErrnoException;
}

function writeError(output: Output, error: NodeJS.ErrnoException): UsageError {
  return new UsageError(`cannot write ${output.shown} (${error.code ?? error.message})`);
}

async function openOutput(path: string, shown: string): Promise<Output> {
  const stream = createWriteStream(path);
  const output: Output = { stream, shown };
  await new Promise<void>((ok, fail) => {
    stream.once('open', () => ok());
    stream.once('error', (error: NodeJS.ErrnoException) => fail(writeError(output, error)));
  });
  stream.on('error', (error: NodeJS.ErrnoException) => {
    output.error = error;
  });
  return output;
}

/** Writes, waiting for the stream to drain when its buffer is full (so memory stays flat). */
async function write(output: Output, text: string | Uint8Array): Promise<void> {
  if (output.error !== undefined) throw writeError(output, output.error);
  if (text.length === 0 || output.stream.write(text)) return;
  await new Promise<void>((ok, fail) => {
    const failed = (error: NodeJS.ErrnoException) => fail(writeError(output, error));
    output.stream.once('error', failed);
    output.stream.once('drain', () => {
      output.stream.off('error', failed);
      ok();
    });
  });
}

function close(output: Output): Promise<void> {
  return new Promise((ok, fail) => {
    if (output.error !== undefined) {
      output.stream.destroy();
      fail(writeError(output, output.error));
      return;
    }
    output.stream.once('error', (error: NodeJS.ErrnoException) => fail(writeError(output, error)));
    output.stream.end(() => ok());
  });
}

interface ProgressReporter {
  tick(exported: number, rejected: number): void;
  done(): void;
}

/** A progress line on standard error, only when it is a terminal; redrawn at most 10 times a second. */
function progressReporter(io: Io, input: Readable, size: number | undefined): ProgressReporter {
  const shown = io.isTTY && process.stderr.isTTY === true;
  let last = 0;
  let drawn = false;
  return {
    tick(exported: number, rejected: number) {
      if (!shown) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const read = (input as Readable & { bytesRead?: number }).bytesRead;
      let bar = '';
      if (size !== undefined && size > 0 && read !== undefined) {
        const fraction = Math.min(1, read / size);
        const filled = Math.round(fraction * 30);
        bar = `[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%  `;
      }
      io.stderr(`\r${bar}${exported} exported, ${rejected} rejected`);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr('\r\x1b[K');
    },
  };
}
