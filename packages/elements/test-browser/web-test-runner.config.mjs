// @web/test-runner for <poet-survey> in Debian's chromium (CHROME_PATH, default /usr/bin/chromium),
// under the strict Content-Security-Policy a council page would send. Run from the repository
// root after `tsc -b` and prepare.mjs (scripts/run-tests.mjs does both). The tests are tsc's
// output (dist/test-browser/*.test.js); `nodeResolve` serves lit and @open-wc/testing.
//
// The middleware also plays the server an `action` URL points to (see RESPONSES below).
import { defaultReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { plainSummaryReporter } from '../../compiler/test-browser/wtr-summary-reporter.mjs';
import { debianChromium, strictCsp } from '../../../scripts/wtr-common.mjs';

export { CSP } from '../../../scripts/wtr-common.mjs';

/**
 * A fake response endpoint. `POST /__poet/responses/<token>` records the body; the token's
 * prefix picks the behaviour: `fail-once-…` answers 503 the first time; `drop-…` closes the
 * connection without answering (a network failure; Chrome may retry that itself, so it keeps
 * failing) until `GET /__poet/heal/<token>`; `slow-…` waits 400 ms; anything else answers 201.
 * `GET /__poet/received/<token>` returns the bodies received, as a JSON array.
 */
const received = new Map();
const healed = new Set();

async function readBody(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

async function responses(ctx, next) {
  const post = /^\/__poet\/responses\/([\w-]+)$/.exec(ctx.path);
  if (post !== null && ctx.method === 'POST') {
    const token = post[1];
    const bodies = received.get(token) ?? [];
    received.set(token, bodies);
    bodies.push(await readBody(ctx.req));
    if (token.startsWith('drop-') && !healed.has(token)) {
      ctx.req.socket.destroy();
      ctx.respond = false;
      return;
    }
    if (token.startsWith('fail-once-') && bodies.length === 1) {
      ctx.status = 503;
      ctx.body = { error: 'unavailable' };
      return;
    }
    if (token.startsWith('slow-')) await new Promise((resolve) => setTimeout(resolve, 400));
    ctx.status = 201;
    ctx.body = { ok: true };
    return;
  }
  const heal = /^\/__poet\/heal\/([\w-]+)$/.exec(ctx.path);
  if (heal !== null) {
    healed.add(heal[1]);
    ctx.body = { healed: heal[1] };
    return;
  }
  const get = /^\/__poet\/received\/([\w-]+)$/.exec(ctx.path);
  if (get !== null) {
    ctx.body = (received.get(get[1]) ?? []).map((b) => JSON.parse(b));
    return;
  }
  await next();
}

export default {
  rootDir: fileURLToPath(new URL('../../..', import.meta.url)),
  files: [fileURLToPath(new URL('../dist/test-browser/**/*.test.js', import.meta.url))],
  nodeResolve: true,
  // The same strict policy as a council page (scripts/wtr-common.mjs).
  middleware: [strictCsp, responses],
  browsers: [debianChromium()],
  reporters: [defaultReporter(), plainSummaryReporter()],
  concurrency: 1,
  testFramework: { config: { timeout: 60000 } },
};
