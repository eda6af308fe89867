/**
 * The export variables: the one place that decides export columns, names, codes, labels and
 * missing values. data.csv, dictionary.csv, the SPSS/Stata/R files, the HTML/Markdown
 * codebook, DDI and the data package are all rendered from this model, so the codebook never
 * disagrees with the data.
 *
 * Conventions (docs/codebook.md has the same table):
 * - single / consent → one column, the chosen option's code;
 * - multi → one 0/1 column per option, `<id>_<code>`;
 * - grid → one column per row, `<id>_<row id>`, the chosen scale code;
 * - "please describe" text → `<id>_other`;
 * - number → the number; text → the text; date → `YYYY-MM-DD` text (see below);
 * - option codes of a missing kind (98 don't know, 99 prefer not to say) stay as codes and are
 *   declared user-missing;
 * - no answer → a reserved reason, the same in every column: -1 not asked (routing or the
 *   consent gate), -2 not reached (an end rule ended the response before it), -9 asked but left
 *   blank. Text and date columns carry the reason as text ("-1", "-2", "-9"); dates are text so
 *   that the reasons fit in the same column.
 */
import type {
  ChoiceQuestion,
  CompiledKind,
  CompiledOption,
  CompiledQuestion,
  CompiledSurvey,
  GridRow,
  RichInline,
  RichText,
  Universe,
} from '@poetkit/compiler/compiled';
import { NameAllocator, type NameChange } from './names.js';

/** Reserved reasons for no answer — the same codes in every variable and every file. */
export const NOT_ASKED = -1; // routing or the consent gate did not ask it
export const NOT_REACHED = -2; // the response ended (end rule) before it
export const BLANK = -9; // asked, left blank
export type Reason = 'not_asked' | 'not_reached' | 'blank';

/** The reserved reasons with their codes and labels, in the order they are listed. */
export const REASONS: readonly { readonly code: number; readonly reason: Reason; readonly label: string }[] = [
  { code: NOT_ASKED, reason: 'not_asked', label: 'Not asked (routing or consent)' },
  { code: NOT_REACHED, reason: 'not_reached', label: 'Not reached (response ended before it)' },
  { code: BLANK, reason: 'blank', label: 'Asked, left blank' },
];

export type VariableType = 'code' | 'dummy' | 'number' | 'date' | 'text';
export type Measure = 'nominal' | 'ordinal' | 'scale';

export interface ValueLabel {
  readonly code: number;
  readonly label: string;
  /** Set for user-missing codes: option missing kinds (98 don't know, 99 prefer not to say) and the reserved reasons. */
  readonly missing?: 'dont_know' | 'prefer_not_say' | Reason;
}

export interface ExportVariable {
  /** Export column name: SPSS- and Stata-safe, ≤ 32 chars, unique (without regard to case). */
  readonly name: string;
  /** Full variable label (never shortened here). */
  readonly label: string;
  /** Question id (for `_other`: the question it belongs to). */
  readonly question: string;
  /** The question's kind. */
  readonly kind: CompiledKind;
  /** single/consent/grid row → 'code'; multi option → 'dummy' (0/1); number; date; text (incl. _other). */
  readonly type: VariableType;
  /** The question's full text (plain). */
  readonly questionText: string;
  /** Printed question number, e.g. "4a". */
  readonly number?: string;
  /** Section id. */
  readonly section?: string;
  /** Who is asked: condition + text in words (for `_other` / grid rows: their own universe). */
  readonly universe: Universe;
  /** multi dummies: the option. */
  readonly option?: CompiledOption;
  /** grid: the row. */
  readonly row?: GridRow;
  /** Codes and labels incl. the reserved reasons (for dummies: 0 "Not ticked", 1 "Ticked"). */
  readonly valueLabels: readonly ValueLabel[];
  /** User-missing codes, ascending. */
  readonly missingCodes: readonly number[];
  readonly measure: Measure;
  /** text: max characters (Unicode code points). */
  readonly maxLength?: number;
  /** The conventional name when it had to change (see names.ts), and why. */
  readonly renamed?: NameChange;
  /** The question's other fields, for renderers that need them (number bounds, piping...). */
  readonly source: CompiledQuestion;
  /** Set on the `_other` variable: the question's "please describe" text. */
  readonly otherText?: true;
  /** `_other` only: the option whose choice opens the text. */
  readonly otherOf?: CompiledOption;
  /** number: the question's range admits a reserved code (e.g. no minimum), so -1/-2/-9 could be an answer. */
  readonly reasonClash?: boolean;
}

export interface VariableGroup {
  /** multi or grid question id */
  readonly question: string;
  readonly kind: 'multi' | 'grid';
  /** group name (the question id) */
  readonly name: string;
  /** question text */
  readonly label: string;
  /** member variable names, in order */
  readonly variables: readonly string[];
}

export interface Codebook {
  readonly survey: CompiledSurvey;
  /** Codebook order = survey order = data.csv column order (after response_id, survey_version, submitted). */
  readonly variables: readonly ExportVariable[];
  readonly groups: readonly VariableGroup[];
  /** Every conventional name that had to change. */
  readonly renames: readonly NameChange[];
}

/** Plain text of a rich text: paragraphs joined by a space, list items by "; ". */
export function plain(text: RichText): string {
  if (text.blocks.length === 0) return text.source;
  const inline = (content: readonly RichInline[]): string =>
    content.map((c) => (c.type === 'text' ? c.text : inline(c.content))).join('');
  return text.blocks
    .map((b) => (b.type === 'paragraph' ? inline(b.content) : b.items.map((i) => inline(i)).join('; ')))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const REASON_LABELS: readonly ValueLabel[] = REASONS.map((r) => ({ code: r.code, label: r.label, missing: r.reason }));

function optionLabels(options: readonly CompiledOption[]): ValueLabel[] {
  return options.map((o) => (o.missing === undefined ? { code: o.code, label: o.label } : { code: o.code, label: o.label, missing: o.missing }));
}

function missingOf(labels: readonly ValueLabel[]): number[] {
  return labels.filter((l) => l.missing !== undefined).map((l) => l.code).sort((a, b) => a - b);
}

/** Builds the export variables of `survey`, in survey order. */
export function buildCodebook(survey: CompiledSurvey): Codebook {
  const names = new NameAllocator();
  const variables: ExportVariable[] = [];
  const groups: VariableGroup[] = [];

  const add = (
    q: CompiledQuestion,
    conventional: string,
    fields: Omit<ExportVariable, 'name' | 'question' | 'kind' | 'questionText' | 'number' | 'section' | 'missingCodes' | 'source' | 'renamed'>,
  ): string => {
    const before = names.changes.length;
    const name = names.allocate(conventional);
    const renamed = names.changes.length > before ? names.changes[names.changes.length - 1] : undefined;
    variables.push({
      name,
      question: q.id,
      kind: q.kind,
      questionText: plain(q.text),
      ...(q.number === undefined ? {} : { number: q.number }),
      ...(q.section === undefined ? {} : { section: q.section }),
      missingCodes: missingOf(fields.valueLabels),
      source: q,
      ...(renamed === undefined ? {} : { renamed }),
      ...fields,
    });
    return name;
  };

  const other = (q: ChoiceQuestion) => {
    if (q.other === undefined) return;
    const opener = q.options.find((o) => o.specify);
    const text = plain(q.text);
    add(q, q.other.key, {
      label: `${text} – description for "${opener?.label ?? 'Other'}"`,
      type: 'text',
      universe: q.other.universe,
      valueLabels: REASON_LABELS,
      measure: 'nominal',
      maxLength: q.other.maxLength,
      otherText: true,
      ...(opener === undefined ? {} : { otherOf: opener }),
    });
  };

  for (const item of survey.items) {
    if (item.kind === 'info') continue;
    const q = item;
    const text = plain(q.text);
    switch (q.kind) {
      case 'consent':
      case 'single': {
        const valueLabels = [...optionLabels(q.options), ...REASON_LABELS];
        add(q, q.id, { label: text, type: 'code', universe: q.universe, valueLabels, measure: 'nominal' });
        other(q);
        break;
      }
      case 'multi': {
        const members = q.options.map((o) =>
          add(q, `${q.id}_${o.code}`, {
            label: `${text} – ${o.label}`,
            type: 'dummy',
            universe: q.universe,
            option: o,
            valueLabels: [{ code: 0, label: 'Not ticked' }, { code: 1, label: 'Ticked' }, ...REASON_LABELS],
            measure: 'nominal',
          }),
        );
        groups.push({ question: q.id, kind: 'multi', name: q.id, label: text, variables: members });
        other(q);
        break;
      }
      case 'grid': {
        const members = q.rows.map((row) =>
          add(q, `${q.id}_${row.id}`, {
            label: `${text} – ${row.label}`,
            type: 'code',
            universe: row.universe,
            row,
            valueLabels: [...optionLabels(q.scale), ...REASON_LABELS],
            measure: 'ordinal',
          }),
        );
        groups.push({ question: q.id, kind: 'grid', name: q.id, label: text, variables: members });
        break;
      }
      case 'number': {
        const clash = REASONS.some((r) => (q.min === undefined || q.min <= r.code) && (q.max === undefined || q.max >= r.code));
        add(q, q.id, {
          label: text,
          type: 'number',
          universe: q.universe,
          valueLabels: REASON_LABELS,
          measure: 'scale',
          ...(clash ? { reasonClash: true } : {}),
        });
        break;
      }
      case 'date':
        add(q, q.id, { label: text, type: 'date', universe: q.universe, valueLabels: REASON_LABELS, measure: 'nominal' });
        break;
      case 'text':
      case 'long_text':
        add(q, q.id, { label: text, type: 'text', universe: q.universe, valueLabels: REASON_LABELS, measure: 'nominal', maxLength: q.maxLength });
        break;
    }
  }
  return { survey, variables, groups, renames: names.changes };
}
