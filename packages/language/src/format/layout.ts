/**
 * Lines of formatted output, and the weaving of comments between them.
 *
 * The printer turns the tree into a list of {@link Unit}s in source order: one unit per
 * printed line of code (a question's header line, one attribute, one option, a closing
 * brace, ...), each remembering the stretch of source it came from. Comments are not in
 * the tree, so they are placed by position afterwards ({@link weave}):
 *
 * - A comment that follows a unit on the unit's last source line is printed at the end of
 *   that unit's last line, two spaces after the code (a trailing comment).
 * - Every other comment is printed on its own line, with the indentation of the unit that
 *   follows it in the source: it stays attached to the item, attribute, option or row
 *   below it. A comment before a closing brace stays inside the block (indented like the
 *   block's contents). Comments after the last unit stay at the end of the file.
 * - A comment written inside a unit (for example between the lines of a condition that
 *   the designer split over several lines, which the formatter joins) is moved onto its
 *   own line just above that unit, so that every comment keeps its order.
 *
 * Blank lines: the printer fixes them where the canonical layout has them (one blank line
 * between top-level items, between the items of a section and before imports; none after
 * an opening line or before a closing brace). Elsewhere — between header fields, imports,
 * attributes, options, rows, and around own-line comments — one blank line is kept where
 * the designer wrote one or more, and none is added where they wrote none.
 */
import type { Comment, SourcePosition } from '../ast.js';

/** Whether a blank line goes before a unit (and before the comments attached to it). */
export type Gap = 'none' | 'blank' | 'keep';

export interface Unit {
  /** The printed lines: the first one with its indentation, the others from a `"""` block. */
  readonly lines: readonly string[];
  /** Where the unit's code starts and ends in the source. */
  readonly start: SourcePosition;
  readonly end: SourcePosition;
  /** Indentation of own-line comments placed before this unit. */
  readonly commentIndent: number;
  readonly gap: Gap;
  /** A closing brace: never a blank line directly before it. */
  readonly closing: boolean;
}

/** A comment's text as printed: as written, without trailing spaces or tabs. */
export function commentText(comment: Comment): string {
  return comment.text.replace(/[ \t]+$/, '');
}

/** Whether the source has at least one blank line between a thing ending on `fromLine` and one starting on `toLine`. */
function blankBetween(fromLine: number | undefined, toLine: number): boolean {
  return fromLine !== undefined && toLine - fromLine >= 2;
}

/** Prints the units with the comments placed between them; the result ends with one line break. */
export function weave(units: readonly Unit[], comments: readonly Comment[]): string {
  const out: string[] = [];
  let next = 0; // index of the next comment to place
  let previousLine: number | undefined; // source line where the last printed thing ended
  let previous: { readonly unit: Unit; readonly lastLine: number } | undefined;

  const blank = (): void => {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  };
  const attachTrailing = (before: number): void => {
    if (previous === undefined) return;
    const comment = comments[next];
    if (
      comment !== undefined &&
      comment.range.start.offset < before &&
      comment.range.start.offset >= previous.unit.end.offset &&
      comment.range.start.line === previous.unit.end.line
    ) {
      out[previous.lastLine] += `  ${commentText(comment)}`;
      next++;
    }
  };

  for (const unit of units) {
    attachTrailing(unit.start.offset);
    let first = true;
    for (let comment = comments[next]; comment !== undefined && comment.range.start.offset < unit.end.offset; comment = comments[++next]) {
      // A comment inside the unit is printed above it; for blank lines it counts as being on the unit's first line.
      const line = Math.min(comment.range.start.line, unit.start.line);
      const wantBlank = first ? decide(unit.gap, previousLine, line) : blankBetween(previousLine, line);
      if (wantBlank) blank();
      out.push(' '.repeat(unit.commentIndent) + commentText(comment));
      previousLine = line;
      first = false;
    }
    if (!unit.closing && (first ? decide(unit.gap, previousLine, unit.start.line) : blankBetween(previousLine, unit.start.line))) {
      blank();
    }
    out.push(...unit.lines);
    previous = { unit, lastLine: out.length - 1 };
    previousLine = unit.end.line;
  }

  attachTrailing(Number.POSITIVE_INFINITY);
  for (let comment = comments[next]; comment !== undefined; comment = comments[++next]) {
    if (blankBetween(previousLine, comment.range.start.line)) blank();
    out.push(commentText(comment));
    previousLine = comment.range.start.line;
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

function decide(gap: Gap, previousLine: number | undefined, line: number): boolean {
  switch (gap) {
    case 'none':
      return false;
    case 'blank':
      return true;
    case 'keep':
      return blankBetween(previousLine, line);
  }
}
