/**
 * Responses for checking the standalone validator against the Node validator on the examples:
 * the ROUTING-CASES responses, valid responses found by walking each survey, and rule-breaking
 * mutations of them. Used by test/standalone.test.ts (Node) and test-browser/prepare.mjs (Chromium).
 */
import type { ChoiceQuestion, CompiledQuestion, CompiledSurvey } from '../../src/compiled/types.js';
import type { ResponseValidator } from '../../src/schema/validator.js';
import { EXAMPLE_FILES, caseResponse, example, validAnswer, validatorFor } from './responses.js';
import { ROUTING_CASES } from './routing-cases.js';

/** The `today` every agreement check validates with. */
export const TODAY = '2016-06-30';
type Answers = Record<string, unknown>;


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

export interface Case {
  readonly answers: unknown;
  readonly envelope?: boolean;
}

export function casesFor(name: (typeof EXAMPLE_FILES)[number]): { cases: Case[]; valid: number } {
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
    for (const submitted of ['2016-02-29', '2016-02-30', '2015-02-29T10:00:00Z', '2016-13-01']) add({ answers: { answers: base, submitted }, envelope: true });
  }
  for (const odd of [null, [], 'answers', 3, {}]) add({ answers: odd });
  return { cases, valid };
}

