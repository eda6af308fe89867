/** `poet`: the entry point, usable in-process (tests call {@link main} with their own {@link Io}). */
import { UsageError, commandHelp, helpPointer, parseArgs, wantsHelp, type ParsedArgs } from './command.js';
import { commandEntries, commandNames, loadCommands } from './commands/index.js';
import type { Io } from './io.js';
import { didYouMean } from './suggest.js';
import { cliVersion } from './version.js';

/** Exit statuses of `poet`. */
export const ExitCode = {
  ok: 0,
  /** Problems found: errors in a file, or files not formatted (`fmt --check`). */
  problems: 1,
  /** The command line was wrong, or a FILE could not be read or written. */
  usage: 2,
  /** A bug in poet (EX_SOFTWARE). */
  internal: 70,
} as const;

/** `poet --help` (it loads every verb, for their summaries). */
export async function mainHelp(): Promise<string> {
  const commands = await loadCommands();
  const width = Math.max(...commands.map((c) => c.name.length), 'help'.length);
  return [
    'poet: write, check, test, compile and serve POET questionnaires (.poet files), and export their responses for analysis.',
    '',
    'Usage: poet COMMAND [OPTIONS] FILE...',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  Show the help of a command: poet help COMMAND`,
    '',
    'Options:',
    '  -h, --help  Show this help (poet COMMAND --help shows the help of a command).',
    '  --version   Show the version of poet.',
    '',
    'Examples:',
    '  poet check survey.poet',
    '  poet test examples/*.poet',
    '  poet preview survey.poet',
    '  poet export survey.poet responses.jsonl -o out',
    '',
    'Exit status: 0 success, 1 problems found, 2 usage error, 70 internal error (a bug in poet).',
    '',
  ].join('\n');
}

function unknownCommand(name: string): UsageError {
  const suggestion = didYouMean(name, [...commandNames, 'help']);
  const why = suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
  return new UsageError(`unknown command '${name}'${why}. ${helpPointer()}`);
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    throw new UsageError(`no command given; the commands are ${commandNames.join(', ')}. ${helpPointer()}`);
  }
  if (first === '--help' || first === '-h') {
    io.stdout(await mainHelp());
    return ExitCode.ok;
  }
  if (first === '--version') {
    io.stdout(`poet ${cliVersion()}\n`);
    return ExitCode.ok;
  }
  if (first.startsWith('-')) {
    const suggestion = didYouMean(first, ['--help', '--version']);
    const why = suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
    throw new UsageError(`unknown option '${first}'${why}; give a command first, for example 'poet check FILE'. ${helpPointer()}`);
  }
  if (first === 'help') {
    if (rest.length === 0) {
      io.stdout(await mainHelp());
      return ExitCode.ok;
    }
    const [name, ...extra] = rest;
    if (extra.length > 0) throw new UsageError(`'help' takes one COMMAND, for example 'poet help check'. ${helpPointer()}`);
    const entry = commandEntries.find((e) => e.name === name);
    if (entry === undefined) throw unknownCommand(name!);
    io.stdout(commandHelp(await entry.load()));
    return ExitCode.ok;
  }
  const entry = commandEntries.find((e) => e.name === first);
  if (entry === undefined) throw unknownCommand(first);
  const command = await entry.load();
  if (wantsHelp(rest)) {
    io.stdout(commandHelp(command));
    return ExitCode.ok;
  }
  let args: ParsedArgs;
  try {
    args = parseArgs(rest, command, [command]);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // An option this verb does not know may be another's: the message says so, from them all.
    args = parseArgs(rest, command, await loadCommands());
  }
  return command.run(args, io);
}

/**
 * Runs `poet` with `argv` (the arguments after `poet`) and returns the exit status.
 * Never throws: a usage error is one line on standard error (status 2), and an
 * unexpected exception, which is a bug, is reported as an internal error (status 70).
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`poet: ${error.message}\n`);
      return ExitCode.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `poet: internal error: ${message}\n` +
        'This is a bug in poet. Please report it, with the command you ran and the file it read.\n',
    );
    if (io.env['POET_DEBUG'] !== undefined && error instanceof Error && error.stack !== undefined) {
      io.stderr(`${error.stack}\n`);
    } else {
      io.stderr('(Set POET_DEBUG=1 to print the details for the report.)\n');
    }
    return ExitCode.internal;
  }
}
