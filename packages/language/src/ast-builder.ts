/**
 * Builds AST pieces from tokens, for the parser's embedded actions, and reports what the
 * grammar leaves to it: missing titles and texts, bad escapes, unterminated strings,
 * invalid dates and numbers. Pieces lost to a syntax error become empty placeholders, so
 * that the tree keeps its shape; such a file always carries an error diagnostic.
 */
import type { IToken } from 'chevrotain';
import type * as A from './ast.js';
import type { DiagnosticId } from './diagnostics/catalog.js';
import { createDiagnostic, type Diagnostic, type MessageArgs } from './diagnostics/diagnostic.js';
import { BlockString, tokenEnd, UnterminatedBlockString, UnterminatedString } from './lexer.js';
import type { LineMap } from './source.js';
import { decodeBlock, decodeQuoted } from './strings.js';

export function isReal(token: IToken | undefined): token is IToken {
  return token !== undefined && !token.isInsertedInRecovery && !Number.isNaN(token.startOffset) && token.tokenType.name !== 'EOF';
}

export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly lines: LineMap,
    private readonly fileName: string,
    /** Where to anchor placeholders when nothing better is known. */
    readonly fallbackOffset: number,
  ) {}

  report(id: DiagnosticId, range: A.SourceRange, args: MessageArgs = {}): void {
    this.diagnostics.push(createDiagnostic(id, this.fileName, range, args));
  }

  tokenRange(token: IToken): A.SourceRange {
    return this.lines.range(token.startOffset, tokenEnd(token));
  }

  emptyRangeAt(offset: number): A.SourceRange {
    return this.lines.range(offset, offset);
  }

  /** The range from `start` to `end` (both real tokens), or an empty range where the node should have been. */
  rangeBetween(start: IToken, end: IToken): A.SourceRange {
    if (!isReal(start)) return this.emptyRangeAt(isReal(end) ? tokenEnd(end) : this.fallbackOffset);
    if (!isReal(end) || end.startOffset < start.startOffset) return this.emptyRangeAt(start.startOffset);
    return this.lines.range(start.startOffset, tokenEnd(end));
  }

  span(from: A.SourceRange, to: A.SourceRange): A.SourceRange {
    return { start: from.start, end: to.end.offset >= from.end.offset ? to.end : from.end };
  }

  endOf(token: IToken | undefined): number {
    return isReal(token) ? tokenEnd(token) : this.fallbackOffset;
  }

  name(token: IToken | undefined, anchor: number): A.Name {
    if (!isReal(token)) return { kind: 'Name', text: '', range: this.emptyRangeAt(anchor) };
    return { kind: 'Name', text: token.image, range: this.tokenRange(token) };
  }

  string(token: IToken | undefined, anchor: number): A.StringLiteral {
    if (!isReal(token)) return { kind: 'String', value: '', block: false, range: this.emptyRangeAt(anchor) };
    const range = this.tokenRange(token);
    const type = token.tokenType;
    if (type === BlockString || type === UnterminatedBlockString) {
      const closed = type === BlockString;
      if (!closed) this.report('unterminated-block', this.lines.range(token.startOffset, token.startOffset + 3));
      return { kind: 'String', value: decodeBlock(token.image, closed), block: true, range };
    }
    const closed = type !== UnterminatedString;
    if (!closed) this.report('unterminated-string', range);
    const decoded = decodeQuoted(token.image, closed);
    for (const at of decoded.badEscapes) {
      const offset = token.startOffset + at;
      this.report('unknown-escape', this.lines.range(offset, offset + 2), { char: token.image[1 + at] ?? '' });
    }
    return { kind: 'String', value: decoded.value, block: false, range };
  }

  numberLiteral(token: IToken | undefined, anchor: number, wholeReason?: string): A.NumberLiteral {
    if (!isReal(token)) return { kind: 'Number', text: '0', value: 0, range: this.emptyRangeAt(anchor) };
    const range = this.tokenRange(token);
    if (wholeReason !== undefined && !/^[0-9]+$/.test(token.image)) {
      this.report('invalid-number', range, { text: token.image, reason: wholeReason });
    }
    return { kind: 'Number', text: token.image, value: Number(token.image), range };
  }

  dateLiteral(token: IToken): A.DateLiteral {
    const range = this.tokenRange(token);
    if (!isCalendarDate(token.image)) this.report('invalid-date', range, { text: token.image });
    return { kind: 'Date', text: token.image, range };
  }

  /** Reports a required piece that the grammar let pass as optional, anchored on the token before it. */
  requirePiece(token: IToken | undefined, expected: string, after: IToken | undefined): void {
    if (token !== undefined) return; // a token inserted by recovery was already reported by chevrotain
    if (!isReal(after)) return;
    this.report('missing-token', this.tokenRange(after), { expected, after: describeToken(after) });
  }

  placeholderCondition(anchor: number): A.Condition {
    return { kind: 'Answered', question: this.name(undefined, anchor), negated: false, range: this.emptyRangeAt(anchor) };
  }
}

export function operatorOf(token: IToken | undefined): A.ComparisonOperator {
  const image = token?.image;
  return image === '=' || image === '!=' || image === '<' || image === '<=' || image === '>' || image === '>=' ? image : '=';
}

/** True for `YYYY-MM-DD` strings that name a real day of the proleptic Gregorian calendar. */
export function isCalendarDate(text: string): boolean {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** A token described for a message: `'mutli'`, `the text "Which …"`, `the end of the file`. */
export function describeToken(token: IToken): string {
  if (token.tokenType.name === 'EOF' || Number.isNaN(token.startOffset)) return 'the end of the file';
  if (token.image.startsWith('"')) {
    const text = token.image.replace(/^"+|"+$/g, '');
    const short = text.length > 30 ? `${text.slice(0, 30)}…` : text;
    return `the text "${short.replace(/\s+/g, ' ')}"`;
  }
  return `'${token.image}'`;
}
