/**
 * `poet export`'s fast path: reading a line of JSON Lines straight from its UTF-8 bytes into
 * the slots the runtime routes (`routeSlots`), without decoding the line or building objects
 * with `JSON.parse`, which cost more than routing and coding together.
 *
 * It reads only what an ordinary response is: one envelope object with exactly the keys
 * `survey`, `version`, `id`, `submitted` and `answers`, each once; `survey` and `version`
 * strings, `id` a non-empty string, `submitted` a string; `answers` an object whose keys are
 * answer keys of the survey, each once, with values of the shape their question takes (a
 * choice's option value, a multi's array of option values, a grid's object of row ids and
 * scale values, a number, a string). Keys and option values are matched by their bytes (so
 * never when written with escapes). Anything else — other keys, other shapes, `null`, escapes
 * where a match is needed, unknown options, characters that are not JSON white space between
 * tokens, text after the object — makes {@link LineScanner.scan} return `false`, and the
 * exporter reads the line the general way (decode, `JSON.parse`, validate when unproved), which
 * stays the authority. Where it returns `true`, the values it put in the slots are those
 * `JSON.parse` of the decoded line gives: strings are decoded from their own bytes (UTF-8 with
 * U+FFFD for malformed sequences, as the line's decoding does: a string's bytes are bounded by
 * ASCII quotes, where decoding of the whole line is in step), and a string with escapes is
 * handed to `JSON.parse` alone. `line-scanner.test.ts` checks this against `JSON.parse`.
 */
import type { CompiledQuestion } from '@poetkit/compiler/compiled';
import type { AnswerKeySlot } from '@poetkit/runtime';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

const encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/**
 * A cheap hash of the bytes `bytes[start..end)`: their length and three of them (first, middle,
 * last). Keys and option values differ there far more often than not, and a collision costs
 * only a comparison more; hashing every byte would cost more than it saves.
 */
function quickHash(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length === 0) return 0;
  return (((length * 31 + bytes[start]!) * 31 + bytes[start + (length >> 1)]!) * 31 + bytes[end - 1]!) & 0xfffffff;
}

/** A DataView of the bytes being scanned, made once for each buffer (a chunk of input). */
let viewedBytes: Uint8Array | undefined;
let view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

function viewOf(bytes: Uint8Array): DataView<ArrayBufferLike> {
  if (bytes !== viewedBytes) {
    view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    viewedBytes = bytes;
  }
  return view;
}

/** Strings found by their UTF-8 bytes, with open addressing on {@link quickHash}. */
class ByteTable {
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly keys: Uint8Array[];
  /** Per string: no quote, backslash or control character in its bytes (see {@link tokenAt}). */
  private readonly plain: boolean[];
  /**
   * Per string, what {@link tokenAt} compares: its bytes, and the same four at a time as
   * little-endian 32-bit integers (a last 1–3 bytes left out); `undefined` for a string that is
   * not plain. One object a string, so that a comparison loads one entry.
   */
  private readonly tokens: ({ readonly bytes: Uint8Array; readonly length: number; readonly words: Int32Array } | undefined)[];
  /** By first byte: the plain strings that start with it (see {@link tokenMatch}). */
  private readonly byFirstByte: (number[] | undefined)[] = new Array<number[] | undefined>(256).fill(undefined);

  /**
   * The strings, each as the engine's one shared copy of its text (a property key's): routing
   * and coding compare answers with the survey's option values, themselves such copies, and two
   * of them compare by identity where other strings compare character by character.
   */
  readonly strings: readonly string[];

  constructor(strings: readonly string[]) {
    this.strings = strings.map((s) => Object.keys({ [s]: 0 })[0] ?? s);
    this.keys = strings.map((s) => encoder.encode(s));
    // A string whose UTF-8 does not decode back to it (a lone surrogate) is never matched: its
    // bytes would be those of a U+FFFD in the line.
    const matchable = strings.map((s, index) => utf8Decoder.decode(this.keys[index]) === s);
    this.plain = this.keys.map((key, index) => matchable[index]! && key.every((c) => c !== QUOTE && c !== BACKSLASH && c >= 0x20));
    this.tokens = this.keys.map((key, index) => {
      if (!this.plain[index]) return undefined;
      const view = new DataView(key.buffer, key.byteOffset, key.byteLength);
      return { bytes: key, length: key.length, words: Int32Array.from({ length: key.length >> 2 }, (_, w) => view.getInt32(4 * w, true)) };
    });
    this.keys.forEach((key, index) => {
      if (key.length === 0 || !this.plain[index]) return;
      (this.byFirstByte[key[0]!] ??= []).push(index);
    });
    let size = 8;
    while (size < strings.length * 4) size *= 2;
    this.mask = size - 1;
    this.table = new Int32Array(size);
    this.keys.forEach((key, index) => {
      if (!matchable[index]) return;
      let at = quickHash(key, 0, key.length) & this.mask;
      while (this.table[at] !== 0) at = (at + 1) & this.mask;
      this.table[at] = index + 1;
    });
  }

  /** Whether the bytes `bytes[start..end)` are those of string `index` (an index of {@link strings}). */
  is(index: number, bytes: Uint8Array, start: number, end: number): boolean {
    const key = this.keys[index];
    if (key === undefined || key.length !== end - start) return false;
    for (let i = 0; i < key.length; i++) if (key[i] !== bytes[start + i]) return false;
    return true;
  }

  /**
   * When the string token at `i` (its opening quote) is string `index`, the position after its
   * closing quote; else -1. Only for strings with no quote, backslash or control character in
   * them (else -1), so that the bytes after the quote, then a quote, are that token whole.
   */
  tokenAt(index: number, bytes: Uint8Array, i: number, end: number): number {
    const token = this.tokens[index];
    if (token === undefined) return -1;
    const start = i + 1;
    const close = start + token.length;
    if (close >= end || bytes[close] !== QUOTE) return -1;
    // Four bytes at a time, then the rest.
    const words = token.words;
    const view = viewOf(bytes);
    for (let w = 0; w < words.length; w++) if (view.getInt32(start + 4 * w, true) !== words[w]) return -1;
    const key = token.bytes;
    for (let k = 4 * words.length; k < key.length; k++) if (key[k] !== bytes[start + k]) return -1;
    return close + 1;
  }

  /**
   * The string that the string token at `i` (its opening quote) is, tried by its first byte
   * with {@link tokenAt}, or -1 (none of the plain strings: scan it and {@link find} it). The
   * token ends {@link byteLength} + 2 bytes after `i`.
   */
  tokenMatch(bytes: Uint8Array, i: number, end: number): number {
    if (i + 1 >= end) return -1;
    const candidates = this.byFirstByte[bytes[i + 1]!];
    if (candidates === undefined) return -1;
    for (let k = 0; k < candidates.length; k++) if (this.tokenAt(candidates[k]!, bytes, i, end) >= 0) return candidates[k]!;
    return -1;
  }

  /** How many bytes string `index` takes. */
  byteLength(index: number): number {
    return this.keys[index]!.length;
  }

  /** The index of the string whose bytes are `bytes[start..end)`, or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    for (let at = quickHash(bytes, start, end) & this.mask; ; at = (at + 1) & this.mask) {
      const entry = this.table[at]!;
      if (entry === 0) return -1;
      if (this.is(entry - 1, bytes, start, end)) return entry - 1;
    }
  }
}

const NO_BYTES = new Uint8Array(0);

/** How an answer key's value is read. */
const CHOICE = 0;
const MULTI = 1;
const GRID = 2;
const NUMBER = 3;
const TEXT = 4;

interface KeyReader {
  readonly slot: number;
  readonly kind: number;
  /** Choices, multis: the option values; grids: the scale values. */
  readonly values: ByteTable | undefined;
  /** Grids: the row ids, and the makers of answers by the order of their rows (see {@link gridAt}). */
  readonly rows: ByteTable | undefined;
  readonly makers: Map<number, GridMaker> | undefined;
}

function keyReader(key: AnswerKeySlot): KeyReader {
  const q: CompiledQuestion = key.question;
  if (key.other) return { slot: key.slot, kind: TEXT, values: undefined, rows: undefined, makers: undefined };
  switch (q.kind) {
    case 'consent':
    case 'single':
      return { slot: key.slot, kind: CHOICE, values: new ByteTable(q.options.map((o) => o.value)), rows: undefined, makers: undefined };
    case 'multi':
      return { slot: key.slot, kind: MULTI, values: new ByteTable(q.options.map((o) => o.value)), rows: undefined, makers: undefined };
    case 'grid':
      return {
        slot: key.slot,
        kind: GRID,
        values: new ByteTable(q.scale.map((o) => o.value)),
        // Assigning a `__proto__` property would set the prototype: such a row is left to JSON.parse.
        rows: new ByteTable(q.rows.map((r) => r.id).filter((id) => id !== '__proto__')),
        makers: new Map(),
      };
    case 'number':
      return { slot: key.slot, kind: NUMBER, values: undefined, rows: undefined, makers: undefined };
    case 'date':
    case 'text':
    case 'long_text':
      return { slot: key.slot, kind: TEXT, values: undefined, rows: undefined, makers: undefined };
  }
}

/** The envelope's keys, by their index in {@link ENVELOPE_KEYS}. */
const SURVEY = 0;
const VERSION = 1;
const ID = 2;
const SUBMITTED = 3;
const ANSWERS = 4;
const ENVELOPE_KEYS = ['survey', 'version', 'id', 'submitted', 'answers'];
const ALL_ENVELOPE_KEYS = (1 << ENVELOPE_KEYS.length) - 1;

/** One line's envelope, as read by {@link LineScanner.scan}. */
export interface ScannedEnvelope {
  id: string;
  submitted: string;
  /** How many answers `answers` holds (each in its slot). */
  answers: number;
}

// The scan keeps its position in local variables (functions take it and return the next one,
// -1 when the line is not one the scanner reads) and what a string or value read left in these
// module variables: far cheaper than properties of the scanner, read and written for every byte.

/** Set by {@link stringAt}: the bytes between the quotes of the string read, and whether they hold escapes or bytes beyond ASCII. */
let textStart = 0;
let textEnd = 0;
let textEscaped = false;
let textAscii = true;

/** The byte at `i`, or -1 at the end of the line. */
function byteAt(b: Uint8Array, i: number, end: number): number {
  return i < end ? b[i]! : -1;
}

/** Skips JSON white space (space and tab: a line holds no line end). */
function skipSpace(b: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = b[i]!;
    if (c !== 0x20 && c !== 0x09) return i;
    i++;
  }
  return i;
}

/**
 * The string token whose opening quote is at `i`: sets the text variables and returns the
 * position after its closing quote; -1 when JSON does not take it (a control character) or it
 * does not end on the line.
 */
function stringAt(b: Uint8Array, i: number, end: number): number {
  const start = ++i;
  let escaped = false;
  let ascii = true;
  for (;;) {
    if (i >= end) return -1;
    const c = b[i]!;
    if (c === QUOTE) break;
    if (c < 0x20) return -1;
    if (c === BACKSLASH) {
      escaped = true;
      i += 2; // the escaped character, or the first of \uXXXX (JSON.parse checks the rest)
      continue;
    }
    if (c >= 0x80) ascii = false;
    i++;
  }
  textStart = start;
  textEnd = i;
  textEscaped = escaped;
  textAscii = ascii;
  return i + 1;
}

/** Set by {@link tokenOf}: the position after the token it matched. */
let tokenEnd = 0;

/**
 * The index in `table` of the string token at `i` (its opening quote), or -1 (not one of its
 * strings, or written with escapes); sets {@link tokenEnd}. Option values are tried by their
 * first byte, straight against the bytes, before the token is scanned and looked up.
 */
function tokenOf(table: ByteTable, b: Uint8Array, i: number, end: number): number {
  let at = table.tokenMatch(b, i, end);
  if (at >= 0) {
    tokenEnd = i + table.byteLength(at) + 2;
    return at;
  }
  if ((tokenEnd = stringAt(b, i, end)) < 0 || (at = matchText(b, table)) < 0) return -1;
  return at;
}

/** The index in `table` of the string last read (never one written with escapes), or -1. */
function matchText(b: Uint8Array, table: ByteTable): number {
  return textEscaped ? -1 : table.find(b, textStart, textEnd);
}

/**
 * The string last read, as JSON.parse gives it; `undefined` when its escapes are not JSON's.
 * Its bytes are decoded as the line reader decodes a line (TextDecoder: UTF-8, malformed
 * sequences as U+FFFD); `Buffer`'s UTF-8 decoding does the same (line-scanner.test.ts checks)
 * in half the time.
 */
function textOf(b: Buffer): string | undefined {
  if (!textEscaped) return textAscii ? latin1Slice.call(b, textStart, textEnd) : utf8Slice.call(b, textStart, textEnd);
  try {
    return JSON.parse(utf8Slice.call(b, textStart - 1, textEnd + 1)) as string;
  } catch {
    return undefined;
  }
}

type Slice = (this: Buffer, start: number, end: number) => string;
// (Guarded: the package loads where there is no Buffer, though only Node's poet export scans lines.)
const bufferMethods = (typeof Buffer === 'function' ? Buffer.prototype : {}) as unknown as { readonly latin1Slice?: Slice; readonly utf8Slice?: Slice };
/**
 * `b.toString('latin1' | 'utf8', start, end)` without the checks of its arguments, which cost
 * more than decoding a short string: the methods `toString` calls, where Node has them.
 */
const latin1Slice: Slice =
  bufferMethods.latin1Slice ??
  function (this: Buffer, start: number, end: number) {
    return this.toString('latin1', start, end);
  };
const utf8Slice: Slice =
  bufferMethods.utf8Slice ??
  function (this: Buffer, start: number, end: number) {
    return this.toString('utf8', start, end);
  };

/** Makes a grid's answer object from the scale values of its rows, in the order read. */
type GridMaker = (values: readonly string[]) => Record<string, string>;

/**
 * The maker of grid answers whose rows come in the order `rowIds`: an object literal, so that
 * every such answer is made at once with one shape. (Adding the rows one by one by computed
 * keys, as a general reader must, changes the object's shape at each row and costs several
 * times more.) The keys are JSON string literals; `__proto__`, which a literal would take as the
 * prototype, is never a row the scanner reads.
 */
function gridMaker(rowIds: readonly string[]): GridMaker | undefined {
  if (!codeFromStrings) return undefined;
  try {
    return new Function('v', `return {${rowIds.map((id, i) => `${JSON.stringify(id)}: v[${i}]`).join(', ')}};`) as GridMaker;
  } catch {
    // Code generation is not allowed here (node --disallow-code-generation-from-strings, a
    // page's Content Security Policy): grids are made row by row.
    codeFromStrings = false;
    return undefined;
  }
}

/** Whether {@link gridMaker} can make functions from source text; `false` once refused. */
let codeFromStrings = true;

/** How many orders of rows each grid keeps a maker for; answers in further orders are made row by row. */
const GRID_MAKERS = 1024;

/** A grid's rows as read (indexes into its rows table) and their scale values, reused from answer to answer. */
let gridRowsRead = new Int32Array(16);
const gridValuesRead: string[] = [];

/**
 * Reads lines of one survey's responses into slots. One scanner reads one line at a time; the
 * slots it fills ({@link given}) hold the line's answers until the next {@link scan}.
 */
export class LineScanner {
  /** The answers of the line last scanned, by slot (`undefined`: not given). */
  readonly given: unknown[];
  readonly envelope: ScannedEnvelope = { id: '', submitted: '', answers: 0 };

  private readonly envelopeKeys = new ByteTable(ENVELOPE_KEYS);
  private readonly answerKeys: ByteTable;
  private readonly readers: readonly KeyReader[];
  private readonly surveyId: ByteTable;
  private readonly version: ByteTable;
  /** The `submitted` text last read, and its bytes (none when written with escapes), to know the next line's by its bytes. */
  private lastSubmittedText = '';
  private lastSubmittedBytes: Uint8Array = NO_BYTES;
  /** The slots written by the line being scanned, to clear before the next. */
  private readonly written: Int32Array;
  private writtenCount = 0;

  constructor(slots: number, keys: readonly AnswerKeySlot[], surveyId: string, version: string) {
    this.given = new Array<unknown>(slots).fill(undefined);
    this.written = new Int32Array(keys.length);
    this.answerKeys = new ByteTable(keys.map((k) => k.key));
    this.readers = keys.map(keyReader);
    this.surveyId = new ByteTable([surveyId]);
    this.version = new ByteTable([version]);
  }

  /**
   * Reads the line `bytes[start..end)` (without its line end). `true`: it is an ordinary
   * response (see the module's comment), its answers are in {@link given} and its `id`,
   * `submitted` and number of answers in {@link envelope}. `false`: read it the general way.
   */
  scan(b: Buffer, start: number, end: number): boolean {
    const given = this.given;
    for (let k = 0; k < this.writtenCount; k++) given[this.written[k]!] = undefined;
    this.writtenCount = 0;
    let i = skipSpace(b, start, end);
    if (byteAt(b, i, end) !== OPEN_BRACE) return false;
    let seen = 0;
    for (i++; ; ) {
      i = skipSpace(b, i, end);
      if (byteAt(b, i, end) !== QUOTE) return false;
      const key = tokenOf(this.envelopeKeys, b, i, end);
      if (key < 0 || (seen & (1 << key)) !== 0) return false;
      i = tokenEnd;
      seen |= 1 << key;
      i = skipSpace(b, i, end);
      if (byteAt(b, i, end) !== COLON) return false;
      i = skipSpace(b, i + 1, end);
      if (key === ANSWERS) {
        if (byteAt(b, i, end) !== OPEN_BRACE || (i = this.answers(b, i, end)) < 0) return false;
      } else {
        if (byteAt(b, i, end) !== QUOTE) return false;
        if (key === SURVEY || key === VERSION) {
          if (tokenOf(key === SURVEY ? this.surveyId : this.version, b, i, end) !== 0) return false;
          i = tokenEnd;
        } else if (key === SUBMITTED && this.sameSubmitted(b, i, end)) {
          // The same bytes as the line before's (as most are): the same text.
          i += this.lastSubmittedBytes.length + 2;
          this.envelope.submitted = this.lastSubmittedText;
        } else {
          if ((i = stringAt(b, i, end)) < 0) return false;
          const text = textOf(b);
          if (text === undefined) return false;
          if (key === ID) {
            if (text === '') return false;
            this.envelope.id = text;
          } else if (key === SUBMITTED) {
            this.envelope.submitted = text;
            this.lastSubmittedText = text;
            this.lastSubmittedBytes = textEscaped ? NO_BYTES : b.subarray(textStart, textEnd).slice();
          }
        }
      }
      i = skipSpace(b, i, end);
      const after = byteAt(b, i++, end);
      if (after === CLOSE_BRACE) break;
      if (after !== COMMA) return false;
    }
    // Nothing but white space may follow the envelope.
    return seen === ALL_ENVELOPE_KEYS && skipSpace(b, i, end) === end;
  }

  /** Whether the string token at `i` (its opening quote) has the bytes of the last `submitted` read (which hold no quote or backslash). */
  private sameSubmitted(b: Uint8Array, i: number, end: number): boolean {
    const last = this.lastSubmittedBytes;
    const close = i + 1 + last.length;
    if (last.length === 0 || close >= end || b[close] !== QUOTE) return false;
    for (let k = 0; k < last.length; k++) if (last[k] !== b[i + 1 + k]) return false;
    return true;
  }

  /** `answers` at its `{`: each answer into its slot. */
  private answers(b: Buffer, i: number, end: number): number {
    let count = 0;
    i = skipSpace(b, i + 1, end);
    if (byteAt(b, i, end) === CLOSE_BRACE) {
      this.envelope.answers = 0;
      return i + 1;
    }
    const given = this.given;
    const readers = this.readers;
    const keys = this.answerKeys;
    // Answers usually come in the order of the survey: the key after the last one is tried first.
    let expected = 0;
    for (;;) {
      if (byteAt(b, i, end) !== QUOTE) return -1;
      let at = expected;
      const past = keys.tokenAt(expected, b, i, end);
      if (past >= 0) i = past;
      else if ((at = keys.tokenMatch(b, i, end)) >= 0) i += keys.byteLength(at) + 2;
      else if ((i = stringAt(b, i, end)) < 0 || (at = matchText(b, keys)) < 0) return -1;
      expected = at + 1;
      i = skipSpace(b, i, end);
      if (byteAt(b, i, end) !== COLON) return -1;
      const reader = readers[at]!;
      if (given[reader.slot] !== undefined) return -1; // the key twice: JSON.parse keeps the last
      i = valueAt(reader, given, b, skipSpace(b, i + 1, end), end);
      if (i < 0) return -1;
      this.written[this.writtenCount++] = reader.slot;
      count++;
      i = skipSpace(b, i, end);
      const after = byteAt(b, i++, end);
      if (after === CLOSE_BRACE) break;
      if (after !== COMMA) return -1;
      i = skipSpace(b, i, end);
    }
    this.envelope.answers = count;
    return i;
  }
}

/**
 * An answer's value at `i`, as its key's reader takes it, put in its slot of `given` (each
 * reader puts it there itself, once it has read all of it); returns the position after it, or -1.
 */
function valueAt(reader: KeyReader, given: unknown[], b: Buffer, i: number, end: number): number {
  const slot = reader.slot;
  const c = byteAt(b, i, end);
  switch (reader.kind) {
    case CHOICE: {
      if (c !== QUOTE) return -1;
      const at = tokenOf(reader.values!, b, i, end);
      if (at < 0) return -1;
      given[slot] = reader.values!.strings[at];
      return tokenEnd;
    }
    case TEXT: {
      if (c !== QUOTE || (i = stringAt(b, i, end)) < 0) return -1;
      const text = textOf(b);
      if (text === undefined) return -1;
      given[slot] = text;
      return i;
    }
    case NUMBER:
      return c === MINUS || (c >= ZERO && c <= NINE) ? numberAt(given, slot, b, i, end) : -1;
    case MULTI:
      return c === OPEN_BRACKET ? ticksAt(reader.values!, given, slot, b, i, end) : -1;
    case GRID:
      return c === OPEN_BRACE ? gridAt(reader, given, b, i, end) : -1;
  }
  return -1;
}

/** A multi's array of option values at its `[`. */
function ticksAt(options: ByteTable, given: unknown[], slot: number, b: Buffer, i: number, end: number): number {
  const ticked: string[] = [];
  i = skipSpace(b, i + 1, end);
  if (byteAt(b, i, end) === CLOSE_BRACKET) {
    given[slot] = ticked;
    return i + 1;
  }
  for (;;) {
    if (byteAt(b, i, end) !== QUOTE) return -1;
    const at = tokenOf(options, b, i, end);
    if (at < 0) return -1;
    i = tokenEnd;
    ticked.push(options.strings[at]!);
    i = skipSpace(b, i, end);
    const after = byteAt(b, i++, end);
    if (after === CLOSE_BRACKET) {
      given[slot] = ticked;
      return i;
    }
    if (after !== COMMA) return -1;
    i = skipSpace(b, i, end);
  }
}

/**
 * A grid's object of row ids and scale values at its `{`, as JSON.parse builds it (the rows as
 * own properties in the order read, which also puts any row id that is an array index first).
 */
function gridAt(reader: KeyReader, given: unknown[], b: Buffer, i: number, end: number): number {
  const rows = reader.rows!;
  const scale = reader.values!;
  // The order of the rows read, as a number: one digit (base: rows + 1) a row.
  const base = rows.strings.length + 1;
  let order = 0;
  let count = 0;
  i = skipSpace(b, i + 1, end);
  if (byteAt(b, i, end) === CLOSE_BRACE) {
    given[reader.slot] = {};
    return i + 1;
  }
  // Rows usually come in the order of the grid: the row after the last one is tried first.
  let expected = 0;
  for (;;) {
    if (byteAt(b, i, end) !== QUOTE) return -1;
    let row = expected;
    const past = rows.tokenAt(expected, b, i, end);
    if (past >= 0) i = past;
    else if ((row = rows.tokenMatch(b, i, end)) >= 0) i += rows.byteLength(row) + 2;
    else if ((i = stringAt(b, i, end)) < 0 || (row = matchText(b, rows)) < 0) return -1;
    expected = row + 1;
    for (let k = 0; k < count; k++) if (gridRowsRead[k] === row) return -1; // a row twice: JSON.parse keeps the last
    i = skipSpace(b, i, end);
    if (byteAt(b, i, end) !== COLON) return -1;
    i = skipSpace(b, i + 1, end);
    if (byteAt(b, i, end) !== QUOTE) return -1;
    const at = tokenOf(scale, b, i, end);
    if (at < 0) return -1;
    i = tokenEnd;
    if (count === gridRowsRead.length) {
      const longer = new Int32Array(count * 2);
      longer.set(gridRowsRead);
      gridRowsRead = longer;
    }
    gridRowsRead[count] = row;
    gridValuesRead[count] = scale.strings[at]!;
    count++;
    order = order * base + row + 1;
    i = skipSpace(b, i, end);
    const after = byteAt(b, i++, end);
    if (after === CLOSE_BRACE) break;
    if (after !== COMMA) return -1;
    i = skipSpace(b, i, end);
  }
  const makers = reader.makers!;
  let make = Number.isSafeInteger(order) ? makers.get(order) : undefined;
  if (make === undefined && Number.isSafeInteger(order) && makers.size < GRID_MAKERS) {
    make = gridMaker(Array.from(gridRowsRead.subarray(0, count), (row) => rows.strings[row]!));
    if (make !== undefined) makers.set(order, make);
  }
  if (make !== undefined) given[reader.slot] = make(gridValuesRead);
  else {
    const answer: Record<string, string> = {};
    for (let k = 0; k < count; k++) answer[rows.strings[gridRowsRead[k]!]!] = gridValuesRead[k]!;
    given[reader.slot] = answer;
  }
  return i;
}

/** A JSON number at `i` (`-`, or a digit), put in `given[slot]` as JSON.parse reads it; -1 when it breaks JSON's grammar. */
function numberAt(given: unknown[], slot: number, b: Buffer, i: number, end: number): number {
  const start = i;
  const negative = b[i] === MINUS;
  if (negative) i++;
  let digits = 0;
  let value = 0;
  if (byteAt(b, i, end) === ZERO) {
    i++;
    digits = 1;
  } else {
    for (let c = byteAt(b, i, end); c >= ZERO && c <= NINE; c = byteAt(b, ++i, end)) {
      value = value * 10 + (c - ZERO);
      digits++;
    }
    if (digits === 0) return -1;
  }
  let simple = digits <= 15;
  if (byteAt(b, i, end) === DOT) {
    simple = false;
    const from = ++i;
    while (i < end && b[i]! >= ZERO && b[i]! <= NINE) i++;
    if (i === from) return -1;
  }
  const e = byteAt(b, i, end);
  if (e === 0x65 || e === 0x45) {
    simple = false;
    i++;
    const sign = byteAt(b, i, end);
    if (sign === PLUS || sign === MINUS) i++;
    const from = i;
    while (i < end && b[i]! >= ZERO && b[i]! <= NINE) i++;
    if (i === from) return -1;
  }
  // Decimals, exponents and long integers: the same correctly rounded conversion as JSON.parse's.
  given[slot] = simple ? (negative ? -value : value) : Number(latin1Slice.call(b, start, i));
  return i;
}
