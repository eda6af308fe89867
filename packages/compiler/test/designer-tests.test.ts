/**
 * Designer's tests in the compiler: `compileFile` returns them resolved beside the survey,
 * and they never change the compiled survey.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from '@poetkit/language';
import { compileFile, type CompileHost } from '../src/index.js';
import { EXAMPLE_FILES, EXAMPLES_DIR } from './support/responses.js';

/** A host serving `main.poet` from memory and everything else from the examples folder. */
function hostWith(mainText: string): CompileHost {
  return {
    readFile(path) {
      if (path === 'main.poet') return new TextEncoder().encode(mainText);
      try {
        return readFileSync(`${EXAMPLES_DIR}${path}`);
      } catch {
        return undefined;
      }
    },
  };
}

describe('tests in the examples', () => {
  for (const name of EXAMPLE_FILES) {
    it(`${name}.poet: the tests are resolved, and removing them leaves the compiled survey unchanged`, () => {
      const text = readFileSync(`${EXAMPLES_DIR}${name}.poet`, 'utf8');
      const withTests = compileFile('main.poet', hostWith(text));
      assert.deepEqual(withTests.diagnostics, []);
      assert.ok(withTests.tests !== undefined && withTests.tests.length >= 8, `${name} has tests`);
      const firstTest = parse(text, name).file.tests[0]!.range.start.offset;
      const withoutTests = compileFile('main.poet', hostWith(text.slice(0, firstTest)));
      assert.deepEqual(withoutTests.tests, []);
      assert.deepEqual(withTests.survey, withoutTests.survey);
      assert.ok(!JSON.stringify(withTests.survey).includes('"given"'));
    });
  }
});

describe('resolved tests', () => {
  const SURVEY = `survey s "S"
  version "1.0.0"

section sec_a "A" {
  1) multi reasons "Why?"
    options {
       1 health "Health"
      96 other  "Other – please describe" specify
    }

  2) number age "Age"

  3) date since "Since?"

  4) text name "Name"

  5) yesno has_pb "Budget?"
  if has_pb = no end "Bye."

  6) grid ease "How easy?"
    scale {
      1 easy "Easy"
      2 hard "Hard"
    }
    rows {
      one "One"
      two "Two"
    }
}

test "every kind of line" {
  given reasons = health, other
  given reasons_other = "Something"
  given age = 7.5
  given since = today
  given name = "Ann"
  given ease two = hard
  leave has_pb blank
  asks reasons, age
  not asked ease
  opens reasons_other
  shows ease rows one, two
  ends after has_pb "Bye."
  completes
  valid
  invalid age, name "Enter a number"
}
`;

  it('holds each answer as its response value and each expectation with its line', () => {
    const result = compileFile('main.poet', hostWith(SURVEY));
    assert.deepEqual(result.diagnostics, []);
    const [test] = result.tests ?? [];
    assert.ok(test !== undefined);
    assert.equal(test.name, 'every kind of line');
    assert.deepEqual(test.location, { file: 'main.poet', line: 31, column: 1, endLine: 31, endColumn: 26 });
    assert.deepEqual(
      test.given.map(({ location, ...rest }) => [location.line, rest]),
      [
        [32, { key: 'reasons', value: ['health', 'other'] }],
        [33, { key: 'reasons_other', value: 'Something' }],
        [34, { key: 'age', value: 7.5 }],
        [35, { key: 'since', today: true }],
        [36, { key: 'name', value: 'Ann' }],
        [37, { key: 'ease', row: 'two', value: 'hard' }],
      ],
    );
    assert.deepEqual(test.blank, ['has_pb']);
    assert.deepEqual(
      test.expectations.map(({ location, ...rest }) => [location.line, location.column, rest]),
      [
        [39, 3, { kind: 'asks', questions: ['reasons', 'age'] }],
        [40, 3, { kind: 'notAsked', questions: ['ease'] }],
        [41, 3, { kind: 'opens', keys: ['reasons_other'] }],
        [42, 3, { kind: 'shows', question: 'ease', rows: ['one', 'two'] }],
        [43, 3, { kind: 'ends', after: 'has_pb', message: 'Bye.' }],
        [44, 3, { kind: 'completes' }],
        [45, 3, { kind: 'valid' }],
        [46, 3, { kind: 'invalid', questions: ['age', 'name'], message: 'Enter a number' }],
      ],
    );
  });

  it('gives no tests when the survey has an error', () => {
    const result = compileFile('main.poet', hostWith(SURVEY.replace('given age = 7.5', 'given age = seven')));
    assert.deepEqual(result.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`), ['34:15 POET2045']);
    assert.equal(result.tests, undefined);
    assert.equal(result.survey, undefined);
  });
});
