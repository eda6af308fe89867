/**
 * The rollup bundle (dist/poet-elements.js, built by `pnpm run build`) as a council page loads
 * it: one module under `script-src 'self'`, defining <poet-survey> and rendering a survey. This
 * file runs in its own page, so it does not meet the element defined from dist/src by the others.
 */
import { expect } from '@open-wc/testing';

const BUNDLE = new URL('../poet-elements.js', import.meta.url).href;
const BUILD = new URL('../../test-browser/build/', import.meta.url).href;

describe('the bundle', () => {
  it('runs in a page that really has the strict CSP (no eval, no new Function)', () => {
    expect(() => new Function('return 1')).to.throw(EvalError);
  });

  it('has no eval or new Function, and imports nothing', async () => {
    const source = await (await fetch(BUNDLE)).text();
    expect(source.length).to.be.greaterThan(1000);
    expect(source).to.not.match(/\beval\s*\(|new\s+Function\s*\(/);
    expect(source).to.not.match(/^\s*import\s|[;}]\s*import\s*["'{*]/m);
  });

  it('defines <poet-survey> and renders a compiled survey under the strict CSP', async () => {
    localStorage.clear();
    await import(BUNDLE);
    expect(customElements.get('poet-survey')).to.not.equal(undefined);
    const el = document.createElement('poet-survey') as HTMLElement & { updateComplete: Promise<boolean> };
    el.setAttribute('src', new URL('carer.survey.json', BUILD).href);
    document.body.append(el);
    for (let i = 0; i < 500 && el.shadowRoot?.querySelector('h1') == null; i++) await new Promise((r) => setTimeout(r, 10));
    const survey = (await (await fetch(new URL('carer.survey.json', BUILD))).json()) as { title: string };
    expect(el.shadowRoot!.querySelector('h1')!.textContent!.trim()).to.equal(survey.title);
    (el.shadowRoot!.querySelector('button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h1')!.textContent!.trim()).to.equal('Agreement');
    el.remove();
  });
});
