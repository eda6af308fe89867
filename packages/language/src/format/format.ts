/**
 * The formatter: prints the canonical layout of a `.poet` file.
 *
 * The layout, by example:
 *
 * ```
 * survey parent_ehc "Survey for parents"
 *   version "2024.1"
 *
 * import "banks/common.poet"
 *
 * options yes_no_dk "Yes / No / Don't know" {
 *   1 yes "Yes"
 *   2 no  "No"
 *   9 dk  "Don't know" missing dont_know
 * }
 *
 * section sec_pb "Your child's personal budget" {
 *   ask if has_plan = yes
 *
 *   4a) multi main_reason "What is the main reason?"
 *     hint "Tick all that apply"
 *     options {
 *        1 learning "Learning disability"
 *       96 other    "Other – please describe" specify  # R5
 *     }
 *
 *   if count(main_reason) >= 2 goto sec_outcomes
 * }
 * ```
 *
 * - Two spaces per level. Header fields, section attributes and question attributes stand
 *   one per line, two spaces deeper than the line they belong to; so do the options and
 *   rows of a `{ }` block, whose closing brace lines up with the line that opened it.
 * - Options are aligned within their block: codes right-aligned, value names padded to the
 *   widest. Row ids are padded likewise.
 * - Conditions stand on one line with single spaces around operators, brackets exactly
 *   where the tree has `Group` nodes, `contains` printed as `includes`.
 * - Numbers and dates are printed as written; strings as described in `strings.ts`.
 * - Comments and blank lines: see `layout.ts`.
 * - Spaces and `\n` only; the output ends with one line break.
 *
 * Formatting is idempotent, and reading the output back gives the same tree (apart from
 * source ranges and whether a string was written as a block).
 */
import type {
  HeaderNode,
  OptionNode,
  OptionSetNode,
  PoetFile,
  QuestionAttribute,
  RowNode,
  SectionAttribute,
  SectionItem,
  SectionNode,
  SourcePosition,
  SourceRange,
  StringLiteral,
  TestNode,
  TestStatement,
  TestValue,
  Name,
  TopLevelItem,
} from '../ast.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parse } from '../parse.js';
import { printCondition, printValue } from './conditions.js';
import { weave, type Gap, type Unit } from './layout.js';
import { printString } from './strings.js';

export { canWriteString, unwritableReason } from './strings.js';

/** The result of {@link formatSource}. */
export interface FormatResult {
  /** The formatted text, or `undefined` when the file has errors (a broken file is never reformatted). */
  readonly output: string | undefined;
  /** Every diagnostic found while reading the file. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads and formats the text of one `.poet` file. The text is formatted only when it has no errors. */
export function formatSource(text: string, fileName: string): FormatResult {
  const { file, diagnostics } = parse(text, fileName);
  return { output: hasErrors(diagnostics) ? undefined : formatFile(file), diagnostics };
}

/**
 * Prints the canonical layout of a tree, with the comments of `file.comments`.
 * Throws a `RangeError` if the tree holds a string that no `.poet` file can express
 * (never the case for a tree from `parse`; see `canWriteString`).
 */
export function formatFile(file: PoetFile): string {
  const printer = new Printer();
  if (file.header !== undefined) printer.header(file.header);
  file.imports.forEach((node, i) => {
    printer.line(0, node.range.start, node.range.end, i === 0 ? 'blank' : 'keep', (w) => w.text('import ').string(node.path));
  });
  file.items.forEach((item, i) => printer.topItem(item, file.items[i - 1]));
  file.tests.forEach((test) => printer.test(test));
  return weave(printer.units, file.comments);
}

/** Lists of names in tests wrap before this many columns. */
const LIST_WIDTH = 100;

function printTestValue(w: LineWriter, value: TestValue): void {
  if (value.kind === 'String') w.string(value);
  else w.text(value.text);
}

/** Builds one printed line (and, for a `"""` block, the lines that continue it). */
class LineWriter {
  readonly lines: string[];

  constructor(private readonly indent: number) {
    this.lines = [' '.repeat(indent)];
  }

  text(text: string): this {
    this.lines[this.lines.length - 1] += text;
    return this;
  }

  /**
   * `lead` then names separated by commas, wrapped before {@link LIST_WIDTH} columns onto
   * lines two spaces deeper (a test's `asks` list of thirty questions stays readable).
   */
  list(lead: string, names: readonly Name[]): this {
    this.text(lead);
    names.forEach((name, i) => {
      const piece = i < names.length - 1 ? `${name.text},` : name.text;
      const current = this.lines[this.lines.length - 1]!;
      if (i > 0 && current.length + 1 + piece.length > LIST_WIDTH) this.lines.push(' '.repeat(this.indent + 2) + piece);
      else this.text(i === 0 ? piece : ` ${piece}`);
    });
    return this;
  }

  /** A string; a block's lines are indented two spaces deeper than the line it starts on. */
  string(literal: StringLiteral): this {
    const [first = '', ...rest] = printString(literal.value, this.indent + 2);
    this.text(first);
    this.lines.push(...rest);
    return this;
  }
}

function after(position: SourcePosition, length: number): SourcePosition {
  return { offset: position.offset + length, line: position.line, column: position.column + length };
}

/** The position of the `}` that ends a range. */
function closingBrace(range: SourceRange): SourcePosition {
  const end = range.end;
  return { offset: Math.max(end.offset - 1, range.start.offset), line: end.line, column: Math.max(end.column - 1, 1) };
}

interface LineOptions {
  readonly closing?: boolean;
  readonly commentIndent?: number;
}

class Printer {
  readonly units: Unit[] = [];

  line(
    indent: number,
    start: SourcePosition,
    end: SourcePosition,
    gap: Gap,
    write: (writer: LineWriter) => void,
    options: LineOptions = {},
  ): void {
    const writer = new LineWriter(indent);
    write(writer);
    this.units.push({
      lines: writer.lines,
      start,
      end,
      gap,
      commentIndent: options.commentIndent ?? indent,
      closing: options.closing ?? false,
    });
  }

  /** The `}` of a block whose contents are indented by `inner`. */
  close(range: SourceRange, inner: number, empty: boolean): void {
    const brace = closingBrace(range);
    this.line(inner - 2, brace, after(brace, 1), empty ? 'none' : 'keep', (w) => w.text('}'), {
      closing: true,
      commentIndent: inner,
    });
  }

  header(node: HeaderNode): void {
    this.line(0, node.range.start, node.title.range.end, 'none', (w) => w.text(`${node.fileKind} ${node.id.text} `).string(node.title));
    node.fields.forEach((field, i) => {
      this.line(2, field.range.start, field.range.end, i === 0 ? 'none' : 'keep', (w) => w.text(`${field.name} `).string(field.value));
    });
  }

  topItem(item: TopLevelItem, previous: TopLevelItem | undefined): void {
    switch (item.kind) {
      case 'OptionSet':
        this.optionSet(item);
        return;
      case 'Section':
        this.section(item, 0);
        return;
      default:
        this.item(item, 0, routingGap(item, previous, 'blank'));
    }
  }

  optionSet(node: OptionSetNode): void {
    const end = (node.title ?? node.id).range.end;
    this.line(0, node.range.start, end, 'blank', (w) => {
      w.text(`options ${node.id.text} `);
      if (node.title !== undefined) w.string(node.title).text(' ');
      w.text('{');
    });
    this.options(node.options, 2);
    this.close(node.range, 2, node.options.length === 0);
  }

  section(node: SectionNode, indent: number): void {
    this.line(indent, node.range.start, node.title.range.end, 'blank', (w) =>
      w.text(`section ${node.id.text} `).string(node.title).text(' {'),
    );
    const inner = indent + 2;
    node.attributes.forEach((attribute, i) => this.sectionAttribute(attribute, inner, i === 0 ? 'none' : 'keep'));
    node.items.forEach((item, i) =>
      this.item(item, inner, i === 0 && node.attributes.length === 0 ? 'none' : routingGap(item, node.items[i - 1], 'blank')),
    );
    this.close(node.range, inner, node.attributes.length === 0 && node.items.length === 0);
  }

  sectionAttribute(attribute: SectionAttribute, indent: number, gap: Gap): void {
    if (attribute.kind === 'Intro') {
      this.line(indent, attribute.range.start, attribute.range.end, gap, (w) => w.text('intro ').string(attribute.text));
    } else {
      this.attribute(attribute, indent, gap);
    }
  }

  item(item: SectionItem, indent: number, gap: Gap): void {
    switch (item.kind) {
      case 'Question': {
        this.line(indent, item.range.start, item.text.range.end, gap, (w) => {
          if (item.number !== undefined) w.text(`${item.number.text}) `);
          w.text(`${item.questionKind} ${item.id.text} `).string(item.text);
        });
        this.attributes(item.attributes, indent + 2);
        return;
      }
      case 'Use': {
        this.line(indent, item.range.start, (item.text ?? item.id).range.end, gap, (w) => {
          if (item.number !== undefined) w.text(`${item.number.text}) `);
          w.text(`use ${item.id.text}`);
          if (item.text !== undefined) w.text(' ').string(item.text);
        });
        this.attributes(item.attributes, indent + 2);
        return;
      }
      case 'Goto':
        this.line(indent, item.range.start, item.range.end, gap, (w) =>
          w.text(`if ${printCondition(item.condition)} goto ${item.target.text}`),
        );
        return;
      case 'End':
        this.line(indent, item.range.start, item.range.end, gap, (w) => {
          if (item.condition !== undefined) w.text(`if ${printCondition(item.condition)} `);
          w.text('end ').string(item.message);
        });
        return;
    }
  }

  attributes(attributes: readonly QuestionAttribute[], indent: number): void {
    attributes.forEach((attribute, i) => this.attribute(attribute, indent, i === 0 ? 'none' : 'keep'));
  }

  attribute(attribute: QuestionAttribute, indent: number, gap: Gap): void {
    const { start, end } = attribute.range;
    const simple = (text: string): void => this.line(indent, start, end, gap, (w) => w.text(text));
    switch (attribute.kind) {
      case 'Hint':
        this.line(indent, start, end, gap, (w) => w.text('hint ').string(attribute.text));
        return;
      case 'Required':
        simple(attribute.required ? 'required' : 'optional');
        return;
      case 'AskIf':
        simple(`ask if ${printCondition(attribute.condition)}`);
        return;
      case 'Min':
        simple(`min ${printValue(attribute.value)}`);
        return;
      case 'Max':
        simple(`max ${printValue(attribute.value)}`);
        return;
      case 'Whole':
        simple('whole');
        return;
      case 'InlineOptions':
        this.line(indent, start, after(start, 'options'.length), gap, (w) => w.text('options {'));
        this.options(attribute.options, indent + 2);
        this.close(attribute.range, indent + 2, attribute.options.length === 0);
        return;
      case 'OptionSetRef':
        simple(`options ${attribute.set.text}`);
        return;
      case 'PipedOptions':
        simple(`options from ${attribute.source.text}`);
        return;
      case 'Scale':
        if ('kind' in attribute.scale) {
          simple(`scale ${attribute.scale.text}`);
          return;
        }
        this.line(indent, start, after(start, 'scale'.length), gap, (w) => w.text('scale {'));
        this.options(attribute.scale, indent + 2);
        this.close(attribute.range, indent + 2, attribute.scale.length === 0);
        return;
      case 'Rows':
        this.line(indent, start, after(start, 'rows'.length), gap, (w) => w.text('rows {'));
        this.rows(attribute.rows, indent + 2);
        this.close(attribute.range, indent + 2, attribute.rows.length === 0);
        return;
      case 'RowSubset':
        simple(`rows ${attribute.rows.map((row) => row.text).join(', ')}`);
        return;
      case 'RowCondition':
        simple(`row ${attribute.row.text} ask if ${printCondition(attribute.condition)}`);
        return;
      case 'Check':
        this.line(indent, start, end, gap, (w) => w.text(`check ${printCondition(attribute.condition)} `).string(attribute.message));
        return;
    }
  }

  /** Options, one per line: codes right-aligned, value names padded to the widest of the block. */
  options(options: readonly OptionNode[], indent: number): void {
    const codeWidth = Math.max(0, ...options.map((o) => o.code.text.length));
    const nameWidth = Math.max(0, ...options.map((o) => o.value.text.length));
    options.forEach((option, i) => {
      this.line(indent, option.range.start, option.range.end, i === 0 ? 'none' : 'keep', (w) => {
        w.text(`${option.code.text.padStart(codeWidth)} ${option.value.text.padEnd(nameWidth)} `).string(option.label);
        for (const flag of option.flags) {
          w.text(flag.kind === 'Exclusive' ? ' exclusive' : flag.kind === 'Specify' ? ' specify' : ` missing ${flag.missingKind.text}`);
        }
      });
    });
  }

  test(node: TestNode): void {
    this.line(0, node.range.start, node.name.range.end, 'blank', (w) => w.text('test ').string(node.name).text(' {'));
    node.statements.forEach((statement, i) => this.testStatement(statement, 2, i === 0 ? 'none' : 'keep'));
    this.close(node.range, 2, node.statements.length === 0);
  }

  testStatement(statement: TestStatement, indent: number, gap: Gap): void {
    const { start, end } = statement.range;
    const line = (write: (w: LineWriter) => void): void => this.line(indent, start, end, gap, write);
    switch (statement.kind) {
      case 'Given':
        line((w) => {
          w.text(`given ${statement.question.text} `);
          if (statement.row !== undefined) w.text(`${statement.row.text} `);
          w.text('= ');
          statement.values.forEach((value, i) => {
            if (i > 0) w.text(', ');
            printTestValue(w, value);
          });
        });
        return;
      case 'LeaveBlank':
        line((w) => w.text(`leave ${statement.question.text} blank`));
        return;
      case 'Asks':
        line((w) => w.list('asks ', statement.questions));
        return;
      case 'NotAsked':
        line((w) => w.list('not asked ', statement.questions));
        return;
      case 'Offers':
        line((w) => w.list(`offers ${statement.question.text} `, statement.values));
        return;
      case 'Shows':
        line((w) => w.list(`shows ${statement.question.text} rows `, statement.rows));
        return;
      case 'Opens':
        line((w) => w.list('opens ', statement.keys));
        return;
      case 'Ends':
        line((w) => {
          w.text(`ends after ${statement.question.text}`);
          if (statement.message !== undefined) w.text(' ').string(statement.message);
        });
        return;
      case 'Completes':
        line((w) => w.text('completes'));
        return;
      case 'Valid':
        line((w) => w.text('valid'));
        return;
      case 'Invalid':
        line((w) => {
          w.list('invalid ', statement.questions);
          if (statement.message !== undefined) w.text(' ').string(statement.message);
        });
        return;
    }
  }

  /** Grid rows, one per line, ids padded to the widest of the block. */
  rows(rows: readonly RowNode[], indent: number): void {
    const idWidth = Math.max(0, ...rows.map((row) => row.id.text.length));
    rows.forEach((row, i) => {
      this.line(indent, row.range.start, row.range.end, i === 0 ? 'none' : 'keep', (w) => {
        w.text(`${row.id.text.padEnd(idWidth)} `).string(row.label);
        if (row.askIf !== undefined) w.text(` ask if ${printCondition(row.askIf)}`);
      });
    });
  }
}

/**
 * A routing line (`if ... goto`, `if ... end`) may stand straight under the question it
 * follows, as "If No, go to question 10" does on paper: the designer's choice is kept there.
 */
function routingGap(item: TopLevelItem, previous: TopLevelItem | undefined, otherwise: Gap): Gap {
  const isRouting = item.kind === 'Goto' || item.kind === 'End';
  const afterQuestion = previous !== undefined && (previous.kind === 'Question' || previous.kind === 'Use');
  return isRouting && afterQuestion ? 'keep' : otherwise;
}
