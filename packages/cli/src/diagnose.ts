/** What `poet check` reports for one file, and how diagnostics are shown. */
import {
  compareDiagnostics,
  parse,
  printDiagnostics,
  type Diagnostic,
  type SourceRange,
} from '@poetkit/language';
import { compileFile, type CompileHost } from '@poetkit/compiler';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Io } from './io.js';

/**
 * Every diagnostic for the decoded text of one file, in source order: the syntax checks of
 * the parser only. {@link diagnoseFile} adds the compiler's checks.
 */
export function diagnoseSource(text: string, file: string): readonly Diagnostic[] {
  return parse(text, file).diagnostics;
}

/**
 * A compile host that serves the bytes already read for the FILE argument (`displayPath`)
 * and reads the files it imports from disk, resolved against the FILE's real location.
 */
export function inputHost(displayPath: string, path: string, bytes: Uint8Array): CompileHost {
  const base = dirname(path);
  const shownBase = dirname(displayPath);
  return {
    readFile(wanted) {
      if (wanted === displayPath) return bytes;
      const relativePart = shownBase === '.' ? wanted : wanted.startsWith(`${shownBase}/`) ? wanted.slice(shownBase.length + 1) : wanted;
      try {
        return readFileSync(resolve(base, relativePart));
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Every diagnostic for one file, syntax and compiler checks (imports resolved from disk),
 * with the decoded text of every file involved (for printing source lines).
 */
export function diagnoseFile(
  displayPath: string,
  path: string,
  bytes: Uint8Array,
): { diagnostics: readonly Diagnostic[]; sources: ReadonlyMap<string, string> } {
  const result = compileFile(displayPath, inputHost(displayPath, path, bytes));
  return { diagnostics: result.diagnostics, sources: result.sources };
}

/**
 * The diagnostics of one file: those of decoding its bytes and those of its text, in source
 * order. Where a byte was not UTF-8 (POET1001), the replacement character standing in for
 * it is not reported again as an unexpected character (POET1004).
 */
export function fileDiagnostics(decoding: readonly Diagnostic[], text: readonly Diagnostic[]): Diagnostic[] {
  const badBytes = new Set(decoding.filter((d) => d.id === 'invalid-utf8').map((d) => d.range.start.offset));
  const rest = text.filter((d) => !(d.id === 'unexpected-character' && badBytes.has(d.range.start.offset)));
  return inSourceOrder([...decoding, ...rest]);
}

/** Sorts one file's diagnostics into source order (stable for equal positions). */
export function inSourceOrder(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}

/** Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org) or `TERM=dumb`. */
export function useColor(io: Io): boolean {
  const noColor = io.env['NO_COLOR'];
  return io.isTTY && (noColor === undefined || noColor === '') && io.env['TERM'] !== 'dumb';
}

/** Diagnostics as text, each followed by a blank line; `''` when there are none. */
export function diagnosticsText(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, io: Io): string {
  if (diagnostics.length === 0) return '';
  return `${printDiagnostics(diagnostics, (file) => sources.get(file), { color: useColor(io) })}\n\n`;
}

/** The JSON form of a diagnostic (`poet check --format json`): every field always present, `hint` null when absent. */
export interface DiagnosticJson {
  readonly code: string;
  readonly id: string;
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly range: SourceRange;
  readonly message: string;
  readonly hint: string | null;
  readonly related: readonly { readonly file: string; readonly range: SourceRange; readonly message: string }[];
}

function rangeJson(range: SourceRange): SourceRange {
  const position = (p: SourceRange['start']) => ({ line: p.line, column: p.column, offset: p.offset });
  return { start: position(range.start), end: position(range.end) };
}

export function diagnosticJson(d: Diagnostic): DiagnosticJson {
  return {
    code: d.code,
    id: d.id,
    severity: d.severity,
    file: d.file,
    range: rangeJson(d.range),
    message: d.message,
    hint: d.hint ?? null,
    related: (d.related ?? []).map((r) => ({ file: r.file, range: rangeJson(r.range), message: r.message })),
  };
}
