/**
 * axe-core finds no violation in any state of any example: the start page, every page of both
 * respondent paths (answers filled in, so piped follow-ups, revealed "please describe" fields
 * and conditional questions are shown), a page with its errors shown, the consent-refusal end
 * page, the check-answers page and the confirmation page. Also: axe really sees into the shadow
 * root (a negative control), and pages reflow at 320 CSS px (WCAG 1.4.10) with no sideways scroll.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { PoetSurvey } from '../src/index.js';
import { $, EXAMPLE_IDS, loadPaths, loadSurvey, mount, next, pageOf, pick, press, start, unmountAll, walk } from './support.js';

afterEach(unmountAll);

async function accessible(el: PoetSurvey, state: string): Promise<void> {
  try {
    await expect(el).to.be.accessible();
  } catch (error) {
    throw new Error(`${state}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

describe('axe-core: no violations', () => {
  it('negative control: axe sees a violation inside a shadow root', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    const input = document.createElement('input');
    input.type = 'text';
    shadow.append(input);
    await expect(host).not.to.be.accessible();
  });

  for (const id of EXAMPLE_IDS) {
    it(`${id}: start, every page of both paths, errors, consent no, check answers, confirmation`, async () => {
      const survey = await loadSurvey(id);
      const paths = await loadPaths(id);

      let el = await mount(id);
      await accessible(el, `${id} start page`);

      // Errors shown: Continue on the first page with questions, nothing answered.
      await start(el);
      if (survey.consent !== undefined) {
        await next(el);
        expect($(el, '.error-summary'), `${id}: consent unanswered shows the error summary`).to.not.equal(null);
        await accessible(el, `${id} consent page with errors`);
        await pick(el, survey.consent, 'yes');
        await next(el);
      }
      await next(el);
      if ($(el, '.error-summary') !== null) await accessible(el, `${id} ${pageOf(el)} with errors`);
      unmountAll();

      for (const path of paths) {
        el = await mount(id);
        await walk(el, survey, path.answers, () => false, async (page) => accessible(el, `${id} ${path.name}: page ${page}`));
        expect(el.currentView.kind).to.be.oneOf(['check', 'end']);
        await accessible(el, `${id} ${path.name}: ${el.currentView.kind} page`);
        await press(el, /^(Accept and send|Send your answers|Finish)$/);
        await accessible(el, `${id} ${path.name}: confirmation`);
        unmountAll();
      }

      if (survey.consent !== undefined) {
        el = await mount(id);
        await start(el);
        await pick(el, survey.consent, 'no');
        await next(el);
        expect(el.currentView.kind).to.equal('end');
        await accessible(el, `${id} consent no`);
      }
    });
  }
});

describe('reflow', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('every page of a parent_ehc path fits 320 CSS px (and 640, i.e. 1280 at 200 % zoom) without sideways scrolling', async () => {
    const survey = await loadSurvey('parent_ehc');
    const paths = await loadPaths('parent_ehc');
    for (const width of [320, 640]) {
      await setViewport({ width, height: 640 });
      const el = await mount('parent_ehc');
      const fits = (state: string) => {
        const widest = Math.max(document.documentElement.scrollWidth, ...[...el.shadowRoot!.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right));
        expect(widest, `${state} at ${width}px`).to.be.at.most(width);
      };
      fits('start page');
      await walk(el, survey, paths[0]!.answers, () => false, async (page) => fits(page));
      fits('check answers');
      unmountAll();
    }
  });
});
