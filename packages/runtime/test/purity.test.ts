/** The runtime loads nothing of the compiler, chevrotain or ajv, and uses no DOM or Node API. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);
const srcDir = fileURLToPath(new URL('src/', root));
const distSrc = fileURLToPath(new URL('dist/src/', root));

describe('runtime purity', () => {
  it('has no runtime dependency but the compiler (for types)', () => {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('package.json', root)), 'utf8')) as Record<string, Record<string, string> | undefined>;
    assert.deepEqual(Object.keys(pkg['dependencies'] ?? {}), ['@poetkit/compiler']);
  });

  it('imports the compiler for types only, and no DOM or Node API appears in src/', () => {
    for (const file of readdirSync(srcDir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(srcDir + file, 'utf8');
      for (const m of text.matchAll(/^(import|export)\b[^;]*?from\s+'([^']+)'/gm)) {
        if (!m[2]!.startsWith('.')) assert.match(m[0], /^import type /, `${file}: ${m[0]}`);
      }
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      for (const banned of [/\bdocument\b/, /\bwindow\b/, /\bprocess\b/, /\brequire\(/, /node:/, /\bBuffer\b/, /\bglobalThis\b/, /\bnew Function\b/, /\beval\(/]) {
        assert.doesNotMatch(code, banned, `${file} uses ${banned.source}`);
      }
    }
  });

  it('the built module graph is only its own files (so no chevrotain, ajv or compiler code loads)', () => {
    for (const file of readdirSync(distSrc).filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(distSrc + file, 'utf8');
      for (const m of text.matchAll(/(?:import|export)\s[^;]*?from\s+'([^']+)'|import\('([^']+)'\)/g)) {
        const spec = m[1] ?? m[2]!;
        assert.ok(spec.startsWith('./'), `${file} imports ${spec}`);
      }
    }
  });

});
