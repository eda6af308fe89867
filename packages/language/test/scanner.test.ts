/**
 * The hand-written scanner must produce exactly the tokens, comments, tabs and errors of
 * the chevrotain lexer it replaces for speed (lexer.ts stays the reference definition).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { IToken } from 'chevrotain';
import { poetLexer } from '../src/lexer.js';
import { scan } from '../src/scanner.js';
import { generateSurvey } from './support/generate.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

function shape(tokens: readonly IToken[]): string[] {
  return tokens.map((t) => `${t.tokenType.name}@${t.startOffset}:${JSON.stringify(t.image)}`);
}

function assertSameTokens(text: string, what: string): void {
  const reference = poetLexer.tokenize(text);
  const fast = scan(text);
  assert.deepEqual(shape(fast.tokens), shape(reference.tokens), `tokens of ${what}`);
  assert.deepEqual(shape(fast.comments), shape(reference.groups['comments'] ?? []), `comments of ${what}`);
  assert.deepEqual(shape(fast.tabs), shape(reference.groups['tabs'] ?? []), `tabs of ${what}`);
  assert.deepEqual(
    fast.errors,
    reference.errors.map((e) => ({ offset: e.offset, length: e.length })),
    `lexer errors of ${what}`,
  );
}

function poetFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? poetFiles(`${dir}/${entry.name}`) : entry.name.endsWith('.poet') ? [`${dir}/${entry.name}`] : [],
  );
}

test('the scanner matches the chevrotain lexer on every example and fixture', () => {
  const files = [...poetFiles(`${repoRoot}examples`), ...poetFiles(`${repoRoot}packages/language/test/fixtures`)];
  assert.ok(files.length > 20);
  for (const file of files) assertSameTokens(readFileSync(file, 'utf8'), file);
});

test('the scanner matches the chevrotain lexer on generated surveys', () => {
  for (let seed = 1; seed <= 200; seed++) assertSameTokens(generateSurvey(seed), `generated survey ${seed}`);
});

test('the scanner matches the chevrotain lexer on any text, including broken and hostile input', () => {
  const pieces = [
    '"', '"""', '\\', '\n', '\r\n', '\r', '\t', ' ', '#', '4)', '4a)', ' 12) ', '2011-09-01', '20110-09-01', '-', '-5', '1.5', '1.', '!', '!=',
    '<=', '>=', '<', '>', '=', '{', '}', '(', ')', ',', 'in', 'includes', 'include', 'in_x', 'survey', 'long_text', 'text', '_a', 'é', '😀',
    '\u00a0', '\ufeff', '\u2028', '\0', '\ud800', '@', ';', 'x', '9',
  ];
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 40 }), (parts) => {
      assertSameTokens(parts.join(''), JSON.stringify(parts.join('')));
    }),
    { numRuns: 3000 },
  );
});
