/** Helpers for running `poet` in-process against files in a temporary directory. */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { writeFileAtomic, type Io } from '../src/io.js';
import { main } from '../src/main.js';

export interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Paths given to `io.writeFile`, in order. */
  readonly written: readonly string[];
}

/** A new temporary directory, removed when the test file ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'poet-cli-test-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes files (`{ 'a.poet': 'text' }`, text or bytes) under `dir`. */
export function writeFiles(dir: string, files: Readonly<Record<string, string | Uint8Array>>): void {
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/** Runs `poet ...argv` in `cwd` with the real file system (overridable) and captured output. */
export async function poet(cwd: string, argv: readonly string[], overrides: Partial<Io> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const written: string[] = [];
  const io: Io = {
    cwd,
    isTTY: false,
    env: {},
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readFile: (path) => readFile(path),
    writeFile: async (path, data) => {
      written.push(path);
      await writeFileAtomic(path, data);
    },
    ...overrides,
  };
  const status = await main(argv, io);
  return { status, stdout, stderr, written };
}

/** A complete survey with no problem at all, in the standard layout (it passes `poet check` and `poet fmt --check`). */
export const CLEAN = 'survey s "T"\n  version "1.0.0"\n\nsection a "A" {\n  4) single x "Q"\n    options {\n      1 a "A"\n      2 b "B"\n    }\n}\n';
/** Parses without errors, but is not in the standard layout. */
export const MESSY = 'survey   s "T"\n4)   single x "Q"\n  options { 1 a "A"\n 2 b "B" }\n';
/** One syntax error: `mutli` on line 3. */
export const BROKEN = 'survey s "T"\n\n4) mutli x "Q"\n';
/** No error, one tab warning. */
export const TABBED = 'survey s "T"\n  version "1.0.0"\nsection a "A" {\n\t4) single x "Q"\n    options {\n      1 a "A"\n    }\n}\n';
