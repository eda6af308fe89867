/**
 * notes.txt: everything a tool's file says differently from the codebook — every label
 * shortened for a tool's limit (with the full text), every name changed, every missing value
 * a tool could not declare. The renderers record into a {@link Notes} as they write.
 */
import type { Codebook, ExportVariable } from './variables.js';

export type Tool = 'SPSS' | 'Stata';

export interface Shortening {
  readonly tool: Tool;
  /** "variable label", "value label 98"... */
  readonly what: string;
  readonly variable: string;
  readonly limit: string;
  readonly shortened: string;
  readonly full: string;
}

export interface ToolNote {
  readonly tool: Tool;
  readonly variable: string;
  readonly note: string;
}

const ELLIPSIS = '…';
const encoder = new TextEncoder();

export function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

/** The longest prefix (whole code points) plus "…" within `fits`. */
function cut(text: string, fits: (s: string) => boolean): string {
  const points = [...text];
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(`${points.slice(0, mid).join('').trimEnd()}${ELLIPSIS}`)) low = mid;
    else high = mid - 1;
  }
  return `${points.slice(0, low).join('').trimEnd()}${ELLIPSIS}`;
}

export class Notes {
  readonly shortenings: Shortening[] = [];
  readonly notes: ToolNote[] = [];

  /** `text`, or shortened with "…" to at most `max` UTF-8 bytes (recorded). */
  bytes(tool: Tool, variable: string, what: string, text: string, max: number): string {
    if (utf8Length(text) <= max) return text;
    const shortened = cut(text, (s) => utf8Length(s) <= max);
    this.shortenings.push({ tool, what, variable, limit: `${max} bytes`, shortened, full: text });
    return shortened;
  }

  /** `text`, or shortened with "…" to at most `max` characters (recorded). */
  characters(tool: Tool, variable: string, what: string, text: string, max: number): string {
    if ([...text].length <= max) return text;
    const shortened = cut(text, (s) => [...s].length <= max);
    this.shortenings.push({ tool, what, variable, limit: `${max} characters`, shortened, full: text });
    return shortened;
  }

  /**
   * A variable's label within `max` bytes or characters (recorded when shortened). For a
   * multi option, grid row or "please describe" text the question part is shortened, so the
   * option or row stays readable and the columns of one question stay distinguishable.
   */
  variableLabel(tool: Tool, v: ExportVariable, max: number, unit: 'bytes' | 'characters'): string {
    const measure = unit === 'bytes' ? utf8Length : (t: string) => [...t].length;
    const text = v.label;
    if (measure(text) <= max) return text;
    const suffix = text.startsWith(v.questionText) ? text.slice(v.questionText.length) : '';
    const shortened =
      suffix !== '' && measure(suffix) + 12 <= max
        ? `${cut(v.questionText, (head) => measure(head) + measure(suffix) <= max)}${suffix}`
        : cut(text, (t) => measure(t) <= max);
    this.shortenings.push({ tool, what: 'variable label', variable: v.name, limit: `${max} ${unit}`, shortened, full: text });
    return shortened;
  }

  note(tool: Tool, variable: string, note: string): void {
    this.notes.push({ tool, variable, note });
  }
}

/** notes.txt for `cb`, from what the renderers recorded in `notes`. */
export function notesText(cb: Codebook, notes: Notes): string {
  const s = cb.survey;
  const out: string[] = [
    `Notes on the codebook files of ${s.title} (${s.id}, version ${s.version})`,
    '',
    'The names, codes and full labels are those of dictionary.csv, codebook.html, codebook.ddi.xml',
    'and labels.R. This file lists every place where another file differs because of a tool\'s limits.',
    '',
  ];
  const section = (title: string, lines: readonly string[]) => {
    out.push(title, '='.repeat(title.length));
    out.push(...(lines.length === 0 ? ['None.'] : lines), '');
  };
  section(
    'Names changed to fit SPSS and Stata rules',
    cb.renames.map((r) => `${r.to}  (conventional name ${r.from}: ${r.reason})`),
  );
  const shortened: string[] = [];
  for (const sh of notes.shortenings) {
    shortened.push(`${sh.tool} ${sh.what} of ${sh.variable} (limit ${sh.limit}):`, `  shortened: ${sh.shortened}`, `  full:      ${sh.full}`, '');
  }
  section('Labels shortened for a tool\'s limit', shortened.length > 0 ? shortened.slice(0, -1) : []);
  section(
    'Number questions whose range includes the reason codes',
    cb.variables
      .filter((v) => v.reasonClash === true)
      .map((v) => `${v.name}: an answer of -1, -2 or -9 cannot be told apart from a reason code in any file; read those values with care`),
  );
  section(
    'Other differences',
    notes.notes.map((n) => `${n.tool}, ${n.variable}: ${n.note}`),
  );
  return `${out.join('\n').trimEnd()}\n`;
}
