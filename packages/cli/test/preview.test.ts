/** `poet preview FILE`: one survey served as the site serves it, reloaded through SSE when its files change. */
import assert from 'node:assert/strict';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLEAN, poet, tempDir, writeFiles } from './helpers.js';
import { SseClient, assertNoInlineCode, assertSecurityHeaders, startVerb, type RunningVerb } from './serve-helpers.js';

const BANK = 'bank b "Bank"\n  version "1.0.0"\n\nsingle shared "Shared?"\n  options {\n    1 yes "Yes"\n    2 no "No"\n  }\n';
const BANK_RENAMED = BANK.replace('"Shared?"', '"Shared, now reworded?"');

function survey(title: string): string {
  return `survey p "${title}"\n  version "1.2.0"\n\nimport "banks/b.poet"\n\nsection a "A" {\n  use shared\n  text t "T"\n    ask if shared = yes\n}\n`;
}

/** A syntax error whose source line holds markup, to prove the page shows it as text. */
const BROKEN_WITH_MARKUP = 'survey p "<script>alert(1)</script>"\n  version "1.2.0"\n\n4) mutli x "<img src=x onerror=alert(1)>"\n';
const FAKE_BUNDLE = 'export const fake = "poet-elements";\n';
const UUID = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';

/**
 * Waits for reload events until `done` holds. A save can reach the watcher as more than one
 * change (truncate, then write), so an early event may show a state before the last one.
 */
async function reloadUntil(events: SseClient, done: (data: { ok: boolean }) => Promise<boolean>): Promise<void> {
  for (;;) {
    const data = JSON.parse(await events.next('reload')) as { ok: boolean };
    if (await done(data)) return;
  }
}

async function page(preview: RunningVerb): Promise<string> {
  const response = await fetch(preview.url);
  assert.equal(response.status, 200);
  assertSecurityHeaders(response.headers, 'the preview page');
  const html = await response.text();
  assertNoInlineCode(html, 'the preview page');
  return html;
}

describe('poet preview', () => {
  // Made here, not in `before`: tempDir's clean-up then runs after the whole suite.
  const dir = tempDir();
  let preview: RunningVerb;
  let events: SseClient;

  before(async () => {
    writeFiles(dir, { 'p.poet': survey('First title'), 'banks/b.poet': BANK, 'build/poet-elements.js': FAKE_BUNDLE });
    preview = await startVerb(dir, ['preview', '--port', '0', '--bundle', 'build/poet-elements.js', 'p.poet']);
    events = await SseClient.connect(new URL('__poet/events', preview.url).href);
  });
  after(async () => {
    events.close();
    const run = await preview.stop();
    assert.equal(run.status, 0, run.stderr);
  });

  it('prints its address and serves the survey embedded like a site page, with the reload script', async () => {
    assert.match(preview.stdout(), /^Previewing p\.poet at http:\/\/127\.0\.0\.1:\d+\/\n/);
    const html = await page(preview);
    assert.match(html, /<script type="module" src="poet-elements\.js"><\/script>/);
    assert.match(html, /<script type="module" src="\/__poet\/reload\.js"><\/script>/);
    assert.match(html, /<poet-survey [^>]*src="p\.survey\.json"/);
    for (const [path, type] of [
      ['__poet/reload.js', /^text\/javascript; charset=utf-8$/],
      ['p.survey.json', /^application\/json; charset=utf-8$/],
      ['p.validator.js', /^text\/javascript; charset=utf-8$/],
      ['poet-elements.js', /^text\/javascript; charset=utf-8$/],
      ['site.css', /^text\/css; charset=utf-8$/],
      ['favicon.svg', /^image\/svg\+xml$/],
    ] as const) {
      const response = await fetch(new URL(path, preview.url));
      assert.equal(response.status, 200, path);
      assertSecurityHeaders(response.headers, path);
      assert.match(response.headers.get('content-type') ?? '', type, path);
    }
    const script = await (await fetch(new URL('__poet/reload.js', preview.url))).text();
    assert.match(script, /new EventSource\('\/__poet\/events'\)/);
    assert.equal((await fetch(new URL('embed.html', preview.url))).status, 404);
  });

  it('reloads the page when the file changes, serving the new survey', async () => {
    writeFileSync(join(dir, 'p.poet'), survey('Second title'));
    await reloadUntil(events, async ({ ok }) => ok && (await page(preview)).includes('Second title'));
    const html = await page(preview);
    assert.match(html, /<title>Second title – preview of p\.poet<\/title>/);
    const compiled = (await (await fetch(new URL('p.survey.json', preview.url))).json()) as { title: string };
    assert.equal(compiled.title, 'Second title');
    assert.match(preview.stdout(), /Compiled p\.poet \(p version 1\.2\.0\): reloading the page\.\n/);
  });

  it('reloads when a bank the file imports changes', async () => {
    writeFileSync(join(dir, 'banks/b.poet'), BANK_RENAMED);
    const sharedText = async () => {
      const compiled = (await (await fetch(new URL('p.survey.json', preview.url))).json()) as { items: { id: string; text: { source: string } }[] };
      return compiled.items.find((i) => i.id === 'shared')?.text.source;
    };
    await reloadUntil(events, async ({ ok }) => ok && (await sharedText()) === 'Shared, now reworded?');
    assert.equal(await sharedText(), 'Shared, now reworded?');
  });

  it('shows the problems of a broken file on the page, as text, and in the terminal; then the fixed survey', async () => {
    writeFileSync(join(dir, 'p.poet'), BROKEN_WITH_MARKUP);
    await reloadUntil(events, async ({ ok }) => !ok && (await page(preview)).includes('mutli'));
    const broken = await page(preview);
    assert.match(broken, /<h1>p\.poet does not compile<\/h1>/);
    assert.match(broken, /p\.poet\(4,4\): error POET1101: /);
    assert.ok(broken.includes('&#60;img src=x onerror=alert(1)&#62;'), 'the source line, escaped');
    assert.doesNotMatch(broken, /<img|<poet-survey/);
    assert.match(broken, /<script type="module" src="\/__poet\/reload\.js"><\/script>/);
    assert.equal((await fetch(new URL('p.survey.json', preview.url))).status, 404);
    const refused = await fetch(new URL('responses', preview.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ survey: 'p', version: '1.2.0', id: UUID, submitted: '2026-11-23', answers: { shared: 'no' } }),
    });
    assert.equal(refused.status, 422);
    assert.match(JSON.stringify(await refused.json()), /no survey to take responses to just now/);
    assert.match(preview.stdout(), /^p\.poet\(4,4\): error POET1101: /m);
    assert.match(preview.stdout(), /Checked 1 file: 1 error, 2 warnings\.\nWaiting for p\.poet to change\.\n/);

    // Saved the way many editors save: a new file renamed over the old one.
    writeFileSync(join(dir, 'p.poet.tmp'), survey('Fixed title'));
    renameSync(join(dir, 'p.poet.tmp'), join(dir, 'p.poet'));
    await reloadUntil(events, async ({ ok }) => ok && (await page(preview)).includes('Fixed title'));
    assert.match(await page(preview), /<title>Fixed title – preview of p\.poet<\/title>/);
  });

  it('checks posted responses and prints the valid ones as JSON lines', async () => {
    const body = { survey: 'p', version: '1.2.0', id: UUID, submitted: '2026-11-23', answers: { shared: 'yes', t: 'Some words' } };
    const post = (value: unknown) =>
      fetch(new URL('responses', preview.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
    const good = await post(body);
    assert.equal(good.status, 201);
    assert.ok(preview.stdout().includes(`Response ${UUID} is valid:\n${JSON.stringify(body)}\n`));
    const bad = await post({ ...body, id: UUID.replace('9a', '8a'), answers: { shared: 'no', t: 'Not asked' } });
    assert.equal(bad.status, 422);
    const errors = ((await bad.json()) as { errors: { question: string | null }[] }).errors;
    assert.equal(errors[0]?.question, 't');
  });
});

describe('poet preview refuses', () => {
  it('to start without the bundle, saying to build it', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'ok.poet': CLEAN });
    const run = await poet(dir, ['preview', '--bundle', 'nowhere/poet-elements.js', 'ok.poet']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^poet: the <poet-survey> bundle is missing \(.*nowhere\/poet-elements\.js\); run pnpm build first\.\n$/);
  });

  it('a bank, a missing file, and more than one file', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'bank.poet': BANK, 'ok.poet': CLEAN, 'b/poet-elements.js': FAKE_BUNDLE });
    const bank = await poet(dir, ['preview', '--bundle', 'b/poet-elements.js', 'bank.poet']);
    assert.deepEqual([bank.status, bank.stderr], [1, 'poet: bank.poet is a bank, not a survey: preview a survey that imports it.\n']);
    const missing = await poet(dir, ['preview', 'nope.poet']);
    assert.deepEqual([missing.status, missing.stderr], [2, 'poet: no such file: nope.poet\n']);
    const two = await poet(dir, ['preview', 'ok.poet', 'bank.poet']);
    assert.deepEqual([two.status, two.stderr], [2, "poet: 'preview' takes exactly one FILE. Run 'poet preview --help'.\n"]);
  });
});
