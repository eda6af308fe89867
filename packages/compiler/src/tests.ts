/**
 * Designer's tests (`test "name" { ... }` blocks after the sections): each test's names are
 * resolved against the survey and checked statically — unknown questions, option values,
 * grid rows and `_other` keys, values of the wrong shape, expectations that cannot apply —
 * and the test is returned with its answers as response values, ready for `poet test` to
 * run. Tests are never part of the compiled survey.
 */
import {
  createDiagnostic,
  nearestWord,
  type Diagnostic,
  type GivenStatement,
  type Name,
  type SourceRange,
  type TestNode,
  type TestValue,
} from '@poetkit/language';
import type { SourceFile } from './load.js';
import { optionsOf, type ResolvedItem } from './model.js';
import type { AnalysedSurvey } from './survey.js';

/** Where a test or one of its lines is written, in the survey's main file. */
export interface TestLocation {
  /** The display path of the file, as given to `compileFile`. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** One `given` line, as the response value it puts under `key`. */
export interface GivenAnswer {
  /** The answer key: a question id or an `<id>_other` text key. */
  readonly key: string;
  /** For one grid row: the row id (the value is that row's scale value). */
  readonly row?: string;
  /**
   * The response value: an option value (single, consent, a grid row), an array of values
   * (multi), a number, a `YYYY-MM-DD` date or a text. Absent when `today` is set.
   */
  readonly value?: unknown;
  /** `given plan_date = today`: the date of the run. */
  readonly today?: true;
  readonly location: TestLocation;
}

/** What a test expects, each with the line it is written on. */
export type TestExpectation =
  | { readonly kind: 'asks'; readonly questions: readonly string[]; readonly location: TestLocation }
  | { readonly kind: 'notAsked'; readonly questions: readonly string[]; readonly location: TestLocation }
  | { readonly kind: 'offers'; readonly question: string; readonly values: readonly string[]; readonly location: TestLocation }
  | { readonly kind: 'shows'; readonly question: string; readonly rows: readonly string[]; readonly location: TestLocation }
  | { readonly kind: 'opens'; readonly keys: readonly string[]; readonly location: TestLocation }
  | { readonly kind: 'ends'; readonly after: string; readonly message?: string; readonly location: TestLocation }
  | { readonly kind: 'completes'; readonly location: TestLocation }
  | { readonly kind: 'valid'; readonly location: TestLocation }
  | { readonly kind: 'invalid'; readonly questions: readonly string[]; readonly message?: string; readonly location: TestLocation };

/** A designer's test, resolved against its survey. */
export interface SurveyTest {
  readonly name: string;
  /** The `test "name"` line. */
  readonly location: TestLocation;
  /** The `given` lines, in the order written. */
  readonly given: readonly GivenAnswer[];
  /** The keys of the `leave ... blank` lines: asked, and not filled in by the runner. */
  readonly blank: readonly string[];
  readonly expectations: readonly TestExpectation[];
}

function locationOf(file: SourceFile, range: SourceRange): TestLocation {
  return { file: file.path, line: range.start.line, column: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

function suggestion(word: string, candidates: readonly string[]): { suggestion?: string } {
  const near = nearestWord(word, candidates);
  return near === undefined ? {} : { suggestion: near };
}

function listed(values: readonly string[]): string {
  return values.length > 12 ? `${values.slice(0, 12).join(', ')}, …` : values.join(', ');
}

const KIND_WORDS: Record<ResolvedItem['kind'], string> = {
  consent: 'the consent question',
  single: 'a single-choice question',
  multi: "a 'tick all that apply' question",
  text: 'a text question',
  long_text: 'a text question',
  number: 'a number question',
  date: 'a date question',
  grid: 'a grid',
  info: 'an info item',
};

/**
 * Resolves and checks the tests of `main` (a survey), reporting every problem. Returns the
 * tests; they are meaningful only when no error was reported.
 */
export function resolveTests(main: SourceFile, survey: AnalysedSurvey, report: (d: Diagnostic) => void): SurveyTest[] {
  const questions = survey.items.filter((i) => i.kind !== 'info');
  const questionIds = questions.map((q) => q.id);
  const otherKeys = questions.filter((q) => survey.otherUniverse.has(q.id)).map((q) => `${q.id}_other`);
  const endRuleAfter = endRuleQuestions(survey);
  const names = new Map<string, TestNode>();
  const at = (range: SourceRange): TestLocation => locationOf(main, range);

  /** The question named, or undefined after reporting why there is none. */
  const questionNamed = (name: Name, orOtherKey = false): ResolvedItem | undefined => {
    const item = survey.lookup(name.text);
    if (item !== undefined && item.kind !== 'info') return item;
    const reason = item?.kind === 'info' ? ' (it is an info item, which has no answer and is not listed in tests)' : '';
    const candidates = orOtherKey ? [...questionIds, ...otherKeys] : questionIds;
    report(createDiagnostic('test-unknown-question', main.path, name.range, { name: name.text, reason, ...(reason ? {} : suggestion(name.text, candidates)) }));
    return undefined;
  };

  /** The question whose `_other` text `name` is, or undefined after reporting why there is none. */
  const otherOf = (name: Name): ResolvedItem | undefined => {
    const owner = survey.lookup(name.text.slice(0, -'_other'.length));
    if (owner !== undefined && survey.otherUniverse.has(owner.id)) return owner;
    const reason =
      owner === undefined
        ? `there is no question '${name.text.slice(0, -'_other'.length)}'`
        : `'${owner.id}' has no option marked specify`;
    report(createDiagnostic('test-unknown-other', main.path, name.range, { key: name.text, reason, ...suggestion(name.text, otherKeys) }));
    return undefined;
  };

  /** A question id or an `_other` key, for `leave ... blank`. */
  const keyNamed = (name: Name): boolean =>
    name.text.endsWith('_other') && survey.lookup(name.text) === undefined ? otherOf(name) !== undefined : questionNamed(name, true) !== undefined;

  const optionValue = (item: ResolvedItem, value: Name): boolean => {
    const values = optionsOf(item, survey.lookup).map((o) => o.value);
    if (values.includes(value.text)) return true;
    report(
      createDiagnostic('test-unknown-value', main.path, value.range, {
        value: value.text,
        question: item.id,
        fix: values.length === 0 ? `'${item.id}' has no options` : `its options are ${listed(values)}`,
        ...suggestion(value.text, values),
      }),
    );
    return false;
  };

  const gridRow = (item: ResolvedItem, row: Name): boolean => {
    const rows = (item.rows ?? []).map((r) => r.id);
    if (rows.includes(row.text)) return true;
    report(createDiagnostic('test-unknown-row', main.path, row.range, { row: row.text, question: item.id, rows: listed(rows), ...suggestion(row.text, rows) }));
    return false;
  };

  const wrongValue = (item: ResolvedItem, range: SourceRange, fix: string): undefined => {
    report(createDiagnostic('test-wrong-value', main.path, range, { question: item.id, kind: KIND_WORDS[item.kind], fix }));
    return undefined;
  };

  /** The response value of a `given` line, or undefined after reporting why it has none. */
  const givenValue = (statement: GivenStatement, item: ResolvedItem): Omit<GivenAnswer, 'key' | 'location'> | undefined => {
    const { values } = statement;
    const first = values[0];
    const whole: SourceRange = first === undefined ? statement.range : { start: first.range.start, end: values[values.length - 1]!.range.end };
    if (first === undefined) return undefined; // reported by the parser
    if (item.kind === 'grid') {
      if (statement.row === undefined) return wrongValue(item, statement.question.range, `give one row per line, as in: given ${item.id} ROW = VALUE`);
      if (!gridRow(item, statement.row)) return undefined;
      if (values.length !== 1 || first.kind !== 'Name') return wrongValue(item, whole, `a row takes one value of the scale (${listed((item.scale ?? []).map((o) => o.value))})`);
      const scale = (item.scale ?? []).map((o) => o.value);
      if (!scale.includes(first.text)) {
        report(
          createDiagnostic('test-unknown-value', main.path, first.range, {
            value: first.text,
            question: item.id,
            fix: `its scale is ${listed(scale)}`,
            ...suggestion(first.text, scale),
          }),
        );
        return undefined;
      }
      return { row: statement.row.text, value: first.text };
    }
    if (statement.row !== undefined) return wrongValue(item, statement.row.range, `only a grid takes a row; write: given ${item.id} = VALUE`);
    switch (item.kind) {
      case 'consent':
      case 'single':
        if (values.length !== 1) return wrongValue(item, whole, 'it takes one option value');
        if (first.kind !== 'Name') return wrongValue(item, whole, `give one of its option values (${listed(optionsOf(item, survey.lookup).map((o) => o.value))})`);
        return optionValue(item, first) ? { value: first.text } : undefined;
      case 'multi': {
        const ticked: string[] = [];
        for (const value of values) {
          if (value.kind !== 'Name') return wrongValue(item, value.range, 'give the option values ticked, separated by commas');
          if (!optionValue(item, value)) return undefined;
          if (ticked.includes(value.text)) return wrongValue(item, value.range, `'${value.text}' is ticked twice`);
          ticked.push(value.text);
        }
        return { value: ticked };
      }
      case 'number':
        if (values.length !== 1 || first.kind !== 'Number') return wrongValue(item, whole, 'give one number, such as 7');
        return { value: first.value };
      case 'date':
        if (values.length === 1 && first.kind === 'Date') return { value: first.text };
        if (values.length === 1 && first.kind === 'Name' && first.text === 'today') return { today: true };
        return wrongValue(item, whole, 'give one date as YYYY-MM-DD, or today');
      case 'text':
      case 'long_text':
        if (values.length !== 1 || first.kind !== 'String') return wrongValue(item, whole, 'give one text in double quotes');
        return { value: first.value };
      default:
        return undefined;
    }
  };

  const tests: SurveyTest[] = [];
  for (const node of main.ast.tests) {
    const first = names.get(node.name.value);
    if (first !== undefined) {
      report(
        createDiagnostic('duplicate-test-name', main.path, node.name.range, { name: node.name.value }, {
          related: [{ file: main.path, range: first.name.range, message: 'first used here' }],
        }),
      );
    } else names.set(node.name.value, node);

    const given: GivenAnswer[] = [];
    const blank: string[] = [];
    const expectations: TestExpectation[] = [];
    /** Answer keys (question ids, `_other` keys) given whole or left blank in this test. */
    const answered = new Set<string>();
    /** Grid rows given, as `grid/row`, and the grids they belong to. */
    const rowsGiven = new Set<string>();
    const gridsWithRows = new Set<string>();
    const twice = (range: SourceRange, what: string): false => {
      report(createDiagnostic('test-given-twice', main.path, range, { what }));
      return false;
    };
    /** Claims a whole answer key; false (reported) when the test already gave it, or gave rows of it. */
    const claimKey = (key: string, range: SourceRange): boolean => {
      if (answered.has(key) || gridsWithRows.has(key)) return twice(range, `'${key}'`);
      answered.add(key);
      return true;
    };
    /** Claims one grid row; false (reported) when the test already gave it, or left the grid blank. */
    const claimRow = (grid: string, row: string, range: SourceRange): boolean => {
      if (answered.has(grid)) return twice(range, `'${grid}'`);
      if (rowsGiven.has(`${grid}/${row}`)) return twice(range, `The row '${row}' of '${grid}'`);
      rowsGiven.add(`${grid}/${row}`);
      gridsWithRows.add(grid);
      return true;
    };
    const resolvedList = (list: readonly Name[], resolve: (name: Name) => unknown): string[] =>
      list.filter((name) => resolve(name) !== undefined).map((name) => name.text);

    for (const statement of node.statements) {
      const location = at(statement.range);
      switch (statement.kind) {
        case 'Given': {
          const name = statement.question;
          if (name.text.endsWith('_other') && survey.lookup(name.text) === undefined) {
            if (otherOf(name) === undefined) break;
            const value = statement.values[0] as TestValue | undefined;
            if (statement.row !== undefined || statement.values.length !== 1 || value?.kind !== 'String') {
              report(
                createDiagnostic('test-wrong-value', main.path, statement.range, {
                  question: name.text,
                  kind: "the text of an 'other – please describe' option",
                  fix: 'give one text in double quotes',
                }),
              );
              break;
            }
            if (claimKey(name.text, name.range)) given.push({ key: name.text, value: value.value, location });
            break;
          }
          const item = questionNamed(name, true);
          if (item === undefined) break;
          const resolved = givenValue(statement, item);
          if (resolved === undefined) break;
          const claimed = resolved.row === undefined ? claimKey(item.id, name.range) : claimRow(item.id, resolved.row, name.range);
          if (claimed) given.push({ key: item.id, ...resolved, location });
          break;
        }
        case 'LeaveBlank': {
          const name = statement.question;
          if (!keyNamed(name)) break;
          if (claimKey(name.text, name.range)) blank.push(name.text);
          break;
        }
        case 'Asks':
        case 'NotAsked':
          expectations.push({
            kind: statement.kind === 'Asks' ? 'asks' : 'notAsked',
            questions: resolvedList(statement.questions, questionNamed),
            location,
          });
          break;
        case 'Offers': {
          const item = questionNamed(statement.question);
          if (item === undefined) break;
          if (item.pipedFrom === undefined) {
            report(createDiagnostic('test-not-piped', main.path, statement.question.range, { question: item.id }));
            break;
          }
          const values = statement.values.filter((v) => optionValue(item, v)).map((v) => v.text);
          expectations.push({ kind: 'offers', question: item.id, values, location });
          break;
        }
        case 'Shows': {
          const item = questionNamed(statement.question);
          if (item === undefined) break;
          if (item.kind !== 'grid') {
            report(createDiagnostic('test-not-grid', main.path, statement.question.range, { question: item.id }));
            break;
          }
          const rows = statement.rows.filter((r) => gridRow(item, r)).map((r) => r.text);
          expectations.push({ kind: 'shows', question: item.id, rows, location });
          break;
        }
        case 'Opens':
          expectations.push({ kind: 'opens', keys: resolvedList(statement.keys, otherOf), location });
          break;
        case 'Ends': {
          const item = questionNamed(statement.question);
          if (item === undefined) break;
          if (!endRuleAfter.includes(item.id)) {
            report(createDiagnostic('test-no-end-rule', main.path, statement.question.range, { question: item.id, after: listed(endRuleAfter) }));
            break;
          }
          expectations.push({
            kind: 'ends',
            after: item.id,
            ...(statement.message === undefined ? {} : { message: statement.message.value }),
            location,
          });
          break;
        }
        case 'Completes':
          expectations.push({ kind: 'completes', location });
          break;
        case 'Valid':
          expectations.push({ kind: 'valid', location });
          break;
        case 'Invalid':
          expectations.push({
            kind: 'invalid',
            questions: resolvedList(statement.questions, questionNamed),
            ...(statement.message === undefined ? {} : { message: statement.message.value }),
            location,
          });
          break;
      }
    }
    if (!node.statements.some((s) => s.kind !== 'Given' && s.kind !== 'LeaveBlank')) {
      report(createDiagnostic('test-no-expectation', main.path, { start: node.range.start, end: node.name.range.end }));
    }
    tests.push({ name: node.name.value, location: at({ start: node.range.start, end: node.name.range.end }), given, blank, expectations });
  }
  return tests;
}

/** The questions that an end rule follows, in survey order. */
function endRuleQuestions(survey: AnalysedSurvey): string[] {
  const after: string[] = [];
  let lastQuestion: string | undefined;
  for (const entry of survey.entries) {
    if (entry.type === 'item' && entry.item.kind !== 'info') lastQuestion = entry.item.id;
    else if (entry.type === 'end' && lastQuestion !== undefined && !after.includes(lastQuestion)) after.push(lastQuestion);
  }
  return after;
}

/** Reports every test of a bank file: banks hold shared questions, not tests. */
export function reportTestsInBank(main: SourceFile, report: (d: Diagnostic) => void): void {
  for (const node of main.ast.tests) {
    report(createDiagnostic('test-in-bank', main.path, { start: node.range.start, end: node.name.range.end }));
  }
}
