/**
 * Compiling a `.poet` file for a site or a preview: the compiled survey with the files a
 * browser loads beside it, or the diagnostics printed as `poet check` prints them.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { compileFile, emitResponseSchema, type CompiledSurvey, type CompileHost } from '@poetkit/compiler';
import { decodeSource, hasErrors, printDiagnostics, type Diagnostic } from '@poetkit/language';
import { fileDiagnostics } from '../diagnose.js';

/** One survey compiled for the web: what `poet compile` writes, as bytes. */
export interface WebSurvey {
  readonly survey: CompiledSurvey;
  /** `<id>.survey.json`, `<id>.schema.json` and `<id>.validator.js`, by file name. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

export interface SurveyBuild {
  /** Present when the file compiled without error. */
  readonly web?: WebSurvey;
  /** In source order, decoding problems included. */
  readonly diagnostics: readonly Diagnostic[];
  /** The decoded text of every file involved, by display path (for printing source lines). */
  readonly sources: ReadonlyMap<string, string>;
  /** The absolute path of every file the compiler asked for, found or not (what a preview watches). */
  readonly files: readonly string[];
  /** True when the file is a bank (no error, no survey). */
  readonly isBank: boolean;
}

/**
 * A compile host that reads from disk and records each path asked for, resolved the way
 * `poet check` resolves imports (against the main file's real location).
 */
function recordingHost(displayPath: string, path: string, bytes: Uint8Array, asked: Set<string>): CompileHost {
  const base = dirname(path);
  const shownBase = dirname(displayPath);
  return {
    readFile(wanted) {
      if (wanted === displayPath) return bytes;
      const relativePart = shownBase === '.' ? wanted : wanted.startsWith(`${shownBase}/`) ? wanted.slice(shownBase.length + 1) : wanted;
      const target = resolve(base, relativePart);
      asked.add(target);
      try {
        return readFileSync(target);
      } catch {
        return undefined;
      }
    },
  };
}

/** Compiles the bytes of `path` (shown as `displayPath`) and, without errors, emits the web files. */
export async function buildSurvey(displayPath: string, path: string, bytes: Uint8Array): Promise<SurveyBuild> {
  const asked = new Set<string>([path]);
  const result = compileFile(displayPath, recordingHost(displayPath, path, bytes, asked));
  const decoded = decodeSource(bytes, displayPath);
  const diagnostics = fileDiagnostics(
    decoded.diagnostics,
    result.diagnostics.filter((d) => d.id !== 'invalid-utf8' || d.file !== displayPath),
  );
  const common = { diagnostics, sources: new Map(result.sources), files: [...asked] };
  const survey = result.survey;
  if (survey === undefined || hasErrors(diagnostics)) return { ...common, isBank: survey === undefined && !hasErrors(diagnostics) };
  const schema = emitResponseSchema(survey);
  // (ajv, which writes the standalone validator, is loaded only by the verbs that use it.)
  const { emitStandaloneValidator } = await import('@poetkit/compiler/standalone');
  const encoder = new TextEncoder();
  const files = new Map<string, Uint8Array>([
    [`${survey.id}.survey.json`, encoder.encode(`${JSON.stringify(survey, null, 2)}\n`)],
    [`${survey.id}.schema.json`, encoder.encode(`${JSON.stringify(schema, null, 2)}\n`)],
    [`${survey.id}.validator.js`, encoder.encode(emitStandaloneValidator(survey, { schema }))],
  ]);
  return { ...common, web: { survey, files }, isBank: false };
}

/** The diagnostics as plain text (no colour), as `poet check` prints them: for a web page. */
export function plainDiagnostics(build: SurveyBuild): string {
  return printDiagnostics(build.diagnostics, (file) => build.sources.get(file), { color: false });
}
