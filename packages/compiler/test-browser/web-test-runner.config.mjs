// @web/test-runner 0.20.x + @web/test-runner-chrome 0.18.x (puppeteer-core 24) driving Debian's
// chromium (CHROME_PATH, default /usr/bin/chromium). Run from the repository root after prepare.mjs.
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { plainSummaryReporter } from './wtr-summary-reporter.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

/**
 * The policy a council page would send: scripts only from the page's own origin, no `eval` or
 * `new Function` (no 'unsafe-eval'), no inline script (no 'unsafe-inline').
 *
 * wtr itself puts two inline <script type="module"> elements into each test page (its config,
 * `window.__WTR_CONFIG__ = …`, and its browser-log hook); under the bare policy the browser blocks
 * them and wtr fails with "Could not find any config defined by the test runner". So the
 * middleware adds the sha256 of exactly those inline scripts to script-src — a hash source lets
 * those scripts run and nothing else, and it does not allow eval or new Function, which is the
 * property the standalone validator must survive. Every other response gets the bare policy.
 */
export const CSP = "default-src 'self'; script-src 'self'";

function policyFor(body) {
  if (typeof body !== 'string' || !body.includes('<script')) return CSP;
  const hashes = [...body.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
    .filter(([tag, text]) => text.length > 0 && !/\bsrc=/.test(tag.slice(0, tag.indexOf('>'))))
    .map(([, text]) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
  return hashes.length === 0 ? CSP : `${CSP} ${[...new Set(hashes)].join(' ')}`;
}

export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  files: [fileURLToPath(new URL('./validator.test.js', import.meta.url))],
  middleware: [
    async function csp(ctx, next) {
      await next();
      ctx.set('Content-Security-Policy', policyFor(ctx.body));
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox', // required as root
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-quic',
          '--no-first-run',
        ],
      },
    }),
  ],
  reporters: [defaultReporter(), plainSummaryReporter()],
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
};
