import { readFileSync } from 'node:fs';

/** The version of `@poetkit/cli`, read from its package.json (two levels above `dist/src/`). */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}
