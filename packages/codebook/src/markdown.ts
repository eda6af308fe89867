/**
 * The codebook in Markdown (`codebook.md`): the same content as codebook.html, for reading in
 * a repository or pasting into a report. Every piece of survey text is escaped, so that `|`
 * never breaks a table and `<script>`, `*` or `[` are shown as written.
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
import { escapeMarkdown as md, escapeMarkdownCell as cell } from './escape.js';
import { FIXED_COLUMNS } from './names.js';
import type { CodebookStats, VariableStats } from './stats.js';
import type { Codebook, ExportVariable, ValueLabel } from './variables.js';

/** An anchor id for a part or question: ids are letters, digits and `_` (anything else becomes `-`). */
const anchor = (kind: 'part' | 'q', id: string): string => `${kind}-${id.replace(/[^A-Za-z0-9_]/g, '-')}`;

/** Inline code for names and ids (letters, digits, `_`): no escaping needed inside backticks. */
const code = (name: string): string => `\`${name.replace(/`/g, '')}\``;

function table(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number> = new Set()): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (rightAligned.has(i) ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

/** Renders `cb` as Markdown; with `stats`, counts per code and valid/missing counts. */
export function codebookMarkdown(cb: Codebook, stats?: CodebookStats): string {
  const { survey } = cb;
  const parts = outline(cb);
  const out: string[] = [];
  out.push(`# Codebook: ${md(survey.title)}`, '');
  out.push(`- Survey id: ${code(survey.id)}`);
  out.push(`- Survey version: ${md(survey.version)}`);
  out.push(`- Language: ${md(survey.language)}`);
  if (survey.audience !== undefined) out.push(`- Audience: ${md(survey.audience.replace(/\s+/g, ' '))}`);
  out.push(`- Export columns: ${FIXED_COLUMNS.length + cb.variables.length} (${FIXED_COLUMNS.length} fixed, ${cb.variables.length} variables)`);
  if (stats !== undefined) out.push(`- Responses: ${stats.responses}`);
  out.push('', `> ${md(DISCLAIMER)}`, '');

  out.push('## Contents', '');
  out.push('- [Conventions](#conventions)');
  out.push('- [The data file](#data-file)');
  // Headings get explicit anchors: generated heading slugs differ between Markdown renderers.
  for (const part of parts) {
    out.push(`- [${cell(part.title)}](#${anchor('part', part.id)})`);
    for (const q of part.questions) {
      const number = q.number === undefined ? '' : `${md(q.number)}. `;
      out.push(`  - [${number}${code(q.question)}: ${cell(q.text)}](#${anchor('q', q.question)})`);
    }
  }
  out.push('');

  out.push('<a id="conventions"></a>', '', '## Conventions', '');
  out.push(
    'A single choice is coded with its option code; a tick-all-that-apply question gives one 0/1 column per option, `<id>_<code>`; a grid gives one column per row, `<id>_<row id>`, holding the scale code; a "please describe" text is `<id>_other`. Numbers are written as numbers, dates as `YYYY-MM-DD` and texts as written.',
    '',
  );
  out.push('Reserved codes for no answer (the same in every column, declared missing):', '');
  out.push(...table(['Code', 'Label', 'Meaning'], reservedCodes().map((r) => [String(r.code), cell(r.label), cell(r.meaning)])), '');
  out.push('Text and date columns carry these codes as text (`-1`, `-2`, `-9`). For a tick-all-that-apply question that was not asked, every column holds -1, never 0.', '');
  const kinds = missingKindCodes(cb);
  if (kinds.length > 0) {
    out.push('Answers kept as codes and declared missing:', '');
    out.push(...table(['Code', 'Label', 'Missing kind'], kinds.map((k) => [String(k.code), cell(k.label), cell(missingInWords(k))])), '');
  }

  out.push('<a id="data-file"></a>', '', '## The data file', '');
  out.push('`data.csv`: one row per response, comma-separated, UTF-8, with a header row. The first columns identify the response; the export variables follow in the order of this codebook.', '');
  out.push(...table(['Column', 'Label', 'Holds'], FIXED_COLUMNS.map((c) => [code(c), cell(FIXED_COLUMN_LABELS[c]), cell(FIXED_COLUMN_DESCRIPTIONS[c])])), '');

  for (const part of parts) {
    out.push(`<a id="${anchor('part', part.id)}"></a>`, '', `## ${md(part.title)}`, '');
    for (const q of part.questions) out.push(...question(q, stats));
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function question(q: QuestionEntry, stats: CodebookStats | undefined): string[] {
  const out: string[] = [];
  out.push(`<a id="${anchor('q', q.question)}"></a>`, '', `### ${q.number === undefined ? '' : `${md(q.number)}. `}${code(q.question)}`, '');
  out.push(md(q.text), '');
  if (q.hint !== undefined) out.push(`Hint: ${md(q.hint)}`, '');
  out.push(`- Question kind: ${md(kindInWords(q.kind))}`);
  out.push(`- Asked: ${md(q.universe)}`);
  out.push(`- Export columns: ${q.variables.map((v) => code(v.name)).join(', ')}`, '');

  const members = q.group === undefined ? [] : q.variables.filter((v) => q.group!.variables.includes(v.name));
  const shared = sharedValueLabels(members);
  if (q.group !== undefined && shared !== undefined) {
    out.push(...groupTables(q, members, shared, stats));
    for (const v of q.variables) if (!members.includes(v)) out.push(...variable(v, stats));
  } else {
    for (const v of q.variables) out.push(...variable(v, stats));
  }
  return out;
}

function groupTables(q: QuestionEntry, members: readonly ExportVariable[], labels: readonly ValueLabel[], stats: CodebookStats | undefined): string[] {
  const out: string[] = [];
  // the Asked column only when a row has its own condition; otherwise the question's says it all
  const ownUniverse = members.some((v) => v.universe.text !== q.universe);
  const options = members.some((v) => v.option !== undefined);
  const header = ['Column', 'Label', ...(options ? ['Option'] : []), ...(ownUniverse ? ['Asked'] : [])];
  const right = new Set<number>();
  if (stats !== undefined) {
    const first = header.length;
    header.push('Valid', 'Missing', ...labels.map((l) => String(l.code)));
    for (let i = first; i < header.length; i++) right.add(i);
  }
  const rows = members.map((v) => {
    const row = [code(v.name), cell(v.label), ...(options ? [cell(optionInWords(v) ?? '')] : []), ...(ownUniverse ? [cell(v.universe.text)] : [])];
    const s = statsOf(stats, v.name);
    if (stats !== undefined) {
      row.push(String(s?.valid ?? ''), String(s?.missing ?? ''));
      for (const l of labels) row.push(s === undefined ? '' : String(frequency(s, l.code)));
    }
    return row;
  });
  out.push(`Columns of ${code(q.question)}${stats !== undefined ? ', with counts per code' : ''}:`, '');
  out.push(...table(header, rows, right), '');
  out.push(`Codes of every column of ${code(q.question)} (${md(typeInWords(members[0]!))}):`, '');
  out.push(...codesTable(labels, undefined), '');
  return out;
}

function variable(v: ExportVariable, stats: CodebookStats | undefined): string[] {
  const out: string[] = [];
  const s = statsOf(stats, v.name);
  out.push(`#### ${code(v.name)}`, '');
  out.push(`- Label: ${md(v.label)}`);
  out.push(`- Type: ${md(typeAndMeasure(v))}`);
  out.push(`- Asked: ${md(v.universe.text)}`);
  out.push(`- Missing codes: ${v.missingCodes.join(', ')}`);
  if (v.maxLength !== undefined) out.push(`- Length: at most ${v.maxLength} characters`);
  if (v.reasonClash === true) out.push('- Note: the question admits answers equal to a reserved code (-1, -2 or -9); read those values with care.');
  if (v.renamed !== undefined) out.push(`- Renamed from ${code(v.renamed.from)}: ${md(v.renamed.reason)}`);
  if (s !== undefined) out.push(...statsFacts(s));
  out.push('');
  out.push(...codesTable(v.valueLabels, s !== undefined && s.frequencies.length > 0 ? s : undefined), '');
  return out;
}

function statsFacts(s: VariableStats): string[] {
  const out = [`- Valid: ${s.valid}`, `- Missing: ${s.missing}`];
  if (s.summary !== undefined) {
    out.push(`- Minimum: ${formatNumber(s.summary.min)}`, `- Maximum: ${formatNumber(s.summary.max)}`, `- Mean: ${formatNumber(s.summary.mean)}`);
  }
  return out;
}

function codesTable(labels: readonly ValueLabel[], s: VariableStats | undefined): string[] {
  const header = ['Code', 'Label', 'Missing', ...(s === undefined ? [] : ['Count', '% of valid'])];
  const rows = labels.map((l) => [
    String(l.code),
    cell(l.label),
    cell(missingInWords(l)),
    ...(s === undefined ? [] : [String(frequency(s, l.code)), percentOfValid(s, l)]),
  ]);
  return table(header, rows, s === undefined ? new Set() : new Set([3, 4]));
}
