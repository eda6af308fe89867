/**
 * The verbs of `poet`, in the order `poet --help` lists them, each loaded only when it runs or
 * its help is shown: a verb's libraries (the .poet parser, ajv, the web server) take tens to
 * hundreds of milliseconds to load, which no other verb should pay for. To add a verb, write
 * `src/commands/NAME.ts` exporting a {@link Command}, and add it here and to `all.ts` (a test
 * checks that the two agree).
 */
import type { Command } from '../command.js';

/** A verb: its name, and its module, loaded on demand. */
export interface CommandEntry {
  readonly name: string;
  readonly load: () => Promise<Command>;
}

export const commandEntries: readonly CommandEntry[] = [
  { name: 'check', load: async () => (await import('./check.js')).checkCommand },
  { name: 'fmt', load: async () => (await import('./fmt.js')).fmtCommand },
  { name: 'compile', load: async () => (await import('./compile.js')).compileCommand },
  { name: 'validate', load: async () => (await import('./validate.js')).validateCommand },
  { name: 'test', load: async () => (await import('./test.js')).testCommand },
  { name: 'codebook', load: async () => (await import('./codebook.js')).codebookCommand },
  { name: 'export', load: async () => (await import('./export.js')).exportCommand },
  { name: 'site', load: async () => (await import('./site.js')).siteCommand },
  { name: 'preview', load: async () => (await import('./preview.js')).previewCommand },
];

export const commandNames: readonly string[] = commandEntries.map((entry) => entry.name);

/** Every verb, loaded (for `poet --help`, and for hints that name another verb's option). */
export function loadCommands(): Promise<Command[]> {
  return Promise.all(commandEntries.map((entry) => entry.load()));
}
