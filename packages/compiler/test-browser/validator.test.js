// The standalone validators in Chromium, on a page served with a strict Content-Security-Policy
// header (web-test-runner.config.mjs): each example's validator must give exactly the Node
// validator's result (validity, and the error list) for every response that prepare.mjs wrote.
const manifest = await (await fetch(new URL('./build/manifest.json', import.meta.url))).json();

function fail(message) {
  throw new Error(message);
}

describe('the test page', () => {
  it('is served with the strict Content-Security-Policy', async () => {
    const header = (await fetch(location.href)).headers.get('content-security-policy');
    // The bare policy, plus only the hashes of wtr's own inline scripts (web-test-runner.config.mjs).
    const ok = header !== null && /^default-src 'self'; script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*$/.test(header);
    if (!ok) fail(`CSP header: ${header}`);
  });

  it('forbids new Function and eval (EvalError, and a securitypolicyviolation event)', async () => {
    const violation = new Promise((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e), { once: true }));
    for (const [what, f] of [
      ['new Function', () => new Function('return 1')],
      ['eval', () => (0, eval)('1')],
    ]) {
      let error;
      try {
        f();
      } catch (e) {
        error = e;
      }
      if (!(error instanceof EvalError)) fail(`${what} did not throw an EvalError (got ${error})`);
    }
    const event = await violation;
    if (event.effectiveDirective !== 'script-src') fail(`violation of ${event.effectiveDirective}`);
  });
});

describe('the standalone validator agrees with Node', () => {
  it('has the examples', () => {
    if (manifest.examples.length < 6) fail(`only ${manifest.examples.length} examples in build/manifest.json`);
  });
  for (const { name, cases: count } of manifest.examples) {
    it(`${name} (${count} responses)`, async () => {
      const m = await import(new URL(`./build/${name}.validator.js`, import.meta.url).href);
      const cases = await (await fetch(new URL(`./build/${name}.cases.json`, import.meta.url))).json();
      if (cases.length !== count) fail(`${name}: ${cases.length} cases, manifest says ${count}`);
      const differ = [];
      for (const [i, c] of cases.entries()) {
        const got = (c.envelope ? m.validateResponse : m.validate)(c.answers, { today: manifest.today });
        if (JSON.stringify(got) !== JSON.stringify(c.expected)) differ.push({ i, want: c.expected, got });
      }
      if (differ.length > 0) fail(`${name}: ${differ.length} of ${cases.length} responses differ, e.g. ${JSON.stringify(differ.slice(0, 2))}`);
    });
  }
});
