/**
 * Prints diagnostics the way TypeScript prints its baselines:
 *
 * ```text
 * examples/x.poet(3,5): error POET1101: Unknown word 'mutli' here; expected a question kind.
 *     3 | 4) mutli main_reason "What is..."
 *       |    ~~~~~
 *   hint: Did you mean 'multi'?
 *   related: examples/x.poet(1,1): first defined here
 * ```
 *
 * The source line is shown with tabs expanded to spaces (tab stops every
 * {@link TAB_WIDTH} columns) and control characters made visible, so that the underline
 * lines up with what it points at and nothing in a file can drive the terminal. A line
 * longer than {@link MAX_LINE_WIDTH} columns is cut around the range, with `…` where
 * text was left out.
 */
import type { SourceRange } from '../ast.js';
import type { Diagnostic, RelatedLocation } from './diagnostic.js';

/** Returns the source text of a file (by the name used in diagnostics), or `undefined` when it is not known. */
export type SourceLookup = (file: string) => string | undefined;

export interface PrintOptions {
  /** Colour the output with plain ANSI codes. The caller decides (a TTY, and `NO_COLOR` unset). Default: no colour. */
  readonly color?: boolean | undefined;
}

/** Columns between tab stops when a tab in a source line is shown as spaces. */
export const TAB_WIDTH = 4;
/** A source line wider than this (in columns) is cut around the range. */
export const MAX_LINE_WIDTH = 160;
/** Columns of context kept before the range when a long line is cut. */
const CONTEXT_BEFORE = 40;
/** Width of the line-number gutter (wider when the line number needs it). */
const GUTTER_WIDTH = 5;

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
} as const;

type Paint = (text: string, ...styles: (keyof typeof ANSI)[]) => string;

function painter(color: boolean): Paint {
  if (!color) return (text) => text;
  return (text, ...styles) =>
    text === '' ? text : `${styles.map((s) => ANSI[s]).join('')}${text}${ANSI.reset}`;
}

/**
 * Makes one character safe and visible on a terminal: C0 controls become their Unicode
 * "control picture" (`␛` for ESC); DEL, C1 controls, lone surrogates, line/paragraph
 * separators and bidirectional overrides become `�`; a byte-order mark becomes a space.
 * Everything else is returned as is.
 */
function visibleChar(ch: string): string {
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x20) return String.fromCodePoint(0x2400 + c);
  if (c === 0x7f || (c >= 0x80 && c <= 0x9f)) return '\ufffd';
  if (c === 0x2028 || c === 0x2029) return '\ufffd';
  if (c === 0xfeff) return ' '; // a byte-order mark: the parser counts it as one column, like a space
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return '\ufffd';
  if (c >= 0xd800 && c <= 0xdfff) return '\ufffd'; // a lone surrogate (a pair arrives as one code point)
  return ch;
}

/** Text of a message, hint or file name with every control character made visible (tabs included). */
function visibleText(text: string): string {
  let out = '';
  for (const ch of text) out += visibleChar(ch);
  return out;
}

/** `file(line,col)` */
function location(file: string, range: SourceRange): string {
  return `${visibleText(file)}(${range.start.line},${range.start.column})`;
}

/** Splits a text into lines at `\r\n`, `\r` or `\n`, as the grammar defines line ends. */
function sourceLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * A source line laid out in display columns: `cells[i]` is what is shown in column `i`
 * (an empty string for the second column of a character that takes two code units), and
 * `columnOf[u]` is the display column where UTF-16 code unit `u` starts
 * (`columnOf[line.length]` is the width of the line).
 */
interface LaidOutLine {
  readonly cells: readonly string[];
  readonly columnOf: readonly number[];
}

function layOut(line: string): LaidOutLine {
  const cells: string[] = [];
  const columnOf: number[] = [];
  let unit = 0;
  for (const ch of line) {
    for (let k = 0; k < ch.length; k++) columnOf[unit + k] = cells.length;
    if (ch === '\t') {
      const spaces = TAB_WIDTH - (cells.length % TAB_WIDTH);
      for (let k = 0; k < spaces; k++) cells.push(' ');
    } else {
      cells.push(visibleChar(ch));
      // A character of two code units (outside the BMP, mostly emoji) is counted as two
      // columns, which is how terminals show emoji, and keeps columns = code units.
      for (let k = 1; k < ch.length; k++) cells.push('');
    }
    unit += ch.length;
  }
  columnOf[unit] = cells.length;
  return { cells, columnOf };
}

interface Snippet {
  /** The source line as shown (tabs expanded, possibly cut). */
  readonly text: string;
  /** Columns before the underline. */
  readonly pad: number;
  /** The underline: `~` repeated, or one `^` for an empty range. */
  readonly marker: string;
}

/** The source line of a range and its underline, or `undefined` when the line is not in `source`. */
function snippet(range: SourceRange, source: string): Snippet | undefined {
  if (source === '') return undefined; // an empty file: nothing to show
  const lines = sourceLines(source);
  const line = lines[range.start.line - 1];
  if (line === undefined || range.start.line < 1) return undefined;

  const empty =
    range.start.offset === range.end.offset &&
    range.start.line === range.end.line &&
    range.start.column === range.end.column;
  const clamp = (unit: number): number => Math.min(Math.max(unit, 0), line.length);
  const startUnit = clamp(range.start.column - 1);
  const endUnit =
    range.end.line === range.start.line ? Math.max(startUnit, clamp(range.end.column - 1)) : line.length;

  const { cells, columnOf } = layOut(line);
  const startCol = columnOf[startUnit] ?? cells.length;
  const endCol = columnOf[endUnit] ?? cells.length;

  // Cut a long line to a window around the start of the range, marking the cuts with '…'.
  let from = 0;
  let to = cells.length;
  let lead = '';
  let trail = '';
  if (cells.length > MAX_LINE_WIDTH) {
    from = Math.max(0, startCol - CONTEXT_BEFORE);
    if (cells.length - from <= MAX_LINE_WIDTH - 1) from = cells.length - (MAX_LINE_WIDTH - 1);
    // Never start the window on the second half of a two-unit character.
    while (from > 0 && cells[from] === '') from--;
    lead = from > 0 ? '…' : '';
    to = Math.min(cells.length, from + MAX_LINE_WIDTH - lead.length);
    if (to < cells.length) {
      to -= 1;
      if (cells[to] === '') to -= 1; // keep a two-unit character whole
      trail = '…';
    }
  }

  const shownStart = Math.max(startCol, from);
  const shownEnd = Math.min(endCol, to);
  const width = empty ? 1 : Math.max(1, shownEnd - shownStart);
  return {
    text: lead + cells.slice(from, to).join('') + trail,
    pad: lead.length + (shownStart - from),
    marker: (empty ? '^' : '~').repeat(width),
  };
}

/** Prints one diagnostic: the heading line, the source line with the range underlined (when `source` has it), hint and related locations. No trailing newline. */
export function printDiagnostic(d: Diagnostic, source: string | undefined, options: PrintOptions = {}): string {
  const paint = painter(options.color ?? false);
  const severityStyle = d.severity === 'error' ? 'red' : 'yellow';
  const out: string[] = [
    `${paint(location(d.file, d.range), 'bold')}: ${paint(d.severity, 'bold', severityStyle)} ${d.code}: ${visibleText(d.message)}`,
  ];

  const shown = source === undefined ? undefined : snippet(d.range, source);
  if (shown !== undefined) {
    const number = String(d.range.start.line).padStart(GUTTER_WIDTH);
    const blank = ' '.repeat(number.length);
    out.push(`${paint(`${number} |`, 'cyan')}${shown.text === '' ? '' : ` ${shown.text}`.trimEnd()}`);
    out.push(`${paint(`${blank} |`, 'cyan')} ${' '.repeat(shown.pad)}${paint(shown.marker, 'bold', severityStyle)}`);
  }

  if (d.hint !== undefined) out.push(`  ${paint('hint:', 'bold', 'cyan')} ${visibleText(d.hint)}`);
  for (const related of d.related ?? []) out.push(printRelated(related, paint));
  return out.join('\n');
}

function printRelated(related: RelatedLocation, paint: Paint): string {
  return `  ${paint('related:', 'cyan')} ${location(related.file, related.range)}: ${visibleText(related.message)}`;
}

/** Prints diagnostics in the order given, separated by a blank line. `lookup` gives each file's source text. No trailing newline; `''` for none. */
export function printDiagnostics(
  ds: readonly Diagnostic[],
  lookup: SourceLookup,
  options: PrintOptions = {},
): string {
  return ds.map((d) => printDiagnostic(d, lookup(d.file), options)).join('\n\n');
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `Checked 6 files: 2 errors, 1 warning.` or `Checked 1 file: no problems.` */
export function printSummary(ds: readonly Diagnostic[], fileCount: number): string {
  const errors = ds.filter((d) => d.severity === 'error').length;
  const warnings = ds.length - errors;
  const parts: string[] = [];
  if (errors > 0) parts.push(count(errors, 'error'));
  if (warnings > 0) parts.push(count(warnings, 'warning'));
  return `Checked ${count(fileCount, 'file')}: ${parts.length === 0 ? 'no problems' : parts.join(', ')}.`;
}
