/** docs/diagnostics.md is generated from the catalogue; this fails when it is out of date. */
import { catalog } from '@poetkit/language';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

interface Generator {
  readonly docPath: string;
  loadLanguage(): Promise<unknown>;
  renderDiagnosticsDoc(language: unknown): string;
}

const script = new URL('../../../../scripts/gen-diagnostics-doc.mjs', import.meta.url);

describe('docs/diagnostics.md', () => {
  it('is what scripts/gen-diagnostics-doc.mjs writes (run `pnpm docs:diagnostics` after changing the catalogue)', async () => {
    const generator = (await import(script.href)) as Generator;
    const expected = generator.renderDiagnosticsDoc(await generator.loadLanguage());
    const actual = readFileSync(generator.docPath, 'utf8');
    assert.ok(actual === expected, 'docs/diagnostics.md is out of date: run `pnpm build && pnpm docs:diagnostics` and commit it.');
  });

  it('has an anchor and a heading for every code', () => {
    const text = readFileSync(new URL('../../../../docs/diagnostics.md', import.meta.url), 'utf8');
    for (const [id, entry] of Object.entries(catalog)) {
      assert.ok(text.includes(`<a id="${entry.code}"></a>\n\n### ${entry.code} ${id}\n`), entry.code);
    }
  });
});
