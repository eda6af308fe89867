import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compileFile, emitResponseSchema } from '@poetkit/compiler';
import { decodeSource, hasErrors, printSummary, type Diagnostic } from '@poetkit/language';
import { UsageError, helpPointer, type Command } from '../command.js';
import { diagnosticJson, diagnosticsText, fileDiagnostics, inputHost } from '../diagnose.js';
import { readInputs } from '../files.js';

export const compileCommand: Command = {
  name: 'compile',
  summary: 'Compile a .poet survey to its compiled survey, response JSON Schema and response validator.',
  synopsis: 'poet compile [--format text|json] FILE -o DIR',
  description: [
    'Checks FILE (and the banks it imports) like `poet check`, and when there is no error\n' +
      'writes three files into DIR (created if needed):',
    '  DIR/<survey id>.survey.json    the compiled survey (docs/compiled-format.md)\n' +
      '  DIR/<survey id>.schema.json    the JSON Schema (2020-12) of its responses\n' +
      '  DIR/<survey id>.validator.js   a standalone validator of its responses: an ES module\n' +
      '                                 with no imports and no eval, for browsers under a strict\n' +
      '                                 Content-Security-Policy (docs/response-schema.md)',
    'With any error nothing is written. Warnings are printed but do not stop the output.',
  ],
  options: [
    { name: 'out', short: 'o', placeholder: 'DIR', description: 'The folder to write into (also -o DIR).' },
    {
      name: 'format',
      placeholder: 'text|json',
      choices: ['text', 'json'],
      description: "How problems are printed: 'text' (the default) or 'json' (as poet check --format json).",
    },
  ],
  examples: ['poet compile examples/parent-ehc.poet -o build', 'poet compile survey.poet --out dist/forms'],
  exitStatus: ['0  compiled (warnings allowed)', '1  the survey has an error; nothing was written', '2  usage error'],

  async run(args, io) {
    const out = args.options.get('out');
    if (typeof out !== 'string') throw new UsageError(`'compile' needs an output folder: -o DIR. ${helpPointer(compileCommand)}`);
    if (args.positionals.length !== 1) {
      throw new UsageError(`'compile' takes exactly one FILE. ${helpPointer(compileCommand)}`);
    }
    const [input] = await readInputs(args.positionals, compileCommand, io);
    const result = compileFile(input!.displayPath, inputHost(input!.displayPath, input!.path, input!.bytes));
    const decoded = decodeSource(input!.bytes, input!.displayPath);
    const sources = new Map(result.sources);
    const all: Diagnostic[] = fileDiagnostics(
      decoded.diagnostics,
      result.diagnostics.filter((d) => d.id !== 'invalid-utf8' || d.file !== input!.displayPath),
    );
    const survey = result.survey;
    if (survey === undefined && !hasErrors(all)) {
      io.stderr(`${input!.displayPath} is a bank, not a survey: compile a survey that imports it.\n`);
      return 1;
    }
    if (args.options.get('format') === 'json') io.stdout(`${JSON.stringify(all.map(diagnosticJson), null, 2)}\n`);
    else if (all.length > 0 || survey === undefined) io.stdout(`${diagnosticsText(all, sources, io)}${printSummary(all, 1)}\n`);
    if (survey === undefined) return 1;
    const dir = resolve(io.cwd, out);
    await mkdir(dir, { recursive: true });
    const encode = (value: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
    const surveyPath = join(dir, `${survey.id}.survey.json`);
    const schemaPath = join(dir, `${survey.id}.schema.json`);
    const validatorPath = join(dir, `${survey.id}.validator.js`);
    const schema = emitResponseSchema(survey);
    // (ajv, which writes the standalone validator, is loaded only by the verbs that use it.)
    const { emitStandaloneValidator } = await import('@poetkit/compiler/standalone');
    await io.writeFile(surveyPath, encode(survey));
    await io.writeFile(schemaPath, encode(schema));
    await io.writeFile(validatorPath, new TextEncoder().encode(emitStandaloneValidator(survey, { schema })));
    if (args.options.get('format') !== 'json') {
      const name = (suffix: string) => join(out, `${survey.id}.${suffix}`);
      io.stdout(`Wrote ${name('survey.json')}, ${name('schema.json')} and ${name('validator.js')}.\n`);
    }
    return 0;
  },
};
