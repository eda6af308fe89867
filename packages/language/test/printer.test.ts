import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SourceRange } from '../src/ast.js';
import { createDiagnostic, type Diagnostic } from '../src/diagnostics/diagnostic.js';
import { MAX_LINE_WIDTH, printDiagnostic, printDiagnostics, printSummary } from '../src/diagnostics/printer.js';
import { LineMap } from '../src/source.js';

/** The range of the first occurrence of `needle` in `text` (or of `length` units from it). */
function rangeOf(text: string, needle: string, length = needle.length): SourceRange {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `'${needle}' not in the text`);
  return new LineMap(text).range(start, start + length);
}

function unknownWord(file: string, range: SourceRange): Diagnostic {
  return createDiagnostic('unknown-keyword', file, range, { word: 'mutli', expected: 'a question kind', suggestion: 'multi' });
}

describe('printDiagnostic', () => {
  it('prints the heading, the source line, a tilde under the range and the hint', () => {
    const text = 'survey s "T"\n\n  4) mutli main_reason "What is it?"\n';
    assert.equal(
      printDiagnostic(unknownWord('examples/x.poet', rangeOf(text, 'mutli')), text),
      [
        "examples/x.poet(3,6): error POET1101: Unknown word 'mutli' here; expected a question kind.",
        '    3 |   4) mutli main_reason "What is it?"',
        '      |      ~~~~~',
        "  hint: Did you mean 'multi'?",
      ].join('\n'),
    );
  });

  it('prints a warning and related locations', () => {
    const text = 'survey s "T"\n';
    const d: Diagnostic = {
      ...createDiagnostic('duplicate-header-field', 'a.poet', rangeOf(text, 's "T"', 1), { field: 'version' }),
      severity: 'warning',
      related: [
        { file: 'a.poet', range: rangeOf(text, 'survey'), message: 'first given here' },
        { file: 'banks/b.poet', range: new LineMap('x\ny').range(2, 3), message: 'and here' },
      ],
    };
    assert.equal(
      printDiagnostic(d, text),
      [
        "a.poet(1,8): warning POET1107: 'version' is given more than once.",
        '    1 | survey s "T"',
        '      |        ~',
        '  hint: Keep one and remove the others.',
        '  related: a.poet(1,1): first given here',
        '  related: banks/b.poet(2,1): and here',
      ].join('\n'),
    );
  });

  it('shows tabs as spaces up to the next multiple of 4 and widens the underline to match', () => {
    const text = '\tsingle\tx "Q"';
    assert.equal(
      printDiagnostic(createDiagnostic('unexpected-token', 'f.poet', rangeOf(text, 'x'), { found: 'x', expected: 'y' }), text),
      [
        "f.poet(1,9): error POET1103: Unexpected x; expected y.",
        '    1 |     single  x "Q"',
        '      |             ~',
      ].join('\n'),
    );
    // The tab (two columns here) and the x are underlined over the columns they take.
    const tab = createDiagnostic('tab-character', 'f.poet', rangeOf(text, '\tx'));
    assert.equal(printDiagnostic(tab, text).split('\n')[2], '      |           ~~~');
  });

  it('reads CRLF and CR line ends and never prints a carriage return', () => {
    for (const eol of ['\r\n', '\r']) {
      const text = `survey s "T"${eol}4) mutli x "Q"${eol}`;
      const printed = printDiagnostic(unknownWord('w.poet', rangeOf(text, 'mutli')), text);
      assert.equal(
        printed,
        [
          "w.poet(2,4): error POET1101: Unknown word 'mutli' here; expected a question kind.",
          '    2 | 4) mutli x "Q"',
          '      |    ~~~~~',
          "  hint: Did you mean 'multi'?",
        ].join('\n'),
      );
      assert.ok(!printed.includes('\r'));
    }
  });

  it('underlines a range over several lines to the end of its first line', () => {
    const text = 'options yn {\n  1 yes "Yes"\n';
    const d = createDiagnostic('unclosed-brace', 'm.poet', rangeOf(text, '{\n  1', 6), { what: 'option set yn' });
    assert.deepEqual(d.range.end.line, 2);
    assert.equal(
      printDiagnostic(d, text),
      [
        "m.poet(1,12): error POET1104: The '{' of option set yn is never closed.",
        '    1 | options yn {',
        '      |            ~',
        "  hint: Add '}' after the last line of option set yn.",
      ].join('\n'),
    );
    const wider = createDiagnostic('unclosed-brace', 'm.poet', rangeOf(text, 'yn {', 8), { what: 'x' });
    assert.equal(printDiagnostic(wider, text).split('\n')[2], '      |         ~~~~');
  });

  it('marks an empty range with one caret, also at the end of a line', () => {
    const text = '4) single x\n';
    const atEnd = new LineMap(text).range(11, 11);
    const d = createDiagnostic('missing-token', 'e.poet', atEnd, { expected: 'the text of the question', after: "'x'" });
    assert.equal(
      printDiagnostic(d, text),
      [
        "e.poet(1,12): error POET1102: Expected the text of the question after 'x'.",
        '    1 | 4) single x',
        '      |            ^',
      ].join('\n'),
    );
    const inside = createDiagnostic('missing-token', 'e.poet', new LineMap(text).range(3, 3), { expected: 'a', after: 'b' });
    assert.equal(printDiagnostic(inside, text).split('\n')[2], '      |    ^');
  });

  it('cuts a long line around the range, marking the cuts with …', () => {
    const line = `${'a'.repeat(200)}mutli${'b'.repeat(195)}`; // 400 columns
    const printed = printDiagnostic(unknownWord('l.poet', rangeOf(line, 'mutli')), line).split('\n');
    const shown = printed[1]!.slice('    1 | '.length);
    assert.equal(shown, `…${'a'.repeat(40)}mutli${'b'.repeat(113)}…`);
    assert.equal(shown.length, MAX_LINE_WIDTH);
    assert.equal(printed[2], `      | ${' '.repeat(41)}~~~~~`);

    // Near the start: cut only at the end.
    const early = `xx mutli ${'c'.repeat(300)}`;
    const e = printDiagnostic(unknownWord('l.poet', rangeOf(early, 'mutli')), early).split('\n');
    assert.equal(e[1], `    1 | ${early.slice(0, MAX_LINE_WIDTH - 1)}…`);
    assert.equal(e[2], '      |    ~~~~~');

    // Near the end: cut only at the start, and the window is filled from the end.
    const late = `${'d'.repeat(300)} mutli`;
    const l = printDiagnostic(unknownWord('l.poet', rangeOf(late, 'mutli')), late).split('\n');
    assert.equal(l[1], `    1 | …${late.slice(late.length - (MAX_LINE_WIDTH - 1))}`);
    assert.equal(l[2], `      | ${' '.repeat(MAX_LINE_WIDTH - 5)}~~~~~`);

    // A range longer than the window is underlined up to the cut.
    const huge = createDiagnostic('unterminated-string', 'l.poet', new LineMap(early).range(3, early.length));
    assert.equal(printDiagnostic(huge, early).split('\n')[2], `      |    ${'~'.repeat(MAX_LINE_WIDTH - 1 - 3)}`);
  });

  it('does not cut a line of exactly the maximum width', () => {
    const line = `mutli${'e'.repeat(MAX_LINE_WIDTH - 5)}`;
    assert.equal(printDiagnostic(unknownWord('l.poet', rangeOf(line, 'mutli')), line).split('\n')[1], `    1 | ${line}`);
  });

  it('prints without source when there is none, when the line is beyond the text, and for an empty file', () => {
    const text = 'survey s "T"\n';
    const beyond: SourceRange = { start: { offset: 90, line: 9, column: 1 }, end: { offset: 91, line: 9, column: 2 } };
    const expected = [
      "x.poet(9,1): error POET1101: Unknown word 'mutli' here; expected a question kind.",
      "  hint: Did you mean 'multi'?",
    ].join('\n');
    assert.equal(printDiagnostic(unknownWord('x.poet', beyond), text), expected);
    assert.equal(printDiagnostic(unknownWord('x.poet', beyond), undefined), expected);

    const empty = createDiagnostic('empty-file', 'empty.poet', new LineMap('').range(0, 0));
    assert.equal(
      printDiagnostic(empty, ''),
      [
        'empty.poet(1,1): error POET1002: This file is empty.',
        '  hint: A survey file starts with a line such as: survey my_survey "Title of the survey"',
      ].join('\n'),
    );
  });

  it('shows an empty source line without trailing spaces', () => {
    const text = 'survey s "T"\n\n';
    const d = createDiagnostic('missing-token', 'b.poet', new LineMap(text).range(13, 13), { expected: 'a', after: 'b' });
    assert.deepEqual(printDiagnostic(d, text).split('\n').slice(1), ['    2 |', '      | ^']);
  });

  it('widens the gutter for line numbers of more than five digits', () => {
    const text = `${'\n'.repeat(123456)}mutli`;
    const printed = printDiagnostic(unknownWord('big.poet', rangeOf(text, 'mutli')), text).split('\n');
    assert.deepEqual(printed.slice(1, 3), ['123457 | mutli', '       | ~~~~~']);
  });

  it('makes control characters visible and keeps two-unit characters whole', () => {
    const text = 'a\u001b[31m "\u{1F600}" mutli';
    const printed = printDiagnostic(unknownWord('c.poet', rangeOf(text, 'mutli')), text).split('\n');
    assert.equal(printed[1], '    1 | a\u241b[31m "\u{1F600}" mutli');
    // The emoji takes two UTF-16 units and is counted as two columns, as terminals show it.
    assert.equal(printed[2], `      | ${' '.repeat(text.indexOf('mutli'))}~~~~~`);
    const message = createDiagnostic('unexpected-character', 'c.poet', rangeOf(text, '\u001b'), { char: '\u001b' });
    assert.ok(printDiagnostic(message, text).startsWith("c.poet(1,2): error POET1004: Unexpected character '\u241b'."));
  });

  it('colours only when asked, with plain ANSI codes around the same text', () => {
    const text = '4) mutli x "Q"\n';
    const d = unknownWord('k.poet', rangeOf(text, 'mutli'));
    const plain = printDiagnostic(d, text);
    assert.ok(!plain.includes('\u001b'));
    assert.equal(printDiagnostic(d, text, { color: false }), plain);
    const coloured = printDiagnostic(d, text, { color: true });
    assert.ok(coloured.includes('\u001b[31m'));
    assert.equal(coloured.replace(/\u001b\[[0-9;]*m/g, ''), plain);
  });
});

describe('printDiagnostics', () => {
  it('separates diagnostics by a blank line and looks each file up', () => {
    const a = '4) mutli x "Q"\n';
    const sources = new Map([['a.poet', a]]);
    const asked: string[] = [];
    const printed = printDiagnostics(
      [unknownWord('a.poet', rangeOf(a, 'mutli')), createDiagnostic('empty-file', 'b.poet', new LineMap('').range(0, 0))],
      (file) => {
        asked.push(file);
        return sources.get(file);
      },
    );
    assert.deepEqual(asked, ['a.poet', 'b.poet']);
    assert.equal(
      printed,
      [
        "a.poet(1,4): error POET1101: Unknown word 'mutli' here; expected a question kind.",
        '    1 | 4) mutli x "Q"',
        '      |    ~~~~~',
        "  hint: Did you mean 'multi'?",
        '',
        'b.poet(1,1): error POET1002: This file is empty.',
        '  hint: A survey file starts with a line such as: survey my_survey "Title of the survey"',
      ].join('\n'),
    );
    assert.equal(printDiagnostics([], () => undefined), '');
  });
});

describe('printSummary', () => {
  const r = new LineMap('x').range(0, 1);
  const error = createDiagnostic('unexpected-character', 'f.poet', r, { char: '@' });
  const warning = createDiagnostic('tab-character', 'f.poet', r);
  it('counts errors and warnings with singular and plural', () => {
    assert.equal(printSummary([], 6), 'Checked 6 files: no problems.');
    assert.equal(printSummary([], 1), 'Checked 1 file: no problems.');
    assert.equal(printSummary([error, error, warning], 6), 'Checked 6 files: 2 errors, 1 warning.');
    assert.equal(printSummary([error], 1), 'Checked 1 file: 1 error.');
    assert.equal(printSummary([warning, warning], 2), 'Checked 2 files: 2 warnings.');
  });
});
