// The example site in real Chromium, with the server's real Content-Security-Policy header:
// every example page renders <poet-survey>'s first page with no CSP violation and no script
// error, and a respondent who declines consent is recorded in responses/parent_ehc.jsonl by POST
// /responses, in a form `poet validate` accepts. `poet preview` reloads its page in the browser
// when the file changes (reload.js and the event stream work under the same policy).
//
// Needs `pnpm build` (the compiled CLI and packages/elements/dist/poet-elements.js) and Debian's
// chromium (CHROME_PATH, default /usr/bin/chromium). Run: node --test packages/cli/test-browser/
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { writeFileAtomic } from '../dist/src/io.js';
import { main } from '../dist/src/main.js';

const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));
const EXAMPLES = readdirSync(EXAMPLES_DIR).filter((n) => n.endsWith('.poet')).sort().map((n) => join(EXAMPLES_DIR, n));

/** Runs `poet ...argv` in-process with captured output; `stop` ends a server. */
function startPoet(cwd, argv) {
  const controller = new AbortController();
  const output = { stdout: '', stderr: '' };
  let listening;
  const url = new Promise((resolve) => (listening = resolve));
  const io = {
    cwd,
    isTTY: false,
    env: {},
    stdout: (text) => void (output.stdout += text),
    stderr: (text) => void (output.stderr += text),
    readFile: (path) => readFile(path),
    writeFile: writeFileAtomic,
    stop: controller.signal,
    onListening: (address) => listening(address),
  };
  const done = main(argv, io);
  return { url, done, output, stop: () => controller.abort() };
}

/** The shadow root's text of the first <poet-survey> once its heading shows, and any CSP violations. */
async function renderedHeading(page) {
  const handle = await page.waitForFunction(
    () => document.querySelector('poet-survey')?.shadowRoot?.querySelector('h1')?.textContent?.trim(),
    { timeout: 30_000 },
  );
  return handle.jsonValue();
}

/** Clicks the first element in the survey's shadow root that matches `selector` and whose text includes `text`. */
async function click(page, selector, text = '') {
  await page.waitForFunction(
    (s, t) => [...(document.querySelector('poet-survey')?.shadowRoot?.querySelectorAll(s) ?? [])].some((e) => e.textContent.includes(t)),
    { timeout: 30_000 },
    selector,
    text,
  );
  await page.evaluate(
    (s, t) => [...document.querySelector('poet-survey').shadowRoot.querySelectorAll(s)].find((e) => e.textContent.includes(t)).click(),
    selector,
    text,
  );
}

describe('the example site in Chromium under its real CSP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'poet-site-browser-'));
  let server;
  let url;
  let browser;

  before(async () => {
    server = startPoet(dir, ['site', '--serve', '--port', '0', '-o', 'out', ...EXAMPLES]);
    url = await Promise.race([
      server.url,
      server.done.then((status) => {
        throw new Error(`poet site ended with status ${status} before serving:\n${server.output.stdout}${server.output.stderr}`);
      }),
    ]);
    browser = await puppeteer.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    server?.stop();
    assert.equal(await server?.done, 0);
    rmSync(dir, { recursive: true, force: true });
  });

  /** A page that records CSP violations (from before any script of the page runs) and script errors. */
  async function openPage(path) {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
      else if (response.headers()['content-security-policy']?.startsWith("default-src 'self'") !== true) problems.push(`no CSP on ${response.url()}`);
    });
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        globalThis.cspViolations = [...(globalThis.cspViolations ?? []), `${e.violatedDirective} ${e.blockedURI}`];
      });
    });
    await page.goto(new URL(path, url).href, { waitUntil: 'load' });
    return { page, problems };
  }

  it('renders the first page of every example with no CSP violation and no script error', async () => {
    for (const file of readdirSync(join(dir, 'out')).filter((n) => n.endsWith('.survey.json'))) {
      const id = file.replace(/\.survey\.json$/, '');
      const survey = JSON.parse(readFileSync(join(dir, 'out', file), 'utf8'));
      const { page, problems } = await openPage(`${id}.html`);
      assert.equal(await renderedHeading(page), survey.title, id);
      assert.deepEqual(await page.evaluate(() => globalThis.cspViolations ?? []), [], `${id}: CSP violations`);
      assert.deepEqual(problems, [], id);
      await page.close();
    }
  });

  it('reflows at 320 CSS pixels and has no axe-core violation on every page', async () => {
    const axeSource = readFileSync(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');
    const pages = ['', 'embed.html', ...readdirSync(join(dir, 'out')).filter((n) => n.endsWith('.html') && n !== 'index.html' && n !== 'embed.html')];
    for (const path of pages) {
      const { page, problems } = await openPage(path);
      await page.setViewport({ width: 320, height: 640 });
      if (path.endsWith('.html') && path !== 'embed.html') await renderedHeading(page);
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, `${path || 'index'}: sideways scrolling at 320px`);
      // Through the DevTools protocol, which the page's CSP does not govern; axe itself needs no eval.
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () =>
        (await globalThis.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] })).violations.map(
          (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        ),
      );
      assert.deepEqual(violations, [], `${path || 'index'}: axe`);
      assert.deepEqual(problems, [], path);
      await page.close();
    }
  });

  it('records a declined consent through POST /responses, and poet validate accepts it', async () => {
    const { page, problems } = await openPage('parent_ehc.html');
    await renderedHeading(page);
    await click(page, 'button', 'Start now');
    await page.waitForFunction(() => document.querySelector('poet-survey').shadowRoot.querySelector('input[type=radio][value=no]'), { timeout: 30_000 });
    await page.evaluate(() => document.querySelector('poet-survey').shadowRoot.querySelector('input[type=radio][value=no]').click());
    await click(page, 'button[type=submit]', 'Continue');
    await click(page, 'button', 'Finish');
    await page.waitForFunction(() => document.querySelector('poet-survey').shadowRoot.querySelector('h1')?.textContent.includes('Thank you'), { timeout: 30_000 });
    assert.deepEqual(await page.evaluate(() => globalThis.cspViolations ?? []), []);
    assert.deepEqual(problems, []);
    const lines = readFileSync(join(dir, 'out', 'responses', 'parent_ehc.jsonl'), 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 1);
    const envelope = JSON.parse(lines[0]);
    assert.equal(envelope.survey, 'parent_ehc');
    assert.deepEqual(envelope.answers, { consent: 'no' });
    const check = startPoet(dir, ['validate', join(EXAMPLES_DIR, 'parent-ehc.poet'), 'out/responses/parent_ehc.jsonl']);
    assert.equal(await check.done, 0, check.output.stdout);
    await page.close();
  });
});

describe('poet preview in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'poet-preview-browser-'));
  const survey = (title) => `survey p "${title}"\n  version "1.0.0"\n\nsection a "A" {\n  4) single x "Q"\n    options {\n      1 a "A"\n      2 b "B"\n    }\n}\n`;
  let server;
  let browser;

  before(async () => {
    writeFileSync(join(dir, 'p.poet'), survey('Before the change'));
    server = startPoet(dir, ['preview', '--port', '0', 'p.poet']);
    browser = await puppeteer.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    server?.stop();
    assert.equal(await server?.done, 0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the survey, then the new version by itself when the file is saved, then the problems of a broken file', async () => {
    const url = await Promise.race([
      server.url,
      server.done.then((status) => {
        throw new Error(`poet preview ended with status ${status}:\n${server.output.stdout}${server.output.stderr}`);
      }),
    ]);
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        globalThis.cspViolations = [...(globalThis.cspViolations ?? []), `${e.violatedDirective} ${e.blockedURI}`];
      });
    });
    await page.goto(url, { waitUntil: 'load' });
    assert.equal(await renderedHeading(page), 'Before the change');
    // The page is listening once the event stream is open; then a save must reload it.
    await page.waitForFunction(() => document.documentElement.dataset.poetPreview === 'listening', { timeout: 30_000 });
    writeFileSync(join(dir, 'p.poet'), survey('After the change'));
    await page.waitForFunction(
      () => document.querySelector('poet-survey')?.shadowRoot?.querySelector('h1')?.textContent?.trim() === 'After the change',
      { timeout: 30_000 },
    );
    // A broken file: the page shows the problems, accessibly, and still reloads.
    await page.waitForFunction(() => document.documentElement.dataset.poetPreview === 'listening', { timeout: 30_000 });
    writeFileSync(join(dir, 'p.poet'), 'survey p "Broken"\n\n4) mutli x "Q"\n');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'p.poet does not compile', { timeout: 30_000 });
    assert.match(await page.evaluate(() => document.querySelector('pre').textContent), /p\.poet\(3,4\): error POET1101/);
    await page.evaluate(readFileSync(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8'));
    const violations = await page.evaluate(async () => (await globalThis.axe.run(document)).violations.map((v) => v.id));
    assert.deepEqual(violations, []);
    assert.deepEqual(await page.evaluate(() => globalThis.cspViolations ?? []), []);
    assert.deepEqual(errors, []);
  });
});
