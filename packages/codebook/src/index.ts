/**
 * @poetkit/codebook: the export variables of a compiled survey and every file rendered from
 * them — data.csv, dictionary.csv, SPSS/Stata/R label files, notes.txt, statistics, and the
 * HTML/Markdown codebook, DDI-Codebook 2.6 and Frictionless data package.
 */
export * from './variables.js';
export { FIXED_COLUMNS, MAX_NAME_LENGTH, nameProblem, NameAllocator, type NameChange } from './names.js';
export { createCoder, type Coder, type CodedValue } from './coding.js';
export { StatsAccumulator, type CodebookStats, type VariableStats } from './stats.js';
export { ResponseExporter, type CodedResponse, type ExportOutcome, type Reject } from './export.js';
export { csvField, csvRecord, numberText, oneLine } from './csv.js';
export { dictionaryCsv, DICTIONARY_COLUMNS, valuesCell, missingCell } from './dictionary.js';
export { spssSyntax, spssString, spssMissing, SPSS_VALUE_LABEL_BYTES, SPSS_VARIABLE_LABEL_BYTES } from './spss.js';
export { stataDo, stataString, stataMissing, STATA_VARIABLE_LABEL_CHARS } from './stata.js';
export { rScript, rString } from './r.js';
export { Notes, notesText, utf8Length, type Shortening, type ToolNote, type Tool } from './notes.js';
export { codebookFiles } from './files.js';
export { codebookHtml } from './html.js';
export { codebookMarkdown } from './markdown.js';
export { ddiCodebook } from './ddi.js';
export { dataPackage, type DataPackage } from './frictionless.js';
