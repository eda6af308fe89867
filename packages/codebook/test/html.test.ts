/**
 * codebook.html: for every example, one self-contained page (no script, no inline styles, no
 * external resources) with every variable's name, label, question text, universe, codes and
 * labels; working contents links; table headers with scope; counts when statistics are given;
 * hostile survey text shown as text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml } from '../src/escape.js';
import { codebookHtml } from '../src/html.js';
import { FIXED_COLUMNS } from '../src/names.js';
import { REASONS, buildCodebook, type Codebook } from '../src/variables.js';
import { checkGolden, distinctStats, HOSTILE, hostileSurvey } from './documents-support.js';
import { EXAMPLE_FILES, example } from './support.js';

/** Structural checks that hold for any page this renderer writes. */
function assertWellFormedPage(html: string, what: string): void {
  assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="'), `${what}: doctype and language`);
  assert.doesNotMatch(html, /<script|<link|<img|<iframe|\sstyle=|\son[a-z]+=/i, `${what}: no script, external resource, inline style or handler`);
  assert.equal((html.match(/<style>/g) ?? []).length, 1, `${what}: one style element`);
  assert.match(html, /@media print/, `${what}: print styles`);
  for (const tag of ['table', 'section', 'tr', 'thead', 'tbody', 'dl', 'ol', 'ul', 'li', 'code', 'h2', 'h3', 'h4']) {
    const open = (html.match(new RegExp(`<${tag}[\\s>]`, 'g')) ?? []).length;
    const close = (html.match(new RegExp(`</${tag}>`, 'g')) ?? []).length;
    assert.equal(open, close, `${what}: <${tag}> opened ${open} times, closed ${close} times`);
  }
  for (const th of html.match(/<th[\s>][^>]*>/g) ?? []) assert.match(th, /scope="(col|row)"/, `${what}: ${th} without scope`);
  const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
  const idList = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(ids.size, idList.length, `${what}: duplicate ids`);
  for (const m of html.matchAll(/href="#([^"]+)"/g)) assert.ok(ids.has(m[1]), `${what}: link to #${m[1]} has no target`);
}

function assertEveryVariable(html: string, cb: Codebook, what: string): void {
  for (const column of FIXED_COLUMNS) assert.ok(html.includes(`<code>${column}</code>`), `${what}: fixed column ${column}`);
  for (const v of cb.variables) {
    assert.ok(html.includes(`id="v-${v.name}"><code>${v.name}</code>`), `${what}: ${v.name} has its own entry`);
    assert.ok(html.includes(escapeHtml(v.label)), `${what}: ${v.name} label`);
    assert.ok(html.includes(`<p class="question-text">${escapeHtml(v.questionText)}</p>`), `${what}: ${v.name} question text`);
    assert.ok(html.includes(escapeHtml(v.universe.text)), `${what}: ${v.name} universe`);
    for (const l of v.valueLabels) {
      assert.ok(html.includes(`<th scope="row">${l.code}</th><td>${escapeHtml(l.label)}</td>`), `${what}: ${v.name} code ${l.code}`);
    }
  }
}

for (const name of EXAMPLE_FILES) {
  test(`HTML codebook of ${name} shows every variable, code and label`, () => {
    const cb = buildCodebook(example(name));
    const html = codebookHtml(cb);
    assertWellFormedPage(html, name);
    assertEveryVariable(html, cb, name);
    assert.ok(html.includes(`<code>${cb.survey.id}</code>`) && html.includes(escapeHtml(cb.survey.version)), 'survey id and version');
    assert.match(html, /reconstructions from public fragments/, 'the disclaimer');
    for (const r of REASONS) assert.ok(html.includes(`<tr><th scope="row">${r.code}</th><td>${escapeHtml(r.label)}</td>`), `conventions: ${r.code}`);
    for (const g of cb.groups) {
      // a multi or grid is one question section listing all its columns
      const start = html.indexOf(`<h3 id="q-${g.question}">`);
      const end = html.indexOf('</section>', start);
      assert.ok(start >= 0, `${g.question}: its own section`);
      for (const member of g.variables) assert.ok(html.slice(start, end).includes(`id="v-${member}"`), `${member} under ${g.question}`);
    }
  });
}

test('HTML codebook with statistics shows the responses, every count, valid and missing counts and number summaries', () => {
  const cb = buildCodebook(example('health-phb'));
  const stats = distinctStats(cb);
  const html = codebookHtml(cb, stats);
  assertWellFormedPage(html, 'health-phb with statistics');
  assert.ok(html.includes(`<dt>Responses</dt><dd>${stats.responses}</dd>`));
  for (const s of stats.variables.values()) {
    for (const f of s.frequencies) assert.ok(html.includes(`<td class="count">${f.count}</td>`), `${s.name}: count of ${f.code}`);
    assert.ok(html.includes(`>${s.valid}</`) && html.includes(`>${s.missing}</`), `${s.name}: valid and missing`);
    if (s.summary !== undefined) assert.ok(html.includes('<dt>Mean</dt><dd>41.25</dd>'), `${s.name}: mean`);
  }
  // a single's codes table gives each valid code's share of the valid answers
  const single = cb.variables.find((v) => v.kind === 'single')!;
  const s = stats.variables.get(single.name)!;
  const first = single.valueLabels[0]!;
  const count = s.frequencies.find((f) => f.code === first.code)!.count;
  assert.ok(html.includes(`<td class="count">${count}</td><td class="count">${((100 * count) / s.valid).toFixed(1)}%</td>`), 'percent of valid');
});

test('HTML codebook shows hostile survey text as text', () => {
  const cb = buildCodebook(hostileSurvey());
  const html = codebookHtml(cb);
  assertWellFormedPage(html, 'hostile');
  assertEveryVariable(html, cb, 'hostile');
  assert.ok(html.includes(`<title>Codebook: Title ${escapeHtml(HOSTILE)}</title>`));
  assert.ok(html.includes('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;'));
});

test('HTML golden: streamlined-555', () => {
  checkGolden('streamlined-555.codebook.html', codebookHtml(buildCodebook(example('streamlined-555'))));
});
