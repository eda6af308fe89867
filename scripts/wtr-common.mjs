// What every @web/test-runner config of poetkit shares: the strict Content-Security-Policy a
// council page would send, and Debian's chromium (CHROME_PATH, default /usr/bin/chromium) through
// @web/test-runner-chrome 0.18.x (puppeteer-core 24). Used by packages/*/test-browser/.
import { chromeLauncher } from '@web/test-runner-chrome';
import { createHash } from 'node:crypto';

/**
 * Scripts only from the page's own origin: no `eval` or `new Function` (no 'unsafe-eval'), no
 * inline script (no 'unsafe-inline').
 */
export const CSP = "default-src 'self'; script-src 'self'";

/**
 * wtr itself puts two inline <script type="module"> elements into each test page (its config,
 * `window.__WTR_CONFIG__ = …`, and its browser-log hook); under the bare policy the browser blocks
 * them and wtr fails with "Could not find any config defined by the test runner". So the policy
 * of a page adds the sha256 of exactly its inline scripts to script-src — a hash source lets
 * those scripts run and nothing else, and it does not allow eval or new Function. Every other
 * response gets the bare policy.
 */
export function policyFor(body) {
  if (typeof body !== 'string' || !body.includes('<script')) return CSP;
  const hashes = [...body.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
    .filter(([tag, text]) => text.length > 0 && !/\bsrc=/.test(tag.slice(0, tag.indexOf('>'))))
    .map(([, text]) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
  return hashes.length === 0 ? CSP : `${CSP} ${[...new Set(hashes)].join(' ')}`;
}

/** wtr middleware that sends {@link policyFor} on every response. */
export async function strictCsp(ctx, next) {
  await next();
  ctx.set('Content-Security-Policy', policyFor(ctx.body));
}

/** Debian's chromium, headless, as root. */
export function debianChromium() {
  return chromeLauncher({
    launchOptions: {
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
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
  });
}
