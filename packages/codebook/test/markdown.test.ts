/**
 * codebook.md: for every example, every variable's name, label, question text, universe, codes
 * and labels; tables whose rows all have the header's number of cells, whatever the survey text
 * holds; counts when statistics are given; hostile survey text shown as text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeMarkdown, escapeMarkdownCell } from '../src/escape.js';
import { codebookMarkdown } from '../src/markdown.js';
import { FIXED_COLUMNS } from '../src/names.js';
import { REASONS, buildCodebook, type Codebook } from '../src/variables.js';
import { checkGolden, distinctStats, HOSTILE, hostileSurvey } from './documents-support.js';
import { EXAMPLE_FILES, example } from './support.js';

/** Cells of a table row: split on pipes that are not backslash-escaped. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** Every table (a run of lines starting with `|`) has a delimiter row and rows as wide as its header. */
function assertTables(markdown: string, what: string): number {
  const lines = markdown.split('\n');
  let tables = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('|') || (i > 0 && lines[i - 1]!.startsWith('|'))) continue;
    tables++;
    const width = cells(lines[i]!).length;
    assert.match(lines[i + 1] ?? '', /^\|(-{3,}:?\|)+$/, `${what}: table at line ${i + 1} has no delimiter row`);
    assert.equal(cells(lines[i + 1]!).length, width, `${what}: delimiter row width at line ${i + 2}`);
    assert.equal(lines[i - 1], '', `${what}: a table must follow a blank line (line ${i + 1})`);
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j++) {
      assert.equal(cells(lines[j]!).length, width, `${what}: row at line ${j + 1} has ${cells(lines[j]!).length} cells, the header ${width}: ${lines[j]}`);
    }
  }
  return tables;
}

/** Every contents link has its anchor, and no anchor is defined twice. */
function assertAnchors(markdown: string, what: string): void {
  const ids = [...markdown.matchAll(/^<a id="([^"]+)"><\/a>$/gm)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length, `${what}: duplicate anchors`);
  const links = [...markdown.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
  assert.ok(links.length > 2, `${what}: a contents list`);
  for (const link of links) assert.ok(ids.includes(link), `${what}: link to #${link} has no anchor`);
}

function assertEveryVariable(markdown: string, cb: Codebook, what: string): void {
  for (const column of FIXED_COLUMNS) assert.ok(markdown.includes(`\`${column}\``), `${what}: fixed column ${column}`);
  for (const v of cb.variables) {
    assert.ok(markdown.includes(`\`${v.name}\``), `${what}: ${v.name}`);
    assert.ok(markdown.includes(escapeMarkdownCell(v.label)), `${what}: ${v.name} label`);
    assert.ok(markdown.includes(`\n${escapeMarkdown(v.questionText)}\n`), `${what}: ${v.name} question text`);
    assert.ok(markdown.includes(escapeMarkdownCell(v.universe.text)), `${what}: ${v.name} universe`);
    for (const l of v.valueLabels) assert.ok(markdown.includes(`| ${l.code} | ${escapeMarkdownCell(l.label)} |`), `${what}: ${v.name} code ${l.code}`);
  }
}

for (const name of EXAMPLE_FILES) {
  test(`Markdown codebook of ${name} shows every variable, code and label in well-formed tables`, () => {
    const cb = buildCodebook(example(name));
    const markdown = codebookMarkdown(cb);
    assert.ok(assertTables(markdown, name) > cb.groups.length);
    assertAnchors(markdown, name);
    assertEveryVariable(markdown, cb, name);
    assert.match(markdown, /reconstructions from public fragments/, 'the disclaimer');
    for (const r of REASONS) assert.ok(markdown.includes(`| ${r.code} | ${escapeMarkdownCell(r.label)} |`), `conventions: ${r.code}`);
  });
}

test('Markdown codebook with statistics shows the responses and every count', () => {
  const cb = buildCodebook(example('adult-social-care'));
  const stats = distinctStats(cb);
  const markdown = codebookMarkdown(cb, stats);
  assertTables(markdown, 'adult-social-care with statistics');
  assert.ok(markdown.includes(`- Responses: ${stats.responses}`));
  for (const s of stats.variables.values()) {
    for (const f of s.frequencies) assert.match(markdown, new RegExp(`\\| ${f.count} \\|`), `${s.name}: count of ${f.code}`);
    assert.ok(markdown.includes(`${s.valid}`) && markdown.includes(`${s.missing}`), `${s.name}: valid and missing`);
  }
});

test('Markdown codebook shows hostile survey text as text and keeps its tables whole', () => {
  const cb = buildCodebook(hostileSurvey());
  const markdown = codebookMarkdown(cb);
  assertTables(markdown, 'hostile');
  assertAnchors(markdown, 'hostile');
  assertEveryVariable(markdown, cb, 'hostile');
  assert.doesNotMatch(markdown, /<script|<\/td>|<!--/);
  assert.ok(markdown.includes(`# Codebook: Title ${escapeMarkdown(HOSTILE)}`));
  assert.ok(markdown.includes("&lt;script&gt;alert('x')&lt;/script&gt; \\| a &amp; b \\*c\\* \\_d\\_ \\`e\\` \\[f\\]"));
});

test('escapeMarkdown neutralises line starts that would become headings, lists or rules', () => {
  assert.equal(escapeMarkdown('# not a heading'), '\\# not a heading');
  assert.equal(escapeMarkdown('- not a list\n+ nor this\n1. nor this'), '\\- not a list\n\\+ nor this\n1\\. nor this');
  assert.equal(escapeMarkdown('1.0.0'), '1.0.0');
  assert.equal(escapeMarkdownCell('one\ntwo | three'), 'one two \\| three');
});

test('Markdown golden: streamlined-555', () => {
  checkGolden('streamlined-555.codebook.md', codebookMarkdown(buildCodebook(example('streamlined-555'))));
});
