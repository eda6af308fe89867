/**
 * `@poetkit/cli`: the `poet` command. {@link main} runs it in-process with an {@link Io}
 * ({@link nodeIo} for the real process); each verb is a {@link Command} in `src/commands/`.
 */
export { main, mainHelp, ExitCode } from './main.js';
export { nodeIo, writeFileAtomic, type Io } from './io.js';
export { commands, findCommand } from './commands/all.js';
export { commandHelp, UsageError, type Command, type OptionSpec, type ParsedArgs } from './command.js';
export { diagnoseSource, diagnosticJson, type DiagnosticJson } from './diagnose.js';
