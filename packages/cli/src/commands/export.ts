import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { buildCodebook, ResponseExporter } from '@poetkit/codebook';
import { createResponseValidator } from '@poetkit/compiler/validator';
import { UsageError, helpPointer, type Command } from '../command.js';
import type { Io } from '../io.js';
import { loadSurvey, openResponses, readResponseBatches, type StdinIo } from './validate.js';

const CHUNK = 64 * 1024;

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export responses as coded data (data.csv) for SPSS, Stata, R and spreadsheets.',
  synopsis: 'poet export SURVEY RESPONSES -o DIR',
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
      'are streamed, so memory stays flat however large the file.',
  ],
  options: [{ name: 'out', short: 'o', placeholder: 'DIR', description: 'The folder to write data.csv and rejects.jsonl into (also -o DIR).' }],
  examples: ['poet export examples/carer.poet responses.jsonl -o export', 'poet export build/carer.survey.json - -o export < responses.jsonl'],
  exitStatus: ['0  every response was exported', '1  some responses were rejected (see rejects.jsonl), or the survey has an error', '2  usage error, or a file cannot be read or written'],

  async run(args, io) {
    const out = args.options.get('out');
    if (typeof out !== 'string') throw new UsageError(`'export' needs an output folder: -o DIR. ${helpPointer(exportCommand)}`);
    if (args.positionals.length !== 2) {
      throw new UsageError(`'export' takes a SURVEY and a RESPONSES file (- for standard input). ${helpPointer(exportCommand)}`);
    }
    const [surveyArg, responsesArg] = args.positionals as [string, string];
    const input = await openResponses(responsesArg, io as StdinIo, exportCommand);
    const survey = await loadSurvey(surveyArg, io, exportCommand).catch((error: unknown) => {
      input.destroy();
      throw error;
    });
    if (survey === undefined) {
      input.destroy();
      return 1;
    }
    const dir = resolve(io.cwd, out);
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      input.destroy();
      throw new UsageError(`cannot create the folder ${out} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const exporter = new ResponseExporter(buildCodebook(survey), createResponseValidator(survey));
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
    const progress = progressReporter(io, input, responsesArg === '-' ? undefined : (await stat(resolve(io.cwd, responsesArg))).size);
    // Records are gathered into chunks of about 64 KB: far fewer writes, and memory stays bounded.
    let rows = exporter.header();
    let rejectLines = '';
    try {
      // A batch is the responses of one chunk of input, handled without an await per line.
      for await (const batch of readResponseBatches(input)) {
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
    } finally {
      progress.done();
      await Promise.all([close(data), close(rejects)]);
    }
    const { exported, rejected } = exporter;
    const total = exported + rejected;
    io.stdout(`${total} ${total === 1 ? 'response' : 'responses'}: ${exported} exported to ${join(out, 'data.csv')}, ${rejected} rejected\n`);
    if (rejected > 0) {
      io.stdout(`Rejected responses are not in data.csv; their reasons are in ${join(out, 'rejects.jsonl')}.\n`);
      return 1;
    }
    return 0;
  },
};

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
async function write(output: Output, text: string): Promise<void> {
  if (output.error !== undefined) throw writeError(output, output.error);
  if (text === '' || output.stream.write(text)) return;
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

/** A progress line on standard error, only when it is a terminal; redrawn at most 10 times a second. */
function progressReporter(io: Io, input: Readable, size: number | undefined) {
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
