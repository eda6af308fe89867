/**
 * Reading a survey and the banks it imports: every file decoded, parsed and linked to the
 * files it imports. Import problems (a missing file, a cycle, a survey imported as a bank, a
 * file with syntax errors) are located at the `import` line.
 */
import { posix } from 'node:path';
import {
  createDiagnostic,
  decodeSource,
  parse,
  type Diagnostic,
  type ImportNode,
  type PoetFile,
} from '@poetkit/language';

/** Where the compiler reads files from. {@link nodeHost} reads the real file system. */
export interface CompileHost {
  /** The bytes of a file, or `undefined` when there is no such file. */
  readFile(path: string): Uint8Array | undefined;
}

export interface SourceFile {
  /** Display path: the main file's path as given, imports resolved against it with `/`. */
  readonly path: string;
  readonly text: string;
  readonly ast: PoetFile;
  /** Errors found while reading (decoding and parsing) this file. */
  readonly syntaxErrors: number;
  readonly imports: readonly ImportEdge[];
}

export interface ImportEdge {
  readonly node: ImportNode;
  /** The imported file, when it could be read and is a bank without errors. */
  readonly target?: SourceFile;
}

export interface Program {
  readonly main: SourceFile;
  /** Every file read, main first, then imported files in depth-first order, each once. */
  readonly files: readonly SourceFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/** `C:\x\y.poet` → `C:/x/y.poet` */
export function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

/** Reads `path` and, transitively, every file it imports. Returns undefined when `path` itself cannot be read. */
export function loadProgram(path: string, host: CompileHost): Program | undefined {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, SourceFile | null>(); // null: being read (on the stack) or unreadable
  const order: SourceFile[] = [];

  function read(filePath: string, isMain: boolean): SourceFile | undefined {
    const bytes = host.readFile(filePath);
    if (bytes === undefined) return undefined;
    const decoded = decodeSource(bytes, filePath);
    const parsed = parse(decoded.text, filePath);
    const own = [...decoded.diagnostics, ...parsed.diagnostics];
    if (isMain) diagnostics.push(...own);
    const file: { -readonly [K in keyof SourceFile]: SourceFile[K] } = {
      path: filePath,
      text: decoded.text,
      ast: parsed.file,
      syntaxErrors: own.filter((d) => d.severity === 'error').length,
      imports: [],
    };
    return file;
  }

  function load(filePath: string, stack: readonly string[], isMain: boolean): SourceFile | undefined {
    const file = read(filePath, isMain);
    if (file === undefined) return undefined;
    files.set(filePath, null);
    order.push(file);
    const edges: ImportEdge[] = [];
    for (const node of file.ast.imports) {
      const spec = toSlashes(node.path.value);
      const resolved = posix.normalize(posix.join(posix.dirname(filePath), spec));
      const here = [...stack, filePath];
      const cycleStart = here.indexOf(resolved);
      if (cycleStart >= 0) {
        const cycle = [...here.slice(cycleStart), resolved].join(' → ');
        diagnostics.push(createDiagnostic('import-cycle', filePath, node.path.range, { cycle }));
        edges.push({ node });
        continue;
      }
      let target: SourceFile | undefined;
      if (files.has(resolved)) {
        target = files.get(resolved) ?? undefined;
        if (target === undefined) {
          edges.push({ node });
          continue;
        }
      } else {
        target = load(resolved, here, false);
        if (target === undefined) {
          files.set(resolved, null);
          diagnostics.push(createDiagnostic('import-not-found', filePath, node.path.range, { path: node.path.value, resolved }));
          edges.push({ node });
          continue;
        }
      }
      if (target.ast.header?.fileKind === 'survey') {
        diagnostics.push(createDiagnostic('import-not-bank', filePath, node.path.range, { path: node.path.value }));
        edges.push({ node });
      } else if (target.syntaxErrors > 0) {
        diagnostics.push(
          createDiagnostic('import-has-errors', filePath, node.path.range, { path: target.path, count: target.syntaxErrors }),
        );
        edges.push({ node });
      } else {
        edges.push({ node, target });
      }
    }
    (file as { imports: readonly ImportEdge[] }).imports = edges;
    files.set(filePath, file);
    return file;
  }

  const main = load(toSlashes(path), [], true);
  if (main === undefined) return undefined;
  return { main, files: order, diagnostics };
}

/**
 * The files whose declarations are visible from `main`: itself and every file reached
 * through imports that could be used (depth-first, each once).
 */
export function visibleFiles(main: SourceFile): SourceFile[] {
  const out: SourceFile[] = [];
  const seen = new Set<string>();
  const visit = (file: SourceFile): void => {
    if (seen.has(file.path)) return;
    seen.add(file.path);
    out.push(file);
    for (const edge of file.imports) if (edge.target !== undefined) visit(edge.target);
  };
  visit(main);
  return out;
}
