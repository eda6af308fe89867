/** `poet site`: the example site built from examples/*.poet and served under a strict CSP. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { safePath } from '../src/serve/http.js';
import { BROKEN, CLEAN, poet, tempDir, writeFiles } from './helpers.js';
import { assertNoInlineCode, assertSecurityHeaders, rawGet, startVerb, type RunningVerb } from './serve-helpers.js';

const EXAMPLES_DIR = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const EXAMPLE_FILES = readdirSync(EXAMPLES_DIR)
  .filter((name) => name.endsWith('.poet'))
  .sort()
  .map((name) => join(EXAMPLES_DIR, name));
const SURVEY_IDS = ['adult_social_care', 'carer', 'health_phb', 'parent_ehc', 'practitioner_ehc', 'streamlined_555'];
/** Stands in for the real bundle, which another package builds: the site only serves it. */
const FAKE_BUNDLE = 'export const fake = "poet-elements";\n';
const UUID_A = '0b6f3a4e-3c1d-4e8a-9f1e-2a7c5d9e8b10';
const UUID_B = '5d2c8e1a-7b4f-4c3d-8e9a-1f6b2c7d3e40';

function envelope(fields: Record<string, unknown>): Record<string, unknown> {
  return { survey: 'parent_ehc', version: '1.0.0', id: UUID_A, submitted: '2026-11-23T14:05:09+00:00', answers: { consent: 'no' }, ...fields };
}

function post(url: string, body: unknown, contentType = 'application/json'): Promise<Response> {
  return fetch(new URL('responses', url), { method: 'POST', headers: { 'Content-Type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

describe('poet site --serve on the six examples', () => {
  // Made here, not in `before`: tempDir's clean-up then runs after the whole suite.
  const dir = tempDir();
  let site: RunningVerb;

  before(async () => {
    writeFiles(dir, { 'bundle/poet-elements.js': FAKE_BUNDLE });
    site = await startVerb(dir, ['site', '--serve', '--port', '0', '--bundle', 'bundle/poet-elements.js', '-o', 'out', ...EXAMPLE_FILES]);
  });
  after(async () => {
    const run = await site.stop();
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Stopped\.\n$/);
  });

  it('prints what it wrote, the address, and where responses go', () => {
    assert.match(site.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.match(site.stdout(), /^Wrote the site \(6 surveys, 29 files\) to out\.\n/);
    assert.ok(site.stdout().includes(`Serving 6 surveys at ${site.url}\n`));
    assert.ok(site.stdout().includes(`Valid responses posted to ${site.url}responses are added to out/responses/<survey id>.jsonl.\n`));
  });

  it('writes a static copy of the site to the output folder', () => {
    for (const id of SURVEY_IDS) {
      for (const suffix of ['html', 'survey.json', 'schema.json', 'validator.js']) assert.ok(existsSync(join(dir, 'out', `${id}.${suffix}`)), `${id}.${suffix}`);
    }
    assert.equal(readFileSync(join(dir, 'out', 'poet-elements.js'), 'utf8'), FAKE_BUNDLE);
    assert.ok(existsSync(join(dir, 'out', 'index.html')) && existsSync(join(dir, 'out', 'embed.html')) && existsSync(join(dir, 'out', 'site.css')));
  });

  it('serves every page and every file they link to with the strict CSP and the right content type', async () => {
    const expectedTypes: Record<string, RegExp> = {
      html: /^text\/html; charset=utf-8$/,
      css: /^text\/css; charset=utf-8$/,
      js: /^text\/javascript; charset=utf-8$/,
      json: /^application\/json; charset=utf-8$/,
      svg: /^image\/svg\+xml$/,
    };
    const queue = ['/'];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await fetch(new URL(path, site.url));
      const body = await response.text();
      assert.equal(response.status, 200, path);
      assertSecurityHeaders(response.headers, path);
      const extension = path === '/' ? 'html' : /\.([a-z]+)$/.exec(path)?.[1] ?? '';
      assert.match(response.headers.get('content-type') ?? '', expectedTypes[extension] ?? /^$/, `${path}: content type`);
      if (extension !== 'html') continue;
      assertNoInlineCode(body, path);
      for (const [, link] of body.matchAll(/\s(?:href|src)="([^"#]+)"/g)) {
        const target = new URL(link!, new URL(path, site.url));
        if (target.origin === new URL(site.url).origin) queue.push(target.pathname);
      }
    }
    const expected = ['/', '/embed.html', '/site.css', '/favicon.svg', '/poet-elements.js', ...SURVEY_IDS.flatMap((id) => [`/${id}.html`, `/${id}.survey.json`, `/${id}.validator.js`])];
    for (const path of expected) assert.ok(seen.has(path), `${path} is linked from the site`);
    // Reached by name, not linked: the schema beside each survey, as `poet compile` writes it.
    for (const id of SURVEY_IDS) {
      const schema = await fetch(new URL(`${id}.schema.json`, site.url));
      assert.equal(schema.status, 200);
      assertSecurityHeaders(schema.headers, `${id}.schema.json`);
      assert.equal((await schema.json() as { $schema: string }).$schema, 'https://json-schema.org/draft/2020-12/schema');
    }
  });

  it('embeds each example as a council page would, and says it is a reconstruction', async () => {
    for (const id of SURVEY_IDS) {
      const html = await (await fetch(new URL(`${id}.html`, site.url))).text();
      assert.equal((html.match(/<script\b/g) ?? []).length, 1, `${id}: one script tag`);
      assert.match(html, /<script type="module" src="poet-elements\.js"><\/script>/);
      assert.match(html, new RegExp(`<poet-survey [^>]*src="${id}\\.survey\\.json"[^>]*action="/responses"[^>]*></poet-survey>`));
      assert.match(html, /A reconstruction from public fragments, not In Control&#39;s official form/);
    }
    const index = await (await fetch(site.url)).text();
    for (const id of SURVEY_IDS) assert.match(index, new RegExp(`href="${id}\\.html"`));
    assert.match(index, /These are reconstructions from public fragments, not In Control(&#39;|')s official forms/);
  });

  it('shows the two lines to paste on the embed page, as text', async () => {
    const html = await (await fetch(new URL('embed.html', site.url))).text();
    assert.ok(html.includes('&#60;script type=&#34;module&#34; src=&#34;/poet-elements.js&#34;&#62;&#60;/script&#62;\n&#60;poet-survey src=&#34;adult_social_care.survey.json&#34;&#62;&#60;/poet-survey&#62;'));
    assert.doesNotMatch(html, /<poet-survey/);
  });

  it('serves the compiled survey and the validator module that poet compile would write', async () => {
    const survey = (await (await fetch(new URL('parent_ehc.survey.json', site.url))).json()) as { format: string; id: string };
    assert.deepEqual([survey.format, survey.id], ['poetkit-survey', 'parent_ehc']);
    const validator = await (await fetch(new URL('parent_ehc.validator.js', site.url))).text();
    assert.match(validator, /^export function validate\(answers, options\)/m);
    assert.doesNotMatch(validator, /\beval\(|new Function/);
  });

  it('keeps a valid response, once, in responses/parent_ehc.jsonl, and poet validate accepts the file', async () => {
    const first = await post(site.url, envelope({}));
    assert.equal(first.status, 201);
    assertSecurityHeaders(first.headers, 'POST /responses');
    assert.deepEqual(await first.json(), { saved: true, id: UUID_A });
    // <poet-survey>'s Retry sends the same id again: accepted, not stored twice.
    const again = await post(site.url, envelope({}));
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { saved: true, id: UUID_A, duplicate: true });
    const file = join(dir, 'out', 'responses', 'parent_ehc.jsonl');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 1);
    assert.deepEqual(JSON.parse(lines[0]!), envelope({}));
    assert.ok(site.stdout().includes(`Saved response ${UUID_A} to out/responses/parent_ehc.jsonl.\n`));
    const check = await poet(dir, ['validate', join(EXAMPLES_DIR, 'parent-ehc.poet'), 'out/responses/parent_ehc.jsonl']);
    assert.equal(check.status, 0, check.stdout);
    assert.equal(check.stdout, '1 response: 1 valid, 0 invalid\n');
  });

  it('refuses an invalid response with 422 and the reasons, and keeps nothing', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [envelope({ id: UUID_B, answers: { consent: 'no', carer_age: 40 } }), '', /./],
      [envelope({ id: UUID_B, answers: { consent: 'maybe' } }), '/consent', /./],
      [envelope({ survey: 'nope' }), '/survey', /unknown survey 'nope'; this server takes responses to adult_social_care, carer/],
      [envelope({ version: '0.9.0' }), '/version', /reload it/],
      [envelope({ id: 'not-a-uuid' }), '/id', /UUID/],
      [envelope({ submitted: 'yesterday' }), '/submitted', /YYYY-MM-DD/],
      [envelope({ extra: 1 }), '/extra', /unexpected key 'extra'/],
    ];
    for (const [body, path, message] of cases) {
      const response = await post(site.url, body);
      assert.equal(response.status, 422, JSON.stringify(body));
      const reply = (await response.json()) as { saved: boolean; errors: { path: string; message: string }[] };
      assert.equal(reply.saved, false);
      assert.ok(reply.errors.length > 0);
      if (path !== '') assert.equal(reply.errors[0]!.path, path);
      assert.match(reply.errors[0]!.message, message);
    }
    const lines = readFileSync(join(dir, 'out', 'responses', 'parent_ehc.jsonl'), 'utf8').trimEnd().split('\n');
    assert.ok(lines.every((line) => !line.includes(UUID_B)));
    assert.match(site.stderr(), /^Refused a response: /m);
  });

  it('refuses a body that is not JSON, or not sent as JSON, and other methods', async () => {
    const notJson = await post(site.url, '{"survey":');
    assert.equal(notJson.status, 400);
    assert.match(((await notJson.json()) as { errors: { message: string }[] }).errors[0]!.message, /not valid JSON/);
    const form = await post(site.url, 'survey=parent_ehc', 'application/x-www-form-urlencoded');
    assert.equal(form.status, 415);
    assertSecurityHeaders(form.headers, '415');
    const get = await fetch(new URL('responses', site.url));
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    const put = await fetch(new URL('index.html', site.url), { method: 'PUT', body: 'x' });
    assert.equal(put.status, 405);
    assertSecurityHeaders(put.headers, '405');
  });

  it('answers 404 for unknown paths and 400 for paths that try to leave the site', async () => {
    for (const path of ['/nope.html', '/responses/parent_ehc.jsonl', '/package.json', '/PARENT_EHC.html', '/index.html/']) {
      const response = await rawGet(site.url, path);
      assert.equal(response.status, 404, path);
      assertSecurityHeaders(response.headers, path);
    }
    const traversals = ['/../package.json', '/%2e%2e/package.json', '/%2E%2E/%2E%2E/package.json', '/..%2fpackage.json', '/..%5cpackage.json', '/.%2e/package.json', '/x/../../package.json', '/..\\package.json', '/%00', '/%zz'];
    for (const path of traversals) {
      const response = await rawGet(site.url, path);
      assert.equal(response.status, 400, path);
      assertSecurityHeaders(response.headers, path);
      assert.doesNotMatch(response.body, /"name"|poetkit/, path);
    }
  });
});

describe('poet site (build)', () => {
  it('stops on a compile error, printing it as poet check does, and writes nothing', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'ok.poet': CLEAN, 'bad.poet': BROKEN, 'b/poet-elements.js': FAKE_BUNDLE });
    const run = await poet(dir, ['site', '--bundle', 'b/poet-elements.js', '-o', 'out', 'ok.poet', 'bad.poet']);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^bad\.poet\(3,4\): error POET1101: /);
    assert.ok(run.stdout.endsWith('Checked 2 files: 1 error.\n'));
    assert.equal(existsSync(join(dir, 'out')), false);
  });

  it('says to run pnpm build when the bundle is missing', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'ok.poet': CLEAN });
    const run = await poet(dir, ['site', '--bundle', 'missing/poet-elements.js', '-o', 'out', 'ok.poet']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^poet: the <poet-survey> bundle is missing \(.*missing\/poet-elements\.js\); run pnpm build first\.\n$/);
    assert.equal(existsSync(join(dir, 'out')), false);
  });

  it('refuses banks, two files of the same survey, and bad options', async () => {
    const dir = tempDir();
    const bank = 'bank b "Bank"\n  version "1.0.0"\n\nsingle shared "Shared?"\n  options {\n    1 yes "Yes"\n    2 no "No"\n  }\n';
    writeFiles(dir, { 'ok.poet': CLEAN, 'copy.poet': CLEAN, 'bank.poet': bank, 'b/poet-elements.js': FAKE_BUNDLE });
    const withBank = await poet(dir, ['site', '--bundle', 'b/poet-elements.js', '-o', 'out', 'ok.poet', 'bank.poet']);
    assert.equal(withBank.status, 1);
    assert.match(withBank.stderr, /bank\.poet is a bank, not a survey/);
    const twice = await poet(dir, ['site', '--bundle', 'b/poet-elements.js', '-o', 'out', 'ok.poet', 'copy.poet']);
    assert.equal(twice.status, 1);
    assert.equal(twice.stderr, "poet: ok.poet and copy.poet are both survey 's': a site holds each survey once.\n");
    const noOut = await poet(dir, ['site', 'ok.poet']);
    assert.deepEqual([noOut.status, noOut.stderr], [2, "poet: 'site' needs an output folder: -o DIR. Run 'poet site --help'.\n"]);
    const portWithoutServe = await poet(dir, ['site', '--port', '9000', '-o', 'out', 'ok.poet']);
    assert.deepEqual([portWithoutServe.status, portWithoutServe.stderr], [2, "poet: --port and --host are for serving the site: add --serve. Run 'poet site --help'.\n"]);
    const badPort = await poet(dir, ['site', '--serve', '--port', '70000', '-o', 'out', 'ok.poet']);
    assert.deepEqual([badPort.status, badPort.stderr], [2, "poet: --port must be a whole number from 0 to 65535. Run 'poet site --help'.\n"]);
  });

  it('says clearly when the port is taken, and suggests --port', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'ok.poet': CLEAN, 'b/poet-elements.js': FAKE_BUNDLE });
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as { port: number }).port;
      const run = await poet(dir, ['site', '--serve', '--port', String(port), '--bundle', 'b/poet-elements.js', '-o', 'out', 'ok.poet']);
      assert.equal(run.status, 2);
      assert.equal(run.stderr, `poet: port ${port} on 127.0.0.1 is already in use (is another poet server running?); choose another with --port, for example --port ${port + 1}\n`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('serves a survey whose answers are more than a consent, and validates them', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'ok.poet': CLEAN, 'b/poet-elements.js': FAKE_BUNDLE });
    const site = await startVerb(dir, ['site', '--serve', '--port', '0', '--bundle', 'b/poet-elements.js', '-o', 'out', 'ok.poet']);
    try {
      const good = { survey: 's', version: '1.0.0', id: UUID_B, submitted: '2026-11-23', answers: { x: 'b' } };
      assert.equal((await post(site.url, good)).status, 201);
      const bad = await post(site.url, { ...good, id: UUID_A, answers: { x: 'c' } });
      assert.equal(bad.status, 422);
      const reply = (await bad.json()) as { errors: { question: string | null }[] };
      assert.equal(reply.errors[0]!.question, 'x');
    } finally {
      await site.stop();
    }
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'out', 'responses', 's.jsonl'), 'utf8')).answers, { x: 'b' });
  });
});

describe('safePath', () => {
  it('decodes a plain path and refuses any way out of the site', () => {
    assert.equal(safePath('/parent_ehc.html?x=1'), '/parent_ehc.html');
    assert.equal(safePath('/a%20b.html'), '/a b.html');
    for (const bad of ['../x', '/..', '/a/./b', '/%2e%2E', '/a%2Fb', '/a%5cb', '/a\\b', '/%00', '/%e0%a4%a', 'http://x/']) {
      assert.equal(safePath(bad), undefined, bad);
    }
  });
});
