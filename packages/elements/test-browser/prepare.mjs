// Writes what the <poet-survey> browser tests load, into build/ (git-ignored), from the compiled
// code (`tsc -b` must have run first):
// - for every example, <id>.survey.json and <id>.validator.js, as `poet compile -o` writes them;
// - <id>.paths.json: two complete respondent paths per example (ROUTING-CASES.md paths for
//   parent_ehc and adult_social_care, generated ones for the others), each checked here with the
//   Node validator, for the keyboard-only tests to play;
// - hostile.survey.json / hostile.validator.js: a survey whose texts hold <script>, <img onerror>
//   and (written into the compiled file afterwards, as a tampered file would) a javascript: link;
// - manifest.json: the example ids and today's date as the validator saw it.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { compileFile } from '../../compiler/dist/src/index.js';
import { emitStandaloneValidator } from '../../compiler/dist/src/schema/standalone.js';
import { createResponseValidator } from '../../compiler/dist/src/schema/validator.js';
import { localDate, route } from '../../runtime/dist/src/index.js';
import { EXAMPLES_DIR, EXAMPLE_FILES, ROUTING_CASES, answerPath, validAnswer } from '../../runtime/dist/test/support/examples.js';

const build = new URL('./build/', import.meta.url);
rmSync(build, { recursive: true, force: true });
mkdirSync(build, { recursive: true });
const today = localDate();

function compile(path) {
  const result = compileFile(path);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (result.survey === undefined || errors.length > 0) {
    throw new Error(`prepare: ${path} does not compile:\n${errors.map((d) => d.message).join('\n')}`);
  }
  return result.survey;
}

function write(survey, extra = {}) {
  writeFileSync(new URL(`${survey.id}.survey.json`, build), JSON.stringify(survey));
  writeFileSync(new URL(`${survey.id}.validator.js`, build), emitStandaloneValidator(survey));
  for (const [name, value] of Object.entries(extra)) writeFileSync(new URL(`${survey.id}.${name}`, build), JSON.stringify(value, null, 1));
}

/**
 * A second generated path: every single question takes its second option where it has one (the
 * consent gate still says yes), and a multi with an "other – please describe" option ticks it
 * and describes it, so the keyboard walk opens the reveal.
 */
function alternativePath(survey) {
  const answers = {};
  for (let changed = true; changed; ) {
    changed = false;
    for (const a of route(survey, answers, { today }).asked) {
      if (Object.prototype.hasOwnProperty.call(answers, a.id)) continue;
      const q = a.question;
      const offered = a.options ?? q.options;
      if (q.kind === 'consent') answers[a.id] = 'yes';
      else if (q.kind === 'single') answers[a.id] = (offered.filter((o) => !o.missing)[1] ?? offered[0]).value;
      else if (q.kind === 'multi' && q.pipedFrom === undefined && q.options.some((o) => o.specify)) {
        const first = q.options.find((o) => !o.exclusive && !o.specify);
        const other = q.options.find((o) => o.specify);
        answers[a.id] = first === undefined ? [other.value] : [first.value, other.value];
        answers[q.other.key] = 'Something else, described';
      } else if (a.options !== undefined) answers[a.id] = q.kind === 'multi' ? [a.options[0].value] : a.options[0].value;
      else answers[a.id] = validAnswer(q, a.rows);
      changed = true;
      break;
    }
  }
  return answers;
}

const TWO_CASES = { parent_ehc: ['P03', 'P07'], adult_social_care: [] };
const manifest = { today, examples: [] };
for (const name of EXAMPLE_FILES) {
  const survey = compile(`${EXAMPLES_DIR}${name}.poet`);
  const validator = createResponseValidator(survey, { today });
  const cases = ROUTING_CASES.filter((c) => c.survey === survey.id);
  let paths;
  if (cases.length >= 2) {
    // A full path and one through Other / an exclusive option, where ROUTING-CASES.md has them.
    const wanted = TWO_CASES[survey.id]?.length ? TWO_CASES[survey.id] : [];
    const chosen = wanted.length === 2 ? cases.filter((c) => wanted.includes(c.id)) : pickTwo(cases);
    paths = chosen.map((c) => ({ name: `${c.id}: ${c.title}`, answers: answerPath(survey, c.given) }));
  } else {
    paths = [
      { name: 'first options everywhere', answers: answerPath(survey, {}) },
      { name: 'second options, other described', answers: alternativePath(survey) },
    ];
  }
  for (const path of paths) {
    const result = validator.validate(path.answers);
    if (!result.valid) throw new Error(`prepare: path "${path.name}" of ${survey.id} is not a valid response: ${JSON.stringify(result.errors)}`);
    path.asked = route(survey, path.answers, { today }).asked.map((a) => a.id);
  }
  write(survey, { 'paths.json': paths });
  manifest.examples.push({ name, id: survey.id, pages: survey.pages.length, paths: paths.map((p) => p.name) });
}

/** Two complete (not ended) routing cases, the longest and one with an exclusive or Other answer. */
function pickTwo(cases) {
  const full = [...cases].sort((a, b) => b.asked.length - a.asked.length);
  const first = full[0];
  const second =
    full.find((c) => c !== first && Object.entries(c.given).some(([k, v]) => k.endsWith('_other') || (Array.isArray(v) && v.some((x) => /dont_know|none|nobody|other/.test(x))))) ??
    full[1];
  return [first, second];
}

// ---- the hostile survey -------------------------------------------------------------------
const HOSTILE = `survey hostile "Hostile <script>window.__poetHacked = 'title'</script> survey"
  version "1.0.0"
  intro "Welcome <img src=x onerror=\\"window.__poetHacked = 'intro'\\"> to this survey. <script>window.__poetHacked = 'intro script'</script>"
  privacy "Privacy <b onmouseover=\\"window.__poetHacked = 'privacy'\\">bold</b>"
  thanks "Thanks <script>window.__poetHacked = 'thanks'</script>"

section sec_one "Page <img src=x onerror=\\"window.__poetHacked = 'section'\\">" {
  1) single pick "Pick <script>window.__poetHacked = 'question'</script> one"
    hint "Hint <img src=x onerror=\\"window.__poetHacked = 'hint'\\">"
    options {
      1 a "A <img src=x onerror=\\"window.__poetHacked = 'option'\\">"
      2 b "B <script>window.__poetHacked = 'option b'</script>"
    }

  info note "Note <iframe src=\\"javascript:window.__poetHacked = 'iframe'\\"></iframe>"

  2) text words "Words <svg onload=\\"window.__poetHacked = 'svg'\\"></svg>"
    optional
}
`;
writeFileSync(new URL('hostile.poet', build), HOSTILE);
const hostile = compile(new URL('hostile.poet', build).pathname);
// A link the compiler would refuse (markup-unsafe-link), as a hand-edited file could hold it.
const tampered = {
  ...hostile,
  intro: {
    source: hostile.intro.source,
    blocks: [
      ...hostile.intro.blocks,
      { type: 'paragraph', content: [{ type: 'link', href: "javascript:window.__poetHacked='link'", content: [{ type: 'text', text: 'a javascript link' }] }] },
      { type: 'paragraph', content: [{ type: 'link', href: 'JAVASCRIPT:window.__poetHacked=1', content: [{ type: 'text', text: 'an upper-case one' }] }] },
      { type: 'paragraph', content: [{ type: 'link', href: "data:text/html,<script>alert('x')</script>", content: [{ type: 'text', text: 'a data link' }] }] },
      { type: 'paragraph', content: [{ type: 'link', href: 'https://example.org/ok', content: [{ type: 'text', text: 'a safe link' }] }] },
    ],
  },
};
write(tampered);
manifest.examples.push({ name: 'hostile', id: hostile.id, pages: hostile.pages.length, paths: [] });

writeFileSync(new URL('manifest.json', build), JSON.stringify(manifest, null, 2));
console.log(`elements test-browser: wrote ${manifest.examples.length} surveys with validators, ${manifest.examples.reduce((n, e) => n + e.paths.length, 0)} keyboard paths`);
