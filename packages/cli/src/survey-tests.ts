/**
 * Runs the designer's tests of a survey (`test "..." { ... }` blocks, resolved by the
 * compiler): builds the response from the `given` lines, fills every other question asked
 * with a plain valid answer, routes it with `@poetkit/runtime`, validates it with the
 * compiler's validator, and compares each expectation with what happened.
 *
 * Filling follows shared/poet-reference/ROUTING-CASES.md: "every other question asked gets
 * any valid answer; those answers do not change the route". Questions are filled one at a
 * time in survey order, re-routing after each, so a filled answer routes like a real one; a
 * test therefore names the answers that decide its route.
 */
import type { ChoiceQuestion, CompiledQuestion, CompiledSurvey, DateQuestion, GridQuestion, NumberQuestion, SurveyTest, TestExpectation, TestLocation } from '@poetkit/compiler';
import type { ResponseError, ResponseValidator } from '@poetkit/compiler/validator';
import { route, type AskedItem, type Answers, type Route } from '@poetkit/runtime';

/** The text the runner writes in text questions and `_other` boxes it fills. */
export const FILLED_TEXT = 'An answer';
/** The date the runner gives a date question without limits. */
export const FILLED_DATE = '2015-06-01';

/** One expectation that did not hold. */
export interface ExpectationFailure {
  readonly kind: TestExpectation['kind'];
  readonly location: TestLocation;
  /** One line: `asks: the path differs`. */
  readonly message: string;
  /** Lines shown under the message, indented: the expected and actual lists side by side, or the two values. */
  readonly detail: readonly string[];
  readonly expected: unknown;
  readonly actual: unknown;
}

export interface TestOutcome {
  readonly test: SurveyTest;
  readonly failures: readonly ExpectationFailure[];
  /** The response the test ran with: given and filled answers. */
  readonly answers: Answers;
  readonly route: Route;
}

export interface RunOptions {
  /** What `today` means, `YYYY-MM-DD`. */
  readonly today: string;
}

function own(answers: Answers, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(answers, key) ? answers[key] : undefined;
}

/** The answers the `given` lines write, with `today` resolved; grid rows gathered into their grid. */
export function givenAnswers(test: SurveyTest, today: string): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const given of test.given) {
    const value = given.today === true ? today : given.value;
    if (given.row !== undefined) {
      const grid = own(answers, given.key);
      answers[given.key] = { ...(typeof grid === 'object' && grid !== null ? grid : {}), [given.row]: value };
    } else answers[given.key] = value;
  }
  return answers;
}

/** A plain option: not exclusive, not "please describe", not a missing code. */
function plainOptions(question: ChoiceQuestion, offered?: AskedItem['options']): ChoiceQuestion['options'] {
  const options = offered ?? question.options;
  const plain = options.filter((o) => !o.exclusive && !o.specify && o.missing === undefined);
  return plain.length > 0 ? plain : options;
}

function fillNumber(question: NumberQuestion): number {
  let value = question.min ?? (question.max !== undefined && question.max < 0 ? question.max : 0);
  if (question.whole) value = Math.ceil(value);
  if (question.max !== undefined && value > question.max) value = question.whole ? Math.floor(question.max) : question.max;
  return value;
}

function fillDate(question: DateQuestion, today: string): string {
  const bound = (b: string | undefined): string | undefined => (b === 'today' ? today : b);
  const min = bound(question.min);
  const max = bound(question.max);
  if (min !== undefined) return min;
  return max !== undefined && max < FILLED_DATE ? max : FILLED_DATE;
}

/** A plain valid answer to `asked`, merged with any rows of a grid the test gave. */
export function fillAnswer(asked: AskedItem, current: unknown, today: string): unknown {
  const question: CompiledQuestion = asked.question;
  switch (question.kind) {
    case 'consent':
    case 'single':
      return plainOptions(question, asked.options)[0]?.value;
    case 'multi': {
      const plain = plainOptions(question, asked.options);
      return plain.slice(0, Math.max(1, question.minTicks ?? 1)).map((o) => o.value);
    }
    case 'text':
    case 'long_text':
      return FILLED_TEXT.slice(0, question.maxLength);
    case 'number':
      return fillNumber(question);
    case 'date':
      return fillDate(question, today);
    case 'grid': {
      const grid: GridQuestion = question;
      const given = typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : {};
      const filled: Record<string, unknown> = { ...given };
      for (const row of asked.rows ?? []) if (!(row in filled)) filled[row] = grid.scale[0]?.value;
      return filled;
    }
  }
}

/**
 * The response of a test and its route: the given answers, then every question asked that
 * the test neither gives nor leaves blank, filled in survey order with a re-route after each.
 */
export function fillResponse(survey: CompiledSurvey, test: SurveyTest, options: RunOptions): { answers: Answers; route: Route } {
  const answers = givenAnswers(test, options.today);
  // A grid given row by row still has its other shown rows filled.
  const done = new Set<string>([...test.given.filter((g) => g.row === undefined).map((g) => g.key), ...test.blank]);
  const routeOptions = { today: options.today };
  for (;;) {
    const current = route(survey, answers, routeOptions);
    const next = current.asked.find((a) => !done.has(a.id) || (a.otherKey !== undefined && !done.has(a.otherKey)));
    if (next === undefined) return { answers, route: current };
    if (!done.has(next.id)) {
      done.add(next.id);
      const value = fillAnswer(next, own(answers, next.id), options.today);
      if (value !== undefined) answers[next.id] = value;
    } else {
      // The "please describe" box of a chosen other option.
      done.add(next.otherKey!);
      answers[next.otherKey!] = FILLED_TEXT;
    }
  }
}

/** Runs one test against its survey. */
export function runSurveyTest(survey: CompiledSurvey, test: SurveyTest, validator: ResponseValidator, options: RunOptions): TestOutcome {
  const { answers, route: path } = fillResponse(survey, test, options);
  let validation: readonly ResponseError[] | undefined;
  const errors = (): readonly ResponseError[] => (validation ??= validator.validate(answers, { today: options.today }).errors);
  const failures: ExpectationFailure[] = [];
  for (const expectation of test.expectations) {
    const failure = checkExpectation(expectation, path, errors);
    if (failure !== undefined) failures.push(failure);
  }
  return { test, failures, answers, route: path };
}

function fail(expectation: TestExpectation, message: string, expected: unknown, actual: unknown, detail: readonly string[] = []): ExpectationFailure {
  return { kind: expectation.kind, location: expectation.location, message, detail, expected, actual };
}

/** Lines of detail, indented under the failure's first line. */
function indented(lines: readonly string[]): string[] {
  return lines.map((line) => `    ${line}`);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function quoted(text: string): string {
  return JSON.stringify(text);
}

function endedText(path: Route): string {
  return path.ended === undefined ? 'the survey completed (no end rule fired)' : `the survey ended after ${path.ended.after}`;
}

function errorLines(errors: readonly ResponseError[]): string[] {
  return errors.map((e) => `${e.question ?? '(no question)'}${e.path === `/${e.question}` || e.question === null ? '' : ` (${e.path})`}: ${e.message}`);
}

function checkExpectation(expectation: TestExpectation, path: Route, errors: () => readonly ResponseError[]): ExpectationFailure | undefined {
  const asked = path.asked.map((a) => a.id);
  const askedItem = (id: string): AskedItem | undefined => path.asked.find((a) => a.id === id);
  switch (expectation.kind) {
    case 'asks':
      if (sameList(expectation.questions, asked)) return undefined;
      return fail(expectation, 'asks: the path differs', expectation.questions, asked, sideBySide(expectation.questions, asked));
    case 'notAsked': {
      const wrong = expectation.questions.filter((q) => asked.includes(q));
      if (wrong.length === 0) return undefined;
      return fail(
        expectation,
        `not asked: ${wrong.join(', ')} ${wrong.length === 1 ? 'was' : 'were'} asked`,
        [],
        wrong,
        indented(wrong.map((q) => `${q} is question ${asked.indexOf(q) + 1} of ${asked.length} on the path`)),
      );
    }
    case 'offers': {
      const item = askedItem(expectation.question);
      if (item === undefined) return fail(expectation, `offers: ${expectation.question} was not asked`, expectation.values, null);
      const offered = (item.options ?? []).map((o) => o.value);
      if (sameList(expectation.values, offered)) return undefined;
      return fail(expectation, `offers: ${expectation.question} offers other options`, expectation.values, offered, sideBySide(expectation.values, offered));
    }
    case 'shows': {
      const item = askedItem(expectation.question);
      if (item === undefined) return fail(expectation, `shows: ${expectation.question} was not asked`, expectation.rows, null);
      const rows = item.rows ?? [];
      if (sameList(expectation.rows, rows)) return undefined;
      return fail(expectation, `shows: ${expectation.question} shows other rows`, expectation.rows, rows, sideBySide(expectation.rows, rows));
    }
    case 'opens': {
      const opened = path.asked.flatMap((a) => (a.otherKey === undefined ? [] : [a.otherKey]));
      const missing = expectation.keys.filter((k) => !opened.includes(k));
      if (missing.length === 0) return undefined;
      return fail(
        expectation,
        `opens: ${missing.join(', ')} ${missing.length === 1 ? 'was' : 'were'} not opened`,
        expectation.keys,
        opened,
        indented([`opened on this path: ${opened.length === 0 ? 'none' : opened.join(', ')}`]),
      );
    }
    case 'ends': {
      const ended = path.ended;
      const expectedText = `ends after ${expectation.after}${expectation.message === undefined ? '' : ` ${quoted(expectation.message)}`}`;
      if (ended === undefined) {
        return fail(
          expectation,
          `ends: ${endedText(path)}`,
          expectedText,
          null,
          indented([`expected: ${expectedText}`, `actual:   completed after ${asked[asked.length - 1] ?? 'no question'}`]),
        );
      }
      const actualText = `ends after ${ended.after} ${quoted(ended.message.source)}`;
      if (ended.after !== expectation.after) {
        return fail(expectation, `ends: ${endedText(path)}`, expectedText, actualText, indented([`expected: ${expectedText}`, `actual:   ${actualText}`]));
      }
      if (expectation.message !== undefined && expectation.message !== ended.message.source) {
        return fail(
          expectation,
          `ends: the survey ended after ${ended.after} with another message`,
          expectation.message,
          ended.message.source,
          indented([`expected: ${quoted(expectation.message)}`, `actual:   ${quoted(ended.message.source)}`]),
        );
      }
      return undefined;
    }
    case 'completes':
      if (path.ended === undefined) return undefined;
      return fail(expectation, `completes: ${endedText(path)}`, null, path.ended.after, indented([`message: ${quoted(path.ended.message.source)}`]));
    case 'valid': {
      const found = errors();
      if (found.length === 0) return undefined;
      return fail(expectation, `valid: the response has ${found.length} error${found.length === 1 ? '' : 's'}`, [], found, indented(errorLines(found)));
    }
    case 'invalid': {
      const found = errors();
      const questions = [...new Set(found.map((e) => e.question ?? '(no question)'))];
      const expected = [...expectation.questions];
      const sameSet = expected.length === questions.length && expected.every((q) => questions.includes(q));
      if (!sameSet) {
        const message = found.length === 0 ? 'invalid: the response is valid' : 'invalid: the errors are at other questions';
        return fail(expectation, message, expected, questions, [...sideBySide([...expected].sort(), [...questions].sort()), ...indented(errorLines(found))]);
      }
      const first = expected[0];
      if (expectation.message !== undefined && first !== undefined) {
        const messages = found.filter((e) => e.question === first).map((e) => e.message);
        if (!messages.includes(expectation.message)) {
          return fail(
            expectation,
            `invalid: ${first} has another message`,
            expectation.message,
            messages,
            indented([`expected: ${quoted(expectation.message)}`, ...messages.map((m, i) => `${i === 0 ? 'actual:  ' : '         '} ${quoted(m)}`)]),
          );
        }
      }
      return undefined;
    }
  }
}

/**
 * Two lists side by side, aligned on their longest common subsequence: a line in both is
 * printed in both columns; one only expected is marked `-`, one only actual `+`.
 */
export function sideBySide(expected: readonly string[], actual: readonly string[]): string[] {
  const n = expected.length;
  const m = actual.length;
  // lcs[i][j]: length of the longest common subsequence of expected[i..] and actual[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = expected[i] === actual[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const width = Math.max('expected'.length, ...expected.map((e) => e.length)) + 4;
  const lines = [`    ${'expected'.padEnd(width)}actual`];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] === actual[j]) {
      lines.push(`    ${expected[i]!.padEnd(width)}${actual[j]}`);
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      lines.push(`  - ${expected[i]}`);
      i++;
    } else {
      lines.push(`  + ${''.padEnd(width)}${actual[j]}`);
      j++;
    }
  }
  return lines;
}
