/**
 * First render of the largest example (by compiled size) in Debian chromium, served as a council
 * page with `default-src 'self'`: from navigation start to the start page rendered and laid out,
 * including loading the bundle, fetching and parsing the survey and importing its validator.
 * Each run is a fresh navigation with caching off. Measured in the page (`performance.now()`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFile } from '../packages/compiler/dist/src/index.js';
import { emitStandaloneValidator } from '../packages/compiler/dist/src/schema/standalone.js';
import { startBrowserBench, waitForView } from '../packages/elements/bench/harness.mjs';

const EXAMPLES = ['parent-ehc', 'practitioner-ehc', 'adult-social-care', 'carer', 'health-phb', 'streamlined-555'];

export default {
  name: 'elements-first-render',
  description: 'navigation start → first page of <poet-survey> rendered, largest example, chromium',
  warmup: 2,
  runs: 20,
  async setup() {
    const dir = mkdtempSync(join(tmpdir(), 'poet-bench-elements-'));
    let largest;
    for (const name of EXAMPLES) {
      const { survey } = compileFile(fileURLToPath(new URL(`../examples/${name}.poet`, import.meta.url)));
      if (survey === undefined) throw new Error(`examples/${name}.poet does not compile`);
      const json = JSON.stringify(survey);
      if (largest === undefined || json.length > largest.json.length) largest = { survey, json };
    }
    writeFileSync(join(dir, `${largest.survey.id}.survey.json`), largest.json);
    writeFileSync(join(dir, `${largest.survey.id}.validator.js`), emitStandaloneValidator(largest.survey));
    const bench = await startBrowserBench(dir);
    const url = bench.pageUrl(`/__bench/files/${largest.survey.id}.survey.json`);
    await bench.page.setCacheEnabled(false);
    return {
      info: { survey: `${largest.survey.id} (${(largest.json.length / 1024).toFixed(0)} KiB JSON, ${largest.survey.items.length} items)` },
      async run() {
        await bench.page.goto(url, { waitUntil: 'load' });
        await waitForView(bench, 'start');
        await bench.page.waitForFunction(() => window.__poetFirstRender !== undefined);
        return { ms: await bench.page.evaluate(() => window.__poetFirstRender) };
      },
      teardown: () => bench.close(),
    };
  },
};
