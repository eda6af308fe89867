import type { IRecognitionException, IToken } from 'chevrotain';
import { EOF } from './chevrotain.js';
import type { Comment as CommentNode, ImportNode, PoetFile, SourceRange, TestNode, TopLevelItem } from './ast.js';
import { AstBuilder, describeToken } from './ast-builder.js';
import { compareDiagnostics, createDiagnostic, type Diagnostic } from './diagnostics/diagnostic.js';
import { AnyName, AnyString, Identifier, Kw, LBrace, LParen, RBrace, RParen, tokenEnd, lineBreakBetween } from './lexer.js';
import { scan } from './scanner.js';
import { checkMarkupInFile } from './markup-check.js';
import { ITEM_WORDS, label, poetParser, type GrammarProblem } from './parser.js';
import { LineMap } from './source.js';
import { nearestWord } from './suggest.js';

export interface ParseResult {
  /** The tree. In a file with syntax errors, parts that could not be read are left out or hold empty placeholders. */
  readonly file: PoetFile;
  /** Every problem found while reading the file, in source order. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Deeper than this, brackets or `not`s cannot be a real survey (and would exhaust the stack). */
const MAX_NESTING = 64;

/**
 * Parses the text of one `.poet` file. Never throws on any input: every problem becomes a
 * located diagnostic. `fileName` is used in diagnostics.
 */
export function parse(text: string, fileName: string): ParseResult {
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1); // keep offsets: a BOM becomes a space
  const lines = new LineMap(text);
  const diagnostics: Diagnostic[] = [];
  const lexed = scan(text);

  const comments: CommentNode[] = lexed.comments.map((t: IToken) => ({
    text: t.image,
    range: lines.range(t.startOffset, tokenEnd(t)),
  }));
  reportTabs(lexed.tabs, lines, fileName, diagnostics);
  reportLexerErrors(lexed.errors, text, lines, fileName, diagnostics);

  const emptyFile: PoetFile = { kind: 'File', imports: [], items: [], tests: [], comments, range: lines.range(0, text.length) };
  if (lexed.tokens.length === 0) {
    if (lexed.errors.length === 0) diagnostics.push(createDiagnostic('empty-file', fileName, lines.range(0, 0)));
    return { file: emptyFile, diagnostics: finish(diagnostics) };
  }
  const tooDeep = findExcessiveNesting(lexed.tokens);
  if (tooDeep !== undefined) {
    diagnostics.push(
      createDiagnostic('nesting-too-deep', fileName, lines.range(tooDeep.startOffset, tokenEnd(tooDeep)), { limit: MAX_NESTING }),
    );
    return { file: emptyFile, diagnostics: finish(diagnostics) };
  }

  const lastToken = lexed.tokens[lexed.tokens.length - 1]!;
  const builder = new AstBuilder(lines, fileName, tokenEnd(lastToken));
  poetParser.problems = [];
  poetParser.b = builder;
  poetParser.text = text;
  poetParser.input = lexed.tokens;
  const parsed = poetParser.file();
  const context: ErrorContext = { text, lines, fileName, tokens: lexed.tokens, lastToken };
  for (const error of dedupeErrors(poetParser.errors)) diagnostics.push(recognitionDiagnostic(error, context));
  for (const problem of mergeStrays(poetParser.problems, text)) diagnostics.push(problemDiagnostic(problem, context));
  poetParser.problems = [];
  diagnostics.push(...builder.diagnostics);

  const imports: ImportNode[] = [];
  const items: TopLevelItem[] = [];
  const tests: TestNode[] = [];
  for (const entry of parsed?.entries ?? []) {
    if (entry.kind === 'Import') {
      if (items.length > 0 || tests.length > 0) diagnostics.push(createDiagnostic('misplaced-import', fileName, entry.range));
      imports.push(entry);
    } else if (entry.kind === 'Test') {
      tests.push(entry);
    } else items.push(entry);
  }
  // Tests stand after the survey they test, so that the survey reads from the top.
  const lastItem = items[items.length - 1];
  for (const test of tests) {
    if (lastItem !== undefined && test.range.start.offset < lastItem.range.start.offset) {
      diagnostics.push(createDiagnostic('misplaced-test', fileName, { start: test.range.start, end: test.name.range.end }));
    }
  }
  const header = parsed?.header;
  const file: PoetFile = { kind: 'File', ...(header ? { header } : {}), imports, items, tests, comments, range: lines.range(0, text.length) };
  if (!file.header) {
    const first = lexed.tokens[0]!;
    const hasErrors = diagnostics.some((d) => d.severity === 'error');
    if (!hasErrors || (first.tokenType !== Kw.survey && first.tokenType !== Kw.bank)) {
      diagnostics.push(createDiagnostic('missing-header', fileName, lines.range(first.startOffset, tokenEnd(first))));
    }
  }
  diagnostics.push(...checkMarkupInFile(file, text, lines, fileName));
  return { file, diagnostics: finish(diagnostics) };
}

function finish(diagnostics: Diagnostic[]): Diagnostic[] {
  // One diagnostic per code and position: recovery can report the same thing twice.
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.code}:${d.range.start.offset}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(compareDiagnostics);
}

function reportTabs(tabs: IToken[], lines: LineMap, fileName: string, out: Diagnostic[]): void {
  let lastLine = -1;
  for (const tab of tabs) {
    const range = lines.range(tab.startOffset, tokenEnd(tab));
    if (range.start.line === lastLine) continue; // one warning per line is enough
    lastLine = range.start.line;
    out.push(createDiagnostic('tab-character', fileName, range));
  }
}

function reportLexerErrors(
  errors: readonly { offset: number; length: number }[],
  text: string,
  lines: LineMap,
  fileName: string,
  out: Diagnostic[],
): void {
  for (const error of errors) {
    const raw = text.substr(error.offset, Math.min(error.length, 12));
    const char = [...raw]
      .map((c) => {
        const code = c.codePointAt(0)!;
        return code < 32 || code === 127 || (code >= 0xd800 && code <= 0xdfff)
          ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
          : c;
      })
      .join('');
    out.push(
      createDiagnostic('unexpected-character', fileName, lines.range(error.offset, error.offset + error.length), {
        char: error.length > 12 ? `${char}…` : char,
      }),
    );
  }
}

function findExcessiveNesting(tokens: readonly IToken[]): IToken | undefined {
  let parens = 0;
  let nots = 0;
  for (const token of tokens) {
    if (token.tokenType === LParen) parens++;
    else if (token.tokenType === RParen) parens = Math.max(0, parens - 1);
    nots = token.tokenType === Kw.not ? nots + 1 : 0;
    if (parens > MAX_NESTING || nots > MAX_NESTING) return token;
  }
  return undefined;
}

interface ErrorContext {
  readonly text: string;
  readonly lines: LineMap;
  readonly fileName: string;
  readonly tokens: readonly IToken[];
  readonly lastToken: IToken;
}

function isRealToken(token: IToken | undefined): token is IToken {
  return token !== undefined && token.tokenType !== EOF && !Number.isNaN(token.startOffset) && !token.isInsertedInRecovery;
}

function rangeOf(token: IToken, context: ErrorContext): SourceRange {
  return context.lines.range(token.startOffset, tokenEnd(token));
}

function dedupeErrors(errors: readonly IRecognitionException[]): IRecognitionException[] {
  const seen = new Set<number>();
  return errors.filter((e) => {
    const offset = e.token.startOffset;
    if (seen.has(offset)) return false;
    seen.add(offset);
    return true;
  });
}

/** What a rule expects, in words, when the token types alone would not say it well. */
const EXPECTED_BY_RULE: Record<string, string> = {
  limit: "a number, a date (YYYY-MM-DD) or 'today'",
  atom: 'a condition (such as has_pb = yes)',
  notCondition: 'a condition (such as has_pb = yes)',
  condition: 'a condition (such as has_pb = yes)',
  routing: "'goto' or 'end'",
  headerField: 'a header field (version, language, audience, intro, privacy, thanks)',
  testStatement: 'a test line (given, leave, asks, not asked, offers, shows, opens, ends after, completes, valid, invalid)',
  testValue: 'a value (an option value, a number, a date or a text in double quotes)',
};


function expectedFromError(error: IRecognitionException): string {
  // The custom error messages below carry the expected token labels.
  return error.message;
}

function blockDescription(ruleStack: readonly string[]): string {
  const innermost = [...ruleStack].reverse().find((r) => r === 'sectionBody' || r === 'optionBlock' || r === 'rowBlock' || r === 'testRest');
  if (innermost === 'optionBlock') return 'this option list';
  if (innermost === 'testRest') return 'this test';
  if (innermost === 'rowBlock') return 'this list of rows';
  return 'this section';
}

/** Finds the `{` left open when the file ended, by matching braces over the tokens. */
function unmatchedOpenBrace(tokens: readonly IToken[]): IToken | undefined {
  const stack: IToken[] = [];
  for (const token of tokens) {
    if (token.tokenType === LBrace) stack.push(token);
    else if (token.tokenType === RBrace) stack.pop();
  }
  return stack[stack.length - 1];
}

function previousRealToken(token: IToken, context: ErrorContext): IToken | undefined {
  const offset = isRealToken(token) ? token.startOffset : Infinity;
  let found: IToken | undefined;
  for (const candidate of context.tokens) {
    if (candidate.startOffset >= offset) break;
    found = candidate;
  }
  return found;
}

function recognitionDiagnostic(error: IRecognitionException, context: ErrorContext): Diagnostic {
  const { fileName } = context;
  const ruleStack = error.context?.ruleStack ?? [];
  const rule = ruleStack[ruleStack.length - 1] ?? '';
  const actual = error.token;
  const previous = previousRealToken(actual, context);
  // A missing token is named by its label; an impossible choice by what the rule expects.
  const expected = error.name === 'MismatchedTokenException' ? expectedFromError(error) : (EXPECTED_BY_RULE[rule] ?? expectedFromError(error));
  const atEnd = !isRealToken(actual);

  if (atEnd && error.name === 'MismatchedTokenException' && expected === label(RBrace)) {
    const open = unmatchedOpenBrace(context.tokens);
    if (open) {
      const what = blockDescription(ruleStack);
      return createDiagnostic('unclosed-brace', fileName, rangeOf(open, context), { what }, { hint: `Add '}' after the last line of ${what}.` });
    }
  }
  // The expected thing is missing when the next token is on a later line (or the file ended):
  // anchor to the end of the line where it should have been.
  if (previous !== undefined && (atEnd || lineBreakBetween(context.text, previous, actual))) {
    return createDiagnostic('missing-token', fileName, rangeOf(previous, context), { expected, after: describeToken(previous) });
  }
  const anchor = atEnd ? context.lastToken : actual;
  if (anchor.tokenType === Identifier || (anchor.tokenType.CATEGORIES?.includes(AnyName) && rule !== 'atom')) {
    // Suggest among the words the message expects ('goto' or 'end'), else among item keywords.
    const quoted = [...expected.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
    const suggestion = nearestWord(anchor.image, quoted.length > 0 ? quoted : ITEM_WORDS);
    return createDiagnostic(
      'unknown-keyword',
      fileName,
      rangeOf(anchor, context),
      { word: anchor.image, expected, ...(suggestion ? { suggestion } : {}) },
    );
  }
  return createDiagnostic('unexpected-token', fileName, rangeOf(anchor, context), { found: describeToken(anchor), expected });
}

/** Joins the stray tokens that follow each other on one line into one diagnostic. */
function mergeStrays(problems: readonly GrammarProblem[], text: string): (GrammarProblem & { endToken?: IToken })[] {
  const sorted = [...problems].sort((a, b) => a.token.startOffset - b.token.startOffset);
  const merged: (GrammarProblem & { endToken?: IToken })[] = [];
  for (const problem of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.kind === 'stray-token' && problem.kind === 'stray-token' && !lineBreakBetween(text, last.endToken ?? last.token, problem.token)) {
      last.endToken = problem.token;
      continue;
    }
    merged.push({ ...problem });
  }
  return merged;
}

function problemDiagnostic(problem: GrammarProblem & { endToken?: IToken }, context: ErrorContext): Diagnostic {
  const { fileName } = context;
  const token = problem.token;
  if (problem.kind === 'unknown-word') {
    const suggestion = nearestWord(token.image, problem.candidates);
    return createDiagnostic('unknown-keyword', fileName, rangeOf(token, context), {
      word: token.image,
      expected: problem.expected,
      ...(suggestion ? { suggestion } : {}),
    });
  }
  const end = problem.endToken ?? token;
  const range = context.lines.range(token.startOffset, tokenEnd(end));
  const isWord = token.tokenType.CATEGORIES?.includes(AnyName) ?? false;
  const found = token.tokenType === RBrace
    ? "'}' with no '{' open"
    : isWord
      ? `'${token.image}'`
      : token.tokenType.CATEGORIES?.includes(AnyString)
        ? describeToken(token)
        : `'${token.image}'`;
  return createDiagnostic('unexpected-token', fileName, range, { found, expected: problem.expected });
}

