import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { COMPILED_FORMAT_VERSION, compileFile, type CompiledSurvey } from '@poetkit/compiler';
import { createResponseValidator, type ResponseError, type ResponseValidator } from '@poetkit/compiler/validator';
import { decodeSource, hasErrors, printSummary, type Diagnostic } from '@poetkit/language';
import { UsageError, dateOption, helpPointer, type Command } from '../command.js';
import { diagnosticsText, fileDiagnostics, inputHost } from '../diagnose.js';
import { displayPath, readInputs } from '../files.js';
import type { Io } from '../io.js';

/**
 * An {@link Io} that can also hand over standard input as a stream (tests give their own;
 * without it `-` reads the process's standard input).
 */
export interface StdinIo extends Io {
  readonly stdin?: () => Readable;
}

/** One line of `--format json`. */
export interface ValidateLineJson {
  readonly line: number;
  readonly valid: boolean;
  readonly errors: readonly ResponseError[];
}


export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check responses (JSON Lines or JSON) against a survey.',
  synopsis: 'poet validate [--format text|json] [--today YYYY-MM-DD] SURVEY RESPONSES',
  description: [
    'SURVEY is a .poet file (compiled first; any error is printed and nothing is validated)\n' +
      'or a compiled .survey.json. RESPONSES is a file, or - for standard input, holding either\n' +
      'JSON Lines, one response per line, or one JSON document: an array of responses or a\n' +
      'single response. A response is the answers object ({"consent": "yes", ...}) or an\n' +
      'envelope {"answers": {...}, "submitted": "2015-03-01", ...}, whose submitted date is\n' +
      "what 'today' means in date limits (default: --today, else today's date).",
    'Responses are read as a stream, so files of millions of lines need little memory. Blank\n' +
      'lines are skipped; a line that is not JSON is reported as invalid. For each invalid\n' +
      'response every problem is printed as "line N: question ID: message" (for an array, N\n' +
      'is the position in the array), then a summary: "N responses: N valid, N invalid".',
  ],
  options: [
    {
      name: 'format',
      placeholder: 'text|json',
      choices: ['text', 'json'],
      description:
        "'text' (the default) for people; 'json' prints one JSON object per\n" +
        'response, one a line: {"line": N, "valid": true|false, "errors":\n' +
        '[{"question": "id or null", "path": "JSON pointer", "message": "..."}]}.',
    },
    {
      name: 'today',
      placeholder: 'YYYY-MM-DD',
      description: "The submission date for responses that give none (default: today's date).",
    },
  ],
  examples: [
    'poet validate examples/parent-ehc.poet responses.jsonl',
    'poet validate build/parent_ehc.survey.json - < responses.jsonl',
    'poet validate --format json survey.poet responses.json > report.jsonl',
  ],
  exitStatus: ['0  every response is valid', '1  a response is invalid, or the survey has an error', '2  usage error (unknown option, missing file, ...)'],

  async run(args, io) {
    if (args.positionals.length !== 2) {
      throw new UsageError(`'validate' takes a SURVEY and a RESPONSES file (- for standard input). ${helpPointer(validateCommand)}`);
    }
    const today = dateOption(args, 'today', validateCommand);
    const [surveyArg, responsesArg] = args.positionals as [string, string];
    const input = await openResponses(responsesArg, io as StdinIo);
    let survey: CompiledSurvey | undefined;
    try {
      survey = await loadSurvey(surveyArg, io);
    } catch (error) {
      input.destroy();
      throw error;
    }
    if (survey === undefined) {
      input.destroy();
      return 1;
    }
    const validator = createResponseValidator(survey, today === undefined ? {} : { today });
    return validateStream(input, validator, args.options.get('format') === 'json', io);
  },
};

/**
 * The survey: compiled from a `.poet` file (printing its problems; `undefined` on error) or read
 * from JSON. Shared with `poet export` and `poet codebook` (`command` for the help pointer).
 */
export async function loadSurvey(arg: string, io: Io, command: Command = validateCommand): Promise<CompiledSurvey | undefined> {
  const [file] = await readInputs([arg], command, io);
  const input = file!;
  if (input.displayPath.endsWith('.poet')) {
    const result = compileFile(input.displayPath, inputHost(input.displayPath, input.path, input.bytes));
    const decoded = decodeSource(input.bytes, input.displayPath);
    const all: Diagnostic[] = fileDiagnostics(
      decoded.diagnostics,
      result.diagnostics.filter((d) => d.id !== 'invalid-utf8' || d.file !== input.displayPath),
    );
    if (hasErrors(all) || result.survey === undefined) {
      io.stdout(`${diagnosticsText(all, new Map(result.sources), io)}${printSummary(all, 1)}\n`);
      if (!hasErrors(all)) io.stderr(`${input.displayPath} is a bank, not a survey: ${command.name} with a survey that imports it.\n`);
      return undefined;
    }
    return result.survey;
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(input.bytes));
  } catch (error) {
    throw new UsageError(`${input.displayPath} is neither a .poet file nor JSON (${(error as Error).message}). ${helpPointer(command)}`);
  }
  const survey = value as Partial<CompiledSurvey> | null;
  if (typeof survey !== 'object' || survey === null || survey.format !== 'poetkit-survey') {
    throw new UsageError(`${input.displayPath} is not a compiled survey (made by 'poet compile'). ${helpPointer(command)}`);
  }
  if (survey.formatVersion !== COMPILED_FORMAT_VERSION) {
    throw new UsageError(
      `${input.displayPath} is a compiled survey of format version ${String(survey.formatVersion)}; this poet reads version ${COMPILED_FORMAT_VERSION}: compile it again.`,
    );
  }
  return survey as CompiledSurvey;
}

/** The RESPONSES stream; a missing file is a usage error, found before anything is printed. */
export async function openResponses(arg: string, io: StdinIo, command: Command = validateCommand): Promise<Readable> {
  if (arg === '-') return io.stdin?.() ?? process.stdin;
  const path = resolve(io.cwd, arg);
  const shown = displayPath(arg);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UsageError(`${shown} is a directory; give a file of responses. ${helpPointer(command)}`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' || code === 'ENOTDIR' ? `no such file: ${shown}` : `cannot read ${shown} (${code ?? 'error'})`);
  }
  return createReadStream(path);
}

/** The first character that is not white space, if any. */
function firstCharacter(line: string): string | undefined {
  return /\S/.exec(line)?.[0];
}

/** A response read from RESPONSES: its parsed value, or why it is not JSON. */
export type ReadResponse = { readonly line: number; readonly value: unknown } | { readonly line: number; readonly error: string };

/**
 * Reads responses line by line, yielding each as it comes. A first non-blank line that
 * starts with `[`, or that starts an object without ending it, switches to one-document mode
 * (the rest of the input is read and parsed as one JSON value). Shared with `poet export`.
 */
export async function* readResponses(input: Readable): AsyncGenerator<ReadResponse> {
  for await (const batch of readResponseBatches(input)) yield* batch;
}

/**
 * {@link readResponses} a chunk of input at a time: each batch holds the responses of the
 * lines that chunk completed, so a caller can handle them without an `await` per line (a
 * large file's responses are thousands of times more numerous than its chunks). Lines end as
 * readline ends them (LF, CRLF or a lone CR) and the bytes are decoded as readline decodes
 * them (UTF-8, a malformed sequence as U+FFFD, a BOM kept), so both readers see the same lines.
 */
export async function* readResponseBatches(input: Readable): AsyncGenerator<ReadResponse[]> {
  const reader = new ResponseLineReader();
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (!pending.endsWith('\r') && text.indexOf('\n') === -1 && text.indexOf('\r') === -1) {
      // No line ends here: only gather it, so that a very long line is scanned once.
      pending += text;
      continue;
    }
    pending = reader.lines(pending + text, false);
    if (reader.batch.length > 0) yield reader.take();
  }
  reader.lines(pending + decoder.end(), true);
  reader.finish();
  if (reader.batch.length > 0) yield reader.take();
}

/** Splits decoded text into lines and turns each into a {@link ReadResponse}. */
class ResponseLineReader {
  batch: ReadResponse[] = [];
  private number = 0;
  private seen = 0;
  private document: string[] | undefined;
  private documentStart = 0;

  take(): ReadResponse[] {
    const batch = this.batch;
    this.batch = [];
    return batch;
  }

  /**
   * Handles every complete line of `text`; returns the rest, the start of a line still to come.
   * A CR at the very end waits for the next chunk, which may start with its LF.
   */
  lines(text: string, last: boolean): string {
    let start = 0;
    if (text.indexOf('\r') === -1) {
      // The usual case: LF only, found without a regular expression.
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        this.line(text.slice(start, end));
        start = end + 1;
      }
    } else {
      const ending = /\r\n|\n|\r/g;
      for (let match = ending.exec(text); match !== null; match = ending.exec(text)) {
        if (!last && match[0] === '\r' && match.index === text.length - 1) break;
        this.line(text.slice(start, match.index));
        start = match.index + match[0].length;
      }
    }
    const rest = text.slice(start);
    if (!last) return rest;
    if (rest !== '') this.line(rest);
    return '';
  }

  private line(line: string): void {
    this.number++;
    if (this.document !== undefined) {
      this.document.push(line);
      return;
    }
    const first = firstCharacter(line);
    if (first === undefined) return;
    if (this.seen === 0 && (first === '[' || (first === '{' && !line.trimEnd().endsWith('}') && !parses(line)))) {
      this.document = [line];
      this.documentStart = this.number;
      return;
    }
    this.seen++;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      this.batch.push({ line: this.number, error: `not valid JSON: ${(error as Error).message}` });
      return;
    }
    this.batch.push({ line: this.number, value });
  }

  /** At the end of the input: the one document, if the input is one. */
  finish(): void {
    if (this.document === undefined) return;
    let value: unknown;
    try {
      value = JSON.parse(this.document.join('\n'));
    } catch (error) {
      this.batch.push({ line: this.documentStart, error: `not valid JSON: ${(error as Error).message}` });
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) this.batch.push({ line: i + 1, value: value[i] as unknown });
    } else this.batch.push({ line: this.documentStart, value });
  }
}

/** Validates responses as {@link readResponses} reads them, and prints the results. */
async function validateStream(input: Readable, validator: ResponseValidator, json: boolean, io: Io): Promise<number> {
  let valid = 0;
  let invalid = 0;
  const report = (line: number, errors: readonly ResponseError[]) => {
    if (errors.length === 0) valid++;
    else invalid++;
    if (json) {
      const out: ValidateLineJson = { line, valid: errors.length === 0, errors };
      io.stdout(`${JSON.stringify(out)}\n`);
    } else {
      for (const e of errors) {
        io.stdout(e.question === null ? `line ${line}: ${e.message}\n` : `line ${line}: question ${e.question}: ${e.message}\n`);
      }
    }
  };
  for await (const read of readResponses(input)) {
    if ('error' in read) report(read.line, [{ question: null, path: '', message: read.error }]);
    else report(read.line, validator.validateResponse(read.value).errors);
  }
  const total = valid + invalid;
  if (!json) io.stdout(`${total} ${total === 1 ? 'response' : 'responses'}: ${valid} valid, ${invalid} invalid\n`);
  return invalid > 0 ? 1 : 0;
}

function parses(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
