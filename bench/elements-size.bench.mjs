/**
 * The <poet-survey> bundle (packages/elements/dist/poet-elements.js, built by `pnpm build`):
 * its gzip -9 size, target at most 25 KiB. A size benchmark (`kind: 'size'`, see run.mjs).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUNDLE = new URL('../packages/elements/dist/poet-elements.js', import.meta.url);

export default {
  name: 'elements-bundle-size',
  description: 'gzip -9 size of packages/elements/dist/poet-elements.js (Lit included)',
  kind: 'size',
  target: { bytes: 25 * 1024 },
  async setup() {
    const source = readFileSync(BUNDLE);
    const text = source.toString('utf8');
    return {
      bytes: gzipSync(source, { level: 9 }).length,
      info: {
        raw: `${(source.length / 1024).toFixed(1)} KiB`,
        'eval or new Function': /\beval\s*\(|new\s+Function\s*\(/.test(text) ? 'FOUND' : 'none',
      },
    };
  },
};
