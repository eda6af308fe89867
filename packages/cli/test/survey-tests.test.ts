/**
 * The runner of designer's tests: filling, each expectation passing and failing, and the
 * side-by-side report; then `poet test` itself, on the examples and on broken copies.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compileFile, type CompiledSurvey, type SurveyTest } from '@poetkit/compiler';
import { createResponseValidator } from '@poetkit/compiler/validator';
import { fillResponse, FILLED_TEXT, runSurveyTest, sideBySide, type TestOutcome } from '../src/survey-tests.js';
import { poet, tempDir, writeFiles } from './helpers.js';

const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const TODAY = '2016-06-30';
/** The line where a test written straight after {@link SURVEY} and a blank line starts. */
const AFTER_SURVEY = () => SURVEY.split('\n').length + 1;

const SURVEY = `survey routed "Routing for tests"
  version "1.0.0"

consent consent "I agree."
  options {
    1 yes "Yes"
    2 no  "No"
  }

if consent = no end "Thank you. Goodbye."

section sec_a "A" {
  1) multi reasons "Why?"
    options {
       1 health "Health"
       2 money  "Money"
       3 home   "Home"
      96 other  "Other – please describe" specify
      97 none   "None of these" exclusive
    }

  2) single main "Which matters most?"
    ask if count(reasons) >= 2
    options from reasons

  3) number age "Age"
    min 18
    max 120
    whole

  4) date since "Since when?"
    min 2011-09-01
    max today

  5) date when "When?"
    optional
    max today

  6) text name "Name"
    max 5

  7) yesno has_pb "Do you have a personal budget?"
  if has_pb = no end "Thank you. The rest is about budgets."

  8) grid ease "How easy?"
    scale {
      1 easy "Easy"
      2 hard "Hard"
    }
    rows {
      info_row "Getting information"
      spend    "Spending" ask if age >= 65
    }

  9) long_text comments "Anything else?"
    optional
}
`;

function compileText(text: string): { survey: CompiledSurvey; tests: readonly SurveyTest[] } {
  const host = { readFile: (path: string) => (path === 'routed.poet' ? new TextEncoder().encode(text) : undefined) };
  const result = compileFile('routed.poet', host);
  assert.deepEqual(result.diagnostics.map((d) => `${d.range.start.line}:${d.code} ${d.message}`), []);
  assert.ok(result.survey !== undefined && result.tests !== undefined);
  return { survey: result.survey, tests: result.tests };
}

/** Runs the one test written in `body` against {@link SURVEY}. */
function run(body: string): TestOutcome {
  const { survey, tests } = compileText(`${SURVEY}\ntest "t" {\n${body}\n}\n`);
  const validator = createResponseValidator(survey, { today: TODAY });
  return runSurveyTest(survey, tests[0]!, validator, { today: TODAY });
}

function passes(body: string): void {
  const outcome = run(body);
  assert.deepEqual(outcome.failures.map((f) => [f.message, ...f.detail].join('\n')), []);
}

function failsWith(body: string, message: string): TestOutcome {
  const outcome = run(body);
  assert.deepEqual(outcome.failures.map((f) => f.message), [message]);
  return outcome;
}

describe('filling the questions a test does not answer', () => {
  it('answers each asked question with a plain valid answer, in order, and re-routes after each', () => {
    const { answers, route } = fillResponse(compileText(SURVEY).survey, { name: 't', location: { file: 'x', line: 1, column: 1, endLine: 1, endColumn: 1 }, given: [], blank: [], expectations: [] }, { today: TODAY });
    assert.deepEqual(answers, {
      consent: 'yes',
      reasons: ['health'],
      age: 18,
      since: '2011-09-01',
      when: '2015-06-01',
      name: FILLED_TEXT.slice(0, 5),
      has_pb: 'yes',
      ease: { info_row: 'easy' },
      comments: FILLED_TEXT,
    });
    assert.equal(route.ended, undefined);
    assert.deepEqual(route.asked.map((a) => a.id), ['consent', 'reasons', 'age', 'since', 'when', 'name', 'has_pb', 'ease', 'comments']);
  });

  it('fills a piped question with its first offered option, an opened Other box with a text, and the other rows of a grid', () => {
    const outcome = run('given reasons = money, other\ngiven age = 70\ngiven ease spend = hard\nvalid');
    assert.equal(outcome.answers['main'], 'money');
    assert.equal(outcome.answers['reasons_other'], FILLED_TEXT);
    assert.deepEqual(outcome.answers['ease'], { spend: 'hard', info_row: 'easy' });
    assert.deepEqual(outcome.failures, []);
  });

  it('gives the date of the run for today, and leaves blank what the test leaves blank', () => {
    const outcome = run('given since = today\nleave when blank\nvalid');
    assert.equal(outcome.answers['since'], TODAY);
    assert.ok(!('when' in outcome.answers));
    assert.ok(outcome.route.asked.some((a) => a.id === 'when'));
  });

  it('keeps a given answer to a question the path does not ask', () => {
    const outcome = run('given reasons = health\ngiven main = health\nnot asked main\ninvalid main');
    assert.equal(outcome.answers['main'], 'health');
    assert.deepEqual(outcome.failures, []);
  });
});

describe('each expectation passes and fails', () => {
  it('asks: the whole path, in order', () => {
    passes('given has_pb = no\nasks consent, reasons, age, since, when, name, has_pb');
    const outcome = failsWith('given has_pb = no\nasks consent, reasons, main, age, since, when, name, has_pb', 'asks: the path differs');
    assert.deepEqual(outcome.failures[0]!.expected, ['consent', 'reasons', 'main', 'age', 'since', 'when', 'name', 'has_pb']);
    assert.ok(outcome.failures[0]!.detail.includes('  - main'));
    failsWith('given has_pb = no\nasks consent, reasons, age, since, when, name', 'asks: the path differs');
  });

  it('not asked', () => {
    passes('given reasons = health\nnot asked main');
    const outcome = failsWith('given reasons = health, money\nnot asked main, ease', 'not asked: main, ease were asked');
    assert.deepEqual(outcome.failures[0]!.actual, ['main', 'ease']);
  });

  it('offers', () => {
    passes('given reasons = home, health\noffers main health, home');
    failsWith('given reasons = home, health\noffers main home, health', 'offers: main offers other options');
    failsWith('given reasons = home\noffers main home', 'offers: main was not asked');
  });

  it('shows ... rows', () => {
    passes('given age = 65\nshows ease rows info_row, spend');
    failsWith('given age = 64\nshows ease rows info_row, spend', 'shows: ease shows other rows');
    failsWith('given has_pb = no\nshows ease rows info_row', 'shows: ease was not asked');
  });

  it('opens', () => {
    passes('given reasons = other\nopens reasons_other');
    failsWith('given reasons = health\nopens reasons_other', 'opens: reasons_other was not opened');
  });

  it('ends after, with or without its message', () => {
    passes('given has_pb = no\nends after has_pb');
    passes('given consent = no\nends after consent "Thank you. Goodbye."');
    failsWith('given consent = no\nends after has_pb', 'ends: the survey ended after consent');
    failsWith('given consent = yes\nends after consent', 'ends: the survey completed (no end rule fired)');
    const outcome = failsWith('given consent = no\nends after consent "Goodbye."', 'ends: the survey ended after consent with another message');
    assert.deepEqual(outcome.failures[0]!.detail, ['    expected: "Goodbye."', '    actual:   "Thank you. Goodbye."']);
  });

  it('completes', () => {
    passes('given has_pb = yes\ncompletes');
    failsWith('given has_pb = no\ncompletes', 'completes: the survey ended after has_pb');
  });

  it('valid', () => {
    passes('given age = 120\nvalid');
    const outcome = failsWith('given age = 17\nvalid', 'valid: the response has 1 error');
    assert.deepEqual(outcome.failures[0]!.detail, ['    age: Enter a whole number from 18 to 120']);
  });

  it('invalid: exactly the questions listed, and the message at the first', () => {
    passes('given age = 17\ninvalid age "Enter a whole number from 18 to 120"');
    passes('given name = "Too long"\ngiven age = 17\ninvalid name, age');
    passes('given reasons = health\ngiven main = health\ninvalid main "This question was not asked on this path, so it must not be answered"');
    failsWith('given age = 18\ninvalid age', 'invalid: the response is valid');
    failsWith('given age = 17\ngiven reasons = none, health\ninvalid age', 'invalid: the errors are at other questions');
    const outcome = failsWith('given age = 17\ninvalid age "Enter your age"', 'invalid: age has another message');
    assert.deepEqual(outcome.failures[0]!.actual, ['Enter a whole number from 18 to 120']);
  });

  it('reports every failing expectation of a test, each at its own line', () => {
    const outcome = run('given has_pb = no\ncompletes\nvalid\nnot asked has_pb');
    assert.deepEqual(outcome.failures.map((f) => [f.kind, f.location.line - outcome.test.location.line]), [
      ['completes', 2],
      ['notAsked', 4],
    ]);
  });
});

describe('side by side', () => {
  it('aligns the two lists on what they share, marking what is only expected (-) or only actual (+)', () => {
    assert.deepEqual(sideBySide(['consent', 'pb_offered', 'views_taken'], ['consent', 'views_taken', 'plan_date']), [
      '    expected       actual',
      '    consent        consent',
      '  - pb_offered',
      '    views_taken    views_taken',
      '  +                plan_date',
    ]);
  });

  it('shows a change in order as one line out and one line in', () => {
    const lines = sideBySide(['a', 'b', 'c'], ['a', 'c', 'b']);
    assert.equal(lines.filter((l) => l.startsWith('  -')).length, 1);
    assert.equal(lines.filter((l) => l.startsWith('  +')).length, 1);
    assert.equal(lines.length, 5);
  });
});

describe('poet test', () => {
  it('runs every test written in the examples, and they all pass', async () => {
    const files = ['parent-ehc', 'adult-social-care', 'practitioner-ehc', 'carer', 'health-phb', 'streamlined-555'].map((n) => `${n}.poet`);
    const result = await poet(EXAMPLES, ['test', '--today', TODAY, ...files]);
    assert.equal(result.status, 0, result.stdout);
    const summary = /^6 files, (\d+) tests: (\d+) passed$/m.exec(result.stdout);
    assert.ok(summary !== null, result.stdout);
    assert.equal(summary[1], summary[2]);
    assert.ok(Number(summary[1]) >= 60);
    assert.match(result.stdout, /^parent-ehc\.poet: 1\d tests: 1\d passed$/m);
  });

  it('reports a changed expectation in a copy at its line and column, side by side, and exits 1', async () => {
    const dir = tempDir();
    const original = readFileSync(join(EXAMPLES, 'parent-ehc.poet'), 'utf8');
    const expectation = '  asks consent, la_name, child_age, setting_name, main_reason, ehc_plan_status, has_pb, pb_offered,';
    const at = original.indexOf(expectation);
    assert.ok(at > 0, 'the P04 asks line is in the example');
    const changed = original.replace(expectation, expectation.replace('has_pb, pb_offered', 'pb_offered, has_pb'));
    const line = original.slice(0, at).split('\n').length;
    writeFiles(dir, {
      'parent-ehc.poet': changed,
      'banks/common.poet': readFileSync(join(EXAMPLES, 'banks/common.poet')),
    });
    const result = await poet(dir, ['test', '--today', TODAY, 'parent-ehc.poet']);
    assert.equal(result.status, 1);
    const lines = result.stdout.split('\n');
    const head = lines.findIndex((l) => l.startsWith('parent-ehc.poet('));
    assert.match(lines[head]!, new RegExp(`^parent-ehc\\.poet\\(${line},3\\): error: test "P04 [^"]*": asks: the path differs$`));
    assert.deepEqual(lines.slice(head + 7, head + 11), [
      '    ehc_plan_status      ehc_plan_status',
      '  - pb_offered',
      '    has_pb               has_pb',
      '  + ' + ' '.repeat(21) + 'pb_offered',
    ]);
    assert.match(result.stdout, /^parent-ehc\.poet: 18 tests: 17 passed, 1 failed$/m);
    assert.match(result.stdout, /^1 file, 18 tests: 17 passed, 1 failed$/m);
  });

  it('prints JSON with --format json', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'routed.poet': `${SURVEY}\ntest "ok" {\n  given has_pb = no\n  ends after has_pb\n}\n\ntest "wrong" {\n  given has_pb = yes\n  ends after has_pb\n}\n` });
    const result = await poet(dir, ['test', '--format', 'json', '--today', TODAY, 'routed.poet']);
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(report.summary, { files: 1, tests: 2, passed: 1, failed: 1, errors: 0 });
    assert.deepEqual(
      report.files[0].tests.map((t: { name: string; passed: boolean; line: number }) => [t.name, t.passed, t.line]),
      [['ok', true, AFTER_SURVEY()], ['wrong', false, AFTER_SURVEY() + 5]],
    );
    assert.deepEqual(report.files[0].tests[1].failures[0], {
      kind: 'ends',
      message: 'ends: the survey completed (no end rule fired)',
      expected: 'ends after has_pb',
      actual: null,
      line: AFTER_SURVEY() + 7,
      column: 3,
    });
  });

  it('reports a file with an error as poet check does, runs nothing in it, and exits 1', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'bad.poet': `${SURVEY}\ntest "typo" {\n  given has_bp = no\n  completes\n}\n` });
    const result = await poet(dir, ['test', 'bad.poet']);
    assert.equal(result.status, 1);
    assert.ok(result.stdout.includes(`bad.poet(${AFTER_SURVEY() + 1},9): error POET2041: 'has_bp' is not a question of this survey`), result.stdout);
    assert.match(result.stdout, /hint: Did you mean 'has_pb'\?/);
    assert.match(result.stdout, /^bad\.poet: not tested: fix the errors above first$/m);
    assert.match(result.stdout, /^1 file, 0 tests: 0 passed; 1 file with errors not tested$/m);
  });

  it('rejects a --today that is not a real date (exit 2)', async () => {
    for (const bad of ['30/06/2016', '2024-13-40', '2023-02-29']) {
      const result = await poet(EXAMPLES, ['test', '--today', bad, 'carer.poet']);
      assert.equal(result.status, 2, bad);
      assert.match(result.stderr, new RegExp(`--today must be a real date in the form YYYY-MM-DD, such as 2016-06-30 \\(got '${bad}'\\)`));
    }
    const leap = await poet(EXAMPLES, ['test', '--today', '2024-02-29', 'carer.poet']);
    assert.equal(leap.status, 0, leap.stderr);
  });
});
