import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, type Condition, type QuestionNode, type SectionNode } from '../src/index.js';

function parseOk(text: string) {
  const result = parse(text, 'test.poet');
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  return result.file;
}

function strip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'range' ? undefined : v)));
}

test('a header with fields, an import, an option set and a section', () => {
  const file = parseOk(`survey parent_ehc "Parents"
  version "1.0.0"
  language "en-GB"
import "banks/common.poet"
options yes_no { 1 yes "Yes"  2 no "No" }
section sec_a "A" {
  ask if consent = yes
  1) text la_name "Council?" max 100
}
`);
  assert.equal(file.header?.id.text, 'parent_ehc');
  assert.deepEqual(file.header?.fields.map((f) => [f.name, f.value.value]), [['version', '1.0.0'], ['language', 'en-GB']]);
  assert.equal(file.imports[0]?.path.value, 'banks/common.poet');
  const section = file.items[1] as SectionNode;
  assert.equal(section.attributes[0]?.kind, 'AskIf');
  const question = section.items[0] as QuestionNode;
  assert.equal(question.number?.text, '1');
  assert.deepEqual(strip(question.attributes[0]), { kind: 'Max', value: { kind: 'Number', text: '100', value: 100 } });
});

test('keywords are not reserved: options may be called other, none, always', () => {
  const file = parseOk(`survey s "S"
options o { 1 other "Other" specify  2 none "None" exclusive  3 always "Always" }
`);
  const set = file.items[0];
  assert.equal(set?.kind, 'OptionSet');
  if (set?.kind === 'OptionSet') assert.deepEqual(set.options.map((o) => o.value.text), ['other', 'none', 'always']);
});

test('conditions: precedence, grouping, every atom', () => {
  const file = parseOk(`survey s "S"
section a "A" {
  text t "T" ask if a = yes or b != no and not (c in (x, y) or d includes z) and count(m) >= 2 and n < 5 and e is not answered and f contains g and h is answered and k <= 2014-01-01
}
`);
  const question = (file.items[0] as SectionNode).items[0] as QuestionNode;
  const askIf = question.attributes[0];
  assert.equal(askIf?.kind, 'AskIf');
  const condition = (askIf as { condition: Condition }).condition;
  assert.equal(condition.kind, 'Or');
  if (condition.kind !== 'Or') return;
  assert.equal(condition.operands[0]?.kind, 'Comparison');
  const and = condition.operands[1];
  assert.equal(and?.kind, 'And');
  if (and?.kind !== 'And') return;
  assert.deepEqual(and.operands.map((o) => o.kind), ['Comparison', 'Not', 'Count', 'Comparison', 'Answered', 'Includes', 'Answered', 'Comparison']);
  const not = and.operands[1];
  assert.ok(not?.kind === 'Not' && not.operand.kind === 'Group');
});

test('string blocks lose their common indentation and outer line breaks', () => {
  const file = parseOk(`survey s "S"
  intro """
    First line
      indented

    After a blank line
    """
`);
  assert.equal(file.header?.fields[0]?.value.value, 'First line\n  indented\n\nAfter a blank line');
});

test('escapes in one-line strings', () => {
  const file = parseOk('survey s "Say \\"hi\\" \\\\ bye"\n');
  assert.equal(file.header?.title.value, 'Say "hi" \\ bye');
});

test('a question number is only a number label at the start of a line', () => {
  const file = parseOk(`survey s "S"
section a "A" {
  4a) text t "T" ask if (n >= 5)
}
`);
  const question = (file.items[0] as SectionNode).items[0] as QuestionNode;
  assert.equal(question.number?.text, '4a');
});

test('use of a bank question with overrides, row subsets and row conditions', () => {
  const file = parseOk(`survey s "S"
section a "A" {
  19) use process_ease "How easy?" rows get_info, assessment
    row assessment ask if pb_aware = yes
}
`);
  const use = (file.items[0] as SectionNode).items[0];
  assert.equal(use?.kind, 'Use');
  if (use?.kind !== 'Use') return;
  assert.deepEqual(use.attributes.map((a) => a.kind), ['RowSubset', 'RowCondition']);
});

test('option set definitions after a bank question are not taken as its attribute', () => {
  const file = parseOk(`bank b "Bank"
single q "Q" options yes_no
options yes_no "Yes or no" { 1 yes "Yes" 2 no "No" }
options other_set { 1 a "A" }
`);
  assert.deepEqual(file.items.map((i) => i.kind), ['Question', 'OptionSet', 'OptionSet']);
});

test('every node range lies inside the text and ranges nest', () => {
  const text = `survey s "S"
section a "A" {
  1) single q "Q" options { 1 yes "Yes" } ask if x = 1
}
`;
  const file = parseOk(text);
  const visit = (node: unknown, parent?: { start: { offset: number }; end: { offset: number } }): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, parent));
    if (node === null || typeof node !== 'object') return;
    const range = (node as { range?: { start: { offset: number }; end: { offset: number } } }).range;
    if (range) {
      assert.ok(range.start.offset <= range.end.offset && range.end.offset <= text.length);
      if (parent) assert.ok(parent.start.offset <= range.start.offset && range.end.offset <= parent.end.offset);
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'range' && key !== 'comments') visit(value, range ?? parent);
  };
  visit(file);
});

test('parsing is repeatable: the shared parser keeps no state between files', () => {
  const broken = parse('survey s "S"\nsection a "A" {\n  mutli q "Q"\n}\n', 'a.poet');
  assert.ok(broken.diagnostics.length > 0);
  const clean = parse('survey s "S"\n', 'b.poet');
  assert.deepEqual(clean.diagnostics, []);
});

test('markup problems in a text block point at the right column, even after a line of non-breaking spaces', () => {
  const result = parse('survey s "S"\n  intro """\n    \u00a0\n    **unclosed\n    """\n', 'test.poet');
  const bold = result.diagnostics.find((d) => d.code === 'POET1201');
  assert.equal(`${bold?.range.start.line}:${bold?.range.start.column}`, '4:5');
});

test('line and column of any offset, in any order of lookup', async () => {
  const { LineMap } = await import('../src/source.js');
  const text = 'ab\ncd\r\nef\rg\n\nh';
  const map = new LineMap(text);
  const expected = (offset: number): string => {
    const before = text.slice(0, offset).split(/\r\n|\r|\n/);
    return `${before.length}:${before[before.length - 1]!.length + 1}`;
  };
  // (An offset between the \r and \n of a CRLF is still on the first line; the oracle cannot say so.)
  const offsets = [...Array(text.length + 1).keys()].filter((o) => !(text[o - 1] === '\r' && text[o] === '\n'));
  for (const order of [offsets, [...offsets].reverse(), [5, 0, 13, 2, 9, 9, 3, 12, 1]]) {
    for (const offset of order) {
      const p = map.position(offset);
      assert.equal(`${p.line}:${p.column}`, expected(offset), `offset ${offset}`);
    }
  }
});
