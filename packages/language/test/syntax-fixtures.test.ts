/**
 * Golden tests for syntax diagnostics: every `fixtures/syntax/NAME.poet` is read as bytes,
 * decoded and parsed, and its diagnostics must equal `NAME.diagnostics.txt` exactly
 * (code, severity, line:column range and message). `UPDATE_GOLDENS=1` rewrites the golden
 * files and fails on purpose, so that nobody blesses a change without reading it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { catalog, decodeSource, parse, type Diagnostic } from '../src/index.js';

const fixtureDir = fileURLToPath(new URL('../../test/fixtures/syntax/', import.meta.url));
const update = process.env['UPDATE_GOLDENS'] === '1';

function render(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const { start, end } = d.range;
      const head = `${start.line}:${start.column}-${end.line}:${end.column} ${d.severity} ${d.code} ${d.id}: ${d.message}`;
      return d.hint === undefined ? head : `${head}\n    hint: ${d.hint}`;
    })
    .join('\n')
    .concat(diagnostics.length > 0 ? '\n' : '');
}

export function diagnosticsOf(name: string): Diagnostic[] {
  const bytes = readFileSync(fixtureDir + name);
  const decoded = decodeSource(bytes, name);
  return [...decoded.diagnostics, ...parse(decoded.text, name).diagnostics];
}

const fixtures = readdirSync(fixtureDir).filter((f) => f.endsWith('.poet')).sort();

for (const fixture of fixtures) {
  test(`syntax fixture ${fixture}`, () => {
    const actual = render(diagnosticsOf(fixture));
    const goldenPath = fixtureDir + fixture.replace(/\.poet$/, '.diagnostics.txt');
    if (update) {
      writeFileSync(goldenPath, actual);
      assert.fail(`UPDATE_GOLDENS=1: rewrote ${goldenPath}; read the diff, then run the tests again without it`);
    }
    assert.ok(existsSync(goldenPath), `missing golden file ${goldenPath}: run with UPDATE_GOLDENS=1 and read it`);
    assert.equal(actual, readFileSync(goldenPath, 'utf8'));
  });
}

test('every syntax diagnostic code (POET1xxx) has a fixture that produces it', () => {
  const produced = new Set(fixtures.flatMap((f) => diagnosticsOf(f).map((d) => d.code)));
  const missing = Object.values(catalog)
    .map((entry) => entry.code)
    .filter((code) => code.startsWith('POET1') && !produced.has(code));
  assert.deepEqual(missing, []);
});

test('a file with many mistakes reports each of them in one run', () => {
  const codes = diagnosticsOf('many-errors.poet').map((d) => `${d.range.start.line}:${d.code}`);
  assert.ok(codes.length >= 10, `expected at least 10 diagnostics, got ${codes.join(', ')}`);
  // Lines after the first error are still read: the misspelt section on line 21 and the
  // impossible date on line 23 are reported too.
  assert.ok(codes.includes('21:POET1101'));
  assert.ok(codes.includes('23:POET1008'));
});

test('every diagnostic is anchored to real text inside the file', () => {
  for (const fixture of fixtures) {
    const text = decodeSource(readFileSync(fixtureDir + fixture), fixture).text;
    for (const d of diagnosticsOf(fixture)) {
      assert.ok(d.range.start.offset >= 0 && d.range.start.offset <= d.range.end.offset && d.range.end.offset <= text.length + 1, `${fixture}: ${d.code} out of range`);
    }
  }
});
