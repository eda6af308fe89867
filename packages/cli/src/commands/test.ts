import { compileFile, type SurveyTest } from '@poetkit/compiler';
import { decodeSource, hasErrors, type Diagnostic } from '@poetkit/language';
import { localDate } from '@poetkit/runtime';
import { dateOption, type Command } from '../command.js';
import { diagnosticJson, diagnosticsText, fileDiagnostics, inputHost, type DiagnosticJson } from '../diagnose.js';
import { readInputs } from '../files.js';
import { runSurveyTest, type ExpectationFailure, type TestOutcome } from '../survey-tests.js';


/** One file of `poet test --format json`. */
export interface TestFileJson {
  readonly file: string;
  /** Problems found compiling the file (its tests run only when there is no error). */
  readonly diagnostics: readonly DiagnosticJson[];
  readonly tests: readonly {
    readonly name: string;
    readonly line: number;
    readonly column: number;
    readonly passed: boolean;
    readonly failures: readonly (Omit<ExpectationFailure, 'location' | 'detail'> & { readonly line: number; readonly column: number })[];
  }[];
}

/** `poet test --format json`: every file, and the totals. */
export interface TestReportJson {
  readonly files: readonly TestFileJson[];
  readonly summary: { readonly files: number; readonly tests: number; readonly passed: number; readonly failed: number; readonly errors: number };
}

export const testCommand: Command = {
  name: 'test',
  summary: "Run the designer's tests written in .poet files.",
  synopsis: 'poet test [--format text|json] [--today YYYY-MM-DD] FILE...',
  description: [
    'Compiles each FILE and runs its test blocks (see "Testing your survey" in\n' +
      'docs/language.md). A test gives some answers; every other question asked gets a plain\n' +
      'valid answer, in survey order; then each expectation is checked: the questions asked\n' +
      '(asks, not asked), the options offered, the rows shown, the other texts opened, how the\n' +
      'survey ends (ends after, completes) and whether the response is valid (valid, invalid).',
    'Each failure is printed at the line of its expectation, with the expected and actual\n' +
      'paths side by side, then one line per file and a summary:\n' +
      '  examples/parent-ehc.poet(214,3): error: test "P04 In process": asks: the path differs\n' +
      '      expected            actual\n' +
      '      consent             consent\n' +
      '    - pb_offered\n' +
      '    +                     plan_date\n' +
      'A file with an error is reported as poet check reports it, and its tests are not run.',
  ],
  options: [
    {
      name: 'format',
      placeholder: 'text|json',
      choices: ['text', 'json'],
      description:
        "'text' (the default) for people; 'json' prints one JSON object:\n" +
        '{"files": [{"file", "diagnostics", "tests": [{"name", "line", "column",\n' +
        '"passed", "failures"}]}], "summary": {...}}.',
    },
    {
      name: 'today',
      placeholder: 'YYYY-MM-DD',
      description: "What 'today' means in date limits and 'given ... = today' (default: today's date).",
    },
  ],
  examples: ['poet test examples/*.poet', 'poet test --today 2016-06-30 survey.poet', 'poet test --format json survey.poet > results.json'],
  exitStatus: ['0  every test passed', '1  a test failed, or a file has an error', '2  usage error (unknown option, missing file, ...)'],

  async run(args, io) {
    const today = dateOption(args, 'today', testCommand) ?? localDate();
    const inputs = await readInputs(args.positionals, testCommand, io);
    const json = args.options.get('format') === 'json';
    const files: TestFileJson[] = [];
    let text = '';
    let tests = 0;
    let passed = 0;
    let errors = 0;

    for (const input of inputs) {
      const result = compileFile(input.displayPath, inputHost(input.displayPath, input.path, input.bytes));
      const decoded = decodeSource(input.bytes, input.displayPath);
      const diagnostics: Diagnostic[] = fileDiagnostics(
        decoded.diagnostics,
        result.diagnostics.filter((d) => d.id !== 'invalid-utf8' || d.file !== input.displayPath),
      );
      const sources = new Map(result.sources);
      if (!sources.has(input.displayPath)) sources.set(input.displayPath, decoded.text);
      text += diagnosticsText(diagnostics, sources, io);
      const outcomes: TestOutcome[] = [];
      if (hasErrors(diagnostics)) {
        errors++;
        text += `${input.displayPath}: not tested: fix the errors above first\n`;
      } else if (result.survey === undefined) {
        text += `${input.displayPath}: a bank, with no tests\n`;
      } else {
        const survey = result.survey;
        const surveyTests: readonly SurveyTest[] = result.tests ?? [];
        // (ajv is loaded only by the verbs that validate: it takes tens of milliseconds.)
        const { createResponseValidator } = await import('@poetkit/compiler/validator');
        const validator = createResponseValidator(survey, { today });
        for (const test of surveyTests) outcomes.push(runSurveyTest(survey, test, validator, { today }));
        const failed = outcomes.filter((o) => o.failures.length > 0).length;
        tests += outcomes.length;
        passed += outcomes.length - failed;
        for (const outcome of outcomes) text += failureText(outcome);
        text += `${input.displayPath}: ${plural(outcomes.length, 'test')}${outcomes.length === 0 ? '' : `: ${outcomes.length - failed} passed${failed > 0 ? `, ${failed} failed` : ''}`}\n`;
      }
      files.push({
        file: input.displayPath,
        diagnostics: diagnostics.map(diagnosticJson),
        tests: outcomes.map((o) => ({
          name: o.test.name,
          line: o.test.location.line,
          column: o.test.location.column,
          passed: o.failures.length === 0,
          failures: o.failures.map(({ location, detail: _detail, ...failure }) => ({ ...failure, line: location.line, column: location.column })),
        })),
      });
    }

    const failed = tests - passed;
    const summary = `${plural(inputs.length, 'file')}, ${plural(tests, 'test')}: ${passed} passed${failed > 0 ? `, ${failed} failed` : ''}${
      errors > 0 ? `; ${plural(errors, 'file')} with errors not tested` : ''
    }`;
    if (json) {
      const report: TestReportJson = { files, summary: { files: inputs.length, tests, passed, failed, errors } };
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      io.stdout(`${text}\n${summary}\n`);
    }
    return failed > 0 || errors > 0 ? 1 : 0;
  },
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The failures of one test, each at its line: `file:line:col: error: test "name": message`, then its detail. */
function failureText(outcome: TestOutcome): string {
  return outcome.failures
    .map((f) => {
      // The same `file(line,col): error` form as `poet check`, so one problem matcher reads both.
      const head = `${f.location.file}(${f.location.line},${f.location.column}): error: test ${JSON.stringify(outcome.test.name)}: ${f.message}`;
      return `${[head, ...f.detail].join('\n')}\n\n`;
    })
    .join('');
}
