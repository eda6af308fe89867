/**
 * `compileFile`: a `.poet` survey and the banks it imports → the compiled survey and every
 * diagnostic. User errors are returned, never thrown.
 */
import { readFileSync } from 'node:fs';
import { compareDiagnostics, createDiagnostic, hasErrors, type Diagnostic } from '@poetkit/language';
import type { CompiledSurvey } from './compiled/types.js';
import { emitSurvey } from './emit.js';
import { loadProgram, visibleFiles, type CompileHost, type SourceFile } from './load.js';
import { Resolver } from './resolve.js';
import { analyseSurvey } from './survey.js';
import { reportTestsInBank, resolveTests, type SurveyTest } from './tests.js';

export type { CompileHost } from './load.js';

export interface CompileResult {
  /** Present only when there is no error. Absent for a bank file (banks are checked, not compiled). */
  readonly survey?: CompiledSurvey;
  /** Every problem, in file order then source order; each carries the display path of its file. */
  readonly diagnostics: Diagnostic[];
  /** The decoded text of every file read, by display path (for printing source lines). */
  readonly sources: ReadonlyMap<string, string>;
  /** The designer's tests of the main file, resolved; present with `survey` (they are not part of it). */
  readonly tests?: readonly SurveyTest[];
}

/** Reads files from the real file system. */
export const nodeHost: CompileHost = {
  readFile(path: string): Uint8Array | undefined {
    try {
      return readFileSync(path);
    } catch {
      return undefined;
    }
  },
};

/**
 * Compiles the survey at `path` (its display path: imports are resolved against it, and
 * diagnostics name files by it). A bank file is checked and gives no survey.
 */
export function compileFile(path: string, host: CompileHost = nodeHost): CompileResult {
  const program = loadProgram(path, host);
  if (program === undefined) {
    const at = { offset: 0, line: 1, column: 1 };
    return {
      diagnostics: [createDiagnostic('import-not-found', path, { start: at, end: at }, { path, resolved: path })],
      sources: new Map(),
    };
  }
  const sources = new Map(program.files.map((f) => [f.path, f.text]));
  const diagnostics: Diagnostic[] = [...program.diagnostics];
  const { main } = program;
  if (main.ast.header === undefined || main.syntaxErrors > 0) {
    return { diagnostics: finish(diagnostics, main), sources };
  }
  const seen = new Set<string>();
  const report = (d: Diagnostic): void => {
    const key = `${d.file}:${d.range.start.offset}:${d.range.end.offset}:${d.code}`;
    if (seen.has(key)) return;
    seen.add(key);
    diagnostics.push(d);
  };
  const files = visibleFiles(main);
  const resolver = new Resolver(files, main, report);
  const header = main.ast.header;
  if (!header.fields.some((f) => f.name === 'version')) report(createDiagnostic('missing-version', main.path, header.id.range));

  if (header.fileKind === 'bank') {
    reportTestsInBank(main, report);
    for (const item of main.ast.items) {
      if (item.kind === 'Question') resolver.question(item, main);
      else if (item.kind === 'Use') resolver.use(item, main);
    }
    return { diagnostics: finish(diagnostics, main), sources };
  }

  const survey = analyseSurvey(main, resolver, report);
  const tests = resolveTests(main, survey, report);
  for (const item of main.ast.items) {
    if (item.kind === 'OptionSet' && !resolver.usedOptionSets.has(item.id.text)) {
      report(createDiagnostic('unused-option-set', main.path, item.id.range, { name: item.id.text }));
    }
  }
  for (const edge of main.imports) {
    if (edge.target === undefined) continue;
    if (!visibleFiles(edge.target).some((f) => resolver.usedFiles.has(f.path))) {
      report(createDiagnostic('unused-import', main.path, edge.node.path.range, { path: edge.node.path.value }));
    }
  }
  const sorted = finish(diagnostics, main);
  if (hasErrors(sorted)) return { diagnostics: sorted, sources };
  if (survey.unresolvedConditions > 0) {
    // Every unresolved condition comes with an error; without one this is a compiler bug.
    throw new Error(`poetkit compiler: ${survey.unresolvedConditions} condition(s) unresolved but no error reported in ${main.path}`);
  }
  const used = files.filter((f) => f === main || resolver.usedFiles.has(f.path));
  return { survey: emitSurvey(main, used, survey), diagnostics: sorted, sources, tests };
}

/** The main file's diagnostics first, then those of other files; each file in source order. */
function finish(diagnostics: readonly Diagnostic[], main: SourceFile): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    if (a.file !== b.file) {
      if (a.file === main.path) return -1;
      if (b.file === main.path) return 1;
    }
    return compareDiagnostics(a, b);
  });
}
