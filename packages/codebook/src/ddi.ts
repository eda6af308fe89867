/**
 * The codebook as DDI-Codebook 2.6 XML (`codebook.ddi.xml`), the archival standard that data
 * services (UK Data Service, Nesstar, Colectica) read. It describes `data.csv`: one `var` per
 * column (the three fixed columns, then every export variable) with its label, question text,
 * universe in words, categories (missing ones marked `missing="Y"`) and format; one `varGrp`
 * per multi (`multipleResp`) and grid (`grid`) question.
 *
 * Valid against the DDI Alliance's XSD (element order as the schema's sequences demand); the
 * tests check every example with `xmllint --schema`.
 */
import type { NumberQuestion } from '@poetkit/compiler/compiled';
import { numberText } from './csv.js';
import { DISCLAIMER, FIXED_COLUMN_DESCRIPTIONS, FIXED_COLUMN_LABELS, reservedCodes, richTextPlain, statsOf } from './document.js';
import { escapeXml } from './escape.js';
import { FIXED_COLUMNS } from './names.js';
import type { CodebookStats } from './stats.js';
import type { Codebook, ExportVariable, VariableType } from './variables.js';

const DATA_FILE_ID = 'F1';

/** DDI `representationType` of each variable type. */
const REPRESENTATION: Readonly<Record<VariableType, string>> = {
  code: 'code',
  dummy: 'code',
  number: 'numeric',
  date: 'datetime',
  text: 'text',
};

/** DDI `qstn/@responseDomainType`: what the respondent gives for this column. */
function responseDomain(v: ExportVariable): string {
  // an `_other` column belongs to a choice question, but it holds written text
  if (v.type === 'text') return 'text';
  if (v.type === 'number') return 'numeric';
  if (v.type === 'date') return 'datetime';
  return v.kind === 'multi' ? 'multiple' : 'category';
}

/** XML ids must be unique across the document and be NCNames; export names are letters, digits and `_`. */
const varId = (name: string): string => `V_${name}`;
const groupId = (name: string): string => `G_${name}`;

/** One element with escaped text content and attributes (undefined attributes are left out). */
function element(tag: string, text: string, attributes: Readonly<Record<string, string | undefined>> = {}): string {
  return `<${tag}${attrs(attributes)}>${escapeXml(text)}</${tag}>`;
}

function attrs(attributes: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
}

/** Renders `cb` as a DDI-Codebook 2.6 document; with `stats`, case counts, frequencies and summaries. */
export function ddiCodebook(cb: Codebook, stats?: CodebookStats): string {
  const { survey } = cb;
  const out: string[] = [];
  const line = (indent: number, text: string): void => {
    out.push(`${'  '.repeat(indent)}${text}`);
  };

  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  line(0, `<codeBook${attrs({ xmlns: 'ddi:codebook:2_6', version: '2.6', 'xml:lang': survey.language })}>`);

  // ---- the study: title, id, version, what the survey is and the disclaimer
  line(1, '<stdyDscr>');
  line(2, '<citation>');
  line(3, `<titlStmt>${element('titl', survey.title)}${element('IDNo', survey.id, { agency: 'poetkit' })}</titlStmt>`);
  line(3, `<verStmt>${element('version', survey.version, { type: 'survey' })}</verStmt>`);
  line(2, '</citation>');
  const abstract = survey.intro === undefined ? undefined : richTextPlain(survey.intro);
  if (abstract !== undefined || survey.audience !== undefined) {
    line(2, '<stdyInfo>');
    if (abstract !== undefined) line(3, element('abstract', abstract, { contentType: 'purpose' }));
    if (survey.audience !== undefined) line(3, `<sumDscr>${element('universe', survey.audience, { clusion: 'I' })}</sumDscr>`);
    line(2, '</stdyInfo>');
  }
  line(2, element('notes', DISCLAIMER, { type: 'disclaimer' }));
  const reasons = reservedCodes()
    .map((r) => `${r.code} ${r.label}: ${r.meaning}`)
    .join(' ');
  line(2, element('notes', `Reserved codes for no answer, the same in every variable and declared missing: ${reasons} Text and date columns carry these codes as text.`, { type: 'conventions' }));
  line(1, '</stdyDscr>');

  // ---- the data file
  line(1, `<fileDscr${attrs({ ID: DATA_FILE_ID, URI: 'data.csv' })}>`);
  line(2, '<fileTxt>');
  line(3, element('fileName', 'data.csv'));
  line(3, element('fileCont', `One row per response: ${FIXED_COLUMNS.join(', ')}, then the export variables in codebook order, comma-separated, UTF-8, with a header row.`));
  const caseCount = stats === undefined ? '' : element('caseQnty', String(stats.responses));
  line(3, `<dimensns>${caseCount}${element('varQnty', String(FIXED_COLUMNS.length + cb.variables.length))}</dimensns>`);
  line(3, element('fileType', 'text/csv', { charset: 'UTF-8' }));
  line(2, '</fileTxt>');
  line(1, '</fileDscr>');

  // ---- the variables
  line(1, '<dataDscr>');
  for (const group of cb.groups) {
    const question = cb.variables.find((v) => v.question === group.question)?.source;
    line(2, `<varGrp${attrs({ ID: groupId(group.name), name: group.name, type: group.kind === 'multi' ? 'multipleResp' : 'grid', var: group.variables.map(varId).join(' ') })}>`);
    line(3, element('labl', group.label));
    if (question !== undefined) line(3, element('universe', question.universe.text, { clusion: 'I' }));
    line(2, '</varGrp>');
  }
  for (const column of FIXED_COLUMNS) {
    line(2, `<var${attrs({ ID: varId(column), name: column, files: DATA_FILE_ID, representationType: 'text' })}>`);
    line(3, element('labl', FIXED_COLUMN_LABELS[column]));
    line(3, element('txt', FIXED_COLUMN_DESCRIPTIONS[column]));
    line(3, `<varFormat${attrs({ type: 'character', schema: 'other', otherSchema: 'CSV' })}/>`);
    line(2, '</var>');
  }
  for (const v of cb.variables) renderVariable(v, stats, line);
  line(1, '</dataDscr>');
  line(0, '</codeBook>');
  return `${out.join('\n')}\n`;
}

function renderVariable(v: ExportVariable, stats: CodebookStats | undefined, line: (indent: number, text: string) => void): void {
  const numeric = v.type !== 'text' && v.type !== 'date';
  // nominal/ordinal describe codes; a number is continuous; text and dates have no level
  const coded = v.type === 'code' || v.type === 'dummy';
  const nature = coded && v.measure !== 'scale' ? v.measure : undefined;
  line(
    2,
    `<var${attrs({
      ID: varId(v.name),
      name: v.name,
      files: DATA_FILE_ID,
      // decimals: none for codes and whole numbers
      dcml: coded || (v.type === 'number' && (v.source as NumberQuestion).whole) ? '0' : undefined,
      intrvl: v.type === 'number' ? 'contin' : coded ? 'discrete' : undefined,
      nature,
      representationType: REPRESENTATION[v.type],
    })}>`,
  );
  line(3, element('labl', v.label));

  const hint = v.source.hint === undefined ? '' : element('ivuInstr', richTextPlain(v.source.hint));
  line(3, `<qstn${attrs({ seqNo: v.number, responseDomainType: responseDomain(v) })}>${element('qstnLit', v.questionText)}${hint}</qstn>`);

  if (v.type === 'number') {
    const range = numberRange(v.source as NumberQuestion);
    if (range !== undefined) line(3, `<valrng>${range}</valrng>`);
  }
  line(3, element('universe', v.universe.text, { clusion: 'I' }));

  const s = statsOf(stats, v.name);
  if (s !== undefined) {
    line(3, element('sumStat', String(s.valid), { type: 'vald' }));
    line(3, element('sumStat', String(s.missing), { type: 'invd' }));
    if (s.summary !== undefined) {
      // exact, written as data.csv writes numbers (never exponent notation)
      line(3, element('sumStat', numberText(s.summary.min), { type: 'min' }));
      line(3, element('sumStat', numberText(s.summary.max), { type: 'max' }));
      line(3, element('sumStat', numberText(s.summary.mean), { type: 'mean' }));
    }
  }
  if (v.type === 'dummy' && v.option !== undefined) {
    line(3, element('txt', `1 when "${v.option.label}" (code ${v.option.code}) was ticked, 0 when the question was answered without it.`));
  }

  for (const label of v.valueLabels) {
    const frequency = s?.frequencies.find((f) => f.code === label.code);
    const catStat = frequency === undefined ? '' : element('catStat', String(frequency.count), { type: 'freq' });
    const missing = label.missing === undefined ? {} : { missing: 'Y', missType: label.missing };
    // Text and date columns carry the reserved codes as text; the category value is what the file holds.
    line(3, `<catgry${attrs(missing)}>${element('catValu', String(label.code))}${element('labl', label.label)}${catStat}</catgry>`);
  }

  const format =
    v.type === 'date'
      ? { type: 'character', formatname: 'YYYY-MM-DD', schema: 'ISO', category: 'date' }
      : { type: numeric ? 'numeric' : 'character', schema: 'other', otherSchema: 'CSV' };
  line(3, `<varFormat${attrs(format)}/>`);

  const notes: string[] = [];
  if (v.maxLength !== undefined) notes.push(`At most ${v.maxLength} characters.`);
  if (v.reasonClash === true) notes.push('The question admits answers equal to a reserved code (-1, -2 or -9); read those values with care.');
  if (v.renamed !== undefined) notes.push(`Named ${v.name} instead of ${v.renamed.from}: ${v.renamed.reason}.`);
  if (notes.length > 0) line(3, element('notes', notes.join(' ')));
  line(2, '</var>');
}

/** The valid range of a number question, or undefined when it has no bounds. */
function numberRange(q: NumberQuestion): string | undefined {
  if (q.min === undefined && q.max === undefined) return undefined;
  return `<range${attrs({
    UNITS: q.whole ? 'INT' : 'REAL',
    min: q.min === undefined ? undefined : numberText(q.min),
    max: q.max === undefined ? undefined : numberText(q.max),
  })}/>`;
}
