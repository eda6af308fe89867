/** Reading the FILE arguments of a verb. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { Command } from './command.js';
import { UsageError, helpPointer } from './command.js';
import type { Io } from './io.js';

/** One FILE argument, read. */
export interface InputFile {
  /** As given on the command line, with `/` as the separator: used in every message. */
  readonly displayPath: string;
  /** Resolved against the working directory: used to read and write. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** `examples\x.poet` → `examples/x.poet` */
export function displayPath(arg: string): string {
  return arg.replace(/\\/g, '/');
}

/**
 * Reads every FILE before anything is printed, so that a mistyped name is reported alone.
 * A file named twice is read once. Throws {@link UsageError} when no FILE is given, or one
 * does not exist, is a directory or cannot be read.
 */
export async function readInputs(args: readonly string[], command: Command, io: Io): Promise<InputFile[]> {
  if (args.length === 0) throw new UsageError(`'${command.name}' needs at least one FILE. ${helpPointer(command)}`);
  const inputs: InputFile[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    if (arg === '-' || arg === '') {
      throw new UsageError(`'${arg}' is not a file name; give the path of a .poet file. ${helpPointer(command)}`);
    }
    const path = resolve(io.cwd, arg);
    if (seen.has(path)) continue;
    seen.add(path);
    const shown = displayPath(arg);
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(path);
    } catch (error) {
      throw new UsageError(readProblem(error, shown));
    }
    inputs.push({ displayPath: shown, path, bytes });
  }
  return inputs;
}

function readProblem(error: unknown, shown: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return `no such file: ${shown}`;
    case 'EISDIR':
      return `${shown} is a directory; give the .poet files in it, for example ${shown.replace(/\/$/, '')}/*.poet`;
    case 'EACCES':
    case 'EPERM':
      return `cannot read ${shown}: permission denied`;
    case undefined:
      throw error; // not a file-system error: a bug, reported as an internal error
    default:
      return `cannot read ${shown} (${code})`;
  }
}

/**
 * An {@link Io} that can also hand over standard input as a stream (tests give their own;
 * without it `-` reads the process's standard input).
 */
export interface StdinIo extends Io {
  readonly stdin?: () => Readable;
}

/** How much of a file of responses each read takes. */
const READ_BYTES = 1024 * 1024;

/** The RESPONSES stream (`-`: standard input); a missing file is a usage error, found before anything is printed. */
export async function openResponses(arg: string, io: StdinIo, command: Command): Promise<Readable> {
  if (arg === '-') return io.stdin?.() ?? process.stdin;
  const path = resolve(io.cwd, arg);
  const shown = displayPath(arg);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UsageError(`${shown} is a directory; give a file of responses. ${helpPointer(command)}`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' || code === 'ENOTDIR' ? `no such file: ${shown}` : `cannot read ${shown} (${code ?? 'error'})`);
  }
  // Reads of 1 MiB rather than the default 64 KiB: a large file is read in far fewer round trips
  // to the thread pool, and a whole chunk of export's input is read ahead while one is exported.
  return createReadStream(path, { highWaterMark: READ_BYTES });
}
