import type { SourcePosition, SourceRange } from './ast.js';
import { createDiagnostic, type Diagnostic } from './diagnostics/diagnostic.js';

export interface DecodedSource {
  /** The text, with a leading byte-order mark removed and invalid bytes replaced by U+FFFD. */
  readonly text: string;
  /** One `invalid-utf8` error per run of bytes that are not UTF-8. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 if the byte there starts no valid sequence. */
function validSequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0; // no surrogates
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/**
 * Decodes the bytes of a `.poet` file. Bytes that are not UTF-8 are reported (one
 * diagnostic per run of bad bytes, located in the decoded text) and replaced by U+FFFD,
 * so that the rest of the file is still checked.
 */
export function decodeSource(bytes: Uint8Array, fileName: string): DecodedSource {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const parts: string[] = [];
  const badAt: number[] = []; // offsets in the decoded text
  const decoder = new TextDecoder('utf-8');
  let textLength = 0;
  let runStart = start;
  let i = start;
  while (i < bytes.length) {
    const length = validSequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (i > runStart) {
      const chunk = decoder.decode(bytes.subarray(runStart, i));
      parts.push(chunk);
      textLength += chunk.length;
    }
    badAt.push(textLength);
    // One replacement character for the whole run of undecodable bytes.
    while (i < bytes.length && validSequenceLength(bytes, i) === 0) i++;
    parts.push('\ufffd');
    textLength += 1;
    runStart = i;
  }
  if (runStart < bytes.length) parts.push(decoder.decode(bytes.subarray(runStart)));
  const text = parts.join('');
  if (badAt.length === 0) return { text, diagnostics: [] };
  const lines = new LineMap(text);
  const diagnostics = badAt.map((offset) =>
    createDiagnostic('invalid-utf8', fileName, { start: lines.position(offset), end: lines.position(offset + 1) }),
  );
  return { text, diagnostics };
}

/** Converts offsets in a text to 1-based line and column (columns in UTF-16 units). */
export class LineMap {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
  }

  /** The line of the last lookup: lookups mostly move forward through the file. */
  private lastLine = 0;

  position(offset: number): SourcePosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    const hint = this.lastLine;
    if (starts[hint]! <= clamped && (hint + 1 >= starts.length || starts[hint + 1]! > clamped)) {
      return { offset: clamped, line: hint + 1, column: clamped - starts[hint]! + 1 };
    }
    if (hint + 2 <= starts.length && starts[hint + 1]! <= clamped && (hint + 2 >= starts.length || starts[hint + 2]! > clamped)) {
      this.lastLine = hint + 1;
      return { offset: clamped, line: hint + 2, column: clamped - starts[hint + 1]! + 1 };
    }
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    this.lastLine = low;
    return { offset: clamped, line: low + 1, column: clamped - this.lineStarts[low]! + 1 };
  }

  range(start: number, end: number): SourceRange {
    return { start: this.position(start), end: this.position(end) };
  }
}
