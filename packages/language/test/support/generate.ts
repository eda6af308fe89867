/**
 * Random but syntactically valid `.poet` surveys, written as source text.
 *
 * Used by the property tests (random layout: spacing, line breaks, blank lines, comments in
 * every legal place, tabs, CRLF and CR line ends, `contains` for `includes`, `"""` blocks
 * with odd indentation, awkward characters in strings) and by the parse benchmark (a tidy,
 * realistic layout). Everything is driven by a seeded generator, so a seed reproduces a
 * survey exactly.
 *
 * The surveys are valid for the parser, not for the compiler: ids may repeat and
 * conditions may refer to anything.
 */

import type { PoetFile } from '../../src/ast.js';

/** A seeded source of random numbers (mulberry32). */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)]!;
    },
  };
}

/** Shuffles a list in place (Fisher–Yates). */
function shuffle<T>(r: Random, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

export interface SurveyOptions {
  /**
   * `random` (the default): free layout — random spacing and line breaks, blank lines,
   * comments wherever a line may end, tabs, mixed line ends, awkward strings.
   * `tidy`: the canonical layout with plain, realistic texts (for benchmarks).
   */
  readonly layout?: 'random' | 'tidy';
  /** Number of questions in sections (default: random, 2 to 25). */
  readonly questions?: number;
  /** Most questions per section (default: 8; a random layout draws each section's size from 1 up to this). */
  readonly sectionSize?: number;
}

/** A random survey; the same seed and options always give the same text. */
export function generateSurvey(seed: number, options: SurveyOptions = {}): string {
  return new SurveyGenerator(createRandom(seed), options).survey();
}

/** A large survey in the canonical layout: sections of about 20 questions of mixed kinds (for the benchmark). */
export function generateLargeSurvey(questions: number, seed = 1): string {
  return generateSurvey(seed, { layout: 'tidy', questions, sectionSize: 20 });
}

// ---------------------------------------------------------------------------------------

/**
 * How a token is separated from the one before it.
 * - `hard`: a line break is needed (a question number must be the first thing on its line);
 * - `soft`: the canonical layout breaks the line here; a random layout may not;
 * - `space`: one space in the canonical layout; anything in a random layout;
 * - `tight`: nothing in the canonical layout (`count(x)`); anything in a random layout;
 * - `inline`: no line break in any layout (before a number that a `)` follows, which at
 *   the start of a line would read as a question number).
 */
type Separator = 'hard' | 'soft' | 'space' | 'tight' | 'inline';

const WORDS = [
  'your', 'child', 'plan', 'budget', 'support', 'school', 'the', 'council', 'how', 'what', 'care', 'help',
  'family', 'health', 'services', 'money', 'life', 'work', 'home', 'choice', 'control', 'people',
];

/** Pieces of text that stress the string writer and reader (none contains `*`, `[` or a line break). */
const AWKWARD = [
  '"', '""', '"""', '\\', '\\\\', '\\"', 'Don\'t know', 'Other – please describe', '😀', '👩‍👧', 'é', 'Ω',
  '\u0000', '\ud800', '\udfff', '\t', '#', '# not a comment', '{', '}', '(', ')', ',', '=', '  ', 'a  b', '\u00a0',
  '\ufeff', '\u2028', '<b>bold</b>', 'x < 3 > y', '%', '4)', '1.5', '2024-02-29', 'if', 'end', 'and',
];

const MARKUP = ['**bold words**', '[our notice](https://example.org/privacy)', '[write](mailto:poet@example.org)'];

const ID_WORDS = ['age', 'reason', 'impact', 'plan', 'budget', 'help', 'views', 'ease', 'money', 'school', 'wellbeing', 'choice'];
/** Option value names, some of them keywords (a keyword may be used wherever a name is expected). */
const VALUE_NAMES = [
  'yes', 'no', 'dont_know', 'other', 'none', 'always', 'never', 'better', 'worse', 'same', 'learning', 'sensory',
  'physical', 'prefer_not_say', 'text', 'date', 'end', 'single', 'optional', 'missing', 'exclusive', 'today', 'from',
  'count', 'answered', 'is', 'in', 'includes', 'goto', 'section', 'options', 'rows',
];
const MISSING_KINDS = ['dont_know', 'prefer_not_say', 'not_applicable', 'refused'];
const OPERATORS = ['=', '!=', '<', '<=', '>', '>='] as const;
const DATES = ['2011-09-01', '2024-02-29', '2000-01-01', '1999-12-31', '2030-06-15'];
/** Question kinds, weighted: the random mix, and a realistic mix for tidy surveys. */
const RANDOM_KINDS = ['single', 'single', 'multi', 'yesno', 'text', 'long_text', 'number', 'date', 'grid', 'info', 'consent'];
const TIDY_KINDS = [
  ...Array<string>(6).fill('single'), ...Array<string>(3).fill('multi'), 'yesno', 'yesno', 'text', 'text', 'long_text',
  'number', 'number', 'date', 'grid', 'grid', 'info',
];
const SET_NAMES = ['yes_no', 'yes_no_dk', 'ease6', 'impact4', 'views4', 'agree5'];

class SurveyGenerator {
  private readonly out: string[] = [];
  private readonly tidy: boolean;
  private readonly eolMode: 'lf' | 'crlf' | 'mixed';
  private depth = 0;
  private counter = 0;
  private questionNumber = 0;
  private readonly ids: string[] = [];

  constructor(
    private readonly r: Random,
    private readonly options: SurveyOptions,
  ) {
    this.tidy = options.layout === 'tidy';
    this.eolMode = this.tidy ? 'lf' : r.pick(['lf', 'lf', 'crlf', 'mixed'] as const);
  }

  // ---- layout --------------------------------------------------------------------------

  private eol(): string {
    switch (this.eolMode) {
      case 'lf':
        return '\n';
      case 'crlf':
        return '\r\n';
      case 'mixed':
        return this.r.pick(['\n', '\r\n', '\r']);
    }
  }

  private indent(): string {
    if (this.tidy) return '  '.repeat(this.depth);
    const r = this.r;
    if (r.chance(0.6)) return '  '.repeat(this.depth);
    if (r.chance(0.15)) return '\t'.repeat(r.int(1, 2));
    return ' '.repeat(r.int(0, 9));
  }

  private comment(): string {
    const r = this.r;
    const parts = ['#'];
    const n = r.int(0, 4);
    for (let i = 0; i < n; i++) parts.push(r.chance(0.7) ? ` ${r.pick(WORDS)}` : r.pick(AWKWARD.filter((p) => p !== '\u2028')));
    return parts.join('');
  }

  /** A line break, in a random layout with a trailing comment, blank lines and own-line comments around it. */
  private lineBreak(blank: boolean): string {
    if (this.tidy) return (blank ? '\n' : '') + '\n' + this.indent();
    const r = this.r;
    let text = '';
    if (r.chance(0.15)) text += `${r.pick([' ', '  ', '\t'])}${this.comment()}`;
    else if (r.chance(0.05)) text += r.pick([' ', '  ', '\t']); // trailing spaces
    text += this.eol();
    let blanks = blank ? 1 : 0;
    if (r.chance(0.2)) blanks += r.int(1, 2);
    const comments = r.chance(0.2) ? r.int(1, 3) : 0;
    for (let i = 0; i < blanks + comments; i++) {
      // Own-line comments and blank lines (some holding only spaces or tabs), in random order.
      if (i < comments && r.chance(0.6)) text += `${this.indent()}${this.comment()}${this.eol()}`;
      else text += `${r.chance(0.2) ? r.pick([' ', '   ', '\t']) : ''}${this.eol()}`;
    }
    return text + this.indent();
  }

  private inlineSpace(): string {
    const r = this.r;
    if (r.chance(0.8)) return ' ';
    return r.pick(['  ', '\t', ' \t ', '\u00a0', '\f', '   ']);
  }

  private separator(kind: Separator, blank: boolean): string {
    if (this.out.length === 0) return '';
    if (this.tidy) {
      switch (kind) {
        case 'hard':
        case 'soft':
          return this.lineBreak(blank);
        case 'space':
        case 'inline':
          return ' ';
        case 'tight':
          return '';
      }
    }
    const r = this.r;
    switch (kind) {
      case 'hard':
        return this.lineBreak(blank);
      case 'inline':
        return this.inlineSpace();
      case 'tight':
        if (r.chance(0.7)) return '';
        return r.chance(0.8) ? this.inlineSpace() : this.lineBreak(false);
      case 'soft':
        return r.chance(0.85) ? this.lineBreak(blank) : this.inlineSpace();
      case 'space':
        return r.chance(0.85) ? this.inlineSpace() : this.lineBreak(false);
    }
  }

  private token(text: string, kind: Separator = 'space', blank = false): void {
    this.out.push(this.separator(kind, blank), text);
  }

  // ---- names, numbers, strings ---------------------------------------------------------

  private newId(): string {
    this.counter += 1;
    const id = `${this.r.pick(ID_WORDS)}_${this.counter}`;
    this.ids.push(id);
    return id;
  }

  /** An earlier question id, or a made-up one. */
  private ref(): string {
    return this.ids.length > 0 && this.r.chance(0.9) ? this.r.pick(this.ids) : `q_${this.r.int(1, 99)}`;
  }

  private valueName(): string {
    return this.tidy || this.r.chance(0.7) ? this.r.pick(VALUE_NAMES.slice(0, 14)) : this.r.pick(VALUE_NAMES);
  }

  private number(): string {
    const r = this.r;
    if (this.tidy || r.chance(0.6)) return String(r.int(0, 120));
    return r.pick([`${r.int(0, 99)}.${r.int(0, 99)}`, `-${r.int(1, 50)}`, '007', '2.50', '0']);
  }

  /** Words for a text; `markup` texts may hold balanced bold and safe links, never a lone `**` or `[`. */
  private words(markup: boolean, min: number, max: number): string {
    const r = this.r;
    const parts: string[] = [];
    const n = r.int(min, max);
    for (let i = 0; i < n; i++) {
      if (this.tidy || r.chance(0.75)) parts.push(r.pick(WORDS));
      else if (markup && r.chance(0.3)) parts.push(r.pick(MARKUP));
      else parts.push(r.pick(AWKWARD));
    }
    let text = parts.join(this.tidy || r.chance(0.8) ? ' ' : '');
    if (this.tidy) text = text.charAt(0).toUpperCase() + text.slice(1);
    return text;
  }

  /** A string token: `"..."` or (random layout) sometimes a `"""` block over several lines. */
  private string(markup: boolean, kind: Separator = 'space', long = false): void {
    const r = this.r;
    if (this.tidy || r.chance(0.7)) {
      const value = this.words(markup, long ? 4 : 1, long ? 25 : 8).replace(/[\r\n]/g, ' ');
      this.token(`"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`, kind);
      return;
    }
    this.token(this.block(markup), kind);
  }

  /** A `"""` block with random indentation, blank and whitespace-only lines, trailing spaces and line ends. */
  private block(markup: boolean): string {
    const r = this.r;
    const lines: string[] = [];
    const count = r.int(0, 5);
    const base = this.r.pick(['', '  ', '    ', '      ', '\t']);
    for (let i = 0; i < count; i++) {
      const roll = r.next();
      if (roll < 0.15) lines.push('');
      else if (roll < 0.22) lines.push(r.pick([' ', '   ', '\t', ' \t']));
      else {
        const extra = r.chance(0.25) ? r.pick([' ', '  ', '    ', '\t']) : '';
        const bullet = markup && r.chance(0.15) ? '- ' : '';
        const trailing = r.chance(0.15) ? r.pick([' ', '  ', '\t']) : '';
        lines.push(`${base}${extra}${bullet}${this.words(markup, 1, 8)}${trailing}`);
      }
    }
    let text = '"""';
    // Text may start on the opening line.
    if (r.chance(0.2)) text += r.pick(['', ' ', '  ']) + this.words(markup, 1, 3);
    for (const line of lines) text += this.eol() + line;
    if (r.chance(0.75) || lines.length === 0) text += this.eol() + r.pick(['', base, '  ', ' \t']);
    // The block must close where intended: no `"""` inside, and no `"` just before the closing quotes.
    let body = text.slice(3);
    while (body.includes('"""')) body = body.replace(/"""/g, '"x"');
    if (body.endsWith('"')) body += ' ';
    return `"""${body}"""`;
  }

  // ---- the survey ----------------------------------------------------------------------

  survey(): string {
    const r = this.r;
    if (!this.tidy && r.chance(0.05)) this.out.push('\ufeff');
    if (!this.tidy && r.chance(0.3)) this.out.push(`${this.comment()}${this.eol()}`, r.chance(0.5) ? this.eol() : '');
    this.header();
    const imports = this.tidy ? 0 : r.int(0, 2);
    for (let i = 0; i < imports; i++) {
      this.token('import', 'hard', i === 0);
      this.string(false);
    }
    const total = this.options.questions ?? r.int(2, 25);
    const sectionSize = this.options.sectionSize ?? 8;
    if (this.tidy) {
      for (const name of SET_NAMES) this.optionSet(name);
    } else if (r.chance(0.3)) {
      this.question(true);
      if (r.chance(0.7)) this.routing(false, true);
    }
    let written = 0;
    let sectionIndex = 0;
    while (written < total) {
      const size = Math.min(total - written, this.tidy ? sectionSize : r.int(1, sectionSize));
      if (!this.tidy && r.chance(0.3)) this.optionSet(r.pick(SET_NAMES));
      if (!this.tidy && r.chance(0.1)) {
        this.question(true);
        written += 1;
        continue;
      }
      if (!this.tidy && r.chance(0.1)) this.routing(false, true);
      this.section(size, sectionIndex++);
      written += size;
    }
    if (!this.tidy && r.chance(0.2)) this.routing(false, true);
    // Tests stand after everything else (the tidy benchmark survey has none).
    const tests = this.tidy ? 0 : r.int(0, 2);
    for (let i = 0; i < tests; i++) this.testBlock();
    if (!this.tidy && r.chance(0.3)) this.out.push(this.lineBreak(false), this.comment());
    this.out.push(this.tidy || r.chance(0.8) ? '\n' : r.pick(['', '\r\n', '\n\n\n', '  ']));
    return this.out.join('');
  }

  /** `a, b, c`: the first name on the line of its keyword, then any separator after each comma. */
  private names(next: () => string): void {
    const n = this.r.int(1, 4);
    for (let i = 0; i < n; i++) {
      if (i > 0) this.token(',', 'tight');
      this.token(next(), i === 0 ? 'inline' : 'space');
    }
  }

  /** A value of a `given` line: an option value, a number, a date or a text. */
  private testValue(kind: Separator): void {
    const r = this.r;
    const roll = r.next();
    if (roll < 0.5) this.token(this.valueName(), kind);
    else if (roll < 0.7) this.token(this.number(), kind);
    else if (roll < 0.85) this.token(r.pick(DATES), kind);
    else this.string(false, kind);
  }

  /** A designer's test block with random lines. */
  private testBlock(): void {
    const r = this.r;
    this.token('test', 'hard', true);
    this.string(false);
    this.token('{');
    this.depth = 1;
    const lines = r.int(0, 6);
    for (let i = 0; i < lines; i++) {
      const line = r.pick(['given', 'given', 'leave', 'asks', 'not', 'offers', 'shows', 'opens', 'ends', 'completes', 'valid', 'invalid']);
      this.token(line, 'hard');
      switch (line) {
        case 'given': {
          this.token(this.ref());
          if (r.chance(0.2)) this.token(this.valueName());
          this.token('=');
          const n = r.chance(0.8) ? 1 : r.int(2, 3);
          for (let v = 0; v < n; v++) {
            if (v > 0) this.token(',', 'tight');
            this.testValue(v === 0 ? 'inline' : 'space');
          }
          break;
        }
        case 'leave':
          this.token(this.ref());
          this.token('blank');
          break;
        case 'not':
          this.token('asked');
          this.names(() => this.ref());
          break;
        case 'offers':
          this.token(this.ref());
          this.names(() => this.valueName());
          break;
        case 'shows':
          this.token(this.ref());
          this.token('rows');
          this.names(() => this.valueName());
          break;
        case 'opens':
          this.names(() => `${this.ref()}_other`);
          break;
        case 'ends':
          this.token('after');
          this.token(this.ref());
          if (r.chance(0.5)) this.string(true);
          break;
        case 'asks':
        case 'invalid':
          this.names(() => this.ref());
          if (line === 'invalid' && r.chance(0.4)) this.string(false);
          break;
      }
    }
    this.depth = 0;
    this.token('}', 'hard');
  }

  private header(): void {
    const r = this.r;
    this.token(!this.tidy && r.chance(0.15) ? 'bank' : 'survey', 'hard');
    this.token(`survey_${r.int(1, 999)}`);
    this.string(false);
    this.depth = 1;
    const fields = ['version', 'language', 'audience', 'intro', 'privacy', 'thanks'].filter(() => this.tidy || r.chance(0.5));
    if (!this.tidy) shuffle(r, fields);
    for (const field of fields) {
      this.token(field, 'soft');
      const markup = field === 'intro' || field === 'privacy' || field === 'thanks';
      this.string(markup, 'space', markup);
    }
    this.depth = 0;
  }

  private optionSet(name: string): void {
    this.token('options', 'hard', true);
    this.token(name);
    if (this.tidy || this.r.chance(0.7)) this.string(false);
    this.optionBlock(this.tidy ? 5 : this.r.int(0, 6));
  }

  /** `{ options }`, the options one level deeper than the current line. */
  private optionBlock(count: number): void {
    const r = this.r;
    this.token('{');
    this.depth += 1;
    const names = this.tidy ? VALUE_NAMES.slice(0, 14).filter(() => r.chance(0.6)) : [];
    for (let i = 0; i < count; i++) {
      let code = this.tidy ? i + 1 : r.int(0, r.chance(0.5) ? 9 : 120);
      if (this.tidy && i === count - 1 && r.chance(0.5)) code = 98;
      this.token(String(code), 'soft', !this.tidy && r.chance(0.1));
      this.token(names[i] ?? (this.tidy ? `value_${i + 1}` : this.valueName()));
      this.string(false);
      if (r.chance(this.tidy ? 0.1 : 0.2)) this.token('exclusive');
      if (r.chance(this.tidy ? 0.05 : 0.2)) this.token('specify');
      if (r.chance(this.tidy ? 0.1 : 0.2)) {
        this.token('missing');
        this.token(r.pick(MISSING_KINDS));
      }
      if (!this.tidy && r.chance(0.05)) this.token('exclusive');
    }
    this.depth -= 1;
    this.token('}', 'soft');
  }

  private section(size: number, index: number): void {
    const r = this.r;
    this.token('section', 'hard', true);
    this.token(`sec_${index + 1}`);
    this.string(false);
    this.token('{');
    this.depth = 1;
    let hasAttributes = false;
    if (r.chance(this.tidy ? 0.1 : 0.3)) {
      hasAttributes = true;
      this.token('ask', 'soft');
      this.token('if');
      this.condition(this.tidy ? 1 : 3);
    }
    if (r.chance(this.tidy ? 0.2 : 0.3)) {
      hasAttributes = true;
      this.token('intro', 'soft');
      this.string(true, 'space', true);
    }
    for (let i = 0; i < size; i++) {
      this.question(false, this.tidy && i === 0 && !hasAttributes);
      if (r.chance(this.tidy ? 0.05 : 0.15)) this.routing(true, false);
    }
    this.depth = 0;
    this.token('}', 'soft');
  }

  /** `if C goto x`, `if C end "..."` or `end "..."`. */
  private routing(inSection: boolean, topLevel: boolean): void {
    const r = this.r;
    const roll = r.next();
    if (roll < 0.5) {
      this.token('if', 'soft', true);
      this.condition(this.tidy ? 1 : 3);
      this.token('goto');
      this.token(inSection || topLevel ? `sec_${r.int(1, 9)}` : this.ref());
    } else if (roll < 0.8) {
      this.token('if', 'soft', true);
      this.condition(this.tidy ? 1 : 3);
      this.token('end');
      this.string(true);
    } else {
      this.token('end', 'soft', true);
      this.string(true);
    }
  }

  /** A question (or `use`); `first` in a tidy section: no blank line before it. */
  private question(topLevel: boolean, first = false): void {
    const r = this.r;
    const useIt = !topLevel && r.chance(this.tidy ? 0.03 : 0.15);
    const kind = topLevel ? 'consent' : r.pick(this.tidy ? TIDY_KINDS : RANDOM_KINDS);
    if (!topLevel && r.chance(this.tidy ? 0.9 : 0.5)) {
      this.questionNumber += 1;
      const letter = !this.tidy && r.chance(0.2) ? r.pick(['a', 'b', 'ab']) : '';
      this.token(`${this.questionNumber}${letter})`, 'hard', !first);
      this.token(useIt ? 'use' : kind);
    } else {
      this.token(useIt ? 'use' : kind, 'soft', !first);
    }
    this.token(this.newId());
    this.depth += 1;
    if (useIt) {
      if (r.chance(0.5)) this.string(false);
      this.useAttributes();
    } else {
      this.string(kind === 'info', 'space', kind === 'info');
      this.attributes(kind);
    }
    this.depth -= 1;
  }

  private useAttributes(): void {
    const r = this.r;
    const attributes: (() => void)[] = [
      () => this.askIf(),
      () => this.hint(),
      () => {
        this.token('rows', 'soft');
        const n = r.int(1, 4);
        for (let i = 0; i < n; i++) {
          if (i > 0) this.token(',', 'tight');
          this.token(`row_${r.int(1, 9)}`);
        }
      },
      () => {
        this.token('row', 'soft');
        this.token(`row_${r.int(1, 9)}`);
        this.token('ask');
        this.token('if');
        this.condition(2);
      },
      () => this.token(r.pick(['optional', 'required']), 'soft'),
    ];
    const n = r.int(0, 3);
    for (let i = 0; i < n; i++) r.pick(attributes)();
  }

  private hint(): void {
    this.token('hint', 'soft');
    this.string(true, 'space', true);
  }

  private askIf(): void {
    this.token('ask', 'soft');
    this.token('if');
    this.condition(this.tidy ? 2 : 3);
  }

  private limit(kind: 'number' | 'date' | 'count'): void {
    const r = this.r;
    if (kind === 'date') this.token(r.chance(0.3) ? 'today' : r.pick(DATES));
    else if (kind === 'count') this.token(String(r.int(0, 20)));
    else this.token(this.number());
  }

  private attributes(kind: string): void {
    const r = this.r;
    const list: (() => void)[] = [];
    const add = (probability: number, write: () => void): void => {
      if (r.chance(probability)) list.push(write);
    };
    const tidy = this.tidy;
    add(tidy ? 0.2 : 0.3, () => this.hint());
    add(tidy ? 0.25 : 0.3, () => this.askIf());
    add(tidy ? 0.1 : 0.3, () => this.token(r.pick(['optional', 'required']), 'soft'));
    switch (kind) {
      case 'single':
      case 'multi':
      case 'consent': {
        const roll = r.next();
        if (roll < 0.6) list.push(() => {
          this.token('options', 'soft');
          this.optionBlock(tidy ? r.int(3, 8) : r.int(0, 6));
        });
        else if (roll < 0.85) list.push(() => {
          this.token('options', 'soft');
          this.token(r.pick(SET_NAMES));
        });
        else list.push(() => {
          this.token('options', 'soft');
          this.token('from');
          this.token(this.ref());
        });
        if (kind === 'multi') {
          add(0.3, () => { this.token('min', 'soft'); this.limit('count'); });
          add(0.3, () => { this.token('max', 'soft'); this.limit('count'); });
        }
        break;
      }
      case 'text':
      case 'long_text':
        add(0.5, () => { this.token('max', 'soft'); this.token(String(r.int(1, 2000))); });
        add(0.2, () => { this.token('min', 'soft'); this.token(String(r.int(0, 10))); });
        break;
      case 'number':
        add(0.6, () => { this.token('min', 'soft'); this.limit('number'); });
        add(0.6, () => { this.token('max', 'soft'); this.limit('number'); });
        add(0.5, () => this.token('whole', 'soft'));
        break;
      case 'date':
        add(0.6, () => { this.token('min', 'soft'); this.limit('date'); });
        add(0.6, () => { this.token('max', 'soft'); this.limit('date'); });
        break;
      case 'grid':
        list.push(() => {
          this.token('scale', 'soft');
          if (r.chance(0.6)) this.token(r.pick(SET_NAMES));
          else this.optionBlock(tidy ? 5 : r.int(0, 4));
        });
        list.push(() => this.rowBlock());
        break;
      default:
        break;
    }
    if (!tidy) {
      // The parser takes any attribute on any question (the compiler judges), in any order.
      add(0.1, () => { this.token('check', 'soft'); this.condition(2); this.string(false); });
      add(0.05, () => { this.token('whole', 'soft'); });
      add(0.05, () => { this.token('min', 'soft'); this.limit(r.pick(['number', 'date', 'count'] as const)); });
      add(0.05, () => { this.token('rows', 'soft'); this.token(`row_${r.int(1, 9)}`); });
      shuffle(r, list);
    } else {
      add(0.03, () => { this.token('check', 'soft'); this.condition(1); this.string(false); });
    }
    for (const write of list) write();
  }

  private rowBlock(): void {
    const r = this.r;
    this.token('rows', 'soft');
    this.token('{');
    this.depth += 1;
    const n = this.tidy ? r.int(4, 6) : r.int(0, 5);
    for (let i = 0; i < n; i++) {
      this.token(`row_${i + 1}${this.tidy ? '' : r.pick(['', '_long_name', 'x'])}`, 'soft');
      this.string(false);
      if (r.chance(this.tidy ? 0.1 : 0.3)) {
        this.token('ask');
        this.token('if');
        this.condition(2);
      }
    }
    this.depth -= 1;
    this.token('}', 'soft');
  }

  // ---- conditions ----------------------------------------------------------------------

  /** A condition of at most `depth` levels of `or` / `and` / `not` / brackets. */
  private condition(depth: number): void {
    this.orCondition(depth);
  }

  private orCondition(depth: number): void {
    const r = this.r;
    const n = depth > 0 && r.chance(0.3) ? r.int(2, 3) : 1;
    for (let i = 0; i < n; i++) {
      if (i > 0) this.token('or');
      this.andCondition(depth - (n > 1 ? 1 : 0));
    }
  }

  private andCondition(depth: number): void {
    const r = this.r;
    const n = depth > 0 && r.chance(0.3) ? r.int(2, 3) : 1;
    for (let i = 0; i < n; i++) {
      if (i > 0) this.token('and');
      this.notCondition(depth - (n > 1 ? 1 : 0));
    }
  }

  private notCondition(depth: number): void {
    const r = this.r;
    if (depth > 0 && r.chance(0.15)) {
      this.token('not');
      this.notCondition(depth - 1);
      return;
    }
    if (depth > 0 && r.chance(0.2)) {
      this.token('(');
      this.orCondition(depth - 1);
      this.token(')', 'tight');
      return;
    }
    this.atom();
  }

  private atom(): void {
    const r = this.r;
    const roll = r.next();
    if (roll < 0.4) {
      this.token(this.ref());
      this.token(r.pick(OPERATORS), r.chance(0.2) ? 'tight' : 'space');
      const right = r.next();
      // A number must not start a line: `4)` there would be a question number.
      if (right < 0.5) this.token(this.valueName(), r.chance(0.2) ? 'tight' : 'space');
      else if (right < 0.8) this.token(this.number(), 'inline');
      else this.token(r.pick(DATES));
    } else if (roll < 0.55) {
      this.token('count');
      this.token('(', 'tight');
      this.token(this.ref(), 'tight');
      this.token(')', 'tight');
      this.token(r.pick(OPERATORS));
      this.token(String(r.int(0, 5)), 'inline');
    } else if (roll < 0.7) {
      this.token(this.ref());
      this.token('in');
      this.token('(');
      const n = r.int(1, 4);
      for (let i = 0; i < n; i++) {
        if (i > 0) this.token(',', 'tight');
        this.token(this.valueName(), i === 0 ? 'tight' : 'space');
      }
      this.token(')', 'tight');
    } else if (roll < 0.85) {
      this.token(this.ref());
      this.token(this.tidy || r.chance(0.6) ? 'includes' : 'contains');
      this.token(this.valueName());
    } else {
      this.token(this.ref());
      this.token('is');
      if (r.chance(0.4)) this.token('not');
      this.token('answered');
    }
  }
}

// ---------------------------------------------------------------------------------------

/**
 * A tree reduced to what it means, for comparing the parse of a file with the parse of its
 * formatted text: source ranges and whether a string was written as a `"""` block are
 * dropped, comments are reduced to their text (without trailing spaces).
 */
export function comparableTree(file: PoetFile): unknown {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) {
        if (key === 'range' || key === 'block') continue;
        out[key] = strip(child);
      }
      return out;
    }
    return value;
  };
  const { comments, ...rest } = file;
  return { ...(strip(rest) as object), comments: comments.map((c) => c.text.replace(/[ \t]+$/, '')) };
}
