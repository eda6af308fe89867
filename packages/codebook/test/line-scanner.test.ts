/**
 * Differential tests of `poet export`'s byte-level fast path (`ResponseExporter.lineRecord`,
 * line-scanner.ts) against the general path it must agree with: decode the line with
 * TextDecoder, `JSON.parse` it, `exporter.response`. Wherever the fast path gives a record, it
 * must be byte for byte the general path's record of a 'row' (counted once as exported);
 * wherever it declines, nothing may be counted. Ordinary valid responses must take it.
 *
 * Lines are built as bytes (never round-tripped through JS strings), so escapes, malformed
 * UTF-8, duplicate keys and `__proto__` keys reach both paths exactly as written.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import fc from 'fast-check';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import { createResponseValidator, type ResponseValidator } from '@poetkit/compiler/validator';
import { buildCodebook, ResponseExporter, type ExportOutcome } from '../src/index.js';
import { EXAMPLE_FILES, TODAY, example, walkResponses, type Envelope, type ExampleName } from './support.js';

// The runtime's single-rule mutations of a walk (written once, in its compiled test support).
const mutationsUrl = new URL('../../../runtime/dist/test/support/mutations.js', import.meta.url);
const { mutations } = (await import(mutationsUrl.href)) as {
  mutations(g: fc.GeneratorValue, survey: CompiledSurvey, answers: Readonly<Record<string, unknown>>): { readonly answers: Readonly<Record<string, unknown>> }[];
};

// ---------------------------------------------------------------------------------------------
// JSON written byte by byte

/** Bytes written as they are: a token, or anything that is not one. */
class Raw {
  constructor(readonly bytes: Buffer) {}
}

/** A JSON object as its members, so that keys may repeat, be `__proto__` or be written raw. */
class Members {
  constructor(readonly members: readonly (readonly [string | Raw, Json])[]) {}
}

type Json = null | boolean | number | string | Raw | Members | readonly Json[];

type Piece = string | readonly number[] | Buffer;

/** Bytes from pieces: strings as UTF-8, arrays of numbers as bytes. */
function bytes(...pieces: Piece[]): Buffer {
  return Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
}

const raw = (...pieces: Piece[]): Raw => new Raw(bytes(...pieces));
/** A string token from its bytes between the quotes, written as given (escapes, malformed UTF-8...). */
const rawString = (...pieces: Piece[]): Raw => raw('"', ...pieces, '"');

function treeOf(value: unknown): Json {
  if (Array.isArray(value)) return value.map(treeOf);
  if (typeof value === 'object' && value !== null) return new Members(Object.entries(value).map(([k, v]) => [k, treeOf(v)] as const));
  return value as Json;
}

/** JSON bytes of `tree`, with `space()` written between tokens (and around the whole). */
function serialize(tree: Json, space: () => string = () => ''): Buffer {
  // Text is gathered into one string until raw bytes come: far fewer buffers.
  const out: Buffer[] = [];
  let pending = '';
  const text = (t: string) => {
    pending += t;
  };
  const rawBytes = (b: Buffer) => {
    if (pending !== '') out.push(Buffer.from(pending, 'utf8'));
    pending = '';
    out.push(b);
  };
  const gap = () => {
    const s = space();
    if (s !== '') text(s);
  };
  const write = (t: Json): void => {
    if (t instanceof Raw) rawBytes(t.bytes);
    else if (t instanceof Members) {
      text('{');
      t.members.forEach(([key, value], i) => {
        if (i > 0) {
          gap();
          text(',');
        }
        gap();
        if (key instanceof Raw) rawBytes(key.bytes);
        else text(JSON.stringify(key)); // (lone surrogates come out as \uXXXX escapes: the bytes are UTF-8)
        gap();
        text(':');
        gap();
        write(value);
      });
      gap();
      text('}');
    } else if (Array.isArray(t)) {
      text('[');
      t.forEach((v, i) => {
        if (i > 0) {
          gap();
          text(',');
        }
        gap();
        write(v);
      });
      gap();
      text(']');
    } else text(JSON.stringify(t));
  };
  gap();
  write(tree);
  gap();
  rawBytes(Buffer.alloc(0));
  return Buffer.concat(out);
}

/** `line` with the first occurrence of the bytes of `from` replaced by those of `to` (`line` when none). */
function replaced(line: Buffer, from: string, to: string): Buffer {
  const at = line.indexOf(from, 0, 'utf8');
  return at < 0 ? line : Buffer.concat([line.subarray(0, at), bytes(to), line.subarray(at + Buffer.byteLength(from))]);
}

function envelopeTree(e: Envelope): Members {
  return new Members([
    ['survey', e.survey],
    ['version', e.version],
    ['id', e.id],
    ['submitted', e.submitted],
    ['answers', treeOf(e.answers)],
  ]);
}

/** `m` with the value of member `key` replaced (every member of that key). */
function withValue(m: Members, key: string, value: Json): Members {
  return new Members(m.members.map(([k, v]) => (k === key ? ([k, value] as const) : ([k, v] as const))));
}

/** `m` with member `key`'s key written as `written` (the value kept). */
function withKeyWritten(m: Members, key: string, written: string | Raw): Members {
  return new Members(m.members.map(([k, v]) => (k === key ? ([written, v] as const) : ([k, v] as const))));
}

function memberValue(m: Members, key: string): Json | undefined {
  return m.members.find(([k]) => k === key)?.[1];
}

function withAnswers(e: Members, change: (answers: Members) => Members): Members {
  return withValue(e, 'answers', change(memberValue(e, 'answers') as Members));
}

/** A line as the bytes show it: ASCII as itself, anything else as \xNN. */
function show(line: Buffer): string {
  let out = '';
  for (const b of line) out += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : b === 0x5c ? '\\\\' : `\\x${b.toString(16).padStart(2, '0')}`;
  return out;
}

/** A seeded generator (mulberry32): the same lines every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// The two paths side by side

const validators = new Map<ExampleName, ResponseValidator>();
function validatorOf(name: ExampleName): ResponseValidator {
  let v = validators.get(name);
  if (v === undefined) {
    v = createResponseValidator(example(name));
    validators.set(name, v);
  }
  return v;
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** What the general path makes of the line: `undefined` when it is not JSON (an unparsable line). */
function generalOutcome(exporter: ResponseExporter, line: Uint8Array): ExportOutcome | undefined {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(line));
  } catch {
    return undefined;
  }
  return exporter.response(1, value);
}

interface Tally {
  /** lineRecord gave a record. */
  fast: number;
  /** lineRecord declined... */
  declined: number;
  /** ...of which the general path made a row. */
  declinedRows: number;
}

/**
 * Bytes to put before and after a line in the buffer lineRecord reads: it must read only
 * `[start, end)`. (A truncated line is followed by the rest of itself: read further, it would
 * be whole.)
 */
const SURROUNDINGS: readonly (readonly [Buffer, Buffer])[] = [
  [bytes(''), bytes('\n')],
  [bytes('{"id":"x", "answers": {'), bytes('\n{"survey":"s"}\n')],
  [bytes('\n'), bytes('"}]}, "x": 1}')],
  [bytes([0xef, 0xbb, 0xbf]), bytes('\\u0041"}}')],
  [bytes('   '), bytes([0xc3])],
  [bytes('x'), bytes('0e5}')],
  [bytes(''), bytes(' ,')],
];

/** One survey's fast exporter (lineRecord only) beside a fresh general one. */
class Differential {
  readonly fast: ResponseExporter;
  readonly general: ResponseExporter;
  readonly tallies = new Map<string, Tally>();
  /** Records lineRecord gave (each line is read twice: alone and inside a larger buffer). */
  records = 0;
  private checks = 0;

  constructor(readonly name: ExampleName) {
    const survey = example(name);
    this.fast = new ResponseExporter(buildCodebook(survey), () => validatorOf(name));
    this.general = new ResponseExporter(buildCodebook(survey), () => validatorOf(name));
  }

  tally(family: string): Tally {
    let t = this.tallies.get(family);
    if (t === undefined) {
      t = { fast: 0, declined: 0, declinedRows: 0 };
      this.tallies.set(family, t);
    }
    return t;
  }

  /** Reads `line` both ways and asserts they agree; returns whether the fast path took it. */
  check(family: string, line: Buffer, after?: Buffer): boolean {
    const [before, defaultAfter] = SURROUNDINGS[this.checks++ % SURROUNDINGS.length]!;
    const buffer = Buffer.concat([before, line, after ?? defaultAfter]);
    const start = before.length;
    const end = start + line.length;
    // (Messages are made only on failure: showing every line would cost more than reading it.)
    const fail = (message: string, detail = '') => assert.fail(`${message}: ${this.name}, ${family}: ${show(line)}${detail}`);

    const exported = this.fast.exported;
    const record = this.fast.lineRecord(buffer, start, end);
    if (this.fast.exported !== exported + (record === undefined ? 0 : 1)) fail('not counted once when taken, or counted when declined');
    const alone = this.fast.lineRecord(line, 0, line.length);
    if (alone !== record) fail('not the same inside a larger buffer as alone', `\n alone: ${alone}\n inside: ${record}`);
    if (this.fast.exported !== exported + (record === undefined ? 0 : 2)) fail('miscounted');
    if (this.fast.rejected !== 0) fail('the fast path rejected');
    if (record !== undefined) this.records += 2;

    const { exported: rows, rejected } = this.general;
    const outcome = generalOutcome(this.general, line);
    if (this.general.exported !== rows + (outcome?.kind === 'row' ? 1 : 0) || this.general.rejected !== rejected + (outcome?.kind === 'reject' ? 1 : 0)) {
      fail('the general path miscounted');
    }
    const t = this.tally(family);
    if (record !== undefined) {
      if (outcome?.kind !== 'row') fail('the fast path took a line the general path does not export', `\n fast: ${record}\n general: ${outcome?.record ?? 'not JSON'}`);
      if (record !== outcome!.record) fail('fast and general records differ', `\n fast:    ${JSON.stringify(record)}\n general: ${JSON.stringify(outcome!.record)}`);
      t.fast++;
    } else {
      t.declined++;
      if (outcome?.kind === 'row') t.declinedRows++;
    }
    return record !== undefined;
  }

  summary(): string {
    return [...this.tallies].map(([family, t]) => `${family}: fast ${t.fast}, declined ${t.declined} (rows ${t.declinedRows})`).join('\n');
  }
}

// ---------------------------------------------------------------------------------------------
// The lines

type KeyKind = 'choice' | 'multi' | 'grid' | 'number' | 'date' | 'text';

function keyKinds(survey: CompiledSurvey): Map<string, KeyKind> {
  const kinds = new Map<string, KeyKind>();
  for (const item of survey.items) {
    switch (item.kind) {
      case 'info':
        continue;
      case 'consent':
      case 'single':
        kinds.set(item.id, 'choice');
        break;
      case 'long_text':
        kinds.set(item.id, 'text');
        break;
      default:
        kinds.set(item.id, item.kind);
    }
    if ('other' in item && item.other !== undefined) kinds.set(item.other.key, 'text');
  }
  return kinds;
}

/** A base line (a walk, or a mutation of one) and what a variant needs to perturb it. */
interface Line {
  readonly survey: CompiledSurvey;
  readonly envelope: Envelope;
  readonly tree: Members;
  readonly kinds: ReadonlyMap<string, KeyKind>;
  readonly random: () => number;
}

function pick<T>(random: () => number, values: readonly T[]): T | undefined {
  return values.length === 0 ? undefined : values[Math.floor(random() * values.length)];
}

function shuffled<T>(random: () => number, values: readonly T[]): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** An answer key of the line whose question is of one of `kinds` (and whose value passes `holds`). */
function keyOf(line: Line, kinds: readonly KeyKind[], holds: (value: unknown) => boolean = () => true): string | undefined {
  const keys = Object.keys(line.envelope.answers).filter((k) => kinds.includes(line.kinds.get(k)!) && holds(line.envelope.answers[k]));
  return pick(line.random, keys);
}

const nonEmptyGrid = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0;
const nonEmptyArray = (v: unknown) => Array.isArray(v) && v.length > 0;

/** `\uXXXX` for the first character of `s`, the rest as it is: a key or value JSON reads the same. */
function firstEscaped(s: string): Raw {
  return rawString(`\\u${s.charCodeAt(0).toString(16).padStart(4, '0')}`, s.slice(1));
}

/** A text answer replaced by `value`. */
function textAnswer(line: Line, value: Json): Members | undefined {
  const key = keyOf(line, ['text']);
  return key === undefined ? undefined : withAnswers(line.tree, (a) => withValue(a, key, value));
}

/** The most code points a text answer key takes. */
function maxLengthOf(survey: CompiledSurvey, key: string): number {
  for (const item of survey.items) {
    if ((item.kind === 'text' || item.kind === 'long_text') && item.id === key) return item.maxLength;
    if ('other' in item && item.other?.key === key) return item.other.maxLength;
  }
  throw new Error(`no text key ${key}`);
}

/** A text answer replaced by `count` times `unit` (raw bytes between the quotes). */
function repeatedText(line: Line, unit: Piece, extra: number): Members | undefined {
  const key = keyOf(line, ['text']);
  if (key === undefined) return undefined;
  const count = maxLengthOf(line.survey, key) + extra;
  return withAnswers(line.tree, (a) => withValue(a, key, rawString(...new Array<Piece>(count).fill(unit))));
}

/** A date answer replaced by `value`, and (when given) the submission date. */
function dateAnswer(line: Line, value: string, submitted?: string): Members | undefined {
  const key = keyOf(line, ['date']);
  if (key === undefined) return undefined;
  const tree = withAnswers(line.tree, (a) => withValue(a, key, value));
  return submitted === undefined ? tree : withValue(tree, 'submitted', submitted);
}

/** A variant of a line: a tree (written compactly) or bytes; `undefined` when the line has nothing it changes. */
type Variant = (line: Line) => Json | Buffer | undefined;

const ESCAPES = ['\\"', '\\\\', '\\/', '\\b', '\\f', '\\r', '\\n', '\\t', '\\u00e9', '\\u00E9', '\\ud83d\\ude00', '\\ud800', '\\udc00x', '\\u0000', '\\u2028'];
const BAD_ESCAPES: readonly Piece[] = ['\\x41', '\\u12', '\\u12G4', '\\U00e9', '\\a', '\\ ', '\\\u00e9', [0x01], [0x09], [0x1f], [0x0d], [0x00], [0x5c, 0x01]];
const NON_ASCII = ['Zoë', 'naïve café', '😀', '\u2028', '\u2029', '\ufeff', 'a\u2028b\u2029c', '\ufeffx', '日本語', '\u00a0', 'e\u0301', '\u{10ffff}'];
const MALFORMED: readonly (readonly number[])[] = [
  [0xc3],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xff],
  [0xfe],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x80],
  [0xbf, 0x80],
  [0xc3, 0xc3, 0xa9],
  [0xe2, 0x28, 0xa1],
  [0xef, 0xbb, 0xbf],
  [0xe0, 0x80, 0xaf],
];
const NUMBERS = [
  '0', '-0', '12', '1.5', '1e3', '1E+2', '-1.25e-3', '12345678901234567890', '01', '1.', '.5', '-', '+1', '1e', '7', '0.0', '-0.0', '1.0',
  '2e0', '-1', '168', '169', '500000', '500001', '2000', '2001', '25', '26', '1e-400', '1e400', '0e0', '00', '-01', '1.5e', '0x1', 'NaN',
  'Infinity', '1_0', '123456789012345', '1234567890123456', '9007199254740993', '3.0000000000000001', '1e+', '1.e3', '--1',
];
const SUBMITTED = [
  '2016-02-30', '2016-06-30T10:00:00Z', '2016-6-30', '2016-06-30 10:00', '2016-06-30t10:00', '2016-06-30T', '2016-06-30Z', '2016-06-31',
  '2016-02-29', '2015-02-29', '2016-07-01', '2016-06-29', '2020-12-31', '2015-01-01', '2011-09-01', '2011-08-31', '2009-01-01', '2008-12-31',
  '1999-01-01', '2016-06-30T23:59:59+14:00', '20160630', '', ' 2016-06-30', '2016-06-300', '2016-13-01', '2016-00-10', '0000-01-01',
];

interface Family {
  readonly name: string;
  readonly variants: readonly Variant[];
  /** The counts that must be above 0 over all examples: so the test fails when the variants stop testing what they are for. */
  readonly expect: readonly ('fast' | 'declined' | 'declinedRows')[];
  /** On how many valid lines of each survey each variant is tried (2 unless the family has many variants). */
  readonly lines?: number;
}

const FAMILIES: readonly Family[] = [
  {
    name: 'escapes in text, id and submitted',
    expect: ['fast'],
    variants: [
      ...ESCAPES.map((esc): Variant => (line) => textAnswer(line, rawString('a', esc, 'b'))),
      ...ESCAPES.map((esc): Variant => (line) => textAnswer(line, rawString('é', esc, '😀'))),
      ...ESCAPES.map((esc): Variant => (line) => withValue(line.tree, 'id', rawString('r', esc, '1'))),
      ...ESCAPES.map((esc): Variant => (line) => withValue(line.tree, 'submitted', rawString(`${TODAY}T10:00`, esc))),
      (line) => withValue(line.tree, 'submitted', rawString('2016\\u002d06-30')),
      (line) => withValue(line.tree, 'submitted', rawString(`${TODAY}\\u0054`, '10:00:00Z')),
      (line) => withValue(line.tree, 'id', rawString('\\u0000')),
      (line) => withValue(line.tree, 'id', rawString('\\ud800')),
    ],
  },
  {
    name: 'escapes in keys, option values, survey and version',
    expect: ['declined', 'declinedRows'],
    variants: [
      (line) => withAnswers(line.tree, (a) => withKeyWritten(a, 'consent', firstEscaped('consent'))),
      (line) => {
        const key = keyOf(line, ['choice', 'text', 'number', 'multi', 'grid', 'date']);
        return key === undefined ? undefined : withAnswers(line.tree, (a) => withKeyWritten(a, key, firstEscaped(key)));
      },
      ...['survey', 'version', 'id', 'submitted', 'answers'].map((key): Variant => (line) => withKeyWritten(line.tree, key, firstEscaped(key))),
      (line) => withKeyWritten(line.tree, 'answers', rawString('answer\\u0073')),
      (line) => {
        const key = keyOf(line, ['choice'], (v) => typeof v === 'string');
        if (key === undefined) return undefined;
        const value = line.envelope.answers[key] as string;
        return withAnswers(line.tree, (a) => withValue(a, key, value.length > 1 ? rawString(value[0]!, `\\u${value.charCodeAt(1).toString(16).padStart(4, '0')}`, value.slice(2)) : firstEscaped(value)));
      },
      (line) => withAnswers(line.tree, (a) => withValue(a, 'consent', rawString('y\\u0065s'))),
      (line) => {
        const key = keyOf(line, ['multi'], nonEmptyArray);
        if (key === undefined) return undefined;
        const ticked = line.envelope.answers[key] as string[];
        return withAnswers(line.tree, (a) => withValue(a, key, [firstEscaped(ticked[0]!), ...ticked.slice(1)]));
      },
      (line) => {
        const key = keyOf(line, ['grid'], nonEmptyGrid);
        if (key === undefined) return undefined;
        const rows = line.envelope.answers[key] as Record<string, string>;
        const [row] = Object.keys(rows);
        return withAnswers(line.tree, (a) => withValue(a, key, withKeyWritten(treeOf(rows) as Members, row!, firstEscaped(row!))));
      },
      (line) => {
        const key = keyOf(line, ['grid'], nonEmptyGrid);
        if (key === undefined) return undefined;
        const rows = line.envelope.answers[key] as Record<string, string>;
        const [row] = Object.keys(rows);
        return withAnswers(line.tree, (a) => withValue(a, key, withValue(treeOf(rows) as Members, row!, firstEscaped(rows[row!]!))));
      },
      (line) => withValue(line.tree, 'survey', firstEscaped(line.envelope.survey)),
      (line) => withValue(line.tree, 'version', rawString('1\\u002e0.0')),
      (line) => withValue(line.tree, 'version', rawString('1.0\\/0')),
    ],
  },
  {
    name: 'invalid escapes and control characters',
    lines: 1,
    expect: ['declined'],
    variants: [
      ...BAD_ESCAPES.map((bad): Variant => (line) => textAnswer(line, rawString('a', bad, 'b'))),
      ...BAD_ESCAPES.map((bad): Variant => (line) => withValue(line.tree, 'id', rawString('r', bad))),
      ...BAD_ESCAPES.map((bad): Variant => (line) => withValue(line.tree, 'submitted', rawString(`${TODAY}T`, bad))),
      ...BAD_ESCAPES.map((bad): Variant => (line) => withAnswers(line.tree, (a) => withKeyWritten(a, 'consent', rawString('cons', bad, 'ent')))),
      (line) => textAnswer(line, rawString('ab\\')),
      (line) => textAnswer(line, raw('"ab\\"')),
    ],
  },
  {
    name: 'non-ASCII text',
    expect: ['fast'],
    variants: [
      ...NON_ASCII.map((s): Variant => (line) => textAnswer(line, rawString(s))),
      ...NON_ASCII.map((s): Variant => (line) => textAnswer(line, rawString('x', s, '\\n', s))),
      ...NON_ASCII.map((s): Variant => (line) => withValue(line.tree, 'id', rawString(s))),
      (line) => withValue(line.tree, 'submitted', rawString(`${TODAY}T10:00 Zoë`)),
      (line) => withAnswers(line.tree, (a) => withKeyWritten(a, 'consent', rawString('consent\u2028'))),
      (line) => withValue(line.tree, 'survey', rawString(`${line.envelope.survey}\ufeff`)),
    ],
  },
  {
    name: 'malformed UTF-8 in strings',
    lines: 1,
    expect: ['fast', 'declined'],
    variants: [
      ...MALFORMED.map((bad): Variant => (line) => textAnswer(line, rawString('a', bad, 'b'))),
      ...MALFORMED.map((bad): Variant => (line) => textAnswer(line, rawString(bad))),
      ...MALFORMED.map((bad): Variant => (line) => textAnswer(line, rawString(bad, '\\"', bad, '\\u00e9'))),
      ...MALFORMED.map((bad): Variant => (line) => textAnswer(line, rawString('é', bad, '😀', bad))),
      ...MALFORMED.map((bad): Variant => (line) => withValue(line.tree, 'id', rawString('r', bad))),
      ...MALFORMED.map((bad): Variant => (line) => withValue(line.tree, 'submitted', rawString(`${TODAY}T`, bad))),
      ...MALFORMED.map((bad): Variant => (line) => withValue(line.tree, 'submitted', rawString(TODAY, bad))),
      ...MALFORMED.map((bad): Variant => (line) => withAnswers(line.tree, (a) => withKeyWritten(a, 'consent', rawString('consent', bad)))),
      ...MALFORMED.map((bad): Variant => (line) => withAnswers(line.tree, (a) => withValue(a, 'consent', rawString('yes', bad)))),
      // Outside strings, where JSON.parse meets U+FFFD.
      ...MALFORMED.map((bad): Variant => (line) => Buffer.concat([bytes('{'), bytes(bad), serialize(line.tree).subarray(1)])),
      ...MALFORMED.map((bad): Variant => (line) => Buffer.concat([serialize(line.tree), bytes(bad)])),
    ],
  },
  {
    // Limits count code points of the decoded text: emoji, lone surrogates and U+FFFD from malformed bytes count one each.
    name: 'text at its length limit',
    expect: ['fast', 'declined'],
    variants: [-1, 0, 1].flatMap((extra): Variant[] => [
      (line) => repeatedText(line, 'x', extra),
      (line) => repeatedText(line, '😀', extra),
      (line) => repeatedText(line, '\\ud83d\\ude00', extra),
      (line) => repeatedText(line, '\\ud800', extra),
      (line) => repeatedText(line, [0xff], extra),
      (line) => repeatedText(line, [0xf0, 0x9f, 0x98], extra),
      (line) => repeatedText(line, [0xed, 0xa0, 0x80], extra),
      (line) => repeatedText(line, 'é', extra),
    ]),
  },
  {
    name: 'blank and odd text',
    expect: ['fast', 'declined'],
    // Raw white space of several kinds, and escaped (the route reads a text as answered only when it has a character that is not white space).
    variants: ['', ' ', '   ', '\\t', '\\n', ' \\r\\n', '\u00a0', '\u3000', '\ufeff', '\u200b', '\u2028', '\u180e', '\u0085', '\\u0020', '\\u0000', '\\u00a0', '-1', '-9', '=1+1', 'null'].map(
      (text): Variant => (line) => textAnswer(line, rawString(text)),
    ),
  },
  {
    name: 'dates',
    expect: ['fast', 'declined'],
    variants: [
      ...[TODAY, '2016-07-01', '2016-06-29', '2016-02-29', '2016-02-30', '2015-02-29', '2011-09-01', '2011-08-31', '2009-01-01', '2008-12-31', '2016-6-30', '2016-06-30T00:00', '', '2016-13-01', '２０１６-06-30'].map(
        (date): Variant => (line) => dateAnswer(line, date),
      ),
      (line) => dateAnswer(line, TODAY, '2016-06-29'),
      (line) => dateAnswer(line, '2016-07-01', '2016-07-01'),
      (line) => dateAnswer(line, '2016-07-01', '2016-07-01T08:00:00Z'),
      (line) => dateAnswer(line, '2012-03-04', '2012-03-04'),
      (line) => dateAnswer(line, '2012-03-05', '2012-03-04'),
      (line) => dateAnswer(line, '2011-09-01', '2011-09-01'),
      (line) => dateAnswer(line, '2011-09-01', '2011-08-31'),
    ],
  },
  {
    name: 'numbers',
    expect: ['fast', 'declined'],
    variants: NUMBERS.map((n): Variant => (line) => {
      const key = keyOf(line, ['number']);
      return key === undefined ? undefined : withAnswers(line.tree, (a) => withValue(a, key, raw(n)));
    }),
  },
  {
    name: 'duplicate keys',
    expect: ['declined', 'declinedRows'],
    variants: [
      ...['survey', 'version', 'id', 'submitted', 'answers'].map((key): Variant => (line) => new Members([...line.tree.members, [key, memberValue(line.tree, key)!]])),
      (line) => new Members([['id', 'first'], ...line.tree.members]),
      (line) => new Members([['answers', new Members([])], ...line.tree.members]),
      (line) => new Members([['submitted', '2001-01-01'], ...line.tree.members]),
      (line) => {
        const key = keyOf(line, ['choice', 'text', 'number', 'multi', 'grid', 'date']);
        return key === undefined ? undefined : withAnswers(line.tree, (a) => new Members([...a.members, [key, memberValue(a, key)!]]));
      },
      (line) => {
        const key = keyOf(line, ['choice', 'text', 'number', 'multi', 'grid', 'date']);
        return key === undefined ? undefined : withAnswers(line.tree, (a) => new Members([[key, null], ...a.members]));
      },
      (line) => {
        const key = keyOf(line, ['grid'], nonEmptyGrid);
        if (key === undefined) return undefined;
        const rows = treeOf(line.envelope.answers[key]) as Members;
        return withAnswers(line.tree, (a) => withValue(a, key, new Members([...rows.members, rows.members[0]!])));
      },
      (line) => {
        const key = keyOf(line, ['grid'], nonEmptyGrid);
        if (key === undefined) return undefined;
        const rows = treeOf(line.envelope.answers[key]) as Members;
        return withAnswers(line.tree, (a) => withValue(a, key, new Members([[rows.members[0]![0], 'no_such_value'], ...rows.members])));
      },
      (line) => {
        const key = keyOf(line, ['multi'], nonEmptyArray);
        if (key === undefined) return undefined;
        const ticked = line.envelope.answers[key] as string[];
        return withAnswers(line.tree, (a) => withValue(a, key, [...ticked, ticked[0]!]));
      },
    ],
  },
  {
    name: '__proto__ keys',
    expect: ['declined'],
    variants: [
      (line) => withAnswers(line.tree, (a) => new Members([...a.members, ['__proto__', 'x']])),
      (line) => withAnswers(line.tree, (a) => new Members([['__proto__', new Members([])], ...a.members])),
      (line) => withAnswers(line.tree, (a) => new Members([['__proto__', new Members([['consent', 'yes']])], ...a.members])),
      (line) => new Members([...line.tree.members, ['__proto__', new Members([])]]),
      (line) => new Members([['__proto__', new Members([['id', 'p']])], ...line.tree.members]),
      (line) => {
        const key = keyOf(line, ['grid']);
        if (key === undefined) return undefined;
        const rows = treeOf(line.envelope.answers[key]) as Members;
        return withAnswers(line.tree, (a) => withValue(a, key, new Members([...rows.members, ['__proto__', pick(line.random, rows.members)?.[1] ?? 'x']])));
      },
      (line) => withKeyWritten(line.tree, 'id', '__proto__'),
    ],
  },
  {
    name: 'other shapes: null, booleans, nesting, empty',
    lines: 1,
    expect: ['fast', 'declined', 'declinedRows'],
    variants: [
      ...[null, true, false, 0, [], ['x'], new Members([]), new Members([['a', 'b']])].flatMap((value): Variant[] => [
        (line) => textAnswer(line, value),
        (line) => {
          const key = keyOf(line, ['choice', 'number', 'date', 'multi', 'grid']);
          return key === undefined ? undefined : withAnswers(line.tree, (a) => withValue(a, key, value));
        },
        ...['survey', 'version', 'id', 'submitted', 'answers'].map((key): Variant => (line) => withValue(line.tree, key, value)),
        (line) => {
          const key = keyOf(line, ['multi'], nonEmptyArray);
          return key === undefined ? undefined : withAnswers(line.tree, (a) => withValue(a, key, [...(line.envelope.answers[key] as string[]), value]));
        },
        (line) => {
          const key = keyOf(line, ['grid'], nonEmptyGrid);
          if (key === undefined) return undefined;
          const rows = treeOf(line.envelope.answers[key]) as Members;
          return withAnswers(line.tree, (a) => withValue(a, key, withValue(rows, rows.members[0]![0] as string, value)));
        },
      ]),
      (line) => withValue(line.tree, 'answers', new Members([])),
      (line) => {
        const key = keyOf(line, ['multi']);
        return key === undefined ? undefined : withAnswers(line.tree, (a) => withValue(a, key, []));
      },
      (line) => {
        const key = keyOf(line, ['grid']);
        return key === undefined ? undefined : withAnswers(line.tree, (a) => withValue(a, key, new Members([])));
      },
      (line) => {
        // A grid left with one row of those given.
        const key = keyOf(line, ['grid'], (v) => nonEmptyGrid(v) && Object.keys(v as object).length > 1);
        if (key === undefined) return undefined;
        const rows = treeOf(line.envelope.answers[key]) as Members;
        return withAnswers(line.tree, (a) => withValue(a, key, new Members(rows.members.slice(0, 1))));
      },
      (line) => {
        // A multi left with its first tick.
        const key = keyOf(line, ['multi'], (v) => Array.isArray(v) && v.length > 1);
        return key === undefined ? undefined : withAnswers(line.tree, (a) => withValue(a, key, (line.envelope.answers[key] as string[]).slice(0, 1)));
      },
      () => raw('null'),
      () => raw('[]'),
      () => raw('{}'),
      () => raw('"x"'),
      () => raw('7'),
      (line) => [line.tree],
    ],
  },
  {
    name: 'envelope: keys, id, survey, version, submitted',
    expect: ['fast', 'declined', 'declinedRows'],
    variants: [
      (line) => withAnswers(line.tree, (a) => new Members([...a.members, ['no_such_question', 'x']])),
      (line) => withAnswers(line.tree, (a) => new Members([['consent_other', 'x'], ...a.members])),
      (line) => new Members([...line.tree.members, ['extra', 1]]),
      (line) => new Members([['comment', 'hi'], ...line.tree.members]),
      ...['survey', 'version', 'id', 'submitted', 'answers'].map((key): Variant => (line) => new Members(line.tree.members.filter(([k]) => k !== key))),
      (line) => withValue(line.tree, 'id', ''),
      (line) => withValue(line.tree, 'id', 7),
      (line) => withValue(line.tree, 'id', raw('7.50')),
      (line) => withValue(line.tree, 'id', ' '),
      (line) => withValue(line.tree, 'survey', 'carer'),
      (line) => withValue(line.tree, 'survey', `${line.envelope.survey} `),
      (line) => withValue(line.tree, 'survey', line.envelope.survey.toUpperCase()),
      (line) => withValue(line.tree, 'version', '2.0.0'),
      (line) => withValue(line.tree, 'version', '1.0'),
      (line) => withValue(line.tree, 'version', ''),
      ...SUBMITTED.map((s): Variant => (line) => withValue(line.tree, 'submitted', s)),
    ],
  },
  {
    name: 'JSON syntax around and between tokens',
    expect: ['fast', 'declined'],
    variants: [
      ...['} x', '}}', '},', '}]', '} ,', '}\u0000', '}"', ' }', '}\r', '}\t\t', '}   ', '}\u00a0'].map((tail): Variant => (line) => {
        const b = serialize(line.tree);
        return Buffer.concat([b.subarray(0, b.length - 1), bytes(tail)]);
      }),
      ...['  ', '\t', ' \t ', '\r', '\r\n', '\u00a0', '\ufeff'].map((lead): Variant => (line) => Buffer.concat([bytes(lead), serialize(line.tree)])),
      (line) => Buffer.concat([bytes([0xef, 0xbb, 0xbf]), serialize(line.tree)]),
      (line) => Buffer.concat([bytes([0xef, 0xbb, 0xbf, 0x20]), serialize(line.tree)]),
      // Trailing commas, in the envelope, the answers, a multi and a grid.
      (line) => {
        const b = serialize(line.tree);
        return Buffer.concat([b.subarray(0, b.length - 1), bytes(',}')]);
      },
      (line) => withValue(line.tree, 'answers', raw(serialize(memberValue(line.tree, 'answers')!).subarray(0, -1), ',}')),
      (line) => {
        const key = keyOf(line, ['multi'], nonEmptyArray);
        return key === undefined ? undefined : withAnswers(line.tree, (a) => withValue(a, key, raw(serialize(treeOf(line.envelope.answers[key])).subarray(0, -1), ',]')));
      },
      (line) => {
        const key = keyOf(line, ['grid'], nonEmptyGrid);
        return key === undefined ? undefined : withAnswers(line.tree, (a) => withValue(a, key, raw(serialize(treeOf(line.envelope.answers[key])).subarray(0, -1), ',}')));
      },
      // Missing commas, doubled commas, missing colons.
      (line) => replaced(serialize(line.tree), '","version"', '" "version"'),
      (line) => replaced(serialize(line.tree), '","version"', '",,"version"'),
      (line) => replaced(serialize(line.tree), '"id":', '"id"'),
      (line) => replaced(serialize(line.tree), '"consent":', '"consent"::'),
      (line) => {
        const key = keyOf(line, ['multi'], (v) => Array.isArray(v) && v.length > 1);
        if (key === undefined) return undefined;
        const ticked = line.envelope.answers[key] as string[];
        return withAnswers(line.tree, (a) => withValue(a, key, raw('[', ...ticked.flatMap((t, i) => (i === 0 ? [serialize(t)] : [' ', serialize(t)])), ']')));
      },
      (line) => {
        const keys = Object.keys(line.envelope.answers);
        if (keys.length < 2) return undefined;
        const members = keys.map((k) => bytes(JSON.stringify(k), ':', serialize(treeOf(line.envelope.answers[k]))));
        return withValue(line.tree, 'answers', raw('{', ...members.flatMap((m, i) => (i === 0 ? [m] : [' ', m])), '}'));
      },
      // White space that JSON takes (CR, LF between tokens) and that it does not.
      (line) => serialize(line.tree, () => '\r'),
      (line) => serialize(line.tree, () => '\n'),
      (line) => serialize(line.tree, () => '\f'),
      (line) => serialize(line.tree, () => '\v'),
      (line) => serialize(line.tree, () => '\u00a0'),
      (line) => serialize(line.tree, () => (line.random() < 0.5 ? ' ' : '\t')),
      // Single quotes, and a string token that never ends.
      (line) => replaced(serialize(line.tree), '"id":"', "'id':\""),
      (line) => Buffer.concat([serialize(line.tree).subarray(0, -1), bytes(',"x":"}')]),
    ],
  },
];

function toBytes(variant: Json | Buffer): Buffer {
  return Buffer.isBuffer(variant) ? variant : serialize(variant);
}

const WALKS = 100;
const walkCache = new Map<ExampleName, Envelope[]>();
/** {@link WALKS} walks through the example, made once for the tests of this file. */
function walksOf(name: ExampleName): Envelope[] {
  let walks = walkCache.get(name);
  if (walks === undefined) {
    walks = walkResponses(example(name), WALKS, 21);
    walkCache.set(name, walks);
  }
  return walks;
}

/** The base lines of a survey: walks, and the runtime's mutations of them (each breaks one rule). */
function baseLines(name: ExampleName, walks: number, seed: number): { walked: Envelope[]; mutated: Envelope[] } {
  const walked = walksOf(name).slice(0, walks);
  const mutated = fc
    .sample(
      fc.gen().map((g) => mutations(g, example(name), walked[g(fc.nat, walked.length - 1)]!.answers)),
      { numRuns: 8, seed },
    )
    .flat()
    .map((m, i): Envelope => ({ ...walked[0]!, id: `m${i}`, answers: { ...m.answers } }));
  return { walked, mutated };
}

/** One random change of a byte: replaced, inserted or removed. */
function byteNoise(random: () => number, line: Buffer): Buffer {
  const at = Math.floor(random() * line.length);
  const interesting = [0x22, 0x5c, 0x2c, 0x3a, 0x7b, 0x7d, 0x5b, 0x5d, 0x20, 0x09, 0x00, 0x30, 0x2d, 0x80, 0xc3, 0xff, 0x65];
  const byte = random() < 0.7 ? interesting[Math.floor(random() * interesting.length)]! : Math.floor(random() * 256);
  const how = random();
  if (how < 0.4) return Buffer.concat([line.subarray(0, at), Buffer.from([byte]), line.subarray(at + 1)]);
  if (how < 0.7) return Buffer.concat([line.subarray(0, at), Buffer.from([byte]), line.subarray(at)]);
  return Buffer.concat([line.subarray(0, at), line.subarray(at + 1)]);
}

// ---------------------------------------------------------------------------------------------

describe('lineRecord (the fast path) against the general path', () => {
  for (const [index, name] of EXAMPLE_FILES.entries()) {
    it(`${name}: every walked response takes the fast path, with the general path's record, however its keys are ordered and spaced`, (t: TestContext) => {
      const d = new Differential(name);
      const random = seeded(1000 + index);
      const spaces = [' ', '\t', '', '', ' \t ', '  '];
      for (const response of walksOf(name)) {
        const compact = serialize(envelopeTree(response));
        if (!d.check('compact', compact)) assert.fail(`${name}: declined ${show(compact)}`);
        // The envelope's members, the answers and each grid's rows in another order; spaces and tabs between tokens.
        const answers = new Members(
          shuffled(random, Object.entries(response.answers)).map(([k, v]) => [k, nonEmptyGrid(v) ? new Members(shuffled(random, Object.entries(v as object))) : treeOf(v)] as const),
        );
        const tree = new Members(shuffled(random, [...withValue(envelopeTree(response), 'answers', answers).members]));
        const spaced = serialize(tree, () => spaces[Math.floor(random() * spaces.length)]!);
        if (!d.check('reordered and spaced', spaced)) assert.fail(`${name}: declined ${show(spaced)}`);
      }
      assert.equal(d.general.exported, 2 * WALKS);
      // The scanner makes a grid's answer by a maker per order of its rows, up to a number of
      // orders, then row by row: the walk with the most rows answered in a grid, in many orders.
      let most: { response: Envelope; key: string; rows: [string, unknown][] } | undefined;
      for (const response of walksOf(name)) {
        for (const [key, value] of Object.entries(response.answers)) {
          if (nonEmptyGrid(value) && Object.keys(value as object).length > (most?.rows.length ?? 0)) most = { response, key, rows: Object.entries(value as object) };
        }
      }
      assert.ok(most !== undefined && most.rows.length >= 4, `${name}: a grid with 4 rows answered`);
      const orders = new Set<string>();
      for (let k = 0; k < 80; k++) {
        const rows = shuffled(random, most.rows);
        orders.add(rows.map(([row]) => row).join());
        const line = serialize(withAnswers(envelopeTree(most.response), (a) => withValue(a, most!.key, new Members(rows.map(([row, v]) => [row, treeOf(v)] as const)))));
        if (!d.check('grid rows in many orders', line)) assert.fail(`${name}: declined ${show(line)}`);
      }
      // Beyond 64 orders of one grid (GRID_MAKERS), answers are made row by row.
      if (most.rows.length >= 6) assert.ok(orders.size > 64, `${orders.size} orders`);
      else assert.ok(orders.size > 20, `${orders.size} orders`);
      t.diagnostic(`${name}: ${most.key}, ${most.rows.length} rows in ${orders.size} orders`);
      assert.equal(d.fast.exported, d.records);
    });
  }

  const totals = new Map<string, Tally>();

  for (const [index, name] of EXAMPLE_FILES.entries()) {
    it(`${name}: perturbed lines — a record from the fast path is the general path's row, and a declined line counts nothing`, (t: TestContext) => {
      const survey = example(name);
      const d = new Differential(name);
      const random = seeded(7 + index);
      const kinds = keyKinds(survey);
      const { walked, mutated } = baseLines(name, 40, 31 + index);
      const lineOf = (envelope: Envelope): Line => ({ survey, envelope, tree: envelopeTree(envelope), kinds, random });
      const valid = walked.map(lineOf);
      const broken = mutated.map(lineOf);

      for (const line of broken) d.check('mutations', serialize(line.tree));
      // Each variant on a few valid lines that have what it changes, and a third of them (another third each survey) on a broken one.
      const apply = (family: Family, variant: Variant, lines: readonly Line[], times: number) => {
        let applied = 0;
        for (const line of shuffled(random, lines)) {
          const changed = variant(line);
          if (changed === undefined) continue;
          d.check(family.name, toBytes(changed));
          if (++applied === times) break;
        }
      };
      for (const family of FAMILIES) {
        family.variants.forEach((variant, i) => {
          apply(family, variant, valid, family.lines ?? 2);
          if (i % 3 === index % 3) apply(family, variant, broken, 1);
        });
      }
      // Truncations, followed in the buffer by the rest of the line; and random changes of bytes.
      for (const line of [...valid.slice(0, 30), ...broken.slice(0, 10)]) {
        const whole = serialize(line.tree);
        for (let k = 0; k < 2; k++) {
          const at = Math.floor(random() * whole.length);
          d.check('truncations', whole.subarray(0, at), whole.subarray(at));
        }
        for (let k = 0; k < 2; k++) d.check('byte noise', byteNoise(random, k === 0 ? whole : serialize(line.tree, () => (random() < 0.3 ? ' ' : ''))));
      }

      assert.equal(d.fast.exported, d.records, 'exported counts exactly the records lineRecord gave');
      t.diagnostic(`${name}:\n${d.summary()}`);
      for (const [family, tally] of d.tallies) {
        const total = totals.get(family) ?? { fast: 0, declined: 0, declinedRows: 0 };
        total.fast += tally.fast;
        total.declined += tally.declined;
        total.declinedRows += tally.declinedRows;
        totals.set(family, total);
      }
    });
  }

  it('every family of perturbations both took and missed the fast path as expected (over all examples)', (t: TestContext) => {
    if (totals.size === 0) return t.skip('counts the perturbation tests above, which did not run');
    t.diagnostic([...totals].map(([family, c]) => `${family}: fast ${c.fast}, declined ${c.declined} (general rows ${c.declinedRows})`).join('\n'));
    for (const family of FAMILIES) {
      const total = totals.get(family.name);
      assert.ok(total !== undefined, `${family.name} was applied`);
      for (const count of family.expect) assert.ok(total[count] > 0, `${family.name}: ${count} ${total[count]}`);
    }
    for (const family of ['mutations', 'truncations', 'byte noise']) assert.ok(totals.get(family)!.declined > 0, family);
    // Every mutation breaks a rule: the general path rejects it, so the fast path must never take it.
    assert.equal(totals.get('mutations')!.fast, 0);
    assert.equal(totals.get('mutations')!.declinedRows, 0);
  });
});

describe('counting', () => {
  it('after a batch of mixed lines, exported is the number of lines lineRecord gave a record for', () => {
    const fast = new ResponseExporter(buildCodebook(example('parent-ehc')), () => validatorOf('parent-ehc'));
    const random = seeded(99);
    const { walked, mutated } = baseLines('parent-ehc', 60, 3);
    const batch: Buffer[] = [];
    for (const e of [...walked, ...mutated]) {
      const line = serialize(envelopeTree(e));
      batch.push(line, line.subarray(0, Math.floor(random() * line.length)), byteNoise(random, line));
    }
    let records = 0;
    let declined = 0;
    for (const line of shuffled(random, batch)) {
      if (fast.lineRecord(line, 0, line.length) === undefined) declined++;
      else records++;
    }
    assert.ok(records >= walked.length && declined >= walked.length, `${records} records, ${declined} declined`);
    assert.equal(fast.exported, records);
    assert.equal(fast.rejected, 0);
  });
});

describe('decoding string bytes', () => {
  // line-scanner.ts decodes a string's bytes with Buffer#toString('utf8'), while the general
  // path decodes the whole line with TextDecoder('utf-8', {ignoreBOM: true}): the fast path's
  // records are the general path's only while the two decoders agree on every byte sequence,
  // malformed ones included (U+FFFD for each maximal invalid subpart, a BOM kept).
  it('Buffer#toString("utf8") decodes any bytes, malformed UTF-8 included, as TextDecoder does', () => {
    const tricky: readonly (readonly number[])[] = [...MALFORMED, [0xef, 0xbb, 0xbf], [0xf0, 0x9f, 0x98, 0x80], [0xe2, 0x80, 0xa8], [0xc2, 0x80], [0xf4, 0x8f, 0xbf, 0xbf]];
    const chunk = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((b) => [b]) },
      { weight: 2, arbitrary: fc.integer({ min: 0x00, max: 0x7f }).map((b) => [b]) },
      { weight: 2, arbitrary: fc.constantFrom(...tricky) },
    );
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 8 }), fc.nat(), fc.nat(), (chunks, a, b) => {
        const buffer = Buffer.from(chunks.flat());
        assert.equal(buffer.toString('utf8'), decoder.decode(buffer));
        // A slice of the buffer, as a string token's bytes are read.
        const start = a % (buffer.length + 1);
        const end = start + (b % (buffer.length - start + 1));
        assert.equal(buffer.toString('utf8', start, end), decoder.decode(buffer.subarray(start, end)));
      }),
      { numRuns: 20_000, seed: 2028 },
    );
  });

  it('a string between ASCII quotes decodes the same alone as inside its decoded line', () => {
    // The fast path decodes each string alone; the general path decodes the line: a malformed
    // sequence cut short by the closing quote must not swallow it.
    for (const bad of MALFORMED) {
      const line = bytes('["a', bad, '","', bad, 'b"]');
      const alone = JSON.parse(`[${JSON.stringify(Buffer.from(bytes('a', bad)).toString('utf8'))},${JSON.stringify(bytes(bad, 'b').toString('utf8'))}]`) as unknown;
      assert.deepEqual(JSON.parse(decoder.decode(line)), alone, show(line));
    }
  });
});
