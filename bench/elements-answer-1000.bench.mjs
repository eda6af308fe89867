/**
 * Answer → re-rendered page on a generated 1,000-question survey (bench/generate-survey.mjs via
 * schema-benchmarks.mjs `generated`), in Debian chromium: on the first section's page, clicking
 * a radio whose answer decides whether the next question is asked (yes ↔ no alternately), until
 * Lit has re-rendered the page (routing all 1,000 items, progress, saving) and layout is done.
 * Target: median ≤ 16 ms (one frame). Measured in the page (`performance.now()`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emitStandaloneValidator } from '../packages/compiler/dist/src/schema/standalone.js';
import { startBrowserBench, waitForView } from '../packages/elements/bench/harness.mjs';
import { generated } from './schema-benchmarks.mjs';

export default {
  name: 'elements-answer-1000',
  description: 'answer → re-rendered <poet-survey> page, generated 1,000-question survey, chromium',
  target: { statistic: 'median', ms: 16 },
  warmup: 5,
  runs: 40,
  async setup() {
    const { survey } = generated(1000);
    const dir = mkdtempSync(join(tmpdir(), 'poet-bench-elements-'));
    writeFileSync(join(dir, `${survey.id}.survey.json`), JSON.stringify(survey));
    writeFileSync(join(dir, `${survey.id}.validator.js`), emitStandaloneValidator(survey));
    const bench = await startBrowserBench(dir);
    await bench.page.goto(bench.pageUrl(`/__bench/files/${survey.id}.survey.json`), { waitUntil: 'load' });
    await waitForView(bench, 'start');
    // Start, consent yes, Continue: the first section's page.
    await bench.page.evaluate(async () => {
      const el = document.querySelector('poet-survey');
      const root = el.shadowRoot;
      root.querySelector('button').click();
      await el.updateComplete;
      root.querySelector('input[name="consent"][value="yes"]').click();
      await el.updateComplete;
      root.querySelector('button[type="submit"]').click();
      await el.updateComplete;
    });
    await waitForView(bench, 'page');
    const page = await bench.page.evaluate(() => document.querySelector('poet-survey').currentView.page);
    const first = survey.pages.find((p) => p.id === page);
    const question = first.items.find((id) => survey.items.find((i) => i.id === id)?.kind === 'single');
    let value = 'no';
    return {
      info: { page: `${page} (${first.items.length} items)`, question },
      async run() {
        value = value === 'yes' ? 'no' : 'yes';
        const ms = await bench.page.evaluate(
          async (name, choice) => {
            const el = document.querySelector('poet-survey');
            const input = el.shadowRoot.querySelector(`input[name="${name}"][value="${choice}"]`);
            const start = performance.now();
            input.click();
            await el.updateComplete;
            el.shadowRoot.querySelector('form').getBoundingClientRect(); // include style and layout
            return performance.now() - start;
          },
          question,
          value,
        );
        return { ms };
      },
      teardown: () => bench.close(),
    };
  },
};
