/**
 * Survey text is text: a survey whose title, intro, privacy, section, question, hint, option
 * and info texts hold <script>, <img onerror>, <svg onload> and <iframe>, plus javascript:,
 * data: and upper-case JAVASCRIPT: links written into the compiled file, shows them as written
 * and never runs them.
 */
import { expect } from '@open-wc/testing';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import { $$, loadSurvey, mount, press, root, text, unmountAll, walk } from './support.js';

afterEach(unmountAll);

declare global {
  interface Window {
    __poetHacked?: unknown;
  }
}

describe('hostile survey text', () => {
  let survey: CompiledSurvey;
  before(async () => {
    survey = await loadSurvey('hostile');
  });

  it('shows markup as text on every page and never runs it', async () => {
    delete window.__poetHacked;
    const el = await mount('hostile');
    const dangerous = 'script, img, svg, iframe, object, embed, [onerror], [onload], [onmouseover]';
    expect($$(el, dangerous)).to.have.length(0);
    expect(text(el)).to.contain("<img src=x onerror=\"window.__poetHacked = 'intro'\">");
    expect(text(el)).to.contain('<script>');
    const links = $$<HTMLAnchorElement>(el, 'a');
    expect(links.map((a) => a.href)).to.deep.equal(['https://example.org/ok']);
    expect(text(el)).to.contain('a javascript link');
    expect(text(el)).to.contain('a data link');
    await press(el, /^Start now$/);
    expect($$(el, dangerous)).to.have.length(0);
    expect(text(el)).to.contain("Pick <script>window.__poetHacked = 'question'</script> one");
    expect(text(el)).to.contain('<iframe');
    await walk(el, survey, { pick: 'a', words: '<img src=x onerror="window.__poetHacked = 9">' });
    expect(el.currentView.kind).to.equal('check');
    expect($$(el, dangerous)).to.have.length(0);
    await press(el, /^Accept and send$/);
    expect($$(el, dangerous)).to.have.length(0);
    expect(text(el)).to.contain("Thanks <script>window.__poetHacked = 'thanks'</script>");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(window.__poetHacked).to.equal(undefined);
    expect(root(el).innerHTML).to.not.match(/<script/i);
  });
});
