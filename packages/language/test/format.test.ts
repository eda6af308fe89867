import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { PoetFile, StringLiteral } from '../src/ast.js';
import { canWriteString, unwritableReason } from '../src/format/strings.js';
import { formatFile, formatSource, parse } from '../src/index.js';
import { comparableTree } from './support/generate.js';

/** Formats a source that must have no errors. */
function fmt(source: string): string {
  const result = formatSource(source, 'test.poet');
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`),
    [],
    'the input must have no errors',
  );
  assert.ok(result.output !== undefined);
  return result.output;
}

/** Lines joined with line breaks, ending with one. */
function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/** Formats, and checks the result is stable and means the same as the input. */
function check(source: string, expected: string): void {
  const output = fmt(source);
  assert.equal(output, expected);
  assert.equal(fmt(output), output, 'formatting is idempotent');
  assert.deepEqual(comparableTree(parse(output, 'out.poet').file), comparableTree(parse(source, 'in.poet').file));
}

const HEADER = 'survey s "S"';

describe('format: header and imports', () => {
  it('prints the header line and its fields, one per line', () => {
    check(
      'survey   demo "Demo survey" version "1.0" language\n"en-GB"   audience "Parents" privacy "P" thanks "T" intro "I"',
      lines('survey demo "Demo survey"', '  version "1.0"', '  language "en-GB"', '  audience "Parents"', '  privacy "P"', '  thanks "T"', '  intro "I"'),
    );
  });

  it('prints a bank header', () => {
    check('bank common "Shared"\n  version "2"\n', lines('bank common "Shared"', '  version "2"'));
  });

  it('puts a blank line before the imports, one import per line', () => {
    check(
      'survey s "S" version "1" import "banks/a.poet" import "banks/b.poet"',
      lines('survey s "S"', '  version "1"', '', 'import "banks/a.poet"', 'import "banks/b.poet"'),
    );
  });

  it('keeps one blank line the designer put between header fields or imports', () => {
    check(
      'survey s "S"\n  version "1"\n\n\n\n  language "en"\nimport "a.poet"\n\n\nimport "b.poet"\n',
      lines('survey s "S"', '  version "1"', '', '  language "en"', '', 'import "a.poet"', '', 'import "b.poet"'),
    );
  });

  it('removes blank lines at the start and end of the file', () => {
    check('\n\n\nsurvey s "S"\n\n\n\n', lines('survey s "S"'));
  });
});

describe('format: option sets', () => {
  it('aligns codes to the right and value names to the widest', () => {
    check(
      `${HEADER}\noptions reasons "Reasons" {\n1 learning_disability "Learning disability"\n96 other "Other – please describe" specify\n98 dont_know "Don't know" exclusive missing dont_know\n}`,
      lines(
        HEADER,
        '',
        'options reasons "Reasons" {',
        '   1 learning_disability "Learning disability"',
        '  96 other               "Other – please describe" specify',
        '  98 dont_know           "Don\'t know" exclusive missing dont_know',
        '}',
      ),
    );
  });

  it('prints a set without a title, and an empty set', () => {
    check(`${HEADER}\noptions yes_no { 1 yes "Yes" 2 no "No" }\noptions empty {}`, lines(HEADER, '', 'options yes_no {', '  1 yes "Yes"', '  2 no  "No"', '}', '', 'options empty {', '}'));
  });

  it('keeps option codes as written', () => {
    check(`${HEADER}\noptions o { 007 a "A" 10 b "B" }`, lines(HEADER, '', 'options o {', '  007 a "A"', '   10 b "B"', '}'));
  });

  it('keeps flags in their order, and option names that are keywords', () => {
    check(
      `${HEADER}\noptions o { 1 other "O" specify exclusive 2 none "N" missing refused exclusive }`,
      lines(HEADER, '', 'options o {', '  1 other "O" specify exclusive', '  2 none  "N" missing refused exclusive', '}'),
    );
  });
});

describe('format: sections and items', () => {
  it('prints a section with attributes, then items separated by one blank line', () => {
    check(
      `${HEADER}\nsection s1 "One" { ask if a = yes intro "Hello" text t1 "T1" text t2 "T2" }`,
      lines(HEADER, '', 'section s1 "One" {', '  ask if a = yes', '  intro "Hello"', '', '  text t1 "T1"', '', '  text t2 "T2"', '}'),
    );
  });

  it('puts no blank line after the opening line or before the closing brace', () => {
    check(`${HEADER}\nsection s1 "One" {\n\n\n  text t1 "T1"\n\n\n}\n`, lines(HEADER, '', 'section s1 "One" {', '  text t1 "T1"', '}'));
  });

  it('prints an empty section', () => {
    check(`${HEADER}\nsection s1 "One" {}`, lines(HEADER, '', 'section s1 "One" {', '}'));
  });

  it('puts one blank line between top-level items', () => {
    check(
      `${HEADER}\nconsent c "OK?" options yes_no\nif c = no end "Bye"\nsection s1 "One" { text t "T" }\noptions o { 1 a "A" }`,
      lines(HEADER, '', 'consent c "OK?"', '  options yes_no', 'if c = no end "Bye"', '', 'section s1 "One" {', '  text t "T"', '}', '', 'options o {', '  1 a "A"', '}'),
    );
  });

  it('prints every question kind with its number label', () => {
    const kinds = ['consent', 'single', 'yesno', 'multi', 'text', 'long_text', 'number', 'date', 'grid', 'info'];
    const source = `${HEADER}\nsection s "S" {\n${kinds.map((k, i) => `${i + 1}${i % 2 === 0 ? '' : 'a'})   ${k}   q_${k} "Q"`).join('\n')}\n}`;
    const expected = kinds.map((k, i) => `  ${i + 1}${i % 2 === 0 ? '' : 'a'}) ${k} q_${k} "Q"`);
    check(source, lines(HEADER, '', 'section s "S" {', ...expected.flatMap((line, i) => (i === 0 ? [line] : ['', line])), '}'));
  });

  it('prints use, with and without a text', () => {
    check(
      `${HEADER}\nsection s "S" {\n1) use la_name "Override"\nuse age_band\n}`,
      lines(HEADER, '', 'section s "S" {', '  1) use la_name "Override"', '', '  use age_band', '}'),
    );
  });

  it('keeps a routing line straight under its question when the designer wrote it so, and keeps a blank line where written', () => {
    check(
      `${HEADER}\nsection s "S" {\ntext a "A"\n\n\nif a is answered goto s2\ntext b "B"\nif b is answered end "Bye"\n}`,
      lines(HEADER, '', 'section s "S" {', '  text a "A"', '', '  if a is answered goto s2', '', '  text b "B"', '  if b is answered end "Bye"', '}'),
    );
  });

  it('prints routing lines at item indentation', () => {
    check(
      `${HEADER}\nsection s "S" {\ntext a "A"\nif a is answered goto s2\nif a is not answered end "Bye"\nend "Done"\n}`,
      lines(
        HEADER,
        '',
        'section s "S" {',
        '  text a "A"',
        '  if a is answered goto s2',
        '',
        '  if a is not answered end "Bye"',
        '',
        '  end "Done"',
        '}',
      ),
    );
  });
});

describe('format: attributes', () => {
  const q = (attributes: string): string => `${HEADER}\nsection s "S" {\n4a) single q "Q" ${attributes}\n}`;
  const out = (...attributes: string[]): string =>
    lines(HEADER, '', 'section s "S" {', '  4a) single q "Q"', ...attributes.map((a) => (a === '' ? a : `    ${a}`)), '}');

  it('prints each attribute on its own line, two spaces under the question', () => {
    check(
      q('hint "H" optional required ask if a = 1 min 0 max 2.50 whole options yes_no'),
      out('hint "H"', 'optional', 'required', 'ask if a = 1', 'min 0', 'max 2.50', 'whole', 'options yes_no'),
    );
  });

  it('prints dates and today as limits', () => {
    check(q('min 2011-09-01 max today'), out('min 2011-09-01', 'max today'));
  });

  it('prints piped options and inline options', () => {
    check(
      q('options from main_reason options { 1 a "A" 22 bb "B" }'),
      out('options from main_reason', 'options {', '   1 a  "A"', '  22 bb "B"', '}'),
    );
  });

  it('prints scales and rows of a grid', () => {
    check(
      q('scale ease6 scale { 1 easy "Easy" 2 hard "Hard" } rows { get_info "Get information" ask if a = yes plan "Plan" }'),
      out(
        'scale ease6',
        'scale {',
        '  1 easy "Easy"',
        '  2 hard "Hard"',
        '}',
        'rows {',
        '  get_info "Get information" ask if a = yes',
        '  plan     "Plan"',
        '}',
      ),
    );
  });

  it('prints row subsets, row conditions and checks', () => {
    check(
      q('rows a ,b,   c row b ask if x=yes check n <= m "Must be smaller"'),
      out('rows a, b, c', 'row b ask if x = yes', 'check n <= m "Must be smaller"'),
    );
  });

  it('keeps one blank line the designer put between attributes, and none where they put none', () => {
    check(q('hint "H"\n\n\n\n optional\n ask if a = 1\n\n min 2'), out('hint "H"', '', 'optional', 'ask if a = 1', '', 'min 2'));
  });

  it('puts no blank line between a question line and its first attribute', () => {
    check(q('\n\n\n    hint "H"'), out('hint "H"'));
  });

  it('keeps a blank line between options', () => {
    check(q('options {\n1 a "A"\n\n2 b "B"\n}'), out('options {', '  1 a "A"', '', '  2 b "B"', '}'));
  });
});

describe('format: conditions', () => {
  const cond = (condition: string): string => `${HEADER}\nsection s "S" {\ntext q "Q" ask if ${condition}\n}`;
  const printed = (condition: string): string => lines(HEADER, '', 'section s "S" {', '  text q "Q"', `    ask if ${condition}`, '}');

  it('prints comparisons with single spaces', () => {
    check(cond('a=yes and b!=2 and c<-1.5 and d<=2011-09-01 and e>f and g>=007'), printed('a = yes and b != 2 and c < -1.5 and d <= 2011-09-01 and e > f and g >= 007'));
  });

  it('prints count, in, includes and answered', () => {
    check(
      cond('count ( a )>=2 or b in(x,y , z) or c includes d or e is answered or f is not answered'),
      printed('count(a) >= 2 or b in (x, y, z) or c includes d or e is answered or f is not answered'),
    );
  });

  it('prints contains as includes', () => {
    check(cond('a contains b'), printed('a includes b'));
  });

  it('keeps the brackets of the source, and only those', () => {
    check(cond('(a = 1 or b = 2) and not (c = 3) and ((d is answered))'), printed('(a = 1 or b = 2) and not (c = 3) and ((d is answered))'));
    check(cond('a = 1 or b = 2 and c = 3'), printed('a = 1 or b = 2 and c = 3'));
  });

  it('prints not, and not not', () => {
    check(cond('not a = 1 and not not b is answered'), printed('not a = 1 and not not b is answered'));
  });

  it('joins a condition split over several lines', () => {
    check(cond('a = 1\n      and\n      b = 2'), printed('a = 1 and b = 2'));
  });

  it('prints goto and end conditions', () => {
    check(
      `${HEADER}\nif   count(a)>1   goto   s2\nif(a=1)end "X"`,
      lines(HEADER, '', 'if count(a) > 1 goto s2', '', 'if (a = 1) end "X"'),
    );
  });

  it('adds brackets that a hand-built tree needs', () => {
    const file = parse(cond('(a = 1 or b = 2) and c = 3'), 'x.poet').file;
    // Remove the Group node: the tree now says `And(Or(a, b), c)` without brackets.
    const section = file.items[0];
    assert.ok(section?.kind === 'Section');
    const question = section.items[0];
    assert.ok(question?.kind === 'Question');
    const askIf = question.attributes[0];
    assert.ok(askIf?.kind === 'AskIf' && askIf.condition.kind === 'And');
    const group = askIf.condition.operands[0];
    assert.ok(group?.kind === 'Group');
    const stripped: PoetFile = {
      ...file,
      items: [{ ...section, items: [{ ...question, attributes: [{ ...askIf, condition: { ...askIf.condition, operands: [group.operand, ...askIf.condition.operands.slice(1)] } }] }] }],
    };
    assert.match(formatFile(stripped), /ask if \(a = 1 or b = 2\) and c = 3\n/);
  });
});

describe('format: comments', () => {
  it('keeps comments before the header and at the end of the file', () => {
    check('# one\n\n# two\nsurvey s "S"\n# end one\n\n\n# end two\n', lines('# one', '', '# two', 'survey s "S"', '# end one', '', '# end two'));
  });

  it('keeps trailing comments on the line of the code they follow', () => {
    check(
      `${HEADER}   # header\noptions o {   # block\n1 a "A"    # R1\n96 other "Other" specify # R5\n}   # after\n`,
      lines(`${HEADER}  # header`, '', 'options o {  # block', '   1 a     "A"  # R1', '  96 other "Other" specify  # R5', '}  # after'),
    );
  });

  it('indents own-line comments like the item, attribute, option or row below them', () => {
    check(
      `${HEADER}\n# about the section\nsection s "S" {\n# about q\ngrid q "Q"\n# about the scale\nscale ease6\nrows {\n# about r1\nr1 "R1"\n}\n}`,
      lines(
        HEADER,
        '',
        '# about the section',
        'section s "S" {',
        '  # about q',
        '  grid q "Q"',
        '    # about the scale',
        '    scale ease6',
        '    rows {',
        '      # about r1',
        '      r1 "R1"',
        '    }',
        '}',
      ),
    );
  });

  it('keeps comments before a closing brace inside the block', () => {
    check(
      `${HEADER}\nsection s "S" {\ntext q "Q"\noptions {\n1 a "A"\n# last option\n}\n# last item\n}`,
      lines(HEADER, '', 'section s "S" {', '  text q "Q"', '    options {', '      1 a "A"', '      # last option', '    }', '  # last item', '}'),
    );
  });

  it('keeps comments in an empty block', () => {
    check(`${HEADER}\noptions o {\n# nothing yet\n}`, lines(HEADER, '', 'options o {', '  # nothing yet', '}'));
  });

  it('moves a comment written inside a condition above its line, in order', () => {
    check(
      `${HEADER}\ntext q "Q"\n  ask if a = 1 # first\n    # second\n    and b = 2 # third\n`,
      lines(HEADER, '', 'text q "Q"', '  # first', '  # second', '  ask if a = 1 and b = 2  # third'),
    );
  });

  it('keeps the text of a comment, without trailing spaces', () => {
    check(`${HEADER}\n#   spaced   \t\n#\n##x "y" {\n`, lines(HEADER, '#   spaced', '#', '##x "y" {'));
  });

  it('keeps one blank line around own-line comments where the designer put one', () => {
    check(
      `${HEADER}\nsection s "S" {\ntext a "A"\n  hint "H"\n\n\n  # about optional\n\n  optional\n  # about min\n  min 1\n}`,
      lines(HEADER, '', 'section s "S" {', '  text a "A"', '    hint "H"', '', '    # about optional', '', '    optional', '    # about min', '    min 1', '}'),
    );
  });

  it('puts the mandatory blank line between items before the comments of the next item', () => {
    check(
      `${HEADER}\nsection s "S" {\ntext a "A"\n# about b\ntext b "B"\n}`,
      lines(HEADER, '', 'section s "S" {', '  text a "A"', '', '  # about b', '  text b "B"', '}'),
    );
  });
});

describe('format: strings', () => {
  const hint = (literal: string): string => `${HEADER}\ntext q "Q"\n  hint ${literal}\n`;

  it('escapes quotes and backslashes', () => {
    check(hint('"say \\"hi\\" \\\\ \\"\\"\\" ok"'), lines(HEADER, '', 'text q "Q"', '  hint "say \\"hi\\" \\\\ \\"\\"\\" ok"'));
  });

  it('prints a block without a line break as a one-line string', () => {
    check(hint('"""\n      Just one line\n   """'), lines(HEADER, '', 'text q "Q"', '  hint "Just one line"'));
    check(hint('"""inline"""'), lines(HEADER, '', 'text q "Q"', '  hint "inline"'));
  });

  it('prints a text over several lines as a block under its attribute', () => {
    check(
      hint('"""\n        First paragraph\n          indented line\n\n        - item\n    """'),
      lines(HEADER, '', 'text q "Q"', '  hint """', '    First paragraph', '      indented line', '', '    - item', '    """'),
    );
  });

  it('keeps leading and trailing empty lines and trailing spaces of a block', () => {
    const source = hint('"""\n\n   a  \n\n\n   """');
    const output = fmt(source);
    assert.equal(output, lines(HEADER, '', 'text q "Q"', '  hint """', '', '    a  ', '', '', '    """'));
    const hintValue = (text: string): string => {
      const item = parse(text, 'x.poet').file.items[0];
      assert.ok(item?.kind === 'Question' && item.attributes[0]?.kind === 'Hint');
      return item.attributes[0].text.value;
    };
    assert.equal(hintValue(output), '\na  \n\n');
    assert.equal(hintValue(output), hintValue(source));
  });

  it('reads CRLF and CR line ends in a block as line breaks', () => {
    check(hint('"""\r\n  a\r  b\r\n  """'), lines(HEADER, '', 'text q "Q"', '  hint """', '    a', '    b', '    """'));
  });

  it('indents blocks by their line: header fields, titles, option labels, messages', () => {
    check(
      'survey s """\nTitle\nover two lines\n"""\n intro """\n  Hello\n  there\n  """\nsection x "X" {\n single q "Q"\n  options {\n   1 a """\n  A\n  B\n  """ specify # c\n  }\n  if q = a end """\nBye\nnow\n"""\n}',
      lines(
        'survey s """',
        '  Title',
        '  over two lines',
        '  """',
        '  intro """',
        '    Hello',
        '    there',
        '    """',
        '',
        'section x "X" {',
        '  single q "Q"',
        '    options {',
        '      1 a """',
        '        A',
        '        B',
        '        """ specify  # c',
        '    }',
        '  if q = a end """',
        '    Bye',
        '    now',
        '    """',
        '}',
      ),
    );
  });

  it('says which values cannot be written', () => {
    assert.equal(canWriteString('plain "quoted" \\ """'), true);
    assert.equal(canWriteString('\na\n\n'), true);
    assert.equal(canWriteString('a\n  b'), true);
    assert.equal(canWriteString('\n'), true);
    assert.match(unwritableReason('a\rb') ?? '', /carriage return/);
    assert.match(unwritableReason('a\n"""') ?? '', /"""/);
    assert.match(unwritableReason('a\n  \nb') ?? '', /only spaces or tabs/);
    assert.match(unwritableReason('  a\n  b') ?? '', /indented/);
  });

  it('refuses to print a tree holding a value that cannot be written', () => {
    const file = parse(hint('"x"'), 'x.poet').file;
    const item = file.items[0];
    assert.ok(item?.kind === 'Question' && item.attributes[0]?.kind === 'Hint');
    const text: StringLiteral = { ...item.attributes[0].text, value: 'a\n"""\nb' };
    const broken: PoetFile = { ...file, items: [{ ...item, attributes: [{ ...item.attributes[0], text }] }] };
    assert.throws(() => formatFile(broken), RangeError);
  });
});

describe('format: layout characters', () => {
  it('writes spaces and LF only', () => {
    const output = fmt('survey s "S"\r\n\tversion "1"\r\nsection a "A" {\r\n\ttext q "Q"\r\n\t\thint "a\tb"\r\n}\r\n');
    assert.equal(output, lines('survey s "S"', '  version "1"', '', 'section a "A" {', '  text q "Q"', '    hint "a\tb"', '}'));
  });

  it('ignores a byte-order mark', () => {
    check('\ufeffsurvey s "S"', lines(HEADER));
  });
});

describe('formatSource', () => {
  it('gives no output for a file with errors, with the diagnostics', () => {
    const result = formatSource('survey s "S"\nsection a "A" {\n  single q "unclosed\n}\n', 'bad.poet');
    assert.equal(result.output, undefined);
    assert.ok(result.diagnostics.some((d) => d.severity === 'error'));
  });

  it('formats a file with warnings only, and returns the warnings', () => {
    const result = formatSource('survey s "S"\n\tversion "1"\n', 'tabs.poet');
    assert.equal(result.output, lines('survey s "S"', '  version "1"'));
    assert.ok(result.diagnostics.length > 0 && result.diagnostics.every((d) => d.severity === 'warning'));
  });
});

describe('format: examples', () => {
  const root = fileURLToPath(new URL('../../../../', import.meta.url));
  const files = ['examples', 'examples/banks'].flatMap((dir) => {
    let names: string[] = [];
    try {
      names = readdirSync(`${root}${dir}`).filter((name) => name.endsWith('.poet'));
    } catch {
      // no such folder yet
    }
    return names.sort().map((name) => `${dir}/${name}`);
  });

  it('finds the examples', () => {
    assert.ok(files.length > 0, `no .poet files under ${root}examples`);
  });

  for (const path of files) {
    it(`${path} formats idempotently and keeps its meaning`, () => {
      const source = readFileSync(`${root}${path}`, 'utf8');
      const output = fmt(source);
      assert.equal(fmt(output), output, 'formatting is idempotent');
      assert.deepEqual(comparableTree(parse(output, path).file), comparableTree(parse(source, path).file));
      assert.ok(!output.includes('\r'), 'no carriage returns');
      for (const line of output.split('\n')) assert.doesNotMatch(line, /^\t|[ \t]$/, 'no tabs for indentation, no trailing spaces');
    });
  }
});
