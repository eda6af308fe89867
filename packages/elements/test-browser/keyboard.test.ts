/**
 * Every example completed with the keyboard alone (Tab, arrows, Space, typing, Enter) along two
 * respondent paths each (ROUTING-CASES.md paths where it has them), producing a response the
 * survey's own precompiled validator accepts, equal to the path's answers.
 */
import { expect } from '@open-wc/testing';
import { route } from '@poetkit/runtime';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import type { PoetSurvey, ResponseEnvelope } from '../src/index.js';
import { dateParts } from '../src/answers.js';
import {
  EXAMPLE_IDS,
  keyButton,
  keyCheckbox,
  keyRadio,
  keyType,
  loadPaths,
  loadSurvey,
  loadValidator,
  mount,
  pageOf,
  unmountAll,
  type RespondentPath,
} from './support.js';

afterEach(unmountAll);

/** Answers one page's questions from `answers`, by keyboard, in page order. */
async function answerPage(el: PoetSurvey, survey: CompiledSurvey, page: string, answers: Record<string, unknown>): Promise<void> {
  for (const a of route(survey, answers).asked.filter((x) => x.page === page)) {
    const value = answers[a.id];
    if (value === undefined) continue;
    const q = a.question;
    switch (q.kind) {
      case 'consent':
      case 'single':
        await keyRadio(el, a.id, value as string);
        if (a.otherKey !== undefined && typeof answers[a.otherKey] === 'string') await keyType(el, `f-${a.otherKey}`, answers[a.otherKey] as string);
        break;
      case 'multi':
        for (const v of value as string[]) {
          await keyCheckbox(el, a.id, v);
          const option = q.options.find((o) => o.value === v);
          if (option?.specify === true && q.other !== undefined) await keyType(el, `f-${q.other.key}`, answers[q.other.key] as string);
        }
        break;
      case 'grid':
        for (const [row, choice] of Object.entries(value as Record<string, string>)) await keyRadio(el, `${a.id}/${row}`, choice);
        break;
      case 'date': {
        const parts = dateParts(value);
        await keyType(el, `f-${a.id}`, parts.day);
        await keyType(el, `f-${a.id}-month`, parts.month);
        await keyType(el, `f-${a.id}-year`, parts.year);
        break;
      }
      default:
        await keyType(el, `f-${a.id}`, String(value));
    }
  }
}

async function completeByKeyboard(id: string, path: RespondentPath): Promise<ResponseEnvelope> {
  const survey = await loadSurvey(id);
  const el = await mount(id);
  let envelope: ResponseEnvelope | undefined;
  el.addEventListener('poet-submit', (e) => (envelope = e.detail));
  await keyButton(el, /^Start now$/);
  const visited: string[] = [];
  for (let guard = 0; el.currentView.kind === 'page' && guard < 50; guard++) {
    const page = pageOf(el);
    visited.push(page);
    await answerPage(el, survey, page, path.answers);
    await keyButton(el, /^Continue$/);
    expect(pageOf(el), `Continue on ${page} left errors: ${el.shadowRoot!.querySelector('.error-summary')?.textContent?.replace(/\s+/g, ' ')}`).to.not.equal(page);
  }
  const r = route(survey, path.answers);
  expect(visited).to.deep.equal(r.pages);
  expect(el.currentView.kind).to.equal(r.ended === undefined ? 'check' : 'end');
  await keyButton(el, r.ended === undefined ? /^Accept and send$/ : /^(Send your answers|Finish)$/);
  expect(el.currentView.kind).to.equal('done');
  expect(envelope, 'poet-submit fired').to.not.equal(undefined);
  return envelope!;
}

describe('keyboard only: every example, two paths each', () => {
  for (const id of EXAMPLE_IDS) {
    it(`${id}: both paths give a response the validator accepts`, async () => {
      const paths = await loadPaths(id);
      const validator = await loadValidator(id);
      expect(paths).to.have.length(2);
      for (const path of paths) {
        const envelope = await completeByKeyboard(id, path);
        const result = validator.validateResponse(envelope);
        expect(result.errors, `${id} ${path.name}`).to.deep.equal([]);
        expect(result.valid).to.equal(true);
        expect(envelope.answers, `${id} ${path.name}`).to.deep.equal(path.answers);
        expect(Object.keys(envelope.answers).filter((k) => !k.endsWith('_other'))).to.have.members(path.asked.filter((q) => path.answers[q] !== undefined));
        unmountAll();
      }
    });
  }
});
