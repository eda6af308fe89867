import { decodeSource, hasErrors, printSummary, type Diagnostic } from '@poetkit/language';
import type { Command } from '../command.js';
import { diagnoseFile, diagnosticJson, diagnosticsText, fileDiagnostics } from '../diagnose.js';
import { readInputs } from '../files.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'Report every problem in .poet files.',
  synopsis: 'poet check [--format text|json] FILE...',
  description: [
    'Reads each FILE and reports every problem found in it: errors, which must be fixed\n' +
      'before the survey can be used, and warnings, which are worth fixing. Each problem is\n' +
      'shown with where it is and the line it is on, for example:',
    "  survey.poet(3,6): error POET1101: Unknown word 'mutli' here; expected a question kind.\n" +
      '      3 |   4) mutli main_reason "What is the main reason?"\n' +
      '        |      ~~~~~\n' +
      "    hint: Did you mean 'multi'?",
    'Line and column count from 1. Every code (POET1101) is explained in docs/diagnostics.md.\n' +
      'Problems are printed on standard output, followed by a one-line summary.',
  ],
  options: [
    {
      name: 'format',
      placeholder: 'text|json',
      choices: ['text', 'json'],
      description:
        "'text' (the default) for people; 'json' prints one JSON array of\n" +
        'every problem (code, id, severity, file, range, message, hint,\n' +
        'related) and nothing else.',
    },
  ],
  examples: ['poet check survey.poet', 'poet check examples/*.poet', 'poet check --format json examples/*.poet > problems.json'],
  exitStatus: ['0  no errors (warnings allowed)', '1  at least one error', '2  usage error (unknown option, missing file, ...)'],

  async run(args, io) {
    const inputs = await readInputs(args.positionals, checkCommand, io);
    const sources = new Map<string, string>();
    const all: Diagnostic[] = [];
    for (const input of inputs) {
      const decoded = decodeSource(input.bytes, input.displayPath);
      sources.set(input.displayPath, decoded.text);
      const checked = diagnoseFile(input.displayPath, input.path, input.bytes);
      for (const [file, text] of checked.sources) if (!sources.has(file)) sources.set(file, text);
      // compileFile reports decoding problems too; fileDiagnostics puts them back in place.
      const rest = checked.diagnostics.filter((d) => d.id !== 'invalid-utf8' || d.file !== input.displayPath);
      all.push(...fileDiagnostics(decoded.diagnostics, rest));
    }
    if (args.options.get('format') === 'json') {
      io.stdout(`${JSON.stringify(all.map(diagnosticJson), null, 2)}\n`);
    } else {
      io.stdout(`${diagnosticsText(all, sources, io)}${printSummary(all, inputs.length)}\n`);
    }
    return hasErrors(all) ? 1 : 0;
  },
};
