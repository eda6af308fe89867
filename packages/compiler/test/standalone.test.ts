/**
 * The standalone validator (`emitStandaloneValidator`): self-contained source, and agreement
 * with the Node validator on every example: the ROUTING-CASES responses, valid responses found
 * by walking each survey, and rule-breaking mutations of them (support/standalone-cases.ts;
 * the same cases run in Chromium under a strict CSP in test-browser/). The emitted modules run in a
 * child Node started with `--disallow-code-generation-from-strings`, so any `eval` or
 * `new Function` in them would throw.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { CompiledItem } from '../src/compiled/types.js';
import { mapErrors } from '../src/schema/messages.js';
import { emitStandaloneValidator } from '../src/schema/standalone.js';
import { LARGE_SURVEY_KEYS, type ValidationResult } from '../src/schema/validator.js';
import { EXAMPLE_FILES, TRUE, compileStrict, eq, example, opts, q, survey, validatorFor } from './support/responses.js';
import { TODAY, casesFor } from './support/standalone-cases.js';

type Answers = Record<string, unknown>;

const dir = mkdtempSync(join(tmpdir(), 'poet-standalone-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');

const sources = new Map<string, string>();
function source(name: (typeof EXAMPLE_FILES)[number]): string {
  let text = sources.get(name);
  if (text === undefined) {
    text = emitStandaloneValidator(example(name));
    sources.set(name, text);
  }
  return text;
}

/** Runs the emitted modules in a child Node that forbids code generation from strings. */
const CHILD = `
import { readFileSync, writeFileSync } from 'node:fs';
const [dir, ...names] = process.argv.slice(2);
const blocked = (f) => { try { f(); return false; } catch (e) { return e instanceof EvalError; } };
const out = { evalBlocked: blocked(() => eval('1')), functionBlocked: blocked(() => new Function('return 1')), results: {} };
for (const name of names) {
  const m = await import(new URL('./' + name + '.validator.js', 'file://' + dir + '/').href);
  const cases = JSON.parse(readFileSync(dir + '/' + name + '.cases.json', 'utf8'));
  out.results[name] = cases.map((c) => (c.envelope ? m.validateResponse : m.validate)(c.answers, { today: ${JSON.stringify(TODAY)} }));
}
writeFileSync(dir + '/results.json', JSON.stringify(out));
`;

describe('emitStandaloneValidator', () => {
  it('emits a module with no imports, requires, eval or Function', () => {
    for (const name of EXAMPLE_FILES) {
      const text = source(name);
      for (const banned of ['require(', 'import ', 'import(', 'new Function', 'Function(']) {
        assert.equal(text.includes(banned), false, `${name}: the validator contains '${banned}'`);
      }
      // (ajv's code names variables `evaluated0`; no `eval` as a word.)
      assert.doesNotMatch(text, /\beval\b/, name);
      assert.match(text, /^export function validate\(answers, options\)/m);
      assert.match(text, /^export function validateResponse\(response, options\)/m);
    }
  });

  it('embeds the message mapping the Node validator uses (one catalogue)', () => {
    const text = source('parent-ehc');
    assert.ok(text.includes(`const poet$mapErrors = ${mapErrors.toString()};`));
  });

  it('agrees with the Node validator on every example, with code generation from strings disallowed', () => {
    const expected = new Map<string, ValidationResult[]>();
    const messages = new Set<string>();
    const sizes: string[] = [];
    for (const name of EXAMPLE_FILES) {
      const text = source(name);
      const { cases, valid } = casesFor(name);
      sizes.push(`${name}: ${Buffer.byteLength(text)} bytes, ${gzipSync(text).length} gzipped; ${cases.length} cases, ${valid} valid bases`);
      assert.ok(valid >= 2, `${name}: the walks found only ${valid} valid responses`);
      assert.ok(cases.length > 200, `${name}: only ${cases.length} cases`);
      const v = validatorFor(example(name));
      expected.set(
        name,
        cases.map((c) => (c.envelope ? v.validateResponse(c.answers, { today: TODAY }) : v.validate(c.answers, { today: TODAY }))),
      );
      for (const r of expected.get(name)!) for (const e of r.errors) messages.add(e.message);
      writeFileSync(join(dir, `${name}.validator.js`), text);
      writeFileSync(join(dir, `${name}.cases.json`), JSON.stringify(cases));
    }
    // The mutations reach every kind of rule.
    for (const kind of [
      /^This question was not asked on this path/,
      /^You ticked '.*', so untick the other options$/,
      /^Enter a whole number from \d+ to \d+$/,
      /^Select at least one option$/,
      /^Enter an answer$/,
      /^You did not choose '.*', so leave its description/,
      /^Select one of the options ticked in /,
      /^This row was not shown on this path/,
      /^Date must be /,
      /^'not_a_question' is not a question in this survey/,
    ]) {
      assert.ok([...messages].some((m) => kind.test(m)), `no case gives a message like ${kind}`);
    }
    writeFileSync(join(dir, 'child.mjs'), CHILD);
    const run = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', join(dir, 'child.mjs'), dir, ...EXAMPLE_FILES], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as {
      evalBlocked: boolean;
      functionBlocked: boolean;
      results: Record<string, ValidationResult[]>;
    };
    assert.equal(out.evalBlocked, true, 'the child Node allowed eval');
    assert.equal(out.functionBlocked, true, 'the child Node allowed new Function');
    for (const name of EXAMPLE_FILES) {
      const want = expected.get(name)!;
      const got = out.results[name]!;
      assert.equal(got.length, want.length);
      const differ = want.flatMap((w, i) => (JSON.stringify(w) === JSON.stringify(got[i]) ? [] : [{ i, want: w, got: got[i] }]));
      assert.deepEqual(differ.slice(0, 3), [], `${name}: ${differ.length} of ${want.length} responses differ`);
      const invalid = want.filter((w) => !w.valid).length;
      assert.ok(invalid > want.length / 2, `${name}: only ${invalid} of ${want.length} cases are invalid`);
    }
    if (process.env['POET_STANDALONE_SIZES'] !== undefined) console.log(sizes.join('\n'));
  });

  it('emits a working validator for a large survey (ajv without its code optimiser)', async () => {
    const yesNo = opts('1 yes Yes', '2 no No');
    const ticks = opts('1 a A', '2 b B', '98 none None exclusive');
    const items: CompiledItem[] = [];
    for (let i = 0; i < LARGE_SURVEY_KEYS + 200; i++) {
      const when = i === 0 ? TRUE : eq(`q${i - 1}`, 'yes');
      if (i % 10 === 5) items.push(q({ id: `q${i}`, kind: 'multi', options: ticks, when, required: false }));
      else items.push(q({ id: `q${i}`, kind: 'single', options: yesNo, when }));
    }
    const big = survey('big', items);
    const node = compileStrict(big);
    const file = join(dir, 'big.validator.js');
    writeFileSync(file, emitStandaloneValidator(big));
    const m = (await import(new URL(`file://${file}`).href)) as { validate: (answers: unknown, options?: { today?: string }) => ValidationResult };
    const chain = (n: number): Answers => Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, i % 10 === 5 ? ['a'] : 'yes']));
    for (const answers of [{ q0: 'no' }, { q0: 'no', q1199: 'yes' }, chain(40), { ...chain(40), q40: 'no' }, { ...chain(16), q15: ['none', 'a'] }]) {
      assert.deepEqual(m.validate(answers, { today: TODAY }), node.validate(answers, { today: TODAY }), JSON.stringify(answers).slice(0, 80));
    }
  });
});
