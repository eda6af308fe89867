import { decodeSource, formatSource, hasErrors, type Diagnostic } from '@poetkit/language';
import { UsageError, helpPointer, type Command } from '../command.js';
import { diagnosticsText, fileDiagnostics } from '../diagnose.js';
import { readInputs, type InputFile } from '../files.js';
import type { Io } from '../io.js';

type Formatted =
  | { readonly input: InputFile; readonly ok: true; readonly output: string; readonly changed: boolean }
  | { readonly input: InputFile; readonly ok: false; readonly text: string; readonly diagnostics: readonly Diagnostic[] };

const encoder = new TextEncoder();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Formats one file. A file with errors (bytes that are not UTF-8, or syntax errors) is not
 * formatted: writing text decoded with replacement characters would destroy the original.
 */
function formatInput(input: InputFile): Formatted {
  const decoded = decodeSource(input.bytes, input.displayPath);
  const result = formatSource(decoded.text, input.displayPath);
  if (hasErrors(decoded.diagnostics) || result.output === undefined) {
    return { input, ok: false, text: decoded.text, diagnostics: fileDiagnostics(decoded.diagnostics, result.diagnostics) };
  }
  return { input, ok: true, output: result.output, changed: !sameBytes(encoder.encode(result.output), input.bytes) };
}

/** Prints the problems of files that could not be formatted, on standard error (standard output may be a formatted survey). */
function reportFailures(failures: readonly Formatted[], io: Io): void {
  for (const failure of failures) {
    if (failure.ok) continue;
    const sources = new Map([[failure.input.displayPath, failure.text]]);
    io.stderr(diagnosticsText(failure.diagnostics, sources, io));
  }
  if (failures.length > 0) {
    const names = failures.map((f) => f.input.displayPath).join(', ');
    io.stderr(`Not formatted because of errors: ${names}. Fix them (see 'poet check') and run again.\n`);
  }
}

export const fmtCommand: Command = {
  name: 'fmt',
  summary: 'Print .poet files in the standard layout, or rewrite them (--write).',
  synopsis: 'poet fmt [--write | --check] FILE...',
  description: [
    'Prints each FILE in the standard layout: the same indentation, spacing and line breaks\n' +
      'everywhere, comments kept. With several FILEs, each is headed by a line "==> FILE <==".',
    'A file with errors is never formatted: its problems are printed on standard error and\n' +
      'poet exits 1. The standard layout uses LF line ends and no byte-order mark, so a file\n' +
      'saved with CRLF line ends counts as not formatted, and --write converts it to LF.',
  ],
  options: [
    {
      name: 'write',
      description:
        'Rewrite in place the files that are not formatted, and list them.\n' +
        'Each file is replaced in one step, never left half-written; a file\n' +
        'with errors is left untouched.',
    },
    {
      name: 'check',
      description:
        "Change nothing; list the files that are not formatted ('Not formatted:\n" +
        "FILE') and exit 1 if there is any. For CI.",
    },
  ],
  examples: ['poet fmt survey.poet', 'poet fmt --write examples/*.poet', 'poet fmt --check examples/*.poet'],
  exitStatus: [
    '0  every file formatted (or, with --check, already formatted)',
    '1  a file has errors, or (with --check) a file is not formatted',
    "2  usage error, or a file that cannot be read or written",
  ],

  async run(args, io) {
    const write = args.options.has('write');
    const check = args.options.has('check');
    if (write && check) {
      throw new UsageError(`--write and --check cannot be used together. ${helpPointer(fmtCommand)}`);
    }
    const inputs = await readInputs(args.positionals, fmtCommand, io);
    const results = inputs.map(formatInput);
    const failures = results.filter((r) => !r.ok);
    let status = failures.length > 0 ? 1 : 0;

    if (check) {
      const unformatted = results.filter((r) => r.ok && r.changed);
      for (const r of unformatted) io.stdout(`Not formatted: ${r.input.displayPath}\n`);
      if (unformatted.length > 0) {
        io.stdout(`Run 'poet fmt --write' on ${unformatted.length === 1 ? 'it' : 'them'} to format.\n`);
        status = 1;
      } else if (failures.length === 0) {
        io.stdout(`${allFormatted(inputs, 'All')}\n`);
      }
    } else if (write) {
      let written = 0;
      for (const r of results) {
        if (!r.ok || !r.changed) continue;
        try {
          await io.writeFile(r.input.path, encoder.encode(r.output));
          io.stdout(`Formatted: ${r.input.displayPath}\n`);
          written++;
        } catch (error) {
          io.stderr(`poet: cannot write ${r.input.displayPath}: ${writeProblem(error)}; the file is unchanged.\n`);
          status = 2;
        }
      }
      if (written === 0 && status === 0) {
        io.stdout(`Nothing to change: ${allFormatted(inputs, 'all')}\n`);
      }
    } else {
      const several = inputs.length > 1;
      let first = true;
      for (const r of results) {
        if (!r.ok) continue;
        if (several) io.stdout(`${first ? '' : '\n'}==> ${r.input.displayPath} <==\n`);
        io.stdout(r.output);
        first = false;
      }
    }
    reportFailures(failures, io);
    return status;
  },
};

/** `survey.poet is formatted.` / `all 3 files are formatted.` */
function allFormatted(inputs: readonly InputFile[], all: 'All' | 'all'): string {
  const only = inputs.length === 1 ? inputs[0] : undefined;
  return only !== undefined ? `${only.displayPath} is formatted.` : `${all} ${inputs.length} files are formatted.`;
}

function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) throw error;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  return code;
}
