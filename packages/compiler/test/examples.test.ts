/** The six POET examples compile with no error and no warning. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compileFile } from '../src/compile.js';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const files = readdirSync(examples).filter((f) => f.endsWith('.poet')).sort();

test('there are six examples', () => {
  assert.equal(files.length, 6);
});

for (const file of files) {
  test(`example ${file} compiles with no error and no warning`, () => {
    const result = compileFile(examples + file);
    assert.deepEqual(result.diagnostics.map((d) => `${d.file}(${d.range.start.line}): ${d.code} ${d.message}`), []);
    assert.ok(result.survey !== undefined);
    assert.equal(result.survey.consent, 'consent');
    assert.equal(result.survey.items[0]!.id, 'consent');
  });
}

test('the bank files check without error', () => {
  for (const bank of readdirSync(examples + 'banks').filter((f) => f.endsWith('.poet'))) {
    const result = compileFile(`${examples}banks/${bank}`);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
    assert.equal(result.survey, undefined);
  }
});
