/**
 * Everything the `poet` command touches outside itself, so that tests can run it in-process
 * with their own streams and files. {@link nodeIo} is the real one.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface Io {
  /** Directory that relative FILE arguments are resolved against. */
  readonly cwd: string;
  /** Whether standard output is a terminal (colour is used only then, and only without `NO_COLOR`). */
  readonly isTTY: boolean;
  /** Environment variables (`NO_COLOR`, `POET_DEBUG`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a whole file. Rejects with a Node.js error (`code` ENOENT, EISDIR, EACCES, ...) when it cannot. */
  readFile(path: string): Promise<Uint8Array>;
  /** Replaces a file's content atomically: readers see the old bytes or the new ones, never a mix. */
  writeFile(path: string, data: Uint8Array): Promise<void>;
}

/**
 * Writes `data` to a temporary file beside `path`, flushes it to disk and renames it over
 * `path`, so that a crash or a full disk never leaves a half-written file. The file keeps
 * its permissions; a symbolic link is followed (the file it points to is replaced).
 */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  let target = path;
  let mode: number | undefined; // of the file replaced; a new file gets the default (umask) permissions
  try {
    target = await realpath(path);
    mode = (await stat(target)).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o666);
    try {
      await handle.writeFile(data);
      if (mode !== undefined) await handle.chmod(mode); // `open` applies the umask; keep the file's own permissions
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The real process: its streams, working directory, environment and file system. */
export function nodeIo(): Io {
  return {
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: (path) => readFile(path),
    writeFile: writeFileAtomic,
  };
}
