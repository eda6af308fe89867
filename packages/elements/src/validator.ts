/**
 * Loading the survey's precompiled validator (`<id>.validator.js`, the eval-free module that
 * `poet compile` writes beside the survey) with a dynamic `import()`, so it is fetched only by
 * the pages that need it and runs under `script-src 'self'`.
 */
import type { CompiledSurvey } from '@poetkit/compiler/compiled';

export interface ValidationError {
  /** The question the problem is about, or null (an unknown key...). */
  readonly question: string | null;
  /** JSON pointer into the answers: `/q`, `/q_other`, `/grid/row`. */
  readonly path: string;
  readonly message: string;
}

export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly ValidationError[];
}

export interface StandaloneValidator {
  validate(answers: unknown, options?: { today?: string }): ValidationResult;
  validateResponse(response: unknown, options?: { today?: string }): ValidationResult;
  readonly survey: { readonly id: string; readonly version: string };
}

/** The default validator URL: the survey URL with `.survey.json` replaced by `.validator.js`. */
export function defaultValidatorUrl(src: string): string | undefined {
  return /\.survey\.json(?=$|[?#])/.test(src) ? src.replace(/\.survey\.json(?=$|[?#])/, '.validator.js') : undefined;
}

/** Imports the validator at `url` (relative to the page) and checks that it belongs to `survey`. */
export async function loadValidator(url: string, survey: CompiledSurvey): Promise<StandaloneValidator> {
  const absolute = new URL(url, document.baseURI).href;
  let module: Partial<StandaloneValidator>;
  try {
    module = (await import(/* @vite-ignore */ absolute)) as Partial<StandaloneValidator>;
  } catch (error) {
    throw new Error(
      `The answer checker ${absolute} could not be loaded (${error instanceof Error ? error.message : String(error)}). ` +
        `Publish the ${survey.id}.validator.js that "poet compile" writes beside the survey, or set the validator attribute to its address.`,
    );
  }
  if (typeof module.validate !== 'function' || typeof module.validateResponse !== 'function' || typeof module.survey !== 'object') {
    throw new Error(`${absolute} is not a poetkit validator: it does not export validate, validateResponse and survey. Use the .validator.js file "poet compile" writes.`);
  }
  if (module.survey.id !== survey.id || module.survey.version !== survey.version) {
    throw new Error(
      `The answer checker ${absolute} is for survey ${module.survey.id} version ${module.survey.version}, but the form shows ${survey.id} version ${survey.version}. Publish both files from the same "poet compile" run.`,
    );
  }
  return module as StandaloneValidator;
}
