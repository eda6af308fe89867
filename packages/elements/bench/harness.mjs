/**
 * Browser harness for the <poet-survey> benchmarks (bench/elements-*.bench.mjs): a static HTTP
 * server that serves the repository as a council page would, under
 * `Content-Security-Policy: default-src 'self'`, and Debian's chromium driven by puppeteer-core.
 *
 * Pages are served from /__bench/: `page.html?src=URL` is a council page (the bundle's script
 * tag and the element, nothing inline); `probe.js` (a module file, so the CSP allows it) records
 * in `window.__poetFirstRender` the time from navigation start until the first view is rendered.
 * `/__bench/files/NAME` serves files from a folder given to `startBrowserBench` (generated surveys).
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const BUNDLE = '/packages/elements/dist/poet-elements.js';
const CSP = "default-src 'self'";
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.html': 'text/html; charset=utf-8' };

const PROBE = `// Records when the element first shows a view (the time origin is navigation start).
document.addEventListener('poet-page-change', async (event) => {
  const el = event.composedPath()[0];
  await el.updateComplete;
  el.shadowRoot.querySelector('h1').getBoundingClientRect(); // include style and layout
  if (window.__poetFirstRender === undefined) window.__poetFirstRender = performance.now();
});
`;

function page(src) {
  const attr = src.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>poet-survey benchmark</title>
<script type="module" src="/__bench/probe.js"></script>
<script type="module" src="${BUNDLE}"></script></head>
<body><main><poet-survey src="${attr}"></poet-survey></main></body>
</html>
`;
}

/** Starts the server and the browser; `files` is a folder served under /__bench/files/. */
export async function startBrowserBench(files) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status, type, body) => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    try {
      if (url.pathname === '/__bench/page.html') return send(200, TYPES['.html'], page(url.searchParams.get('src') ?? ''));
      if (url.pathname === '/__bench/probe.js') return send(200, TYPES['.js'], PROBE);
      const base = url.pathname.startsWith('/__bench/files/') && files !== undefined ? files : REPO;
      const relative = url.pathname.startsWith('/__bench/files/') ? url.pathname.slice('/__bench/files/'.length) : url.pathname.slice(1);
      const path = normalize(join(base, decodeURIComponent(relative)));
      if (!path.startsWith(normalize(base))) return send(403, 'text/plain', 'forbidden');
      return send(200, TYPES[extname(path)] ?? 'application/octet-stream', await readFile(path));
    } catch {
      return send(404, 'text/plain', 'not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const tab = await browser.newPage();
  await tab.setViewport({ width: 1024, height: 768 });
  const errors = [];
  tab.on('pageerror', (error) => errors.push(String(error)));
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return {
    origin,
    page: tab,
    errors,
    pageUrl: (src) => `${origin}/__bench/page.html?src=${encodeURIComponent(src)}`,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Waits until the page's <poet-survey> shows `view` (a view kind), or throws with the page's errors. */
export async function waitForView(bench, view, timeout = 20000) {
  try {
    await bench.page.waitForFunction((kind) => document.querySelector('poet-survey')?.currentView?.kind === kind, { timeout }, view);
  } catch (error) {
    throw new Error(`<poet-survey> never showed the ${view} view: ${bench.errors.join('; ') || error.message}`);
  }
}
