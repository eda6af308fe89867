/**
 * A hand-written scanner that produces exactly the tokens of the chevrotain lexer in
 * lexer.ts (which stays the reference: a property test compares the two on every example
 * and on mutated and generated files). It exists for speed: one pass over character codes,
 * no regular expressions on the common paths, about four times faster than the generic
 * lexer on large files.
 */
import type { IToken, TokenType } from 'chevrotain';
import { createTokenInstance } from './chevrotain.js';
import {
  BlockString,
  Comma,
  Comment,
  DateLiteral,
  Equals,
  Greater,
  GreaterEquals,
  Identifier,
  keywordToken,
  LBrace,
  Less,
  LessEquals,
  LParen,
  NotEquals,
  NumberLiteral,
  QuestionNumber,
  QuotedString,
  RBrace,
  RParen,
  Tab,
  UnterminatedBlockString,
  UnterminatedString,
} from './lexer.js';

export interface ScanResult {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly tabs: IToken[];
  /** Runs of characters that start no token, as chevrotain reports them. */
  readonly errors: { offset: number; length: number }[];
}

const enum C {
  Tab = 9,
  LineFeed = 10,
  VerticalTab = 11,
  FormFeed = 12,
  CarriageReturn = 13,
  Space = 32,
  Bang = 33,
  Quote = 34,
  Hash = 35,
  LParen = 40,
  RParen = 41,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Less = 60,
  Equals = 61,
  Greater = 62,
  UpperA = 65,
  UpperZ = 90,
  Backslash = 92,
  Underscore = 95,
  LowerA = 97,
  LowerZ = 122,
  LBrace = 123,
  RBrace = 125,
  NoBreakSpace = 0xa0,
  ByteOrderMark = 0xfeff,
}

function isDigit(c: number): boolean {
  return c >= C.Zero && c <= C.Nine;
}

function isWordStart(c: number): boolean {
  return (c >= C.LowerA && c <= C.LowerZ) || (c >= C.UpperA && c <= C.UpperZ) || c === C.Underscore;
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || isDigit(c);
}

function isSkippedSpace(c: number): boolean {
  return (
    c === C.Space ||
    c === C.LineFeed ||
    c === C.CarriageReturn ||
    c === C.FormFeed ||
    c === C.VerticalTab ||
    c === C.NoBreakSpace ||
    c === C.ByteOrderMark
  );
}

function isLineBreak(c: number): boolean {
  return c === C.LineFeed || c === C.CarriageReturn;
}

function make(type: TokenType, text: string, start: number, end: number): IToken {
  // Lines and columns are computed from offsets where they are needed (LineMap).
  return createTokenInstance(type, text.slice(start, end), start, end - 1, NaN, NaN, NaN, NaN);
}

/** Whether only spaces and tabs stand between the start of the line and `offset`. */
function atLineStart(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (isLineBreak(c)) return true;
    if (c !== C.Space && c !== C.Tab) return false;
  }
  return true;
}

/** End of `[0-9]+[a-z]*\)` at `offset`, or -1. */
function questionNumberEnd(text: string, offset: number): number {
  let i = offset;
  while (isDigit(text.charCodeAt(i))) i++;
  while (text.charCodeAt(i) >= C.LowerA && text.charCodeAt(i) <= C.LowerZ) i++;
  return text.charCodeAt(i) === C.RParen ? i + 1 : -1;
}

/** End of `[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])` at `offset`, or -1. */
function dateEnd(text: string, offset: number): number {
  const digitsAt = (from: number, count: number): boolean => {
    for (let k = 0; k < count; k++) if (!isDigit(text.charCodeAt(from + k))) return false;
    return true;
  };
  if (!digitsAt(offset, 4) || text.charCodeAt(offset + 4) !== C.Minus) return -1;
  if (!digitsAt(offset + 5, 2) || text.charCodeAt(offset + 7) !== C.Minus) return -1;
  if (!digitsAt(offset + 8, 2) || isDigit(text.charCodeAt(offset + 10))) return -1;
  return offset + 10;
}

/** End of `-?[0-9]+(\.[0-9]+)?` at `offset`, or -1. */
function numberEnd(text: string, offset: number): number {
  let i = offset;
  if (text.charCodeAt(i) === C.Minus) i++;
  if (!isDigit(text.charCodeAt(i))) return -1;
  while (isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === C.Dot && isDigit(text.charCodeAt(i + 1))) {
    i += 1;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

/** Whether some token (or skipped space) can start at `offset`: where a run of unexpected characters ends. */
function canStartToken(text: string, offset: number): boolean {
  const c = text.charCodeAt(offset);
  if (isSkippedSpace(c) || c === C.Tab || c === C.Hash || c === C.Quote || isDigit(c) || isWordStart(c)) return true;
  switch (c) {
    case C.LBrace:
    case C.RBrace:
    case C.LParen:
    case C.RParen:
    case C.Comma:
    case C.Equals:
    case C.Less:
    case C.Greater:
      return true;
    case C.Bang:
      return text.charCodeAt(offset + 1) === C.Equals;
    case C.Minus:
      return isDigit(text.charCodeAt(offset + 1));
    default:
      return false;
  }
}

export function scan(text: string): ScanResult {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const tabs: IToken[] = [];
  const errors: { offset: number; length: number }[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (isSkippedSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === C.Tab) {
      while (text.charCodeAt(i) === C.Tab) i++;
      tabs.push(make(Tab, text, start, i));
      continue;
    }
    if (c === C.Hash) {
      while (i < length && !isLineBreak(text.charCodeAt(i))) i++;
      comments.push(make(Comment, text, start, i));
      continue;
    }
    if (c === C.Quote) {
      if (text.charCodeAt(i + 1) === C.Quote && text.charCodeAt(i + 2) === C.Quote) {
        const close = text.indexOf('"""', i + 3);
        if (close >= 0) {
          i = close + 3;
          tokens.push(make(BlockString, text, start, i));
        } else {
          i = length;
          tokens.push(make(UnterminatedBlockString, text, start, i));
        }
        continue;
      }
      i++;
      for (;;) {
        const d = text.charCodeAt(i);
        if (i >= length || isLineBreak(d)) {
          tokens.push(make(UnterminatedString, text, start, i));
          break;
        }
        if (d === C.Quote) {
          i++;
          tokens.push(make(QuotedString, text, start, i));
          break;
        }
        if (d === C.Backslash) {
          // `\` escapes any character but a line break; a backslash at the end of the line ends the broken string.
          if (i + 1 >= length || isLineBreak(text.charCodeAt(i + 1))) {
            i++;
            tokens.push(make(UnterminatedString, text, start, i));
            break;
          }
          i += 2;
          continue;
        }
        i++;
      }
      continue;
    }
    if (isDigit(c) || (c === C.Minus && isDigit(text.charCodeAt(i + 1)))) {
      if (isDigit(c) && atLineStart(text, i)) {
        const end = questionNumberEnd(text, i);
        if (end > 0) {
          i = end;
          tokens.push(make(QuestionNumber, text, start, i));
          continue;
        }
      }
      if (isDigit(c)) {
        const end = dateEnd(text, i);
        if (end > 0) {
          i = end;
          tokens.push(make(DateLiteral, text, start, i));
          continue;
        }
      }
      i = numberEnd(text, i);
      tokens.push(make(NumberLiteral, text, start, i));
      continue;
    }
    if (isWordStart(c)) {
      i++;
      while (isWordPart(text.charCodeAt(i))) i++;
      const word = text.slice(start, i);
      tokens.push(createTokenInstance(keywordToken(word) ?? Identifier, word, start, i - 1, NaN, NaN, NaN, NaN));
      continue;
    }
    let symbol: TokenType | undefined;
    let width = 1;
    const next = text.charCodeAt(i + 1);
    switch (c) {
      case C.LBrace:
        symbol = LBrace;
        break;
      case C.RBrace:
        symbol = RBrace;
        break;
      case C.LParen:
        symbol = LParen;
        break;
      case C.RParen:
        symbol = RParen;
        break;
      case C.Comma:
        symbol = Comma;
        break;
      case C.Equals:
        symbol = Equals;
        break;
      case C.Bang:
        if (next === C.Equals) {
          symbol = NotEquals;
          width = 2;
        }
        break;
      case C.Less:
        [symbol, width] = next === C.Equals ? [LessEquals, 2] : [Less, 1];
        break;
      case C.Greater:
        [symbol, width] = next === C.Equals ? [GreaterEquals, 2] : [Greater, 1];
        break;
    }
    if (symbol !== undefined) {
      i += width;
      tokens.push(make(symbol, text, start, i));
      continue;
    }
    // Characters that start no token: one error for the whole run, as chevrotain reports it.
    i++;
    while (i < length && !canStartToken(text, i)) i++;
    errors.push({ offset: start, length: i - start });
  }
  return { tokens, comments, tabs, errors };
}
