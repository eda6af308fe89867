/**
 * `@poetkit/language`: read `.poet` files.
 *
 * - {@link decodeSource} turns file bytes into text, reporting bytes that are not UTF-8;
 * - {@link parse} turns text into a typed {@link PoetFile} tree and every syntax diagnostic;
 * - {@link formatSource} / {@link formatFile} print the canonical layout;
 * - {@link printDiagnostics} prints diagnostics as `file.poet(3,5): error POET1101: ...`.
 */
export type * from './ast.js';
export { catalog, findByCode, type CatalogEntry, type DiagnosticId, type Severity } from './diagnostics/catalog.js';
export {
  createDiagnostic,
  compareDiagnostics,
  hasErrors,
  type Diagnostic,
  type RelatedLocation,
  type MessageArgs,
} from './diagnostics/diagnostic.js';
export { printDiagnostic, printDiagnostics, printSummary, type PrintOptions, type SourceLookup } from './diagnostics/printer.js';
export { editDistance, nearestWord } from './suggest.js';
export { decodeSource, type DecodedSource } from './source.js';
export { parse, type ParseResult } from './parse.js';
export { parseMarkup, type MarkupBlock, type MarkupInline, type MarkupResult } from './markup.js';
export { formatFile, formatSource, type FormatResult } from './format/format.js';
export { KEYWORDS, QUESTION_KINDS } from './keywords.js';
