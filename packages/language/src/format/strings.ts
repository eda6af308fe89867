/**
 * How the formatter writes a string value, and which values it can write at all.
 *
 * The round-trip rule (for every value `v` it accepts, reading the printed text back gives
 * exactly `v`):
 *
 * - A value with no line break is written `"..."`, with `\` written `\\` and `"` written
 *   `\"`. Every other character (tabs, NUL, emoji, lone surrogates, `"""`) is written as
 *   itself. This reads back exactly.
 * - A value with a line break (`\n`) is written as a `"""` block: the opening quotes end
 *   the current line, every line of the value follows on its own line indented by the
 *   block indentation (empty lines stay empty), and the closing quotes stand on a line of
 *   their own at the block indentation. When read back, the line break after the opening
 *   quotes and the line before the closing ones are dropped and the block indentation is
 *   removed again — exactly, as long as
 *     1. at least one non-blank line of the value starts with neither a space nor a tab
 *        (otherwise that common indentation would be removed too);
 *     2. no line consists only of spaces and tabs, unless it is empty (the reader empties
 *        such lines);
 *     3. the value does not contain `"""` (blocks have no escapes).
 *   Leading and trailing empty lines, trailing spaces on a line, a line indented more than
 *   the others, backslashes and quotes all survive.
 * - A carriage return can be written in neither form: `"..."` strings end at a line end,
 *   and the reader turns `\r\n` and `\r` in a block into `\n`.
 *
 * The parser never produces a value outside this rule (it reads `\r\n` as `\n`, empties
 * blank block lines and removes their common indentation, and ends a block at the first
 * `"""`), so every parsed file can be reformatted. A tree built some other way may hold a
 * value that cannot be written: {@link canWriteString} tells, and {@link printString}
 * throws a `RangeError` for it rather than silently writing a different text.
 */

const BLANK_LINE = /^[ \t]*$/;

/** Why a value cannot be written in a `.poet` file, or `undefined` when it can. */
export function unwritableReason(value: string): string | undefined {
  if (value.includes('\r')) return 'it contains a carriage return';
  if (!value.includes('\n')) return undefined;
  if (value.includes('"""')) return 'it spans several lines and contains """';
  const lines = value.split('\n');
  if (lines.some((line) => line !== '' && BLANK_LINE.test(line))) {
    return 'it spans several lines and one of them holds only spaces or tabs';
  }
  const nonEmpty = lines.filter((line) => line !== '');
  if (nonEmpty.length > 0 && nonEmpty.every((line) => line.startsWith(' ') || line.startsWith('\t'))) {
    return 'it spans several lines and every non-empty line is indented';
  }
  return undefined;
}

/** Whether a string value can be written so that reading it back gives exactly the same value. */
export function canWriteString(value: string): boolean {
  return unwritableReason(value) === undefined;
}

/** `"..."` with `\` and `"` escaped. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * Prints a string value. The first element is the text that continues the current line
 * (`"..."`, or the opening `"""` of a block); every further element is a whole line (the
 * block's lines and its closing quotes, indented by `blockIndent` spaces).
 */
export function printString(value: string, blockIndent: number): string[] {
  const reason = unwritableReason(value);
  if (reason !== undefined) {
    throw new RangeError(`This string cannot be written in a .poet file because ${reason}: ${JSON.stringify(value)}`);
  }
  if (!value.includes('\n')) return [quote(value)];
  const pad = ' '.repeat(blockIndent);
  return ['"""', ...value.split('\n').map((line) => (line === '' ? '' : pad + line)), `${pad}"""`];
}
