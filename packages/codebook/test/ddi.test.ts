/**
 * codebook.ddi.xml: every example's DDI-Codebook 2.6 document is valid by xmllint against the
 * DDI Alliance's XSD, with a `var` per data.csv column, a `varGrp` per multi and grid question,
 * categories with missing ones marked, and, with statistics, frequencies and summaries.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ddiCodebook } from '../src/ddi.js';
import { escapeXml } from '../src/escape.js';
import { FIXED_COLUMN_LABELS } from '../src/document.js';
import { FIXED_COLUMNS } from '../src/names.js';
import { Notes } from '../src/notes.js';
import { rScript } from '../src/r.js';
import { spssSyntax } from '../src/spss.js';
import { stataDo } from '../src/stata.js';
import { buildCodebook, type ExportVariable } from '../src/variables.js';
import { checkGolden, distinctStats, HOSTILE, hostileSurvey, xmllintDdi } from './documents-support.js';
import { EXAMPLE_FILES, example } from './support.js';

/** The XML of one `var` element (by its name attribute). */
function varElement(xml: string, name: string): string {
  const start = xml.indexOf(`<var ID="V_${name}" name="${name}"`);
  assert.ok(start >= 0, `no var for ${name}`);
  return xml.slice(start, xml.indexOf('</var>', start));
}

const escapeXmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

for (const name of EXAMPLE_FILES) {
  test(`DDI of ${name} is valid DDI-Codebook 2.6 with a var per column and a varGrp per multi and grid`, () => {
    const cb = buildCodebook(example(name));
    const xml = ddiCodebook(cb);
    const lint = xmllintDdi(xml, `${name}.ddi.xml`);
    assert.ok(lint.valid, `xmllint rejects the DDI of ${name}:\n${lint.messages}`);

    const varNames = [...xml.matchAll(/<var ID="[^"]*" name="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(varNames, [...FIXED_COLUMNS, ...cb.variables.map((v) => v.name)]);

    const groups = [...xml.matchAll(/<varGrp ID="[^"]*" name="([^"]*)" type="([^"]*)" var="([^"]*)"/g)].map((m) => ({ name: m[1], type: m[2], vars: m[3] }));
    assert.deepEqual(
      groups,
      cb.groups.map((g) => ({ name: g.name, type: g.kind === 'multi' ? 'multipleResp' : 'grid', vars: g.variables.map((v) => `V_${v}`).join(' ') })),
    );
    assert.ok(cb.groups.length > 0, 'every example has a multi or a grid');

    for (const v of cb.variables) {
      const element = varElement(xml, v.name);
      assert.ok(element.includes(`<labl>${escapeXmlText(v.label)}</labl>`), `${v.name}: label`);
      assert.ok(element.includes(`<qstnLit>${escapeXmlText(v.questionText)}</qstnLit>`), `${v.name}: question text`);
      assert.ok(element.includes(`<universe clusion="I">${escapeXmlText(v.universe.text)}</universe>`), `${v.name}: universe`);
      const categories = [...element.matchAll(/<catgry( missing="Y" missType="([^"]*)")?><catValu>([^<]*)<\/catValu><labl>([^<]*)<\/labl>/g)].map((m) => ({
        code: Number(m[3]),
        label: m[4],
        missing: m[2],
      }));
      assert.deepEqual(
        categories,
        v.valueLabels.map((l) => ({ code: l.code, label: escapeXmlText(l.label), missing: l.missing })),
        `${v.name}: categories`,
      );
      assert.ok(element.includes(`<varFormat type="${v.type === 'text' || v.type === 'date' ? 'character' : 'numeric'}"`), `${v.name}: format`);
    }
  });
}

test('DDI with statistics gives the case count, a frequency per category and number summaries, and stays valid', () => {
  const cb = buildCodebook(example('parent-ehc'));
  const stats = distinctStats(cb);
  const xml = ddiCodebook(cb, stats);
  const lint = xmllintDdi(xml, 'parent-ehc.stats.ddi.xml');
  assert.ok(lint.valid, `xmllint rejects the DDI with statistics:\n${lint.messages}`);
  assert.ok(xml.includes(`<caseQnty>${stats.responses}</caseQnty>`));
  const numbers: ExportVariable[] = [];
  for (const v of cb.variables) {
    const s = stats.variables.get(v.name)!;
    const element = varElement(xml, v.name);
    assert.ok(element.includes(`<sumStat type="vald">${s.valid}</sumStat>`), `${v.name}: valid count`);
    assert.ok(element.includes(`<sumStat type="invd">${s.missing}</sumStat>`), `${v.name}: missing count`);
    for (const f of s.frequencies) {
      assert.match(element, new RegExp(`<catValu>${f.code}</catValu><labl>[^<]*</labl><catStat type="freq">${f.count}</catStat>`), `${v.name}: frequency of ${f.code}`);
    }
    if (v.type === 'number') {
      numbers.push(v);
      assert.ok(element.includes('<sumStat type="min">3</sumStat>') && element.includes('<sumStat type="max">97</sumStat>') && element.includes('<sumStat type="mean">41.25</sumStat>'), `${v.name}: summary`);
    }
  }
  assert.ok(numbers.length > 0, 'parent-ehc has number questions');
});

test('DDI escapes hostile survey text and stays valid', () => {
  const cb = buildCodebook(hostileSurvey());
  const xml = ddiCodebook(cb);
  const lint = xmllintDdi(xml, 'hostile.ddi.xml');
  assert.ok(lint.valid, `xmllint rejects the hostile DDI:\n${lint.messages}`);
  assert.doesNotMatch(xml, /<script|<\/td>|<!-- h/);
  assert.ok(xml.includes(escapeXmlText(`Pick ${HOSTILE}`)));
  // the hint is markup: its link is shown as "text (address)"
  assert.ok(xml.includes(`<ivuInstr>${escapeXmlText("Hint <script>alert('x')</script> | a & b")}`), 'the hint is kept as an instruction');
});

test('xmllint really checks the DDI: a document with elements out of schema order is rejected', () => {
  const xml = ddiCodebook(buildCodebook(example('carer')));
  // fileDscr must come after stdyDscr; moving it first breaks the codeBook sequence
  const file = xml.slice(xml.indexOf('  <fileDscr'), xml.indexOf('</fileDscr>') + '</fileDscr>\n'.length);
  const broken = xml.replace(file, '').replace('  <stdyDscr>', `${file}  <stdyDscr>`);
  const lint = xmllintDdi(broken, 'broken.ddi.xml');
  assert.equal(lint.valid, false);
  assert.match(lint.messages, /fileDscr/);
});

test('the fixed columns carry the labels that labels.sps, labels.do and labels.R give them', () => {
  const cb = buildCodebook(example('carer'));
  const xml = ddiCodebook(cb);
  const files = { 'labels.sps': spssSyntax(cb, new Notes()), 'labels.do': stataDo(cb, new Notes()), 'labels.R': rScript(cb) };
  for (const column of FIXED_COLUMNS) {
    const label = FIXED_COLUMN_LABELS[column];
    assert.ok(varElement(xml, column).includes(`<labl>${label}</labl>`), `DDI label of ${column}`);
    for (const [file, text] of Object.entries(files)) {
      assert.ok(text.split('\n').some((line) => line.includes(column) && line.includes(label)), `${file} labels ${column} "${label}"`);
    }
  }
});

test('escapeXml escapes markup and replaces characters XML 1.0 cannot hold', () => {
  assert.equal(escapeXml(`<a href="x">&'</a>`), '&lt;a href=&quot;x&quot;&gt;&amp;\'&lt;/a&gt;');
  // controls other than tab and line ends, lone surrogates and U+FFFF would make the file unreadable
  assert.equal(escapeXml('a\u0001b\tc\nd\uD800e\uFFFF'), 'a\uFFFDb\tc\nd\uFFFDe\uFFFD');
  assert.equal(escapeXml('😀 é'), '😀 é');
  const lint = xmllintDdi(ddiCodebook(buildCodebook(example('carer'))).replace('<titl>', `<titl>${escapeXml('\u0002\uDC00')}`), 'controls.ddi.xml');
  assert.ok(lint.valid, lint.messages);
});

test('DDI golden: streamlined-555', () => {
  checkGolden('streamlined-555.ddi.xml', ddiCodebook(buildCodebook(example('streamlined-555'))));
});
