/**
 * The standalone validator (`emitStandaloneValidator`): self-contained source, and agreement
 * with the Node validator on every example: the ROUTING-CASES responses, valid responses found
 * by walking each survey, and rule-breaking mutations of them. The emitted modules run in a
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
import type { ChoiceQuestion, CompiledItem, CompiledQuestion, CompiledSurvey } from '../src/compiled/types.js';
import { mapErrors } from '../src/schema/messages.js';
import { emitStandaloneValidator } from '../src/schema/standalone.js';
import { LARGE_SURVEY_KEYS, type ResponseValidator, type ValidationResult } from '../src/schema/validator.js';
import { EXAMPLE_FILES, TRUE, caseResponse, compileStrict, eq, example, opts, q, survey, validAnswer, validatorFor } from './support/responses.js';
import { ROUTING_CASES } from './support/routing-cases.js';

const TODAY = '2016-06-30';
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

function questions(survey: CompiledSurvey): CompiledQuestion[] {
  return survey.items.filter((i): i is CompiledQuestion => i.kind !== 'info');
}

/** Answers a respondent could give to `q`, the `choice`-th first. */
function candidates(q: CompiledQuestion, choice: number): unknown[] {
  const rotate = <T>(list: readonly T[]): T[] => (list.length === 0 ? [] : list.map((_, i) => list[(i + choice) % list.length]!));
  switch (q.kind) {
    case 'consent':
      return choice % 5 === 4 ? ['no', 'yes'] : ['yes', 'no'];
    case 'single':
      return rotate(q.options.map((o) => o.value));
    case 'multi': {
      const plain = q.options.filter((o) => !o.exclusive).map((o) => o.value);
      const n = Math.max(1, q.minTicks ?? 1);
      const sets: unknown[] = rotate(plain).map((_, i, all) => [...all.slice(i), ...all.slice(0, i)].slice(0, Math.min(all.length, n + (choice % 2))));
      for (const o of q.options) if (o.exclusive) sets.splice(choice % 3 === 2 ? 0 : sets.length, 0, [o.value]);
      return sets;
    }
    case 'number': {
      const lo = q.min ?? 0;
      const hi = q.max ?? lo + 10;
      return [lo + ((choice * 3) % (Math.floor(hi - lo) + 1)), lo, hi];
    }
    default:
      return [validAnswer(q)];
  }
}

/**
 * A response found by walking `survey` with the Node validator as guide: answer what it says is
 * missing (the `choice`-th candidate), drop what it says was not asked, try the next candidate
 * for any other problem.
 */
function walk(survey: CompiledSurvey, v: ResponseValidator, choice: number): Answers {
  const byId = new Map(questions(survey).map((q) => [q.id, q]));
  const tried = new Map<string, number>();
  const answers: Answers = {};
  for (let step = 0; step < 300; step++) {
    const result = v.validate(answers, { today: TODAY });
    if (result.valid) break;
    const e = result.errors.find((x) => x.question !== null);
    if (e === undefined) break;
    const parts = e.path.split('/').slice(1);
    const key = parts[0]!;
    const q = byId.get(e.question!)!;
    if (/not (asked|shown) on this path|leave its description/.test(e.message)) {
      if (parts.length > 1) delete (answers[key] as Answers)[parts[1]!];
      else delete answers[key];
      continue;
    }
    if (key !== q.id) {
      answers[key] = 'Described';
      continue;
    }
    const list = candidates(q, choice + step);
    const n = tried.get(key) ?? 0;
    if (n >= list.length + 2) break;
    tried.set(key, n + 1);
    answers[key] = structuredClone(list[n % list.length]);
  }
  return answers;
}

/** Single-step mutations that break a rule (and some that break the shape). */
function mutations(survey: CompiledSurvey, base: Answers): Answers[] {
  const out: Answers[] = [];
  const qs = questions(survey);
  const byId = new Map(qs.map((q) => [q.id, q]));
  const withKey = (key: string, value: unknown): Answers => ({ ...structuredClone(base), [key]: value });
  // An answer to a question not asked.
  for (const q of qs.filter((x) => !(x.id in base)).slice(0, 8)) out.push(withKey(q.id, structuredClone(validAnswer(q))));
  for (const [key, value] of Object.entries(base)) {
    const q = byId.get(key);
    // A missing answer.
    const dropped = structuredClone(base);
    delete dropped[key];
    out.push(dropped);
    if (q === undefined) continue;
    out.push(withKey(key, null));
    switch (q.kind) {
      case 'multi': {
        const plain = q.options.find((o) => !o.exclusive);
        for (const o of q.options.filter((x) => x.exclusive)) if (plain !== undefined) out.push(withKey(key, [o.value, plain.value]));
        out.push(withKey(key, []), withKey(key, ['not_an_option']), withKey(key, 'single'));
        if (Array.isArray(value) && value.length > 0) out.push(withKey(key, [...(value as unknown[]), value[0]]));
        break;
      }
      case 'single':
      case 'consent': {
        out.push(withKey(key, 'not_an_option'), withKey(key, 7));
        if (q.pipedFrom !== undefined) {
          const ticked = base[q.pipedFrom];
          for (const o of q.options) if (!Array.isArray(ticked) || !ticked.includes(o.value)) out.push(withKey(key, o.value));
        }
        break;
      }
      case 'number':
        if (q.max !== undefined) out.push(withKey(key, q.max + 1));
        if (q.min !== undefined) out.push(withKey(key, q.min - 1));
        if (q.whole) out.push(withKey(key, (q.min ?? 0) + 0.5));
        out.push(withKey(key, '3'));
        break;
      case 'text':
      case 'long_text':
        out.push(withKey(key, '   '), withKey(key, 'x'.repeat(q.maxLength + 1)), withKey(key, 12));
        break;
      case 'date':
        out.push(withKey(key, '2015-02-29'), withKey(key, '2015-1-01'), withKey(key, '1900-01-01'), withKey(key, '2099-12-31'));
        break;
      case 'grid': {
        const rows = { ...(value as Answers) };
        out.push(withKey(key, { ...rows, not_a_row: q.scale[0]!.value }), withKey(key, {}), withKey(key, ['x']));
        const first = Object.keys(rows)[0];
        if (first !== undefined) out.push(withKey(key, { ...rows, [first]: 'nope' }), withKey(key, { ...rows, [first]: null }));
        const hidden = q.rows.find((r) => !(r.id in rows));
        if (hidden !== undefined) out.push(withKey(key, { ...rows, [hidden.id]: q.scale[0]!.value }));
        break;
      }
    }
    // An `_other` description without its option.
    const choice = q as ChoiceQuestion;
    if ((q.kind === 'single' || q.kind === 'multi') && choice.other !== undefined && !(choice.other.key in base)) {
      out.push(withKey(choice.other.key, 'Something else'));
    }
  }
  out.push(withKey('not_a_question', 1), JSON.parse(`{"__proto__": 1, "constructor": "x"}`) as Answers);
  return out;
}

interface Case {
  readonly answers: unknown;
  readonly envelope?: boolean;
}

function casesFor(name: (typeof EXAMPLE_FILES)[number]): { cases: Case[]; valid: number } {
  const survey = example(name);
  const v = validatorFor(survey);
  const bases: Answers[] = ROUTING_CASES.filter((c) => c.survey === survey.id).map((c) => caseResponse(survey, c));
  for (let choice = 0; choice < 24; choice++) bases.push(walk(survey, v, choice));
  const seen = new Set<string>();
  const cases: Case[] = [];
  const add = (c: Case) => {
    const key = JSON.stringify(c);
    if (seen.has(key)) return;
    seen.add(key);
    cases.push(c);
  };
  let valid = 0;
  for (const base of bases) {
    if (v.validate(base, { today: TODAY }).valid) valid++;
    add({ answers: base });
    for (const m of mutations(survey, base)) add({ answers: m });
    add({ answers: { answers: base, submitted: '2015-03-01T10:00:00Z' }, envelope: true });
    add({ answers: { answers: base, submitted: 'yesterday' }, envelope: true });
  }
  for (const odd of [null, [], 'answers', 3, {}]) add({ answers: odd });
  return { cases, valid };
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
