/**
 * The chevrotain grammar of the POET language (see docs/grammar.md), built once per process.
 *
 * Fault tolerance comes from two places: chevrotain's own recovery (a missing token is
 * "inserted", a stray one deleted, loops re-synchronise), and explicit alternatives for the
 * mistakes designers actually make — a misspelt keyword is consumed as an unknown word and
 * the rest of the question, attribute or block is still read, so one run reports every
 * problem and later lines are not buried under follow-on errors.
 */
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { EmbeddedActionsParser, EOF, tokenMatcher } from './chevrotain.js';
import type * as A from './ast.js';
import { AstBuilder, isReal, operatorOf } from './ast-builder.js';
import {
  allTokens,
  AnyName,
  AnyString,
  Comma,
  ComparisonOp,
  DateLiteral,
  Equals,
  Identifier,
  Kw,
  LBrace,
  LParen,
  NumberLiteral,
  QuestionNumber,
  RBrace,
  RParen,
  lineBreakBetween,
} from './lexer.js';
import { nearestWord } from './suggest.js';

/** Words that start an item (a question, `use`, routing) or a top-level declaration. */
export const ITEM_WORDS = [
  'consent', 'single', 'yesno', 'multi', 'text', 'long_text', 'number', 'date', 'grid', 'info',
  'use', 'if', 'end', 'section', 'options', 'import',
] as const;
/** Words that start a question attribute. */
export const ATTRIBUTE_WORDS = [
  'hint', 'optional', 'required', 'ask', 'min', 'max', 'whole', 'options', 'scale', 'rows', 'row', 'check',
] as const;
export const OPTION_FLAG_WORDS = ['exclusive', 'specify', 'missing'] as const;
export const HEADER_FIELD_WORDS = ['version', 'language', 'audience', 'intro', 'privacy', 'thanks'] as const;
/** Words that start a line of a test block. */
export const TEST_STATEMENT_WORDS = ['given', 'leave', 'asks', 'not', 'offers', 'shows', 'opens', 'ends', 'completes', 'valid', 'invalid'] as const;

const questionKindTokens: TokenType[] = [
  Kw.consent, Kw.single, Kw.yesno, Kw.multi, Kw.text, Kw.long_text, Kw.number, Kw.date, Kw.grid, Kw.info,
];

/** A problem the grammar found itself (rather than chevrotain's recovery). */
export interface GrammarProblem {
  readonly kind: 'unknown-word' | 'stray-token';
  readonly token: IToken;
  /** What was expected, in words, for the message. */
  readonly expected: string;
  readonly candidates: readonly string[];
}

/** Builds chevrotain's messages as plain "expected" descriptions, used above. */
const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected }: { expected: TokenType }): string {
    return label(expected);
  },
  buildNotAllInputParsedMessage(): string {
    return 'the end of the file';
  },
  buildNoViableAltMessage({ expectedPathsPerAlt }: { expectedPathsPerAlt: TokenType[][][] }): string {
    return describeAlternatives(expectedPathsPerAlt.flat().map((path) => path[0]).filter((t): t is TokenType => t !== undefined));
  },
  buildEarlyExitMessage({ expectedIterationPaths }: { expectedIterationPaths: TokenType[][] }): string {
    return describeAlternatives(expectedIterationPaths.map((path) => path[0]).filter((t): t is TokenType => t !== undefined));
  },
};

function describeAlternatives(types: TokenType[]): string {
  const labels = [...new Set(types.map(label))];
  if (labels.length <= 1) return labels[0] ?? 'something else';
  if (labels.length > 6) return `one of ${labels.slice(0, 6).join(', ')}, …`;
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

export function label(tokenType: TokenType): string {
  return tokenType.LABEL ?? tokenType.name;
}

export class PoetParser extends EmbeddedActionsParser {
  /** Problems found by the grammar's own error alternatives during the current parse. */
  problems: GrammarProblem[] = [];
  /** The text being parsed (set with `input`), for line-break tests in error recovery. */
  text = '';
  /** Builds AST pieces and reports what the grammar leaves to it; set for each parse. */
  b: AstBuilder = new AstBuilder(undefined as never, '', 0);

  /** The range from `start` to the last token consumed so far (LA(0)). */
  private rangeFrom(start: IToken): A.SourceRange {
    return this.b.rangeBetween(start, this.LA(0));
  }

  /**
   * `validateGrammar` runs chevrotain's checks of the grammar itself (ambiguous alternatives,
   * left recursion, ...) while building. They never change how text is parsed, only whether the
   * grammar is accepted, and they cost start-up time, so the process-wide {@link poetParser}
   * skips them; test/grammar.test.ts builds a parser with them on.
   *
   * `maxLookahead` stays 3: the decisions in `topItem`, `attribute` and `notCondition` need three
   * tokens, and chevrotain builds its "expected ..." lists from paths of this depth. Start-up cost
   * is kept down decision by decision instead (see `file`).
   */
  constructor({ validateGrammar = false }: { readonly validateGrammar?: boolean } = {}) {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider, skipValidations: !validateGrammar });
    this.performSelfAnalysis();
  }

  /** True when the word at LA(1) is not a keyword or is closer to one of `words` than to any item word. */
  private isUnknownWordFor(words: readonly string[]): boolean {
    const token = this.LA(1);
    const near = nearestWord(token.image, [...words, ...ITEM_WORDS]);
    return near === undefined || (words as readonly string[]).includes(near);
  }

  /** Whether LA(1) starts an attribute of the question above, rather than the next item. */
  private canStartAttribute(): boolean {
    const first = this.LA(1).tokenType;
    if (first === Identifier) return this.isUnknownWordFor(ATTRIBUTE_WORDS);
    if (first === Kw.options) {
      const second = this.LA(2).tokenType;
      const third = this.LA(3).tokenType;
      return second === LBrace || second === Kw.from || (third !== LBrace && !isStringToken(third));
    }
    return true;
  }

  private skipRestOfLine(from: IToken): void {
    // Skips what follows an unknown word on its line, and a whole `{ ... }` block opened there.
    let depth = 0;
    for (;;) {
      const next = this.LA(1);
      if (next.tokenType === EOF) return;
      if (depth === 0 && lineBreakBetween(this.text, from, next)) return;
      if (next.tokenType === LBrace) depth++;
      if (next.tokenType === RBrace) {
        if (depth === 0) return;
        depth--;
      }
      this.SKIP_TOKEN();
    }
  }

  /** The whole file: its header and its top-level entries (imports included), in source order. */
  public file = this.RULE('file', () => {
    let header: A.HeaderNode | undefined;
    const entries: (A.TopLevelItem | A.ImportNode | A.TestNode)[] = [];
    // `survey`/`bank` opens the header only when a name follows (`survey "Title"` is left to the
    // items, which report it). Checking LA(2) here by hand is exactly what LL(3) decided, but
    // computing that LL(3) decision took chevrotain seconds and tens of megabytes at start-up:
    // the header's words are also names, so every path through the items had to be expanded.
    this.OPTION({
      MAX_LOOKAHEAD: 1,
      GATE: () => nameFollowsHeaderWord(this.LA(2)),
      DEF: () => {
        header = this.SUBRULE(this.header);
      },
    });
    this.MANY(() => {
      const entry = this.SUBRULE(this.topItem);
      this.ACTION(() => {
        if (entry !== undefined) entries.push(entry);
      });
    });
    return { header, entries };
  });

  private header = this.RULE('header', (): A.HeaderNode => {
    const start = this.LA(1);
    const keyword = this.OR([{ ALT: () => this.CONSUME(Kw.survey) }, { ALT: () => this.CONSUME(Kw.bank) }]);
    const idToken = this.CONSUME(AnyName);
    let titleToken: IToken | undefined;
    this.OPTION(() => {
      titleToken = this.CONSUME(AnyString);
    });
    const fields: A.HeaderField[] = [];
    this.ACTION(() => this.b.requirePiece(titleToken, 'the title (in double quotes)', idToken));
    const id = this.ACTION(() => this.b.name(idToken, this.b.endOf(keyword)));
    const title = this.ACTION(() => this.b.string(titleToken, this.b.endOf(idToken)));
    const seen = new Set<string>();
    this.MANY(() => {
      const field = this.SUBRULE(this.headerField);
      this.ACTION(() => {
        if (field === undefined) return;
        if (seen.has(field.name)) {
          const at = field.range.start.offset;
          this.b.report('duplicate-header-field', this.b.lines.range(at, at + field.name.length), { field: field.name });
        }
        seen.add(field.name);
        fields.push(field);
      });
    });
    return this.ACTION(() => ({
      kind: 'Header' as const,
      fileKind: keyword.image === 'bank' ? ('bank' as const) : ('survey' as const),
      id,
      title,
      fields,
      range: this.rangeFrom(start),
    }));
  });

  private headerField = this.RULE('headerField', (): A.HeaderField => {
    const start = this.LA(1);
    const field = this.OR([
      { ALT: () => this.CONSUME(Kw.version) },
      { ALT: () => this.CONSUME(Kw.language) },
      { ALT: () => this.CONSUME(Kw.audience) },
      { ALT: () => this.CONSUME(Kw.intro) },
      { ALT: () => this.CONSUME(Kw.privacy) },
      { ALT: () => this.CONSUME(Kw.thanks) },
    ]);
    const valueToken = this.CONSUME(AnyString);
    return this.ACTION(() => ({
      kind: 'HeaderField' as const,
      name: field.image as A.HeaderFieldName,
      value: this.b.string(valueToken, this.b.endOf(field)),
      range: this.rangeFrom(start),
    }));
  });

  private topItem = this.RULE('topItem', (): A.TopLevelItem | A.ImportNode | A.TestNode | undefined =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.importDecl) },
        { ALT: () => this.SUBRULE(this.testBlock) },
        {
          // `tset "name" {`: nothing but a test block has a word, a text and a `{`.
          GATE: () => this.LA(1).tokenType === Identifier && isStringToken(this.LA(2).tokenType) && this.LA(3).tokenType === LBrace,
          ALT: () => this.SUBRULE(this.misspeltTest),
        },
        { ALT: () => this.SUBRULE(this.optionSet) },
        { ALT: () => this.SUBRULE(this.section) },
        { ALT: () => this.SUBRULE(this.routing) },
        {
          GATE: () => this.LA(1).tokenType === Identifier && nearestWord(this.LA(1).image, ITEM_WORDS) === 'section',
          ALT: () => {
            // Reported by the grammar; its contents are read (and so checked) but not kept.
            this.SUBRULE(this.misspeltSection);
            return undefined;
          },
        },
        { ALT: () => this.SUBRULE(this.questionLike) },
        {
          ALT: () => {
            this.SUBRULE(this.strayToken);
            return undefined;
          },
        },
      ],
    }),
  );

  private importDecl = this.RULE('importDecl', (): A.ImportNode => {
    const keyword = this.CONSUME(Kw.import);
    const path = this.CONSUME(AnyString);
    return this.ACTION(() => ({ kind: 'Import' as const, path: this.b.string(path, this.b.endOf(keyword)), range: this.rangeFrom(keyword) }));
  });

  private optionSet = this.RULE('optionSet', (): A.OptionSetNode => {
    const keyword = this.CONSUME(Kw.options);
    const idToken = this.CONSUME(AnyName);
    let titleToken: IToken | undefined;
    this.OPTION(() => {
      titleToken = this.CONSUME(AnyString);
    });
    const id = this.ACTION(() => this.b.name(idToken, this.b.endOf(keyword)));
    const title = this.ACTION(() => (titleToken ? this.b.string(titleToken, this.b.endOf(idToken)) : undefined));
    const options = this.SUBRULE(this.optionBlock);
    return this.ACTION(() => ({
      kind: 'OptionSet' as const,
      id,
      ...(title ? { title } : {}),
      options: options ?? [],
      range: this.rangeFrom(keyword),
    }));
  });

  private optionBlock = this.RULE('optionBlock', (): A.OptionNode[] => {
    const options: A.OptionNode[] = [];
    this.CONSUME(LBrace);
    this.MANY(() => {
      const option = this.SUBRULE(this.optionLine);
      this.ACTION(() => {
        if (option !== undefined) options.push(option);
      });
    });
    this.CONSUME(RBrace);
    return options;
  });

  private optionLine = this.RULE('optionLine', (): A.OptionNode => {
    const codeToken = this.CONSUME(NumberLiteral);
    const valueToken = this.CONSUME(AnyName);
    const labelToken = this.CONSUME(AnyString);
    const code = this.ACTION(() => this.b.numberLiteral(codeToken, this.b.fallbackOffset, 'option codes are whole numbers of 0 or more'));
    const value = this.ACTION(() => this.b.name(valueToken, this.b.endOf(codeToken)));
    const label = this.ACTION(() => this.b.string(labelToken, this.b.endOf(valueToken)));
    const flags: A.OptionFlag[] = [];
    this.MANY(() =>
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            ALT: () => {
              const t = this.CONSUME(Kw.exclusive);
              this.ACTION(() => flags.push({ kind: 'Exclusive', range: this.b.tokenRange(t) }));
            },
          },
          {
            ALT: () => {
              const t = this.CONSUME(Kw.specify);
              this.ACTION(() => flags.push({ kind: 'Specify', range: this.b.tokenRange(t) }));
            },
          },
          {
            ALT: () => {
              const t = this.CONSUME(Kw.missing);
              const kindToken = this.CONSUME1(AnyName);
              this.ACTION(() => {
                const missingKind = this.b.name(kindToken, this.b.endOf(t));
                flags.push({ kind: 'Missing', missingKind, range: this.b.span(this.b.tokenRange(t), missingKind.range) });
              });
            },
          },
          {
            ALT: () => {
              const word = this.CONSUME(Identifier);
              this.ACTION(() =>
                this.problems.push({ kind: 'unknown-word', token: word, expected: 'an option flag (exclusive, specify, missing)', candidates: OPTION_FLAG_WORDS }),
              );
            },
          },
        ],
      }),
    );
    return this.ACTION(() => ({ kind: 'Option' as const, code, value, label, flags, range: this.rangeFrom(codeToken) }));
  });

  private section = this.RULE('section', (): A.SectionNode => {
    const keyword = this.CONSUME(Kw.section);
    return this.SUBRULE(this.sectionRest, { ARGS: [keyword] });
  });

  /** A `section` keyword written wrongly (`sectoin`): read as a section so that its contents are still checked. */
  private misspeltSection = this.RULE('misspeltSection', (): A.SectionNode => {
    const word = this.CONSUME(Identifier);
    this.ACTION(() => this.problems.push({ kind: 'unknown-word', token: word, expected: 'a section, question or option set', candidates: ['section'] }));
    return this.SUBRULE1(this.sectionRest, { ARGS: [word] });
  });

  private sectionRest = this.RULE('sectionRest', (keyword: IToken): A.SectionNode => {
    const idToken = this.CONSUME(AnyName);
    let titleToken: IToken | undefined;
    this.OPTION(() => {
      titleToken = this.CONSUME(AnyString);
    });
    const id = this.ACTION(() => this.b.name(idToken, this.b.endOf(keyword)));
    this.ACTION(() => this.b.requirePiece(titleToken, 'the title of the section (in double quotes)', idToken));
    const title = this.ACTION(() => this.b.string(titleToken, this.b.endOf(idToken)));
    const attributes: A.SectionAttribute[] = [];
    const items: A.SectionItem[] = [];
    this.CONSUME(LBrace);
    this.MANY({
      // Stop at the closing brace, and at the start of a new top-level declaration
      // (which most likely means that this section's `}` is missing).
      GATE: () => {
        const t = this.LA(1).tokenType;
        return t !== RBrace && t !== Kw.section && t !== Kw.options && t !== Kw.import && t !== Kw.survey && t !== Kw.bank && t !== Kw.test;
      },
      DEF: () =>
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            {
              ALT: () => {
                const attribute = this.SUBRULE(this.sectionAttribute);
                this.ACTION(() => {
                  if (attribute !== undefined) attributes.push(attribute);
                });
              },
            },
            {
              ALT: () => {
                const item = this.SUBRULE(this.routing);
                this.ACTION(() => {
                  if (item !== undefined) items.push(item);
                });
              },
            },
            {
              ALT: () => {
                const item = this.SUBRULE(this.questionLike);
                this.ACTION(() => {
                  if (item !== undefined) items.push(item);
                });
              },
            },
            { ALT: () => this.SUBRULE1(this.strayToken) },
          ],
        }),
    });
    this.CONSUME(RBrace);
    return this.ACTION(() => ({ kind: 'Section' as const, id, title, attributes, items, range: this.rangeFrom(keyword) }));
  });

  private sectionAttribute = this.RULE('sectionAttribute', (): A.SectionAttribute =>
    this.OR([
      { ALT: () => this.SUBRULE(this.askIf) },
      {
        ALT: () => {
          const keyword = this.CONSUME(Kw.intro);
          const textToken = this.CONSUME(AnyString);
          return this.ACTION(() => ({ kind: 'Intro' as const, text: this.b.string(textToken, this.b.endOf(keyword)), range: this.rangeFrom(keyword) }));
        },
      },
    ]),
  );

  private routing = this.RULE('routing', (): A.GotoNode | A.EndNode =>
    this.OR([
      {
        ALT: () => {
          const ifToken = this.CONSUME(Kw.if);
          const condition = this.SUBRULE(this.condition);
          return this.OR1([
            {
              ALT: () => {
                const gotoToken = this.CONSUME(Kw.goto);
                const targetToken = this.CONSUME(AnyName);
                return this.ACTION(() => ({
                  kind: 'Goto' as const,
                  condition: condition ?? this.b.placeholderCondition(this.b.endOf(ifToken)),
                  target: this.b.name(targetToken, this.b.endOf(gotoToken)),
                  range: this.rangeFrom(ifToken),
                }));
              },
            },
            {
              ALT: (): A.EndNode => {
                const endToken = this.CONSUME(Kw.end);
                const messageToken = this.CONSUME(AnyString);
                return this.ACTION(() => ({
                  kind: 'End' as const,
                  ...(condition ? { condition } : {}),
                  message: this.b.string(messageToken, this.b.endOf(endToken)),
                  range: this.rangeFrom(ifToken),
                }));
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          const endToken = this.CONSUME1(Kw.end);
          const messageToken = this.CONSUME1(AnyString);
          return this.ACTION(() => ({ kind: 'End' as const, message: this.b.string(messageToken, this.b.endOf(endToken)), range: this.rangeFrom(endToken) }));
        },
      },
    ]),
  );

  private questionLike = this.RULE('questionLike', (): A.QuestionNode | A.UseNode | undefined => {
    const start = this.LA(1);
    let numberToken: IToken | undefined;
    this.OPTION(() => {
      numberToken = this.CONSUME(QuestionNumber);
    });
    let kindToken: IToken | undefined;
    let useToken: IToken | undefined;
    let unknownToken: IToken | undefined;
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        ...questionKindTokens.map((token, i) => ({
          ALT: () => {
            kindToken = this.consume(i, token);
          },
        })),
        {
          ALT: () => {
            useToken = this.CONSUME(Kw.use);
          },
        },
        {
          ALT: () => {
            const word = this.CONSUME(Identifier);
            unknownToken = word;
            this.ACTION(() =>
              this.problems.push({
                kind: 'unknown-word',
                token: word,
                expected: 'a question kind (single, multi, text, number, date, grid, info, ...)',
                candidates: ITEM_WORDS,
              }),
            );
          },
        },
      ],
    });
    let idToken: IToken | undefined;
    let textToken: IToken | undefined;
    this.OPTION1(() => {
      idToken = this.CONSUME(AnyName);
    });
    this.OPTION2(() => {
      textToken = this.CONSUME(AnyString);
    });
    const head = kindToken ?? useToken ?? unknownToken;
    this.ACTION(() => {
      if (unknownToken !== undefined) return;
      this.b.requirePiece(idToken, 'the id of the question (such as main_reason)', head);
      if (useToken === undefined && idToken !== undefined) this.b.requirePiece(textToken, 'the text of the question (in double quotes)', idToken);
    });
    const id = this.ACTION(() => this.b.name(idToken, this.b.endOf(head)));
    const text = this.ACTION(() => (textToken !== undefined || useToken === undefined ? this.b.string(textToken, this.b.endOf(idToken ?? head)) : undefined));
    const attributes: A.QuestionAttribute[] = [];
    this.MANY({
      GATE: () => this.canStartAttribute(),
      DEF: () => {
        const attribute = this.SUBRULE(this.attribute);
        this.ACTION(() => {
          if (attribute !== undefined) attributes.push(attribute);
        });
      },
    });
    return this.ACTION(() => {
      if (unknownToken !== undefined) return undefined; // reported by the grammar
      const number = isReal(numberToken) ? { number: { text: numberToken.image.slice(0, -1), range: this.b.tokenRange(numberToken) } } : {};
      const range = this.rangeFrom(start);
      if (useToken !== undefined) {
        return { kind: 'Use' as const, ...number, id, ...(textToken !== undefined && text ? { text } : {}), attributes, range };
      }
      return {
        kind: 'Question' as const,
        questionKind: (kindToken?.image ?? 'single') as A.QuestionKind,
        ...number,
        id,
        text: text ?? this.b.string(undefined, this.b.endOf(idToken)),
        attributes,
        range,
      };
    });
  });

  private attribute = this.RULE('attribute', (): A.QuestionAttribute | undefined => {
    const start = this.LA(1);
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            const keyword = this.CONSUME(Kw.hint);
            const textToken = this.CONSUME(AnyString);
            return this.ACTION(() => ({ kind: 'Hint' as const, text: this.b.string(textToken, this.b.endOf(keyword)), range: this.rangeFrom(start) }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(Kw.optional);
            return this.ACTION(() => ({ kind: 'Required' as const, required: false, range: this.rangeFrom(start) }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(Kw.required);
            return this.ACTION(() => ({ kind: 'Required' as const, required: true, range: this.rangeFrom(start) }));
          },
        },
        { ALT: () => this.SUBRULE(this.askIf) },
        {
          ALT: () => {
            const keyword = this.CONSUME(Kw.min);
            const value = this.SUBRULE(this.limit);
            return this.ACTION(() => ({ kind: 'Min' as const, value: value ?? this.b.numberLiteral(undefined, this.b.endOf(keyword)), range: this.rangeFrom(start) }));
          },
        },
        {
          ALT: () => {
            const keyword = this.CONSUME(Kw.max);
            const value = this.SUBRULE1(this.limit);
            return this.ACTION(() => ({ kind: 'Max' as const, value: value ?? this.b.numberLiteral(undefined, this.b.endOf(keyword)), range: this.rangeFrom(start) }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(Kw.whole);
            return this.ACTION(() => ({ kind: 'Whole' as const, range: this.rangeFrom(start) }));
          },
        },
        {
          GATE: () => this.LA(2).tokenType === LBrace,
          ALT: () => {
            this.CONSUME(Kw.options);
            const options = this.SUBRULE(this.optionBlock);
            return this.ACTION(() => ({ kind: 'InlineOptions' as const, options: options ?? [], range: this.rangeFrom(start) }));
          },
        },
        {
          GATE: () => this.LA(2).tokenType === Kw.from && this.LA(3).tokenType !== LBrace,
          ALT: () => {
            this.CONSUME1(Kw.options);
            const from = this.CONSUME(Kw.from);
            const source = this.CONSUME(AnyName);
            return this.ACTION(() => ({ kind: 'PipedOptions' as const, source: this.b.name(source, this.b.endOf(from)), range: this.rangeFrom(start) }));
          },
        },
        {
          // `options NAME` names a set; `options NAME "Title" {` / `options NAME {` starts a new option set.
          GATE: () => {
            const third = this.LA(3).tokenType;
            return third !== LBrace && !isStringToken(third);
          },
          ALT: () => {
            const keyword = this.CONSUME2(Kw.options);
            const set = this.CONSUME1(AnyName);
            return this.ACTION(() => ({ kind: 'OptionSetRef' as const, set: this.b.name(set, this.b.endOf(keyword)), range: this.rangeFrom(start) }));
          },
        },
        {
          ALT: () => {
            const keyword = this.CONSUME(Kw.scale);
            const scale = this.OR1([
              { ALT: (): A.ScaleAttribute['scale'] => this.SUBRULE1(this.optionBlock) ?? [] },
              {
                ALT: (): A.ScaleAttribute['scale'] => {
                  const set = this.CONSUME2(AnyName);
                  return this.ACTION(() => this.b.name(set, this.b.endOf(keyword)));
                },
              },
            ]);
            return this.ACTION(() => ({ kind: 'Scale' as const, scale, range: this.rangeFrom(start) }));
          },
        },
        {
          ALT: () => {
            const keyword = this.CONSUME(Kw.rows);
            return this.OR2([
              {
                ALT: (): A.RowsAttribute => {
                  const rows = this.SUBRULE(this.rowBlock);
                  return this.ACTION(() => ({ kind: 'Rows' as const, rows: rows ?? [], range: this.rangeFrom(start) }));
                },
              },
              {
                ALT: (): A.RowSubsetAttribute => {
                  const names: IToken[] = [this.CONSUME3(AnyName)];
                  this.MANY(() => {
                    this.CONSUME(Comma);
                    names.push(this.CONSUME4(AnyName));
                  });
                  return this.ACTION(() => ({
                    kind: 'RowSubset' as const,
                    rows: names.map((t) => this.b.name(t, this.b.endOf(keyword))),
                    range: this.rangeFrom(start),
                  }));
                },
              },
            ]);
          },
        },
        {
          ALT: () => {
            const keyword = this.CONSUME(Kw.row);
            const rowToken = this.CONSUME5(AnyName);
            const askIf = this.SUBRULE1(this.askIf);
            return this.ACTION(() => ({
              kind: 'RowCondition' as const,
              row: this.b.name(rowToken, this.b.endOf(keyword)),
              condition: askIf?.condition ?? this.b.placeholderCondition(this.b.endOf(rowToken)),
              range: this.rangeFrom(start),
            }));
          },
        },
        {
          ALT: () => {
            const keyword = this.CONSUME(Kw.check);
            const condition = this.SUBRULE(this.condition);
            const messageToken = this.CONSUME1(AnyString);
            return this.ACTION(() => {
              const resolved = condition ?? this.b.placeholderCondition(this.b.endOf(keyword));
              return {
                kind: 'Check' as const,
                condition: resolved,
                message: this.b.string(messageToken, resolved.range.end.offset),
                range: this.rangeFrom(start),
              };
            });
          },
        },
        {
          ALT: () => {
            const word = this.CONSUME(Identifier);
            this.ACTION(() => {
              this.problems.push({
                kind: 'unknown-word',
                token: word,
                expected: 'a question attribute (hint, optional, ask if, min, max, options, ...)',
                candidates: ATTRIBUTE_WORDS,
              });
              this.skipRestOfLine(word);
            });
            return undefined;
          },
        },
      ],
    });
  });

  private rowBlock = this.RULE('rowBlock', (): A.RowNode[] => {
    const rows: A.RowNode[] = [];
    this.CONSUME(LBrace);
    this.MANY(() => {
      const row = this.SUBRULE(this.row);
      this.ACTION(() => {
        if (row !== undefined) rows.push(row);
      });
    });
    this.CONSUME(RBrace);
    return rows;
  });

  private row = this.RULE('row', (): A.RowNode => {
    const idToken = this.CONSUME(AnyName);
    const labelToken = this.CONSUME(AnyString);
    const id = this.ACTION(() => this.b.name(idToken, this.b.fallbackOffset));
    const label = this.ACTION(() => this.b.string(labelToken, this.b.endOf(idToken)));
    let askIf: A.AskIfAttribute | undefined;
    this.OPTION(() => {
      askIf = this.SUBRULE(this.askIf);
    });
    return this.ACTION(() => ({ kind: 'Row' as const, id, label, ...(askIf ? { askIf: askIf.condition } : {}), range: this.rangeFrom(idToken) }));
  });

  private askIf = this.RULE('askIf', (): A.AskIfAttribute => {
    const ask = this.CONSUME(Kw.ask);
    const ifToken = this.CONSUME(Kw.if);
    const condition = this.SUBRULE(this.condition);
    return this.ACTION(() => ({
      kind: 'AskIf' as const,
      condition: condition ?? this.b.placeholderCondition(this.b.endOf(ifToken)),
      range: this.rangeFrom(ask),
    }));
  });

  private limit = this.RULE('limit', (): A.LimitValue =>
    this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(NumberLiteral);
          return this.ACTION(() => this.b.numberLiteral(t, this.b.fallbackOffset));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(DateLiteral);
          return this.ACTION(() => (isReal(t) ? this.b.dateLiteral(t) : this.b.numberLiteral(undefined, this.b.fallbackOffset)));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(Kw.today);
          return this.ACTION(() => (isReal(t) ? { kind: 'Today' as const, range: this.b.tokenRange(t) } : this.b.numberLiteral(undefined, this.b.fallbackOffset)));
        },
      },
    ]),
  );

  // ---- designer's tests ----------------------------------------------------------------

  private testBlock = this.RULE('testBlock', (): A.TestNode => {
    const keyword = this.CONSUME(Kw.test);
    return this.SUBRULE(this.testRest, { ARGS: [keyword] });
  });

  /** A `test` keyword written wrongly (`tset "name" {`): read as a test so that its lines are still checked. */
  private misspeltTest = this.RULE('misspeltTest', (): A.TestNode => {
    const word = this.CONSUME(Identifier);
    this.ACTION(() => this.problems.push({ kind: 'unknown-word', token: word, expected: 'a section, question, option set or test', candidates: ['test'] }));
    return this.SUBRULE1(this.testRest, { ARGS: [word] });
  });

  private testRest = this.RULE('testRest', (keyword: IToken): A.TestNode => {
    let nameToken: IToken | undefined;
    this.OPTION(() => {
      nameToken = this.CONSUME(AnyString);
    });
    this.ACTION(() => this.b.requirePiece(nameToken, 'the name of the test (in double quotes)', keyword));
    const name = this.ACTION(() => this.b.string(nameToken, this.b.endOf(keyword)));
    const statements: A.TestStatement[] = [];
    this.CONSUME(LBrace);
    this.MANY({
      // Stop at the closing brace, and at the start of a new top-level declaration.
      GATE: () => {
        const t = this.LA(1).tokenType;
        return t !== RBrace && t !== Kw.test && t !== Kw.section && t !== Kw.options && t !== Kw.import && t !== Kw.survey && t !== Kw.bank;
      },
      DEF: () =>
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            {
              ALT: () => {
                const statement = this.SUBRULE(this.testStatement);
                this.ACTION(() => {
                  if (statement !== undefined) statements.push(statement);
                });
              },
            },
            { ALT: () => this.SUBRULE(this.strayToken) },
          ],
        }),
    });
    this.CONSUME(RBrace);
    return this.ACTION(() => ({ kind: 'Test' as const, name, statements, range: this.rangeFrom(keyword) }));
  });

  private testStatement = this.RULE('testStatement', (): A.TestStatement | undefined => {
    const start = this.LA(1);
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: (): A.GivenStatement => {
            const keyword = this.CONSUME(Kw.given);
            const questionToken = this.CONSUME(AnyName);
            let rowToken: IToken | undefined;
            this.OPTION(() => {
              rowToken = this.CONSUME1(AnyName);
            });
            const equals = this.CONSUME(Equals);
            const values: (A.TestValue | undefined)[] = [];
            // The value must stand on the line of its `given`: a keyword on the next line starts the next line of the test.
            this.OPTION5({
              GATE: () => this.onSameLine(),
              DEF: () => {
                values.push(this.SUBRULE(this.testValue));
                this.MANY(() => {
                  this.CONSUME(Comma);
                  values.push(this.SUBRULE1(this.testValue));
                });
              },
            });
            this.ACTION(() => {
              if (values.length === 0) this.b.requirePiece(undefined, 'a value (an option value, a number, a date or a text in double quotes)', equals);
            });
            return this.ACTION(() => {
              const question = this.b.name(questionToken, this.b.endOf(keyword));
              return {
                kind: 'Given' as const,
                question,
                ...(isReal(rowToken) ? { row: this.b.name(rowToken, this.b.endOf(questionToken)) } : {}),
                values: values.filter((v): v is A.TestValue => v !== undefined),
                range: this.rangeFrom(start),
              };
            });
          },
        },
        {
          ALT: (): A.LeaveBlankStatement => {
            const keyword = this.CONSUME(Kw.leave);
            const questionToken = this.CONSUME2(AnyName);
            this.CONSUME(Kw.blank);
            return this.ACTION(() => ({ kind: 'LeaveBlank' as const, question: this.b.name(questionToken, this.b.endOf(keyword)), range: this.rangeFrom(start) }));
          },
        },
        {
          ALT: (): A.AsksStatement => {
            const keyword = this.CONSUME(Kw.asks);
            const questions = this.SUBRULE(this.nameList, { ARGS: [keyword] });
            return this.ACTION(() => ({ kind: 'Asks' as const, questions, range: this.rangeFrom(start) }));
          },
        },
        {
          ALT: (): A.AsksStatement => {
            const not = this.CONSUME(Kw.not);
            let keyword: IToken | undefined;
            this.OPTION3(() => {
              keyword = this.CONSUME(Kw.asked);
            });
            this.ACTION(() => this.b.requirePiece(keyword, "'asked'", not));
            const questions = this.SUBRULE1(this.nameList, { ARGS: [keyword ?? not] });
            return this.ACTION(() => ({ kind: 'NotAsked' as const, questions, range: this.rangeFrom(start) }));
          },
        },
        {
          ALT: (): A.OffersStatement => {
            const keyword = this.CONSUME(Kw.offers);
            const questionToken = this.CONSUME3(AnyName);
            const values = this.SUBRULE2(this.nameList, { ARGS: [questionToken] });
            return this.ACTION(() => ({
              kind: 'Offers' as const,
              question: this.b.name(questionToken, this.b.endOf(keyword)),
              values,
              range: this.rangeFrom(start),
            }));
          },
        },
        {
          ALT: (): A.ShowsStatement => {
            const keyword = this.CONSUME(Kw.shows);
            const questionToken = this.CONSUME4(AnyName);
            const rowsToken = this.CONSUME(Kw.rows);
            const rows = this.SUBRULE3(this.nameList, { ARGS: [rowsToken] });
            return this.ACTION(() => ({
              kind: 'Shows' as const,
              question: this.b.name(questionToken, this.b.endOf(keyword)),
              rows,
              range: this.rangeFrom(start),
            }));
          },
        },
        {
          ALT: (): A.OpensStatement => {
            const keyword = this.CONSUME(Kw.opens);
            const keys = this.SUBRULE4(this.nameList, { ARGS: [keyword] });
            return this.ACTION(() => ({ kind: 'Opens' as const, keys, range: this.rangeFrom(start) }));
          },
        },
        {
          ALT: (): A.EndsStatement => {
            const ends = this.CONSUME(Kw.ends);
            let afterToken: IToken | undefined;
            this.OPTION4(() => {
              afterToken = this.CONSUME(Kw.after);
            });
            this.ACTION(() => this.b.requirePiece(afterToken, "'after'", ends));
            const questionToken = this.CONSUME5(AnyName);
            let messageToken: IToken | undefined;
            this.OPTION1(() => {
              messageToken = this.CONSUME(AnyString);
            });
            return this.ACTION(() => ({
              kind: 'Ends' as const,
              question: this.b.name(questionToken, this.b.endOf(afterToken)),
              ...(isReal(messageToken) ? { message: this.b.string(messageToken, this.b.endOf(questionToken)) } : {}),
              range: this.rangeFrom(start),
            }));
          },
        },
        {
          ALT: (): A.FlagStatement => {
            this.CONSUME(Kw.completes);
            return this.ACTION(() => ({ kind: 'Completes' as const, range: this.rangeFrom(start) }));
          },
        },
        {
          ALT: (): A.FlagStatement => {
            this.CONSUME(Kw.valid);
            return this.ACTION(() => ({ kind: 'Valid' as const, range: this.rangeFrom(start) }));
          },
        },
        {
          ALT: (): A.InvalidStatement => {
            const keyword = this.CONSUME(Kw.invalid);
            const questions = this.SUBRULE5(this.nameList, { ARGS: [keyword] });
            let messageToken: IToken | undefined;
            this.OPTION2(() => {
              messageToken = this.CONSUME1(AnyString);
            });
            return this.ACTION(() => ({
              kind: 'Invalid' as const,
              questions,
              ...(isReal(messageToken) ? { message: this.b.string(messageToken, this.b.endOf(keyword)) } : {}),
              range: this.rangeFrom(start),
            }));
          },
        },
        {
          ALT: () => {
            const word = this.CONSUME(Identifier);
            this.ACTION(() => {
              this.problems.push({
                kind: 'unknown-word',
                token: word,
                expected: 'a test line (given, leave, asks, not asked, offers, shows, opens, ends after, completes, valid, invalid)',
                candidates: TEST_STATEMENT_WORDS,
              });
              this.skipRestOfLine(word);
            });
            return undefined;
          },
        },
      ],
    });
  });

  /** `a, b, c`: one or more names separated by commas. */
  private nameList = this.RULE('nameList', (keyword: IToken): A.Name[] => {
    const tokens: IToken[] = [];
    // The list starts on the line of its keyword (after a comma it may go on over several lines).
    this.OPTION({
      GATE: () => this.onSameLine(),
      DEF: () => {
        tokens.push(this.CONSUME(AnyName));
        this.MANY(() => {
          this.CONSUME(Comma);
          tokens.push(this.CONSUME1(AnyName));
        });
      },
    });
    this.ACTION(() => {
      if (tokens.length === 0) this.b.requirePiece(undefined, 'a name (such as has_pb)', this.LA(0));
    });
    return this.ACTION(() => tokens.filter(isReal).map((t) => this.b.name(t, this.b.endOf(keyword))));
  });

  /** Whether LA(1) stands on the line of the last token consumed. */
  private onSameLine(): boolean {
    const next = this.LA(1);
    return next.tokenType !== EOF && !lineBreakBetween(this.text, this.LA(0), next);
  }

  /** The value of a `given` line. */
  private testValue = this.RULE('testValue', (): A.TestValue =>
    this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(AnyName);
          return this.ACTION(() => this.b.name(t, this.b.fallbackOffset));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(NumberLiteral);
          return this.ACTION(() => this.b.numberLiteral(t, this.b.fallbackOffset));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(DateLiteral);
          return this.ACTION(() => (isReal(t) ? this.b.dateLiteral(t) : this.b.name(undefined, this.b.fallbackOffset)));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(AnyString);
          return this.ACTION(() => this.b.string(t, this.b.fallbackOffset));
        },
      },
    ]),
  );

  // ---- conditions ----------------------------------------------------------------------

  private condition = this.RULE('condition', (): A.Condition => {
    const start = this.LA(1);
    const operands: (A.Condition | undefined)[] = [this.SUBRULE(this.andCondition)];
    this.MANY(() => {
      this.CONSUME(Kw.or);
      operands.push(this.SUBRULE1(this.andCondition));
    });
    return this.ACTION(() => this.combine('Or', operands, start));
  });

  private andCondition = this.RULE('andCondition', (): A.Condition => {
    const start = this.LA(1);
    const operands: (A.Condition | undefined)[] = [this.SUBRULE(this.notCondition)];
    this.MANY(() => {
      this.CONSUME(Kw.and);
      operands.push(this.SUBRULE1(this.notCondition));
    });
    return this.ACTION(() => this.combine('And', operands, start));
  });

  private combine(kind: 'And' | 'Or', operands: readonly (A.Condition | undefined)[], start: IToken): A.Condition {
    const present = operands.filter((o): o is A.Condition => o !== undefined);
    if (present.length === 1) return present[0]!;
    if (present.length === 0) return this.b.placeholderCondition(isReal(start) ? start.startOffset : this.b.fallbackOffset);
    return { kind, operands: present, range: this.rangeFrom(start) };
  }

  private notCondition = this.RULE('notCondition', (): A.Condition =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.LA(1).tokenType === Kw.not && !isAtomContinuation(this.LA(2).tokenType),
          ALT: () => {
            const not = this.CONSUME(Kw.not);
            const operand = this.SUBRULE(this.notCondition);
            return this.ACTION(() => ({
              kind: 'Not' as const,
              operand: operand ?? this.b.placeholderCondition(this.b.endOf(not)),
              range: this.rangeFrom(not),
            }));
          },
        },
        { ALT: () => this.SUBRULE(this.atom) },
      ],
    }),
  );

  private atom = this.RULE('atom', (): A.Condition => {
    const start = this.LA(1);
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            this.CONSUME(LParen);
            const operand = this.SUBRULE(this.condition);
            this.CONSUME(RParen);
            return this.ACTION(() => ({
              kind: 'Group' as const,
              operand: operand ?? this.b.placeholderCondition(this.b.endOf(start)),
              range: this.rangeFrom(start),
            }));
          },
        },
        {
          GATE: () => this.LA(2).tokenType === LParen,
          ALT: () => {
            this.CONSUME(Kw.count);
            this.CONSUME1(LParen);
            const of = this.CONSUME(AnyName);
            this.CONSUME1(RParen);
            const op = this.CONSUME(ComparisonOp);
            const value = this.CONSUME(NumberLiteral);
            return this.ACTION(() => ({
              kind: 'Count' as const,
              question: this.b.name(of, start.startOffset),
              operator: operatorOf(op),
              right: this.b.numberLiteral(value, this.b.endOf(op), 'a count of ticks is a whole number'),
              range: this.rangeFrom(start),
            }));
          },
        },
        {
          ALT: () => {
            const questionToken = this.CONSUME1(AnyName);
            const question = this.ACTION(() => this.b.name(questionToken, start.startOffset));
            return this.OR1([
              {
                ALT: (): A.Condition => {
                  const op = this.CONSUME1(ComparisonOp);
                  const right = this.OR2([
                    {
                      ALT: (): A.ComparisonCondition['right'] => {
                        const t = this.CONSUME2(AnyName);
                        return this.ACTION(() => this.b.name(t, this.b.endOf(op)));
                      },
                    },
                    {
                      ALT: (): A.ComparisonCondition['right'] => {
                        const t = this.CONSUME1(NumberLiteral);
                        return this.ACTION(() => this.b.numberLiteral(t, this.b.endOf(op)));
                      },
                    },
                    {
                      ALT: (): A.ComparisonCondition['right'] => {
                        const t = this.CONSUME(DateLiteral);
                        return this.ACTION(() => (isReal(t) ? this.b.dateLiteral(t) : this.b.name(undefined, this.b.endOf(op))));
                      },
                    },
                  ]);
                  return this.ACTION(() => ({
                    kind: 'Comparison' as const,
                    question,
                    operator: operatorOf(op),
                    right: right ?? this.b.name(undefined, this.b.endOf(op)),
                    range: this.rangeFrom(start),
                  }));
                },
              },
              {
                ALT: (): A.Condition => {
                  this.CONSUME(Kw.in);
                  this.CONSUME2(LParen);
                  const values: IToken[] = [this.CONSUME3(AnyName)];
                  this.MANY(() => {
                    this.CONSUME(Comma);
                    values.push(this.CONSUME4(AnyName));
                  });
                  this.CONSUME2(RParen);
                  return this.ACTION(() => ({
                    kind: 'In' as const,
                    question,
                    values: values.map((t) => this.b.name(t, this.b.endOf(questionToken))),
                    range: this.rangeFrom(start),
                  }));
                },
              },
              {
                ALT: (): A.Condition => {
                  const keyword = this.OR3([{ ALT: () => this.CONSUME(Kw.includes) }, { ALT: () => this.CONSUME(Kw.contains) }]);
                  const value = this.CONSUME5(AnyName);
                  return this.ACTION(() => ({
                    kind: 'Includes' as const,
                    question,
                    value: this.b.name(value, this.b.endOf(keyword)),
                    range: this.rangeFrom(start),
                  }));
                },
              },
              {
                ALT: (): A.Condition => {
                  this.CONSUME(Kw.is);
                  let negated = false;
                  this.OPTION(() => {
                    this.CONSUME1(Kw.not);
                    negated = true;
                  });
                  this.CONSUME(Kw.answered);
                  return this.ACTION(() => ({ kind: 'Answered' as const, question, negated, range: this.rangeFrom(start) }));
                },
              },
            ]);
          },
        },
      ],
    });
  });

  /** One token that cannot stand here: consumed and reported, so that parsing goes on. */
  private strayToken = this.RULE('strayToken', () => {
    const strays: TokenType[] = [RBrace, LBrace, RParen, LParen, Comma, ComparisonOp, NumberLiteral, DateLiteral, AnyString, AnyName];
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: strays.map((tokenType, i) => ({
        ALT: () => {
          const token = this.consume(i, tokenType);
          this.ACTION(() => this.problems.push({ kind: 'stray-token', token, expected: 'a question, section, option set or routing line', candidates: ITEM_WORDS }));
        },
      })),
    });
  });
}

/**
 * Whether the token after `survey`/`bank` lets them open the header: only a name may (see `file`).
 * test/grammar.test.ts checks that this decides exactly as chevrotain's LL(3) lookahead did.
 */
export function nameFollowsHeaderWord(second: IToken): boolean {
  return tokenMatcher(second, AnyName);
}

function isStringToken(tokenType: TokenType): boolean {
  return tokenType === AnyString || (tokenType.CATEGORIES?.includes(AnyString) ?? false);
}

/** After `not`, these mean `not` was a question id (`not = yes` is silly but legal). */
function isAtomContinuation(tokenType: TokenType): boolean {
  return (
    tokenType === Kw.in ||
    tokenType === Kw.includes ||
    tokenType === Kw.contains ||
    tokenType === Kw.is ||
    tokenType === ComparisonOp ||
    (tokenType.CATEGORIES?.includes(ComparisonOp) ?? false)
  );
}

/** The one parser instance: building a chevrotain parser analyses the whole grammar. */
export const poetParser = new PoetParser();
