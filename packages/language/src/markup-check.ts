/** Reports markup problems in the texts of a parsed file, located in the source. */
import type { PoetFile, QuestionAttribute, SectionItem, StringLiteral, TopLevelItem } from './ast.js';
import { createDiagnostic, type Diagnostic } from './diagnostics/diagnostic.js';
import { findHtml, parseMarkup, type MarkupProblem } from './markup.js';
import type { LineMap } from './source.js';

/**
 * Maps an offset in a string's decoded value to an offset in the source, by replaying the
 * decoding of docs/grammar.md over the literal's raw text.
 */
export function valueOffsetToSource(text: string, literal: StringLiteral, index: number): number {
  const start = literal.range.start.offset;
  const end = literal.range.end.offset;
  if (end <= start) return start;
  if (!literal.block) {
    let source = start + 1;
    let value = 0;
    while (value < index && source < end) {
      source += text[source] === '\\' ? 2 : 1;
      value += 1;
    }
    return Math.min(source, end);
  }
  // Block: rebuild the list of source lines that became value lines, with the indentation removed.
  const closed = text.startsWith('"""', end - 3) && end - 3 > start;
  const bodyStart = start + 3;
  const bodyEnd = closed ? end - 3 : end;
  const lineStarts: number[] = [bodyStart];
  for (let i = bodyStart; i < bodyEnd; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\n' || text[i] === '\r') lineStarts.push(i + 1);
  }
  const lineText = (k: number): string => {
    const from = lineStarts[k]!;
    const to = k + 1 < lineStarts.length ? lineStarts[k + 1]! : bodyEnd;
    return text.slice(from, to).replace(/\r?\n$|\r$/, '');
  };
  // The same notion of a blank line as decodeBlock: spaces and tabs only.
  const blank = (line: string): boolean => /^[ \t]*$/.test(line);
  let first = 0;
  let count = lineStarts.length;
  if (count > 1 && blank(lineText(0))) {
    first = 1;
    count -= 1;
  }
  if (count > 1 && blank(lineText(first + count - 1))) count -= 1;
  let indent = Infinity;
  for (let k = first; k < first + count; k++) {
    const line = lineText(k);
    if (blank(line)) continue;
    indent = Math.min(indent, line.length - line.replace(/^[ \t]+/, '').length);
  }
  if (indent === Infinity) indent = 0;
  let remaining = index;
  for (let k = first; k < first + count; k++) {
    const line = lineText(k);
    const valueLength = blank(line) ? 0 : line.length - indent;
    if (remaining <= valueLength) return lineStarts[k]! + (blank(line) ? 0 : indent) + remaining;
    remaining -= valueLength + 1;
  }
  return bodyEnd;
}

const MARKUP_CHARACTER = /[*[<]/;

export function checkMarkupInFile(file: PoetFile, text: string, lines: LineMap, fileName: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (literal: StringLiteral, problems: readonly MarkupProblem[]): void => {
    for (const problem of problems) {
      const start = valueOffsetToSource(text, literal, problem.start);
      const end = Math.max(start, valueOffsetToSource(text, literal, problem.end));
      out.push(createDiagnostic(problem.id, fileName, lines.range(start, end), problem.args));
    }
  };
  // Most texts contain no markup character at all, and so can have no markup problem.
  const block = (literal: StringLiteral | undefined): void => {
    if (literal && MARKUP_CHARACTER.test(literal.value)) report(literal, parseMarkup(literal.value).problems);
  };
  const plain = (literal: StringLiteral | undefined): void => {
    if (literal && literal.value.includes('<')) report(literal, findHtml(literal.value));
  };
  const attributes = (list: readonly QuestionAttribute[]): void => {
    for (const attribute of list) {
      if (attribute.kind === 'Hint') block(attribute.text);
      else if (attribute.kind === 'Check') plain(attribute.message);
      else if (attribute.kind === 'InlineOptions') for (const o of attribute.options) plain(o.label);
      else if (attribute.kind === 'Scale' && Array.isArray(attribute.scale)) for (const o of attribute.scale) plain(o.label);
      else if (attribute.kind === 'Rows') for (const r of attribute.rows) plain(r.label);
    }
  };
  const item = (node: SectionItem | TopLevelItem): void => {
    switch (node.kind) {
      case 'Question':
        if (node.questionKind === 'info') block(node.text);
        else plain(node.text);
        attributes(node.attributes);
        break;
      case 'Use':
        plain(node.text);
        attributes(node.attributes);
        break;
      case 'End':
        block(node.message);
        break;
      case 'Section':
        plain(node.title);
        for (const attribute of node.attributes) if (attribute.kind === 'Intro') block(attribute.text);
        for (const child of node.items) item(child);
        break;
      case 'OptionSet':
        plain(node.title);
        for (const o of node.options) plain(o.label);
        break;
      case 'Goto':
        break;
    }
  };
  if (file.header) {
    plain(file.header.title);
    for (const field of file.header.fields) {
      if (field.name === 'intro' || field.name === 'privacy' || field.name === 'thanks') block(field.value);
      else plain(field.value);
    }
  }
  for (const node of file.items) item(node);
  return out;
}
