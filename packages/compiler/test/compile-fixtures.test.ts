/**
 * Golden tests for the compiler: every `fixtures/NAME.poet` is compiled and its diagnostics
 * must equal `NAME.diagnostics.txt`; every `fixtures/valid/NAME.poet` compiles without error
 * and its compiled survey must equal `NAME.survey.json` and its response schema
 * `NAME.schema.json`, which strict ajv compiles with no warning in the same run. `UPDATE_GOLDENS=1` rewrites the
 * golden files and fails on purpose, so that nobody blesses a change without reading it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { catalog, type Diagnostic } from '@poetkit/language';
import { emitResponseSchema } from '../src/index.js';
import { createPoetAjv } from '../src/schema/validator.js';
import { compileFixture, fixtureDir } from './support/fixtures.js';

const update = process.env['UPDATE_GOLDENS'] === '1';

function render(name: string, diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const { start, end } = d.range;
      const where = d.file === name ? '' : `${d.file} `;
      const lines = [`${where}${start.line}:${start.column}-${end.line}:${end.column} ${d.severity} ${d.code} ${d.id}: ${d.message}`];
      if (d.hint !== undefined) lines.push(`    hint: ${d.hint}`);
      for (const r of d.related ?? []) lines.push(`    related: ${r.file}(${r.range.start.line},${r.range.start.column}): ${r.message}`);
      return lines.join('\n');
    })
    .join('\n')
    .concat(diagnostics.length > 0 ? '\n' : '');
}

function checkGolden(goldenPath: string, actual: string): void {
  if (update) {
    writeFileSync(goldenPath, actual);
    assert.fail(`UPDATE_GOLDENS=1: rewrote ${goldenPath}; read the diff, then run the tests again without it`);
  }
  assert.ok(existsSync(goldenPath), `missing golden file ${goldenPath}: run with UPDATE_GOLDENS=1 and read it`);
  assert.equal(actual, readFileSync(goldenPath, 'utf8'));
}

const failing = readdirSync(fixtureDir).filter((f) => f.endsWith('.poet')).sort();
const valid = readdirSync(fixtureDir + 'valid').filter((f) => f.endsWith('.poet')).sort();

for (const fixture of failing) {
  test(`compiler fixture ${fixture}`, () => {
    const result = compileFixture(fixture);
    assert.ok(result.diagnostics.length > 0, 'a failing fixture must report something');
    if (result.diagnostics.some((d) => d.severity === 'error')) assert.equal(result.survey, undefined, 'an error must give no survey');
    checkGolden(fixtureDir + fixture.replace(/\.poet$/, '.diagnostics.txt'), render(fixture, result.diagnostics));
  });
}

for (const fixture of valid) {
  test(`compiled survey valid/${fixture}`, () => {
    const result = compileFixture(`valid/${fixture}`);
    assert.deepEqual(render(`valid/${fixture}`, result.diagnostics), '');
    assert.ok(result.survey !== undefined);
    checkGolden(fixtureDir + 'valid/' + fixture.replace(/\.poet$/, '.survey.json'), `${JSON.stringify(result.survey, null, 2)}\n`);
  });

  test(`response schema valid/${fixture}`, () => {
    const survey = compileFixture(`valid/${fixture}`).survey;
    assert.ok(survey !== undefined);
    const schema = emitResponseSchema(survey);
    const warnings: unknown[] = [];
    const ajv = createPoetAjv({ logger: { log: () => undefined, warn: (...args: unknown[]) => warnings.push(args), error: (...args: unknown[]) => warnings.push(args) } });
    ajv.compile(schema);
    assert.deepEqual(warnings, [], 'strict ajv must compile the schema without a warning');
    checkGolden(fixtureDir + 'valid/' + fixture.replace(/\.poet$/, '.schema.json'), `${JSON.stringify(schema, null, 2)}\n`);
  });
}

test('every compiler diagnostic code (POET2xxx, POET3xxx) has a fixture that produces it', () => {
  const produced = new Set(failing.flatMap((f) => compileFixture(f).diagnostics.map((d) => d.code)));
  const missing = Object.values(catalog)
    .map((entry) => entry.code)
    .filter((code) => (code.startsWith('POET2') || code.startsWith('POET3')) && !produced.has(code));
  assert.deepEqual(missing, []);
});

test('compiling twice gives byte-identical output', () => {
  for (const fixture of valid) {
    const a = JSON.stringify(compileFixture(`valid/${fixture}`).survey);
    const b = JSON.stringify(compileFixture(`valid/${fixture}`).survey);
    assert.equal(a, b);
  }
});
