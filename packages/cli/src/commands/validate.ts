import type { Readable } from 'node:stream';
import { COMPILED_FORMAT_VERSION, compileFile, type CompiledSurvey } from '@poetkit/compiler';
import type { ResponseError, ResponseValidator } from '@poetkit/compiler/validator';
import { decodeSource, hasErrors, printSummary, type Diagnostic } from '@poetkit/language';
import { UsageError, dateOption, helpPointer, type Command } from '../command.js';
import { diagnosticsText, fileDiagnostics, inputHost } from '../diagnose.js';
import { openResponses, readInputs, type StdinIo } from '../files.js';
import type { Io } from '../io.js';
import { readResponses } from '../response-lines.js';

// The reader is shared with `poet export` and `poet codebook`; it lives apart so that export's worker threads can load it alone.
export { readResponseBatches, readResponses, type ReadResponse } from '../response-lines.js';
// (Where it was before openResponses moved to files.ts, for callers that import it from here.)
export type { StdinIo } from '../files.js';

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
    const input = await openResponses(responsesArg, io as StdinIo, validateCommand);
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
    // (Loaded here, not with the command: ajv takes tens of milliseconds to load, which no other verb needs to pay.)
    const { createResponseValidator } = await import('@poetkit/compiler/validator');
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
    if (hasErrors(all)) {
      io.stdout(`${diagnosticsText(all, new Map(result.sources), io)}${printSummary(all, 1)}\n`);
      return undefined;
    }
    if (result.survey === undefined) {
      // A bank: its warnings, if any, but no "no problems" summary before saying it is the wrong kind of file.
      io.stdout(diagnosticsText(all, new Map(result.sources), io));
      io.stderr(`${input.displayPath} is a bank, not a survey: ${command.name} with a survey that imports it.\n`);
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
