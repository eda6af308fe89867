/**
 * The standalone validator module of a survey (`emitStandaloneValidator`: the eval-free ES
 * module a form or a server ships), written to a temporary `.mjs` file and imported, as a
 * consumer would load it. Shared by test/agreement.test.ts and `pnpm fuzz`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import { emitStandaloneValidator } from '@poetkit/compiler/standalone';
import type { ValidateOptions, ValidationResult } from '@poetkit/compiler/validator';

export interface StandaloneValidator {
  validate(answers: unknown, options?: ValidateOptions): ValidationResult;
  validateResponse(response: unknown, options?: ValidateOptions): ValidationResult;
  readonly survey: { readonly id: string; readonly version: string };
}

/** Imports `survey`'s standalone validator module (the temporary file is removed once loaded). */
export async function importStandaloneValidator(survey: CompiledSurvey): Promise<StandaloneValidator> {
  const dir = mkdtempSync(join(tmpdir(), 'poet-standalone-'));
  try {
    const path = join(dir, `${survey.id}.validator.mjs`);
    writeFileSync(path, emitStandaloneValidator(survey));
    return (await import(pathToFileURL(path).href)) as StandaloneValidator;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
