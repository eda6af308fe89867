/**
 * Tokens of the POET language, and the lexer built from them once per process.
 *
 * Keywords are not reserved: every keyword token is also in the {@link AnyName} category,
 * so the parser accepts `other`, `none` or `always` wherever a name is expected.
 * Broken strings still produce tokens (in the {@link AnyString} category) so that the parser
 * can carry on and report every later problem in the same run.
 */
import type { CustomPatternMatcherFunc, IToken, TokenType } from 'chevrotain';
import { createToken, Lexer } from './chevrotain.js';

/** Category of every word, keyword or not. */
export const AnyName = createToken({ name: 'AnyName', pattern: Lexer.NA, label: 'a name' });
/** A word that is not a keyword. */
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  categories: [AnyName],
  label: 'a name',
});

const keywordTokens = new Map<string, TokenType>();
function keyword(word: string): TokenType {
  const token = createToken({
    name: `Kw_${word}`,
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: [AnyName],
    label: `'${word}'`,
    start_chars_hint: [word.charCodeAt(0)],
  });
  keywordTokens.set(word, token);
  return token;
}

export const Kw = {
  survey: keyword('survey'),
  bank: keyword('bank'),
  version: keyword('version'),
  language: keyword('language'),
  audience: keyword('audience'),
  intro: keyword('intro'),
  privacy: keyword('privacy'),
  thanks: keyword('thanks'),
  import: keyword('import'),
  options: keyword('options'),
  section: keyword('section'),
  use: keyword('use'),
  if: keyword('if'),
  goto: keyword('goto'),
  end: keyword('end'),
  consent: keyword('consent'),
  single: keyword('single'),
  yesno: keyword('yesno'),
  multi: keyword('multi'),
  long_text: keyword('long_text'),
  text: keyword('text'),
  number: keyword('number'),
  date: keyword('date'),
  grid: keyword('grid'),
  info: keyword('info'),
  hint: keyword('hint'),
  optional: keyword('optional'),
  required: keyword('required'),
  ask: keyword('ask'),
  min: keyword('min'),
  max: keyword('max'),
  whole: keyword('whole'),
  from: keyword('from'),
  scale: keyword('scale'),
  rows: keyword('rows'),
  row: keyword('row'),
  check: keyword('check'),
  exclusive: keyword('exclusive'),
  specify: keyword('specify'),
  missing: keyword('missing'),
  today: keyword('today'),
  and: keyword('and'),
  or: keyword('or'),
  not: keyword('not'),
  in: keyword('in'),
  includes: keyword('includes'),
  contains: keyword('contains'),
  count: keyword('count'),
  is: keyword('is'),
  answered: keyword('answered'),
  // Designer's tests
  test: keyword('test'),
  given: keyword('given'),
  leave: keyword('leave'),
  blank: keyword('blank'),
  asks: keyword('asks'),
  asked: keyword('asked'),
  offers: keyword('offers'),
  shows: keyword('shows'),
  opens: keyword('opens'),
  ends: keyword('ends'),
  after: keyword('after'),
  completes: keyword('completes'),
  valid: keyword('valid'),
  invalid: keyword('invalid'),
} as const;

/** Keyword token of a word, if the word is a keyword. */
export function keywordToken(word: string): TokenType | undefined {
  return keywordTokens.get(word);
}

// ---- strings ---------------------------------------------------------------------------

/** Category of every string token, whole or broken. */
export const AnyString = createToken({ name: 'AnyString', pattern: Lexer.NA, label: 'text in double quotes' });

/** `"""` ... `"""` (may span lines). */
export const BlockString = createToken({
  name: 'BlockString',
  pattern: /"""[^]*?"""/,
  line_breaks: true,
  categories: [AnyString],
  label: 'text in double quotes',
  start_chars_hint: [34],
});

/** `"""` with no closing `"""`: runs to the end of the file. */
export const UnterminatedBlockString = createToken({
  name: 'UnterminatedBlockString',
  pattern: /"""[^]*/,
  line_breaks: true,
  categories: [AnyString],
  label: 'text in double quotes',
  start_chars_hint: [34],
});

/** `"..."` on one line, with `\"` and `\\` escapes (other escapes are reported by the parser). */
export const QuotedString = createToken({
  name: 'QuotedString',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/,
  categories: [AnyString],
  label: 'text in double quotes',
  start_chars_hint: [34],
});

/** `"...` reaching the end of its line. */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/,
  categories: [AnyString],
  label: 'text in double quotes',
  start_chars_hint: [34],
});

// ---- numbers ---------------------------------------------------------------------------

/**
 * `4)` or `4a)` as the first thing on a line: the printed number of a question.
 * A custom matcher, because `5)` in the middle of a condition is a number and a bracket.
 */
const matchQuestionNumber: CustomPatternMatcherFunc = (text, offset) => {
  let i = offset - 1;
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c !== 32 && c !== 9) return null;
    i--;
  }
  const match = /[0-9]+[a-z]*\)/y;
  match.lastIndex = offset;
  return match.exec(text);
};

export const QuestionNumber = createToken({
  name: 'QuestionNumber',
  pattern: { exec: matchQuestionNumber },
  line_breaks: false,
  label: "a question number such as '4)'",
  start_chars_hint: [48, 49, 50, 51, 52, 53, 54, 55, 56, 57],
});

export const DateLiteral = createToken({
  name: 'DateLiteral',
  pattern: /[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])/,
  label: 'a date (YYYY-MM-DD)',
});

export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /-?[0-9]+(?:\.[0-9]+)?/,
  label: 'a number',
});

// ---- symbols ---------------------------------------------------------------------------

export const LBrace = createToken({ name: 'LBrace', pattern: '{', label: "'{'" });
export const RBrace = createToken({ name: 'RBrace', pattern: '}', label: "'}'" });
export const LParen = createToken({ name: 'LParen', pattern: '(', label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: ')', label: "')'" });
export const Comma = createToken({ name: 'Comma', pattern: ',', label: "','" });

export const ComparisonOp = createToken({ name: 'ComparisonOp', pattern: Lexer.NA, label: 'a comparison (=, !=, <, <=, >, >=)' });
export const NotEquals = createToken({ name: 'NotEquals', pattern: '!=', categories: [ComparisonOp], label: "'!='" });
export const LessEquals = createToken({ name: 'LessEquals', pattern: '<=', categories: [ComparisonOp], label: "'<='" });
export const GreaterEquals = createToken({ name: 'GreaterEquals', pattern: '>=', categories: [ComparisonOp], label: "'>='" });
export const Equals = createToken({ name: 'Equals', pattern: '=', categories: [ComparisonOp], label: "'='" });
export const Less = createToken({ name: 'Less', pattern: '<', categories: [ComparisonOp], label: "'<'" });
export const Greater = createToken({ name: 'Greater', pattern: '>', categories: [ComparisonOp], label: "'>'" });

// ---- trivia ----------------------------------------------------------------------------

export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' });
export const Tab = createToken({ name: 'Tab', pattern: /\t+/, group: 'tabs' });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \r\n\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED, line_breaks: true });

/** Every token type, in matching order (first match wins, so longer patterns come first). */
export const allTokens: TokenType[] = [
  WhiteSpace,
  Tab,
  Comment,
  BlockString,
  UnterminatedBlockString,
  QuotedString,
  UnterminatedString,
  QuestionNumber,
  DateLiteral,
  NumberLiteral,
  LBrace,
  RBrace,
  LParen,
  RParen,
  Comma,
  NotEquals,
  LessEquals,
  GreaterEquals,
  Equals,
  Less,
  Greater,
  // Keywords before the identifier, longest first so that `includes` is tried before `in`
  // (a longer word such as `index` falls through to the identifier by `longer_alt`).
  ...[...keywordTokens.entries()].sort((a, b) => b[0].length - a[0].length).map(([, token]) => token),
  Identifier,
  AnyName,
  AnyString,
  ComparisonOp,
];

let builtLexer: Lexer | undefined;

/**
 * The chevrotain lexer of these tokens, the reference that test/scanner.test.ts holds the
 * hand-written scanner (scanner.ts, which `parse` uses) to. Built on first use, not at import:
 * building it analyses every pattern, which every `poet` command would otherwise pay at start-up.
 */
export const poetLexer: Pick<Lexer, 'tokenize'> = {
  tokenize: (text, initialMode) => (builtLexer ??= buildLexer()).tokenize(text, initialMode),
};

function buildLexer(): Lexer {
  return new Lexer(allTokens, {
    // Lines and columns come from offsets (LineMap) where a diagnostic or node needs them.
    positionTracking: 'full',
    ensureOptimizations: true,
    // The error message is rebuilt by parse.ts from the offending character.
    errorMessageProvider: {
      buildUnexpectedCharactersMessage: (text, offset, length) => text.substr(offset, length),
      buildUnableToPopLexerModeMessage: () => 'unable to pop lexer mode',
    },
  });
}

/** The offset just past a token (chevrotain's `endOffset` is inclusive and optional). */
export function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}

/** True when a line break lies between the end of `before` and the start of `after` in `text`. */
export function lineBreakBetween(text: string, before: IToken, after: IToken): boolean {
  const from = tokenEnd(before);
  const to = Number.isNaN(after.startOffset) ? text.length : after.startOffset;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}
