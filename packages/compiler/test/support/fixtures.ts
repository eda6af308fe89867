/** Compiling the fixtures of packages/compiler/test/fixtures, with display paths relative to that folder. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileFile, type CompileResult } from '../../src/compile.js';

export const fixtureDir = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));

export function compileFixture(name: string): CompileResult {
  return compileFile(name, {
    readFile: (path) => {
      try {
        return readFileSync(fixtureDir + path);
      } catch {
        return undefined;
      }
    },
  });
}
