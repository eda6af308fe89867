/**
 * Every verb of `poet`, loaded, in the order `poet --help` lists them: for programs that use
 * `@poetkit/cli` as a library. (`poet` itself loads a verb only when it runs it: index.ts.)
 */
import type { Command } from '../command.js';
import { checkCommand } from './check.js';
import { codebookCommand } from './codebook.js';
import { compileCommand } from './compile.js';
import { exportCommand } from './export.js';
import { fmtCommand } from './fmt.js';
import { previewCommand } from './preview.js';
import { siteCommand } from './site.js';
import { testCommand } from './test.js';
import { validateCommand } from './validate.js';

export const commands: readonly Command[] = [checkCommand, fmtCommand, compileCommand, validateCommand, testCommand, codebookCommand, exportCommand, siteCommand, previewCommand];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}
