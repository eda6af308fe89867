/**
 * Reading RESPONSES (JSON Lines, or one JSON document) into parsed responses. A module of its
 * own, apart from `poet validate`, so that `poet export`'s worker threads can read their
 * chunks with exactly the same code without loading the compiler and its .poet parser.
 */
import { StringDecoder } from 'node:string_decoder';

/** A response read from RESPONSES: its parsed value, or why it is not JSON. */
export type ReadResponse = { readonly line: number; readonly value: unknown } | { readonly line: number; readonly error: string };

/** The first character that is not white space, if any. */
function firstCharacter(line: string): string | undefined {
  return /\S/.exec(line)?.[0];
}

function parses(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `line`, the first line that is not blank, starts one JSON document rather than JSON
 * Lines: it starts with `[`, or starts an object without ending it.
 */
export function startsDocument(line: string): boolean {
  const first = firstCharacter(line);
  return first === '[' || (first === '{' && !line.trimEnd().endsWith('}') && !parses(line));
}

/**
 * Reads responses line by line, yielding each as it comes. A first non-blank line that
 * starts with `[`, or that starts an object without ending it, switches to one-document mode
 * (the rest of the input is read and parsed as one JSON value).
 */
export async function* readResponses(input: AsyncIterable<Buffer | string>): AsyncGenerator<ReadResponse> {
  for await (const batch of readResponseBatches(input)) yield* batch;
}

/**
 * {@link readResponses} a chunk of input at a time: each batch holds the responses of the
 * lines that chunk completed, so a caller can handle them without an `await` per line (a
 * large file's responses are thousands of times more numerous than its chunks). Lines end as
 * readline ends them (LF, CRLF or a lone CR) and the bytes are decoded as readline decodes
 * them (UTF-8, a malformed sequence as U+FFFD, a BOM kept), so both readers see the same lines.
 */
export async function* readResponseBatches(input: AsyncIterable<Buffer | string>): AsyncGenerator<ReadResponse[]> {
  const reader = new ResponseLineReader();
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (!pending.endsWith('\r') && text.indexOf('\n') === -1 && text.indexOf('\r') === -1) {
      // No line ends here: only gather it, so that a very long line is scanned once.
      pending += text;
      continue;
    }
    pending = reader.lines(pending + text, false);
    if (reader.batch.length > 0) yield reader.take();
  }
  reader.lines(pending + decoder.end(), true);
  reader.finish();
  if (reader.batch.length > 0) yield reader.take();
}

/** Decodes as the stream's StringDecoder does: UTF-8, a malformed sequence as U+FFFD, a BOM kept. */
const chunkDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The responses of one chunk of JSON Lines input that ends after a line end (or at the end of
 * the input), `linesBefore` lines into it: what {@link readResponseBatches} reads from those
 * lines when the input's first non-blank line does not start a document. `poet export`'s
 * worker threads read their chunks with it.
 */
export function readLineChunk(bytes: Uint8Array, linesBefore: number, each: (read: ReadResponse) => void): void {
  // Each response is handed on as soon as it is parsed, not gathered: a chunk's thousand parsed
  // responses alive at once would outlive the young generation and make garbage collection dear.
  const reader = new ResponseLineReader({ linesBefore, lineMode: true, each });
  reader.lines(chunkDecoder.decode(bytes), true);
}

/**
 * One line of JSON Lines input (decoded, without its line end), line `number` of the input, as
 * the reader reads it once it knows the input is JSON Lines: `undefined` for a blank line.
 */
export function readLine(line: string, number: number): ReadResponse | undefined {
  if (firstCharacter(line) === undefined) return undefined;
  try {
    return { line: number, value: JSON.parse(line) as unknown };
  } catch (error) {
    return { line: number, error: `not valid JSON: ${(error as Error).message}` };
  }
}

/** Splits decoded text into lines and turns each into a {@link ReadResponse}. */
export class ResponseLineReader {
  batch: ReadResponse[] = [];
  private number: number;
  private seen = 0;
  private document: string[] | undefined;
  private documentStart = 0;

  private readonly each: ((read: ReadResponse) => void) | undefined;

  /**
   * `linesBefore`: how many lines of the input came before the text this reader is given (a
   * chunk of a larger input). `lineMode`: the input is known to be JSON Lines (its first
   * non-blank line was already looked at), so no line starts a document. `each`: where each
   * response goes as it is read (by default, into {@link batch}).
   */
  constructor(options: { readonly linesBefore?: number; readonly lineMode?: boolean; readonly each?: (read: ReadResponse) => void } = {}) {
    this.number = options.linesBefore ?? 0;
    if (options.lineMode === true) this.seen = 1;
    this.each = options.each;
  }

  private read(read: ReadResponse): void {
    if (this.each === undefined) this.batch.push(read);
    else this.each(read);
  }

  take(): ReadResponse[] {
    const batch = this.batch;
    this.batch = [];
    return batch;
  }

  /**
   * Handles every complete line of `text`; returns the rest, the start of a line still to come.
   * A CR at the very end waits for the next chunk, which may start with its LF.
   */
  lines(text: string, last: boolean): string {
    let start = 0;
    if (text.indexOf('\r') === -1) {
      // The usual case: LF only, found without a regular expression.
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        this.line(text.slice(start, end));
        start = end + 1;
      }
    } else {
      const ending = /\r\n|\n|\r/g;
      for (let match = ending.exec(text); match !== null; match = ending.exec(text)) {
        if (!last && match[0] === '\r' && match.index === text.length - 1) break;
        this.line(text.slice(start, match.index));
        start = match.index + match[0].length;
      }
    }
    const rest = text.slice(start);
    if (!last) return rest;
    if (rest !== '') this.line(rest);
    return '';
  }

  private line(line: string): void {
    this.number++;
    if (this.document !== undefined) {
      this.document.push(line);
      return;
    }
    if (firstCharacter(line) === undefined) return;
    if (this.seen === 0 && startsDocument(line)) {
      this.document = [line];
      this.documentStart = this.number;
      return;
    }
    this.seen++;
    this.read(readLine(line, this.number)!);
  }

  /** At the end of the input: the one document, if the input is one. */
  finish(): void {
    if (this.document === undefined) return;
    let value: unknown;
    try {
      value = JSON.parse(this.document.join('\n'));
    } catch (error) {
      this.batch.push({ line: this.documentStart, error: `not valid JSON: ${(error as Error).message}` });
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) this.batch.push({ line: i + 1, value: value[i] as unknown });
    } else this.batch.push({ line: this.documentStart, value });
  }
}
