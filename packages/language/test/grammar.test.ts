/**
 * The grammar itself, apart from what it reads.
 *
 * - The process-wide parser is built without chevrotain's grammar checks (they cost start-up
 *   time and never change what is parsed), so this test builds one with them on: an ambiguity
 *   or a left recursion added to parser.ts fails here rather than going unnoticed.
 * - The header is recognised by a hand-written check of the word after `survey`/`bank`
 *   (see `file` in parser.ts), which must keep deciding exactly as chevrotain's LL(3) did.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IToken, TokenType } from 'chevrotain';
import { createTokenInstance, EOF, getLookaheadPaths, Lexer, tokenMatcher } from '../src/chevrotain.js';
import { parse } from '../src/index.js';
import { allTokens } from '../src/lexer.js';
import { nameFollowsHeaderWord, PoetParser, poetParser } from '../src/parser.js';

describe('grammar', () => {
  it('passes chevrotain’s grammar checks', () => {
    // performSelfAnalysis throws "Parser Definition Errors detected: ..." listing every problem.
    assert.doesNotThrow(() => new PoetParser({ validateGrammar: true }));
  });

  it('can build more than one parser (the shared one is not special)', () => {
    assert.doesNotThrow(() => new PoetParser());
  });
});

describe('grammar: the header', () => {
  function summary(text: string): { header: string | undefined; items: string[]; diagnostics: string[] } {
    const result = parse(text, 'header.poet');
    const header = result.file.header;
    return {
      header: header === undefined ? undefined : `${header.fileKind} ${header.id.text}`,
      items: result.file.items.map((item) => item.kind),
      diagnostics: result.diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column}`),
    };
  }

  it('starts with survey or bank followed by a name', () => {
    assert.deepEqual(summary('survey s "S"\nsingle q "Q"\n'), { header: 'survey s', items: ['Question'], diagnostics: [] });
    assert.deepEqual(summary('bank b "B"\n'), { header: 'bank b', items: [], diagnostics: [] });
  });

  it('accepts a keyword as the name, reporting only the missing title', () => {
    assert.deepEqual(summary('survey options\nsingle q "Q"\n'), { header: 'survey options', items: ['Question'], diagnostics: ['POET1102 1:8'] });
    assert.deepEqual(summary('bank b\n'), { header: 'bank b', items: [], diagnostics: ['POET1102 1:6'] });
  });

  it('is not a header when no name follows survey or bank: the word is reported as stray', () => {
    assert.deepEqual(summary('survey "S"\nsingle q "Q"\n'), { header: undefined, items: ['Question'], diagnostics: ['POET1103 1:1'] });
    assert.deepEqual(summary('bank "B" version "1"\n'), { header: undefined, items: [], diagnostics: ['POET1103 1:1'] });
    assert.deepEqual(summary('survey {\n'), { header: undefined, items: [], diagnostics: ['POET1103 1:1'] });
    assert.deepEqual(summary('survey\n'), { header: undefined, items: [], diagnostics: ['POET1103 1:1'] });
  });
});

describe('grammar: the header decision', () => {
  it('opens the header for exactly the token sequences chevrotain’s LL(3) lookahead did', () => {
    const file = poetParser.getGAstProductions()['file'];
    assert.ok(file !== undefined, 'the grammar has a rule named file');
    // The option is the first (occurrence 0) in `file`. Computing it at depth 3 is the cost that
    // the hand-written check avoids at start-up (a second or so, paid here once).
    const pathsAt = (maxLookahead: number): TokenType[][] => {
      const [inside] = getLookaheadPaths({ occurrence: 0, rule: file, prodType: 'Option', maxLookahead });
      assert.ok(inside !== undefined && inside.length > 0, 'the option has lookahead paths');
      return inside;
    };
    const reference = pathsAt(3);
    const firstTokens = pathsAt(1);
    const matches = (paths: TokenType[][], tokens: readonly IToken[]): boolean =>
      paths.some((path) => path.every((expected, i) => tokenMatcher(tokens[i]!, expected)));
    // Every token type (a category is never a token's own type), and the end of the file.
    const concrete = [...allTokens.filter((t) => t.PATTERN !== Lexer.NA), EOF].map((t) => createTokenInstance(t, 'x', 0, 0, 1, 1, 1, 1));
    const mismatches: string[] = [];
    for (const first of concrete) {
      for (const second of concrete) {
        for (const third of concrete) {
          const sequence = [first, second, third];
          const expected = matches(reference, sequence);
          const actual = matches(firstTokens, sequence) && nameFollowsHeaderWord(second);
          if (expected !== actual && mismatches.length < 5) {
            mismatches.push(`${sequence.map((t) => t.tokenType.name).join(' ')}: LL(3) ${expected ? 'opens' : 'does not open'} the header`);
          }
        }
      }
    }
    assert.deepEqual(mismatches, [], 'update nameFollowsHeaderWord (parser.ts) to what the header grammar now allows');
  });
});
