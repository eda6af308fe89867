/**
 * The verbs of `poet`, in the order `poet --help` lists them. To add one, write
 * `src/commands/NAME.ts` exporting a {@link Command} and add it here.
 */
import type { Command } from '../command.js';
import { checkCommand } from './check.js';
import { compileCommand } from './compile.js';
import { exportCommand } from './export.js';
import { codebookCommand } from './codebook.js';
import { fmtCommand } from './fmt.js';
import { validateCommand } from './validate.js';
import { testCommand } from './test.js';
import { siteCommand } from './site.js';
import { previewCommand } from './preview.js';

export const commands: readonly Command[] = [checkCommand, fmtCommand, compileCommand, validateCommand, testCommand, codebookCommand, exportCommand, siteCommand, previewCommand];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}
