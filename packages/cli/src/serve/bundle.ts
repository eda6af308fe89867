/** Finding the `<poet-survey>` bundle that `pnpm build` makes (packages/elements/dist/poet-elements.js). */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Io } from '../io.js';

/** The name the bundle has on a site: `<script type="module" src="/poet-elements.js">`. */
export const BUNDLE_NAME = 'poet-elements.js';

/** Where the bundle should be: through the package's `./bundle` export, else beside the elements package. */
export function defaultBundlePath(): string {
  try {
    return fileURLToPath(import.meta.resolve('@poetkit/elements/bundle'));
  } catch {
    // Node's resolver refuses an export whose file does not exist yet; say where it would be.
    return fileURLToPath(new URL('../../../../elements/dist/poet-elements.js', import.meta.url));
  }
}

/** Thrown when the bundle is missing: the message says to build it. */
export class MissingBundleError extends Error {
  override readonly name = 'MissingBundleError';
  constructor(readonly path: string) {
    super(`the <poet-survey> bundle is missing (${path}); run pnpm build first`);
  }
}

/** The bundle's path, checked to exist. Throws {@link MissingBundleError}. */
export function findBundle(path: string = defaultBundlePath()): string {
  if (!existsSync(path)) throw new MissingBundleError(path);
  return path;
}

/**
 * The bundle a verb serves: its `--bundle` option (relative to the working folder) or the built
 * one. When it is missing, says so on stderr and returns `undefined` (the verb exits 1).
 */
export function bundleForVerb(option: string | true | undefined, io: Pick<Io, 'cwd' | 'stderr'>): string | undefined {
  try {
    return findBundle(typeof option === 'string' ? resolve(io.cwd, option) : undefined);
  } catch (error) {
    if (!(error instanceof MissingBundleError)) throw error;
    io.stderr(`poet: ${error.message}.\n`);
    return undefined;
  }
}
