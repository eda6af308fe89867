/**
 * Decoding of string literals. `"..."` takes the escapes `\"` and `\\`; a `"""` block takes
 * none, loses the line break after its opening and before its closing quotes, and loses the
 * indentation common to its non-blank lines (see docs/grammar.md).
 */

export interface DecodedString {
  readonly value: string;
  /** Offsets, relative to the token, of backslashes that start an unknown escape. */
  readonly badEscapes: readonly number[];
}

/** Decodes the body of a one-line string token (`raw` includes the quotes when `closed`). */
export function decodeQuoted(raw: string, closed: boolean): DecodedString {
  const body = closed ? raw.slice(1, -1) : raw.slice(1);
  if (!body.includes('\\')) return { value: body, badEscapes: [] };
  let value = '';
  const badEscapes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      value += c;
      continue;
    }
    const next = body[i + 1];
    if (next === '"' || next === '\\') {
      value += next;
      i++;
    } else {
      badEscapes.push(i + 1);
      value += c;
    }
  }
  return { value, badEscapes };
}

function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

/** Decodes a `"""` block (`raw` includes the opening quotes, and the closing ones when `closed`). */
export function decodeBlock(raw: string, closed: boolean): string {
  const body = (closed ? raw.slice(3, -3) : raw.slice(3)).replace(/\r\n?/g, '\n');
  const lines = body.split('\n');
  // The opening line: dropped when nothing but spaces follows the quotes.
  if (lines.length > 1 && isBlank(lines[0]!)) lines.shift();
  // The closing line: dropped when nothing but spaces precedes the quotes.
  if (lines.length > 1 && isBlank(lines[lines.length - 1]!)) lines.pop();
  let indent = Infinity;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const width = line.length - line.replace(/^[ \t]+/, '').length;
    if (width < indent) indent = width;
  }
  if (indent === Infinity) indent = 0;
  return lines.map((line) => (isBlank(line) ? '' : line.slice(indent))).join('\n');
}
