/**
 * Designer's tests (`test "name" { ... }`): how they are read into the tree, and how the
 * formatter prints them back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GivenStatement, TestNode } from '../src/ast.js';
import { formatSource, parse } from '../src/index.js';
import { comparableTree } from './support/generate.js';

const SURVEY = `survey s "S"
  version "1.0.0"

section sec_a "A" {
  1) yesno has_pb "Do you have a personal budget?"
}
`;

function testsOf(source: string): readonly TestNode[] {
  const { file, diagnostics } = parse(source, 'tests.poet');
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`), []);
  return file.tests;
}

function formatted(source: string): string {
  const result = formatSource(source, 'tests.poet');
  assert.ok(result.output !== undefined, JSON.stringify(result.diagnostics));
  return result.output;
}

describe('test blocks: reading', () => {
  it('reads every kind of line into the tree, apart from the survey items', () => {
    const [test, ...others] = testsOf(`${SURVEY}
test "P03 Full path" {
  given consent = yes
  given main_reason = learning_disability, communication
  given child_age = 7
  given plan_date = 2023-05-01
  given what_worked = "The new school"
  given ehc_ease get_info = very_easy
  given due = today
  leave setting_name blank
  asks consent, la_name,
    child_age
  not asked pb_offered, plan_date
  offers most_impact learning_disability, communication
  shows ehc_ease rows get_info, assessment
  opens main_reason_other
  ends after ehc_plan_status "Thank you."
  completes
  valid
  invalid child_age, pb_amount "Enter a whole number"
}
`);
    assert.equal(others.length, 0);
    assert.ok(test !== undefined);
    assert.equal(test.name.value, 'P03 Full path');
    assert.deepEqual(
      test.statements.map((s) => s.kind),
      ['Given', 'Given', 'Given', 'Given', 'Given', 'Given', 'Given', 'LeaveBlank', 'Asks', 'NotAsked', 'Offers', 'Shows', 'Opens', 'Ends', 'Completes', 'Valid', 'Invalid'],
    );
    const givens = test.statements.filter((s): s is GivenStatement => s.kind === 'Given');
    assert.deepEqual(
      givens.map((g) => [g.question.text, g.row?.text, g.values.map((v) => `${v.kind}:${v.kind === 'String' ? v.value : v.text}`)]),
      [
        ['consent', undefined, ['Name:yes']],
        ['main_reason', undefined, ['Name:learning_disability', 'Name:communication']],
        ['child_age', undefined, ['Number:7']],
        ['plan_date', undefined, ['Date:2023-05-01']],
        ['what_worked', undefined, ['String:The new school']],
        ['ehc_ease', 'get_info', ['Name:very_easy']],
        ['due', undefined, ['Name:today']],
      ],
    );
    const asks = test.statements[8];
    assert.ok(asks?.kind === 'Asks');
    assert.deepEqual(asks.questions.map((q) => [q.text, q.range.start.line]), [['consent', 17], ['la_name', 17], ['child_age', 18]]);
    const invalid = test.statements[16];
    assert.ok(invalid?.kind === 'Invalid');
    assert.equal(invalid.message?.value, 'Enter a whole number');
    assert.equal(parse(SURVEY, 's.poet').file.items.length, 1);
  });

  it('lets the words of a test be used as names elsewhere (no word is reserved)', () => {
    const tests = testsOf(`survey s "S"
  version "1.0.0"

section sec_a "A" {
  1) single valid "Which?"
    options {
      1 given "Given"
      2 after "After"
    }
  2) yesno test "Test?"
    ask if valid = after
}

test "names that are keywords" {
  given valid = after
  asks valid, test
}
`);
    assert.equal(tests.length, 1);
  });

  it('keeps a test with no lines, for the compiler to warn about', () => {
    assert.deepEqual(testsOf(`${SURVEY}\ntest "empty" {\n}\n`)[0]?.statements, []);
  });
});

describe('test blocks: formatting', () => {
  it('prints the canonical layout, keeps comments and reads back to the same tree', () => {
    const source = `${SURVEY}
test   "layout"   {   given has_pb=yes,no   # both
leave  x  blank
  not   asked a,b,c
      ends after   has_pb
  invalid has_pb,x
}
test "two" { valid }
`;
    const output = formatted(source);
    assert.equal(
      output,
      `${SURVEY}
test "layout" {
  given has_pb = yes, no  # both
  leave x blank
  not asked a, b, c
  ends after has_pb
  invalid has_pb, x
}

test "two" {
  valid
}
`,
    );
    assert.equal(formatted(output), output, 'formatting is idempotent');
    assert.deepEqual(comparableTree(parse(output, 'out.poet').file), comparableTree(parse(source, 'in.poet').file));
  });

  it('wraps a long list after a comma, two spaces deeper, and never wider than 100 columns', () => {
    const names = Array.from({ length: 30 }, (_, i) => `question_number_${i + 1}`);
    const output = formatted(`${SURVEY}\ntest "long" {\n  asks ${names.join(', ')}\n}\n`);
    const lines = output.split('\n').filter((l) => l.startsWith('  asks') || l.startsWith('    question'));
    assert.ok(lines.length > 3);
    assert.ok(lines.every((l) => l.length <= 100), lines.join('\n'));
    assert.ok(lines.slice(1).every((l) => l.startsWith('    question_number_')));
    const asks = testsOf(output)[0]?.statements[0];
    assert.ok(asks?.kind === 'Asks');
    assert.deepEqual(asks.questions.map((q) => q.text), names);
  });

  it('prints strings, dates, numbers and grid rows of given lines as written', () => {
    const source = `${SURVEY}\ntest "values" {\n  given a = "He said \\"hi\\""\n  given b = -2.50\n  given c = 2011-09-01\n  given g row_1 = agree\n}\n`;
    assert.equal(formatted(source), source);
  });
});
