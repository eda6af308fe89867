/**
 * Property tests of the reader and the formatter (fast-check).
 *
 * - Generated surveys (random layout, comments, blocks, every construct) parse without
 *   errors, and formatting them is idempotent and keeps their meaning.
 * - Every string value round-trips through the formatter, or is refused as documented in
 *   src/format/strings.ts.
 * - Random damage to real and generated sources never makes `parse` throw, and every
 *   diagnostic has a consistent range inside the text.
 *
 * On failure fast-check prints the seed and the path of the failing case; rerun one with
 * `POET_PROPERTY_SEED=<seed>`. `POET_PROPERTY_SCALE=0.1` runs fewer cases (for a quick
 * check), `POET_PROPERTY_SCALE=10` more.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { PoetFile, SourcePosition, SourceRange, StringLiteral } from '../src/ast.js';
import { canWriteString } from '../src/format/strings.js';
import { formatFile, parse, type ParseResult } from '../src/index.js';
import { comparableTree, generateSurvey } from './support/generate.js';

const scale = Number(process.env['POET_PROPERTY_SCALE'] ?? '1') || 1;
const fixedSeed = process.env['POET_PROPERTY_SEED'];

function runs(count: number): fc.Parameters<unknown> {
  return {
    numRuns: Math.max(1, Math.round(count * scale)),
    ...(fixedSeed === undefined ? {} : { seed: Number(fixedSeed) }),
    // Shown with the seed when a property fails.
    verbose: fc.VerbosityLevel.Verbose,
  };
}

const seedArbitrary = fc.integer({ min: 0, max: 0x7fffffff });

function errorsOf(result: ParseResult): string[] {
  return result.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`);
}

// ---------------------------------------------------------------------------------------

describe('property: generated surveys', () => {
  it('parse without errors, and format idempotently without changing their meaning', () => {
    fc.assert(
      fc.property(seedArbitrary, (seed) => {
        const source = generateSurvey(seed);
        const parsed = parse(source, 'generated.poet');
        assert.deepEqual(errorsOf(parsed), [], `seed ${seed}: the generated survey must parse without errors`);
        const output = formatFile(parsed.file);
        const reparsed = parse(output, 'formatted.poet');
        assert.deepEqual(errorsOf(reparsed), [], `seed ${seed}: the formatted survey must parse without errors`);
        assert.deepEqual(comparableTree(reparsed.file), comparableTree(parsed.file), `seed ${seed}: formatting changed the tree`);
        assert.equal(formatFile(reparsed.file), output, `seed ${seed}: formatting is not idempotent`);
        assert.ok(!output.includes('\r') && output.split('\n').every((line) => !line.startsWith('\t')), `seed ${seed}: the output must use spaces and LF only`);
      }),
      runs(1000),
    );
  });
});

// ---------------------------------------------------------------------------------------

/** Characters and pieces that stress the string writer and reader. */
const AWKWARD_UNITS = [
  'a', 'b', ' ', ' ', '  ', '\t', '\n', '\n', '\n', '\r', '\r\n', '"', '"""', '\\', '#', '{', '}', '😀', '\u0000',
  '\ud800', '\udfff', '\u00a0', '\ufeff', '\u2028', 'é', '- ', '**', '[a](https://x.org)',
];

const stringValue = fc.oneof(
  fc.string({ unit: fc.constantFrom(...AWKWARD_UNITS), maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  // Lines with random indentation, blank and whitespace-only lines, trailing spaces.
  fc
    .array(
      fc.tuple(fc.constantFrom('', ' ', '  ', '    ', '\t'), fc.string({ unit: fc.constantFrom('x', 'y', ' ', '"', '\\', '\t'), maxLength: 8 })),
      { maxLength: 6 },
    )
    .map((lines) => lines.map(([indent, text]) => indent + text).join('\n')),
);

/** A small survey holding one string value in every kind of place a string can stand. */
const TEMPLATE = [
  'survey s "S"',
  '  intro "x"',
  'section a "A" {',
  '  intro "x"',
  '  single q "Q"',
  '    hint "x"',
  '    options {',
  '      1 a "x" specify',
  '    }',
  '    rows {',
  '      r "x" ask if q = a',
  '    }',
  '    check q = a "x"',
  '  end "x"',
  '}',
].join('\n');

/** Replaces every string value of a tree. */
function withStrings(file: PoetFile, value: string): PoetFile {
  const replace = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(replace);
    if (node !== null && typeof node === 'object') {
      if ((node as { kind?: unknown }).kind === 'String') return { ...(node as StringLiteral), value };
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) out[key] = key === 'range' ? child : replace(child);
      return out;
    }
    return node;
  };
  return replace(file) as PoetFile;
}

function stringValues(file: PoetFile): string[] {
  const values: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      if ((node as { kind?: unknown }).kind === 'String') values.push((node as StringLiteral).value);
      else for (const [key, child] of Object.entries(node)) if (key !== 'range') visit(child);
    }
  };
  visit(file);
  return values;
}

describe('property: strings', () => {
  const template = parse(TEMPLATE, 'template.poet');
  assert.equal(template.diagnostics.length, 0);
  const places = stringValues(template.file).length;

  it('every writable value reads back exactly; every other value is refused', () => {
    fc.assert(
      fc.property(stringValue, (value) => {
        const file = withStrings(template.file, value);
        if (!canWriteString(value)) {
          assert.throws(() => formatFile(file), RangeError);
          return;
        }
        const output = formatFile(file);
        const reparsed = parse(output, 'strings.poet');
        // Markup warnings (a value may look like HTML) are fine; errors are not, except for
        // markup errors, which concern what the text says, not how it is written.
        const errors = reparsed.diagnostics.filter((d) => d.severity === 'error' && !d.id.startsWith('markup-'));
        assert.deepEqual(errors.map((d) => d.message), [], output);
        assert.deepEqual(stringValues(reparsed.file), new Array<string>(places).fill(value), output);
        assert.equal(formatFile(reparsed.file), output, 'formatting is idempotent');
      }),
      runs(2000),
    );
  });

  it('values that only differ by where a block is indented are written the same way', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b c', '', '  d', '\te'), { minLength: 2, maxLength: 5 }), fc.constantFrom('', ' ', '    '), (lines, indent) => {
        const body = lines.map((line) => (line === '' ? '' : indent + line)).join('\n');
        const source = `survey s "S"\n  intro """\n${body}\n  """\n`;
        const parsed = parse(source, 'block.poet');
        if (parsed.diagnostics.some((d) => d.severity === 'error')) return;
        const output = formatFile(parsed.file);
        assert.deepEqual(stringValues(parse(output, 'out.poet').file), stringValues(parsed.file));
      }),
      runs(300),
    );
  });
});

// ---------------------------------------------------------------------------------------

/** Line and column of an offset, computed independently of the parser (`\n`, `\r\n` and `\r` end lines). */
function expectedPosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line += 1;
      lineStart = i + 1;
    } else if (c === 13 && i + 1 < offset) {
      // `\r\n`: the line ends after the `\n`.
      line += 1;
      lineStart = i + 2;
      i += 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function checkPosition(text: string, position: SourcePosition, what: string): void {
  assert.ok(Number.isInteger(position.offset) && position.offset >= 0 && position.offset <= text.length, `${what}: offset ${position.offset} outside 0..${text.length}`);
  const expected = expectedPosition(text, position.offset);
  assert.deepEqual({ line: position.line, column: position.column }, expected, `${what}: line/column do not match offset ${position.offset}`);
}

function checkRange(text: string, range: SourceRange, what: string): void {
  checkPosition(text, range.start, `${what} start`);
  checkPosition(text, range.end, `${what} end`);
  assert.ok(range.start.offset <= range.end.offset, `${what}: start ${range.start.offset} after end ${range.end.offset}`);
}

const INSERTS = [
  '"', '"""', '{', '}', '(', ')', ',', '=', '!=', '<=', '#', '\\', '\\q', '\u0000', '\ud800', '\udc00', '\t', '\r', '\r\n',
  '\n', '\ufeff', '\u00a0', '😀', '4)', '12a)', '-', '1.', '9999-99-99', '2023-02-30', '**', '[x](javascript:alert(1))',
  '<script>', 'not', 'and', 'or', 'if', 'goto', 'end', 'section', 'survey', 'bank', 'options', 'import', 'ask if',
  'count(', 'mutli', 'sectoin', 'single q "Q"', '((((((((((((((((((((', '"unterminated', '"""unterminated',
];

type Mutation =
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'duplicate'; readonly at: number; readonly length: number }
  | { readonly kind: 'swap'; readonly at: number; readonly other: number; readonly length: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string };

const position = fc.integer({ min: 0, max: 0x7fffffff });
const sliceLength = fc.integer({ min: 1, max: 60 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: position, length: sliceLength }),
  fc.record({ kind: fc.constant('duplicate' as const), at: position, length: sliceLength }),
  fc.record({ kind: fc.constant('swap' as const), at: position, other: position, length: sliceLength }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    text: fc.oneof(
      fc.constantFrom(...INSERTS),
      fc.string({ unit: fc.constantFrom(...INSERTS), maxLength: 5 }),
      fc.string({ unit: 'binary', maxLength: 5 }),
    ),
  }),
);

function mutate(text: string, m: Mutation): string {
  const at = m.at % (text.length + 1);
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'swap': {
      const other = m.other % (text.length + 1);
      const [a, b] = at <= other ? [at, other] : [other, at];
      const first = text.slice(a, Math.min(a + m.length, b));
      const second = text.slice(b, b + m.length);
      return text.slice(0, a) + second + text.slice(a + first.length, b) + first + text.slice(b + second.length);
    }
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
  }
}

/** Every node of the tree has a range inside the text, start before end. */
function checkNodeRanges(text: string, file: PoetFile): void {
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) node.forEach((child, i) => visit(child, `${path}[${i}]`));
    else if (node !== null && typeof node === 'object') {
      const range = (node as { range?: SourceRange }).range;
      if (range !== undefined) {
        assert.ok(
          range.start.offset >= 0 && range.start.offset <= range.end.offset && range.end.offset <= text.length,
          `${path}: range ${range.start.offset}..${range.end.offset} outside 0..${text.length}`,
        );
      }
      for (const [key, child] of Object.entries(node)) if (key !== 'range') visit(child, `${path}.${key}`);
    }
  };
  visit(file, 'file');
}

/** Parsing damaged text: never throws, ranges are consistent, and a damaged text that still reads without errors formats. */
function checkDamaged(text: string): void {
  let result: ReturnType<typeof parse>;
  try {
    result = parse(text, 'damaged.poet');
  } catch (error) {
    assert.fail(`parse threw on ${JSON.stringify(text)}: ${(error as Error).stack ?? String(error)}`);
  }
  assert.equal(result.file.kind, 'File');
  checkNodeRanges(text, result.file);
  for (const d of result.diagnostics) {
    assert.ok(d.message.length > 0);
    checkRange(text, d.range, `${d.code} "${d.message}"`);
  }
  if (!result.diagnostics.some((d) => d.severity === 'error')) {
    const output = formatFile(result.file);
    const reparsed = parse(output, 'formatted.poet');
    assert.deepEqual(errorsOf(reparsed), [], `the formatted text must read without errors:\n${output}`);
    assert.deepEqual(comparableTree(reparsed.file), comparableTree(result.file), 'formatting changed the tree');
  }
}

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const examples = ['examples', 'examples/banks'].flatMap((dir) => {
  try {
    return readdirSync(`${root}${dir}`)
      .filter((name) => name.endsWith('.poet'))
      .sort()
      .map((name) => ({ name: `${dir}/${name}`, text: readFileSync(`${root}${dir}/${name}`, 'utf8') }));
  } catch {
    return [];
  }
});

describe('property: damaged sources', () => {
  for (const example of examples) {
    it(`${example.name}: random damage never breaks parse`, () => {
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
          checkDamaged(mutations.reduce(mutate, example.text));
        }),
        runs(1000),
      );
    });
  }

  it('generated surveys: random damage never breaks parse', () => {
    fc.assert(
      fc.property(seedArbitrary, fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => {
        checkDamaged(mutations.reduce(mutate, generateSurvey(seed, { questions: 6 })));
      }),
      runs(1000),
    );
  });

  it('arbitrary text never breaks parse', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom(...INSERTS), maxLength: 60 })), (text) => {
        checkDamaged(text);
      }),
      runs(1000),
    );
  });
});
