/** What a verb of the `poet` command is made of, and how its arguments are read. */
import type { Io } from './io.js';
import { didYouMean } from './suggest.js';

/** One `--option` of a verb. */
export interface OptionSpec {
  /** Without the dashes: `format` for `--format`. */
  readonly name: string;
  /** For an option that takes a value: what `--help` shows for it (`text|json`). */
  readonly placeholder?: string;
  /** The values allowed, when the option takes one of a fixed set. */
  readonly choices?: readonly string[];
  /** For `--help`; may hold line breaks. */
  readonly description: string;
  /** A one-letter form: `o` for `-o`. */
  readonly short?: string;
}

/** The arguments of one run of a verb, after the options were checked against its {@link OptionSpec}s. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  /** Options given, by name: `true` for a flag, the value for an option that takes one. */
  readonly options: ReadonlyMap<string, string | true>;
}

export interface Command {
  readonly name: string;
  /** One line for `poet --help`. */
  readonly summary: string;
  /** `poet check [--format text|json] FILE...` */
  readonly synopsis: string;
  /** Paragraphs of `poet VERB --help`, each already wrapped to about 90 columns. */
  readonly description: readonly string[];
  readonly options: readonly OptionSpec[];
  readonly examples: readonly string[];
  /** Lines explaining the exit status. */
  readonly exitStatus: readonly string[];
  run(args: ParsedArgs, io: Io): Promise<number>;
}

/** A mistake in how `poet` was called. Printed as one line on standard error; exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `Run 'poet check --help'.` */
export function helpPointer(command?: Command): string {
  return command === undefined ? "Run 'poet --help'." : `Run 'poet ${command.name} --help'.`;
}

/**
 * The value of a `--NAME YYYY-MM-DD` option, checked to be a real calendar date (2024-02-30 is
 * refused, not rolled over into March); `undefined` when the option is not given.
 */
export function dateOption(args: ParsedArgs, name: string, command: Command): string | undefined {
  const value = args.options.get(name);
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const [year, month, day] = match === null ? [NaN, NaN, NaN] : [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (match === null || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    const shown = typeof value === 'string' ? ` (got '${value}')` : '';
    throw new UsageError(`--${name} must be a real date in the form YYYY-MM-DD, such as 2016-06-30${shown}. ${helpPointer(command)}`);
  }
  return value as string;
}

/**
 * The value of a `--NAME N` option, checked to be a whole number from `min` to `max` (written
 * in digits only: `2`, not `2.0`, `+2` or `0x2`); `undefined` when the option is not given.
 */
export function integerOption(args: ParsedArgs, name: string, command: Command, min: number, max: number): number | undefined {
  const value = args.options.get(name);
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(number >= min && number <= max)) {
    const shown = typeof value === 'string' ? ` (got '${value}')` : '';
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}${shown}. ${helpPointer(command)}`);
  }
  return number;
}

/** True when `--help` or `-h` appears before any `--`. */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/**
 * Reads a verb's arguments: `--name`, `--name value`, `--name=value`, and FILEs in any
 * order; everything after `--` is a FILE. Throws {@link UsageError} for an unknown option
 * (with the nearest known one suggested), a missing or unexpected value, or a value not
 * among an option's choices. `--help` is handled before this is called.
 */
export function parseArgs(argv: readonly string[], command: Command, allCommands: readonly Command[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const written = equals >= 0 ? arg.slice(0, equals) : arg;
    const spec = written.startsWith('--')
      ? command.options.find((o) => `--${o.name}` === written)
      : command.options.find((o) => o.short !== undefined && `-${o.short}` === written);
    if (spec === undefined) throw new UsageError(unknownOption(written, command, allCommands));
    if (spec.placeholder === undefined) {
      if (equals >= 0) throw new UsageError(`option '${written}' takes no value. ${helpPointer(command)}`);
      options.set(spec.name, true);
      continue;
    }
    let value: string | undefined;
    if (equals >= 0) value = arg.slice(equals + 1);
    else if (i + 1 < argv.length) value = argv[++i];
    if (value === undefined || value === '') {
      throw new UsageError(`option '${written}' needs a value (${spec.placeholder}). ${helpPointer(command)}`);
    }
    if (spec.choices !== undefined && !spec.choices.includes(value)) {
      const allowed = spec.choices.map((c) => `'${c}'`).join(' or ');
      throw new UsageError(`${written} must be ${allowed}, not '${value}'. ${helpPointer(command)}`);
    }
    options.set(spec.name, value);
  }
  return { positionals, options };
}

function unknownOption(written: string, command: Command, allCommands: readonly Command[]): string {
  const known = command.options.map((o) => `--${o.name}`);
  const suggestion = written.startsWith('--') ? didYouMean(written, [...known, '--help']) : undefined;
  const elsewhere = allCommands.find((c) => c !== command && c.options.some((o) => `--${o.name}` === written));
  const why =
    suggestion !== undefined
      ? ` (did you mean '${suggestion}'?)`
      : elsewhere !== undefined
        ? ` ('${written}' is an option of 'poet ${elsewhere.name}')`
        : '';
  return `unknown option '${written}' for '${command.name}'${why}. ${helpPointer(command)}`;
}

/** The full `poet VERB --help` text. */
export function commandHelp(command: Command): string {
  const optionRows: [string, string][] = [
    ...command.options.map((o): [string, string] => [
      `--${o.name}${o.placeholder === undefined ? '' : ` ${o.placeholder}`}`,
      o.description,
    ]),
    ['-h, --help', 'Show this help.'],
  ];
  const width = Math.max(...optionRows.map(([left]) => left.length));
  return [
    `Usage: ${command.synopsis}`,
    '',
    ...command.description.flatMap((paragraph) => [paragraph, '']),
    'Options:',
    ...optionRows.map(([left, right]) =>
      `  ${left.padEnd(width)}  ${right.split('\n').join(`\n  ${' '.repeat(width)}  `)}`,
    ),
    '',
    'Examples:',
    ...command.examples.map((e) => `  ${e}`),
    '',
    'Exit status:',
    ...command.exitStatus.map((e) => `  ${e}`),
    '',
  ].join('\n');
}
