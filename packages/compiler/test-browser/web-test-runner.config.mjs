// @web/test-runner 0.20.x + @web/test-runner-chrome 0.18.x (puppeteer-core 24) driving Debian's
// chromium (CHROME_PATH, default /usr/bin/chromium). Run from the repository root after prepare.mjs.
import { defaultReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { plainSummaryReporter } from './wtr-summary-reporter.mjs';
import { debianChromium, strictCsp } from '../../../scripts/wtr-common.mjs';

/** The policy a council page would send (scripts/wtr-common.mjs explains wtr's inline scripts). */
export { CSP } from '../../../scripts/wtr-common.mjs';

export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  files: [fileURLToPath(new URL('./validator.test.js', import.meta.url))],
  middleware: [strictCsp],
  browsers: [debianChromium()],
  reporters: [defaultReporter(), plainSummaryReporter()],
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
};
