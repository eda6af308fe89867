/**
 * The codebook as one self-contained HTML page (`codebook.html`): readable on screen and on
 * paper. No script, no external resources and no inline style attributes (one `<style>`
 * element); semantic tables with `<th scope>`; every piece of survey text escaped.
 *
 * Layout: title and facts, the disclaimer, a contents list, the conventions (reserved codes),
 * the data file's fixed columns, then section by section each question with its export columns.
 * A multi or grid question whose columns share their codes shows one table of columns and one
 * table of codes; with statistics, the columns table then doubles as a frequency table.
 */
import {
  DISCLAIMER,
  FIXED_COLUMN_DESCRIPTIONS,
  FIXED_COLUMN_LABELS,
  formatNumber,
  frequency,
  kindInWords,
  missingInWords,
  missingKindCodes,
  optionInWords,
  outline,
  percentOfValid,
  reservedCodes,
  sharedValueLabels,
  statsOf,
  typeAndMeasure,
  typeInWords,
  type QuestionEntry,
} from './document.js';
import { escapeHtml as e } from './escape.js';
import { FIXED_COLUMNS } from './names.js';
import type { CodebookStats, VariableStats } from './stats.js';
import type { Codebook, ExportVariable, ValueLabel } from './variables.js';

const STYLE = `
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #0b0c0c; margin: 0 auto; max-width: 62rem; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 2rem; line-height: 1.2; }
h2 { border-top: 2px solid #0b0c0c; padding-top: 0.5rem; margin-top: 2.5rem; }
h3 { margin: 0 0 0.25rem; }
h4 { margin: 1rem 0 0.25rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.95em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.disclaimer { border-left: 4px solid #1d70b8; background: #f3f2f1; padding: 0.5rem 1rem; }
.question { border-top: 1px solid #b1b4b6; padding-top: 1rem; margin-top: 1.5rem; }
.question-text { font-size: 1.125rem; margin: 0.25rem 0; }
.hint { color: #505a5f; margin: 0.25rem 0; }
.number { color: #505a5f; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.25rem 0.5rem 0.25rem 0; text-align: left; vertical-align: top; }
td.count, th.count { text-align: right; font-variant-numeric: tabular-nums; }
tr.missing td, tr.missing th { color: #505a5f; }
nav ol, nav ul { padding-left: 1.5rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  nav { break-after: page; }
  h2, h3, h4, caption { break-after: avoid; }
  tr { break-inside: avoid; }
  .disclaimer { border-left-color: #0b0c0c; }
}
`;

/** Renders `cb` as one HTML page; with `stats`, counts per code and valid/missing counts. */
export function codebookHtml(cb: Codebook, stats?: CodebookStats): string {
  const { survey } = cb;
  const parts = outline(cb);
  const out: string[] = [];
  out.push('<!DOCTYPE html>');
  out.push(`<html lang="${e(survey.language)}">`);
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>Codebook: ${e(survey.title)}</title>`);
  out.push(`<style>${STYLE}</style>`);
  out.push('</head>');
  out.push('<body>');

  out.push('<header>');
  out.push(`<h1>Codebook: ${e(survey.title)}</h1>`);
  out.push('<dl class="facts">');
  out.push(`<dt>Survey id</dt><dd><code>${e(survey.id)}</code></dd>`);
  out.push(`<dt>Survey version</dt><dd>${e(survey.version)}</dd>`);
  out.push(`<dt>Language</dt><dd>${e(survey.language)}</dd>`);
  if (survey.audience !== undefined) out.push(`<dt>Audience</dt><dd>${e(survey.audience)}</dd>`);
  out.push(`<dt>Export columns</dt><dd>${FIXED_COLUMNS.length + cb.variables.length} (${FIXED_COLUMNS.length} fixed, ${cb.variables.length} variables)</dd>`);
  if (stats !== undefined) out.push(`<dt>Responses</dt><dd>${stats.responses}</dd>`);
  out.push('</dl>');
  out.push(`<p class="disclaimer">${e(DISCLAIMER)}</p>`);
  out.push('</header>');

  out.push('<nav aria-labelledby="contents">');
  out.push('<h2 id="contents">Contents</h2>');
  out.push('<ol>');
  out.push('<li><a href="#conventions">Conventions</a></li>');
  out.push('<li><a href="#data-file">The data file</a></li>');
  for (const part of parts) {
    out.push(`<li><a href="#${e(partAnchor(part.id))}">${e(part.title)}</a>`);
    // a list without numbers: the questions carry their own printed numbers
    out.push('<ul>');
    for (const q of part.questions) {
      out.push(`<li><a href="#${e(questionAnchor(q.question))}">${e(questionHeading(q))}</a></li>`);
    }
    out.push('</ul>');
    out.push('</li>');
  }
  out.push('</ol>');
  out.push('</nav>');

  out.push('<main>');
  out.push(...conventions(cb));
  out.push(...dataFile());
  for (const part of parts) {
    out.push(`<section aria-labelledby="${e(partAnchor(part.id))}">`);
    out.push(`<h2 id="${e(partAnchor(part.id))}">${e(part.title)}</h2>`);
    for (const q of part.questions) out.push(...question(q, stats));
    out.push('</section>');
  }
  out.push('</main>');
  out.push('</body>');
  out.push('</html>');
  return `${out.join('\n')}\n`;
}

const partAnchor = (id: string): string => `part-${id}`;
const questionAnchor = (id: string): string => `q-${id}`;
const variableAnchor = (name: string): string => `v-${name}`;

function questionHeading(q: QuestionEntry): string {
  return `${q.number === undefined ? '' : `${q.number}. `}${q.question}: ${q.text}`;
}

function conventions(cb: Codebook): string[] {
  const out: string[] = [];
  out.push('<section aria-labelledby="conventions">');
  out.push('<h2 id="conventions">Conventions</h2>');
  out.push(
    '<p>A single choice is coded with its option code; a tick-all-that-apply question gives one 0/1 column per option, <code>&lt;id&gt;_&lt;code&gt;</code>; a grid gives one column per row, <code>&lt;id&gt;_&lt;row id&gt;</code>, holding the scale code; a “please describe” text is <code>&lt;id&gt;_other</code>. Numbers are written as numbers, dates as <code>YYYY-MM-DD</code> and texts as written.</p>',
  );
  out.push('<table>');
  out.push('<caption>Reserved codes for no answer (the same in every column, declared missing)</caption>');
  out.push('<thead><tr><th scope="col">Code</th><th scope="col">Label</th><th scope="col">Meaning</th></tr></thead>');
  out.push('<tbody>');
  for (const r of reservedCodes()) {
    out.push(`<tr><th scope="row">${r.code}</th><td>${e(r.label)}</td><td>${e(r.meaning)}</td></tr>`);
  }
  out.push('</tbody>');
  out.push('</table>');
  out.push('<p>Text and date columns carry these codes as text (<code>-1</code>, <code>-2</code>, <code>-9</code>). For a tick-all-that-apply question that was not asked, every column holds -1, never 0.</p>');
  const kinds = missingKindCodes(cb);
  if (kinds.length > 0) {
    out.push('<table>');
    out.push('<caption>Answers kept as codes and declared missing</caption>');
    out.push('<thead><tr><th scope="col">Code</th><th scope="col">Label</th><th scope="col">Missing kind</th></tr></thead>');
    out.push('<tbody>');
    for (const k of kinds) out.push(`<tr><th scope="row">${k.code}</th><td>${e(k.label)}</td><td>${e(missingInWords(k))}</td></tr>`);
    out.push('</tbody>');
    out.push('</table>');
  }
  out.push('</section>');
  return out;
}

function dataFile(): string[] {
  const out: string[] = [];
  out.push('<section aria-labelledby="data-file">');
  out.push('<h2 id="data-file">The data file</h2>');
  out.push('<p><code>data.csv</code>: one row per response, comma-separated, UTF-8, with a header row. The first columns identify the response; the export variables follow in the order of this codebook.</p>');
  out.push('<table>');
  out.push('<caption>Fixed columns</caption>');
  out.push('<thead><tr><th scope="col">Column</th><th scope="col">Label</th><th scope="col">Holds</th></tr></thead>');
  out.push('<tbody>');
  for (const column of FIXED_COLUMNS) {
    out.push(`<tr><th scope="row"><code>${column}</code></th><td>${e(FIXED_COLUMN_LABELS[column])}</td><td>${e(FIXED_COLUMN_DESCRIPTIONS[column])}</td></tr>`);
  }
  out.push('</tbody>');
  out.push('</table>');
  out.push('</section>');
  return out;
}

function question(q: QuestionEntry, stats: CodebookStats | undefined): string[] {
  const out: string[] = [];
  const anchor = questionAnchor(q.question);
  out.push(`<section class="question" aria-labelledby="${e(anchor)}">`);
  out.push(`<h3 id="${e(anchor)}">${q.number === undefined ? '' : `<span class="number">${e(q.number)}.</span> `}<code>${e(q.question)}</code></h3>`);
  out.push(`<p class="question-text">${e(q.text)}</p>`);
  if (q.hint !== undefined) out.push(`<p class="hint">Hint: ${e(q.hint)}</p>`);
  out.push('<dl class="facts">');
  out.push(`<dt>Question kind</dt><dd>${e(kindInWords(q.kind))}</dd>`);
  out.push(`<dt>Asked</dt><dd>${e(q.universe)}</dd>`);
  out.push(`<dt>Export columns</dt><dd>${q.variables.map((v) => `<a href="#${e(variableAnchor(v.name))}"><code>${e(v.name)}</code></a>`).join(', ')}</dd>`);
  out.push('</dl>');

  const members = q.group === undefined ? [] : q.variables.filter((v) => q.group!.variables.includes(v.name));
  const shared = sharedValueLabels(members);
  if (q.group !== undefined && shared !== undefined) {
    out.push(...groupTables(q, members, shared, stats));
    for (const v of q.variables) if (!members.includes(v)) out.push(...variable(v, stats));
  } else {
    for (const v of q.variables) out.push(...variable(v, stats));
  }
  out.push('</section>');
  return out;
}

/** A multi or grid question whose columns share their codes: a columns table and a codes table. */
function groupTables(q: QuestionEntry, members: readonly ExportVariable[], labels: readonly ValueLabel[], stats: CodebookStats | undefined): string[] {
  const out: string[] = [];
  const withStats = stats !== undefined;
  out.push('<table>');
  out.push(`<caption>Columns of <code>${e(q.question)}</code>${withStats ? ': counts per code' : ''}</caption>`);
  // the Asked column only when a row has its own condition; otherwise the question's says it all
  const ownUniverse = members.some((v) => v.universe.text !== q.universe);
  const options = members.some((v) => v.option !== undefined);
  const head = ['<th scope="col">Column</th>', '<th scope="col">Label</th>', ...(options ? ['<th scope="col">Option</th>'] : []), ...(ownUniverse ? ['<th scope="col">Asked</th>'] : [])];
  if (withStats) {
    head.push('<th scope="col" class="count">Valid</th>', '<th scope="col" class="count">Missing</th>');
    for (const l of labels) head.push(`<th scope="col" class="count">${l.code}</th>`);
  }
  out.push(`<thead><tr>${head.join('')}</tr></thead>`);
  out.push('<tbody>');
  for (const v of members) {
    const cells = [`<th scope="row" id="${e(variableAnchor(v.name))}"><code>${e(v.name)}</code></th>`, `<td>${e(v.label)}</td>`];
    if (options) cells.push(`<td>${e(optionInWords(v) ?? '')}</td>`);
    if (ownUniverse) cells.push(`<td>${e(v.universe.text)}</td>`);
    const s = statsOf(stats, v.name);
    if (withStats) {
      cells.push(`<td class="count">${s?.valid ?? ''}</td>`, `<td class="count">${s?.missing ?? ''}</td>`);
      for (const l of labels) cells.push(`<td class="count">${s === undefined ? '' : frequency(s, l.code)}</td>`);
    }
    out.push(`<tr>${cells.join('')}</tr>`);
  }
  out.push('</tbody>');
  out.push('</table>');
  out.push(...codesTable(`Codes of every column of <code>${e(q.question)}</code> (${e(typeInWords(members[0]!))})`, labels, undefined));
  return out;
}

function variable(v: ExportVariable, stats: CodebookStats | undefined): string[] {
  const out: string[] = [];
  const s = statsOf(stats, v.name);
  out.push(`<h4 id="${e(variableAnchor(v.name))}"><code>${e(v.name)}</code></h4>`);
  out.push('<dl class="facts">');
  out.push(`<dt>Label</dt><dd>${e(v.label)}</dd>`);
  out.push(`<dt>Type</dt><dd>${e(typeAndMeasure(v))}</dd>`);
  out.push(`<dt>Asked</dt><dd>${e(v.universe.text)}</dd>`);
  out.push(`<dt>Missing codes</dt><dd>${v.missingCodes.join(', ')}</dd>`);
  if (v.maxLength !== undefined) out.push(`<dt>Length</dt><dd>at most ${v.maxLength} characters</dd>`);
  if (v.reasonClash === true) out.push('<dt>Note</dt><dd>The question admits answers equal to a reserved code (-1, -2 or -9); read those values with care.</dd>');
  if (v.renamed !== undefined) out.push(`<dt>Renamed</dt><dd>from <code>${e(v.renamed.from)}</code>: ${e(v.renamed.reason)}</dd>`);
  if (s !== undefined) out.push(...statsFacts(s));
  out.push('</dl>');
  out.push(...codesTable(`Codes of <code>${e(v.name)}</code>`, v.valueLabels, s !== undefined && s.frequencies.length > 0 ? s : undefined));
  return out;
}

function statsFacts(s: VariableStats): string[] {
  const out = [`<dt>Valid</dt><dd>${s.valid}</dd>`, `<dt>Missing</dt><dd>${s.missing}</dd>`];
  if (s.summary !== undefined) {
    out.push(`<dt>Minimum</dt><dd>${formatNumber(s.summary.min)}</dd>`);
    out.push(`<dt>Maximum</dt><dd>${formatNumber(s.summary.max)}</dd>`);
    out.push(`<dt>Mean</dt><dd>${formatNumber(s.summary.mean)}</dd>`);
  }
  return out;
}

/** `caption` is HTML (already escaped). */
function codesTable(caption: string, labels: readonly ValueLabel[], s: VariableStats | undefined): string[] {
  const out: string[] = [];
  out.push('<table>');
  out.push(`<caption>${caption}</caption>`);
  const statsHead = '<th scope="col" class="count">Count</th><th scope="col" class="count">% of valid</th>';
  out.push(`<thead><tr><th scope="col">Code</th><th scope="col">Label</th><th scope="col">Missing</th>${s === undefined ? '' : statsHead}</tr></thead>`);
  out.push('<tbody>');
  for (const l of labels) {
    const count = s === undefined ? '' : `<td class="count">${frequency(s, l.code)}</td><td class="count">${percentOfValid(s, l)}</td>`;
    out.push(`<tr${l.missing === undefined ? '' : ' class="missing"'}><th scope="row">${l.code}</th><td>${e(l.label)}</td><td>${e(missingInWords(l))}</td>${count}</tr>`);
  }
  out.push('</tbody>');
  out.push('</table>');
  return out;
}
