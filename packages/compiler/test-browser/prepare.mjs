// Writes what the Chromium test (validator.test.js) loads, into build/ (git-ignored):
// for every example, <id>.validator.js (emitStandaloneValidator) and <id>.cases.json (the
// responses of test/support/standalone-cases.ts with the Node validator's results), plus
// manifest.json. Runs on the compiled code, so `tsc -b` must have run first.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { emitStandaloneValidator } from '../dist/src/schema/standalone.js';
import { EXAMPLE_FILES, example, validatorFor } from '../dist/test/support/responses.js';
import { TODAY, casesFor } from '../dist/test/support/standalone-cases.js';

const build = new URL('./build/', import.meta.url);
rmSync(build, { recursive: true, force: true });
mkdirSync(build, { recursive: true });
const manifest = { today: TODAY, examples: [] };
for (const name of EXAMPLE_FILES) {
  const survey = example(name);
  const v = validatorFor(survey);
  // Round-trip through JSON first, so Node validates exactly what the browser will parse.
  const cases = JSON.parse(JSON.stringify(casesFor(name).cases));
  const expected = cases.map((c) => (c.envelope ? v.validateResponse : v.validate).call(v, c.answers, { today: TODAY }));
  writeFileSync(new URL(`${name}.validator.js`, build), emitStandaloneValidator(survey));
  writeFileSync(new URL(`${name}.cases.json`, build), JSON.stringify(cases.map((c, i) => ({ ...c, expected: expected[i] }))));
  manifest.examples.push({ name, cases: cases.length, invalid: expected.filter((r) => !r.valid).length });
}
writeFileSync(new URL('manifest.json', build), JSON.stringify(manifest, null, 2));
console.log(`test-browser: wrote ${manifest.examples.length} validators, ${manifest.examples.reduce((n, e) => n + e.cases, 0)} cases`);
