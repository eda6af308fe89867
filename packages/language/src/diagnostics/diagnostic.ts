import type { SourceRange } from '../ast.js';
import { catalog, type CatalogEntry, type DiagnosticId, type Severity } from './catalog.js';

export type { Severity } from './catalog.js';

/** A place related to a diagnostic ("first defined here"). */
export interface RelatedLocation {
  readonly file: string;
  readonly range: SourceRange;
  readonly message: string;
}

/**
 * One problem found in a `.poet` file. User errors are returned as values, never thrown.
 * `code` is stable (`POET1001`), `id` is its kebab name (`unterminated-string`).
 */
export interface Diagnostic {
  readonly code: string;
  readonly id: DiagnosticId;
  readonly severity: Severity;
  readonly file: string;
  readonly range: SourceRange;
  readonly message: string;
  readonly hint?: string;
  readonly related?: readonly RelatedLocation[];
}

/** Arguments that fill a catalogue message template: `{name}` is replaced by `args.name`. */
export type MessageArgs = Readonly<Record<string, string | number>>;

function fill(template: string, args: MessageArgs): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = args[key];
    return value === undefined ? whole : String(value);
  });
}

export interface CreateDiagnosticOptions {
  readonly hint?: string | undefined;
  readonly related?: readonly RelatedLocation[] | undefined;
  /** Overrides the catalogue's default severity (for example a project setting). */
  readonly severity?: Severity | undefined;
}

/** Builds a diagnostic from its catalogue entry, so that every code, id and severity comes from one place. */
export function createDiagnostic(
  id: DiagnosticId,
  file: string,
  range: SourceRange,
  args: MessageArgs = {},
  options: CreateDiagnosticOptions = {},
): Diagnostic {
  const entry: CatalogEntry = catalog[id];
  // A hint whose placeholders cannot all be filled (no suggestion found) is left out.
  const filledHint = entry.hint === undefined ? undefined : fill(entry.hint, args);
  const hint = options.hint ?? (filledHint !== undefined && /\{\w+\}/.test(filledHint) ? undefined : filledHint);
  return {
    code: entry.code,
    id,
    severity: options.severity ?? entry.severity,
    file,
    range,
    message: fill(entry.message, args),
    ...(hint === undefined ? {} : { hint }),
    ...(options.related === undefined || options.related.length === 0 ? {} : { related: options.related }),
  };
}

/** Orders diagnostics by file, then position, then code: the order they are printed in. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.range.start.offset !== b.range.start.offset) return a.range.start.offset - b.range.start.offset;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
