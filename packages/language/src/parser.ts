/**
 * The chevrotain grammar of the POET language (see docs/grammar.md), built once per process.
 *
 * Fault tolerance comes from two places: chevrotain's own recovery (a missing token is
 * "inserted", a stray one deleted, loops re-synchronise), and explicit alternatives for the
 * mistakes designers actually make — a misspelt keyword is consumed as an unknown word and
 * the rest of the question, attribute or block is still read, so one run reports every
 * problem and later lines are not buried under follow-on errors.
 */
import { CstParser, EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import {
  allTokens,
  AnyName,
  AnyString,
  Comma,
  ComparisonOp,
  DateLiteral,
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

export class PoetParser extends CstParser {
  /** Problems found by the grammar's own error alternatives during the current parse. */
  problems: GrammarProblem[] = [];
  /** The text being parsed (set with `input`), for line-break tests in error recovery. */
  text = '';

  constructor() {
    // Node locations give every CST node its span, so the AST builder never walks subtrees for ranges.
    super(allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider, nodeLocationTracking: 'onlyOffset' });
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

  public file = this.RULE('file', () => {
    this.OPTION(() => this.SUBRULE(this.header));
    this.MANY(() => this.SUBRULE(this.topItem));
  });

  private header = this.RULE('header', () => {
    this.OR([{ ALT: () => this.CONSUME(Kw.survey) }, { ALT: () => this.CONSUME(Kw.bank) }]);
    this.CONSUME(AnyName, { LABEL: 'id' });
    this.OPTION(() => this.CONSUME(AnyString, { LABEL: 'title' }));
    this.MANY(() => this.SUBRULE(this.headerField));
  });

  private headerField = this.RULE('headerField', () => {
    this.OR([
      { ALT: () => this.CONSUME(Kw.version, { LABEL: 'field' }) },
      { ALT: () => this.CONSUME(Kw.language, { LABEL: 'field' }) },
      { ALT: () => this.CONSUME(Kw.audience, { LABEL: 'field' }) },
      { ALT: () => this.CONSUME(Kw.intro, { LABEL: 'field' }) },
      { ALT: () => this.CONSUME(Kw.privacy, { LABEL: 'field' }) },
      { ALT: () => this.CONSUME(Kw.thanks, { LABEL: 'field' }) },
    ]);
    this.CONSUME(AnyString, { LABEL: 'value' });
  });

  private topItem = this.RULE('topItem', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.importDecl) },
        { ALT: () => this.SUBRULE(this.optionSet) },
        { ALT: () => this.SUBRULE(this.section) },
        { ALT: () => this.SUBRULE(this.routing) },
        {
          GATE: () => this.LA(1).tokenType === Identifier && nearestWord(this.LA(1).image, ITEM_WORDS) === 'section',
          ALT: () => this.SUBRULE(this.misspeltSection),
        },
        { ALT: () => this.SUBRULE(this.questionLike) },
        { ALT: () => this.SUBRULE(this.strayToken) },
      ],
    });
  });

  private importDecl = this.RULE('importDecl', () => {
    this.CONSUME(Kw.import);
    this.CONSUME(AnyString, { LABEL: 'path' });
  });

  private optionSet = this.RULE('optionSet', () => {
    this.CONSUME(Kw.options);
    this.CONSUME(AnyName, { LABEL: 'id' });
    this.OPTION(() => this.CONSUME(AnyString, { LABEL: 'title' }));
    this.SUBRULE(this.optionBlock);
  });

  private optionBlock = this.RULE('optionBlock', () => {
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.optionLine));
    this.CONSUME(RBrace);
  });

  private optionLine = this.RULE('optionLine', () => {
    this.CONSUME(NumberLiteral, { LABEL: 'code' });
    this.CONSUME(AnyName, { LABEL: 'value' });
    this.CONSUME(AnyString, { LABEL: 'label' });
    this.MANY(() =>
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: () => this.CONSUME(Kw.exclusive, { LABEL: 'exclusive' }) },
          { ALT: () => this.CONSUME(Kw.specify, { LABEL: 'specify' }) },
          {
            ALT: () => {
              this.CONSUME(Kw.missing, { LABEL: 'missing' });
              this.CONSUME1(AnyName, { LABEL: 'missingKind' });
            },
          },
          {
            ALT: () => {
              const word = this.CONSUME(Identifier, { LABEL: 'unknownFlag' });
              this.ACTION(() =>
                this.problems.push({ kind: 'unknown-word', token: word, expected: 'an option flag (exclusive, specify, missing)', candidates: OPTION_FLAG_WORDS }),
              );
            },
          },
        ],
      }),
    );
  });

  private section = this.RULE('section', () => {
    this.CONSUME(Kw.section);
    this.CONSUME(AnyName, { LABEL: 'id' });
    this.OPTION(() => this.CONSUME(AnyString, { LABEL: 'title' }));
    this.SUBRULE(this.sectionBody);
  });

  /** A `section` keyword written wrongly (`sectoin`): read as a section so that its contents are still checked. */
  private misspeltSection = this.RULE('misspeltSection', () => {
    const word = this.CONSUME(Identifier, { LABEL: 'unknownWord' });
    this.ACTION(() => this.problems.push({ kind: 'unknown-word', token: word, expected: 'a section, question or option set', candidates: ['section'] }));
    this.CONSUME(AnyName, { LABEL: 'id' });
    this.OPTION(() => this.CONSUME(AnyString, { LABEL: 'title' }));
    this.SUBRULE(this.sectionBody);
  });

  private sectionBody = this.RULE('sectionBody', () => {
    this.CONSUME(LBrace);
    this.MANY({
      // Stop at the closing brace, and at the start of a new top-level declaration
      // (which most likely means that this section's `}` is missing).
      GATE: () => {
        const t = this.LA(1).tokenType;
        return t !== RBrace && t !== Kw.section && t !== Kw.options && t !== Kw.import && t !== Kw.survey && t !== Kw.bank;
      },
      DEF: () =>
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: () => this.SUBRULE(this.sectionAttribute) },
          { ALT: () => this.SUBRULE(this.routing) },
          { ALT: () => this.SUBRULE(this.questionLike) },
          { ALT: () => this.SUBRULE1(this.strayToken) },
        ],
      }),
    });
    this.CONSUME(RBrace);
  });

  private sectionAttribute = this.RULE('sectionAttribute', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.askIf) },
      {
        ALT: () => {
          this.CONSUME(Kw.intro);
          this.CONSUME(AnyString, { LABEL: 'text' });
        },
      },
    ]);
  });

  private routing = this.RULE('routing', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Kw.if);
          this.SUBRULE(this.condition);
          this.OR1([
            {
              ALT: () => {
                this.CONSUME(Kw.goto);
                this.CONSUME(AnyName, { LABEL: 'target' });
              },
            },
            {
              ALT: () => {
                this.CONSUME(Kw.end);
                this.CONSUME(AnyString, { LABEL: 'message' });
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME1(Kw.end);
          this.CONSUME1(AnyString, { LABEL: 'message' });
        },
      },
    ]);
  });

  private questionLike = this.RULE('questionLike', () => {
    this.OPTION(() => this.CONSUME(QuestionNumber, { LABEL: 'number' }));
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        ...questionKindTokens.map((token) => ({ ALT: () => this.CONSUME(token, { LABEL: 'kind' }) })),
        { ALT: () => this.CONSUME(Kw.use, { LABEL: 'use' }) },
        {
          ALT: () => {
            const word = this.CONSUME(Identifier, { LABEL: 'unknownKind' });
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
    this.OPTION1(() => this.CONSUME(AnyName, { LABEL: 'id' }));
    this.OPTION2(() => this.CONSUME(AnyString, { LABEL: 'text' }));
    this.MANY({ GATE: () => this.canStartAttribute(), DEF: () => this.SUBRULE(this.attribute) });
  });

  private attribute = this.RULE('attribute', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            this.CONSUME(Kw.hint);
            this.CONSUME(AnyString, { LABEL: 'hintText' });
          },
        },
        { ALT: () => this.CONSUME(Kw.optional) },
        { ALT: () => this.CONSUME(Kw.required) },
        { ALT: () => this.SUBRULE(this.askIf) },
        {
          ALT: () => {
            this.CONSUME(Kw.min);
            this.SUBRULE(this.limit, { LABEL: 'minValue' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(Kw.max);
            this.SUBRULE1(this.limit, { LABEL: 'maxValue' });
          },
        },
        { ALT: () => this.CONSUME(Kw.whole) },
        {
          GATE: () => this.LA(2).tokenType === LBrace,
          ALT: () => {
            this.CONSUME(Kw.options, { LABEL: 'inlineOptions' });
            this.SUBRULE(this.optionBlock);
          },
        },
        {
          GATE: () => this.LA(2).tokenType === Kw.from && this.LA(3).tokenType !== LBrace,
          ALT: () => {
            this.CONSUME1(Kw.options, { LABEL: 'pipedOptions' });
            this.CONSUME(Kw.from);
            this.CONSUME(AnyName, { LABEL: 'source' });
          },
        },
        {
          // `options NAME` names a set; `options NAME "Title" {` / `options NAME {` starts a new option set.
          GATE: () => {
            const third = this.LA(3).tokenType;
            return third !== LBrace && !isStringToken(third);
          },
          ALT: () => {
            this.CONSUME2(Kw.options, { LABEL: 'setOptions' });
            this.CONSUME1(AnyName, { LABEL: 'set' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(Kw.scale);
            this.OR1([
              { ALT: () => this.SUBRULE1(this.optionBlock, { LABEL: 'scaleBlock' }) },
              { ALT: () => this.CONSUME2(AnyName, { LABEL: 'scaleSet' }) },
            ]);
          },
        },
        {
          ALT: () => {
            this.CONSUME(Kw.rows);
            this.OR2([
              { ALT: () => this.SUBRULE(this.rowBlock) },
              {
                ALT: () => {
                  this.CONSUME3(AnyName, { LABEL: 'rowName' });
                  this.MANY(() => {
                    this.CONSUME(Comma);
                    this.CONSUME4(AnyName, { LABEL: 'rowName' });
                  });
                },
              },
            ]);
          },
        },
        {
          ALT: () => {
            this.CONSUME(Kw.row);
            this.CONSUME5(AnyName, { LABEL: 'conditionRow' });
            this.SUBRULE1(this.askIf, { LABEL: 'rowAskIf' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(Kw.check);
            this.SUBRULE(this.condition);
            this.CONSUME1(AnyString, { LABEL: 'checkMessage' });
          },
        },
        {
          ALT: () => {
            const word = this.CONSUME(Identifier, { LABEL: 'unknownAttribute' });
            this.ACTION(() => {
              this.problems.push({
                kind: 'unknown-word',
                token: word,
                expected: 'a question attribute (hint, optional, ask if, min, max, options, ...)',
                candidates: ATTRIBUTE_WORDS,
              });
              this.skipRestOfLine(word);
            });
          },
        },
      ],
    });
  });

  private rowBlock = this.RULE('rowBlock', () => {
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.row));
    this.CONSUME(RBrace);
  });

  private row = this.RULE('row', () => {
    this.CONSUME(AnyName, { LABEL: 'id' });
    this.CONSUME(AnyString, { LABEL: 'label' });
    this.OPTION(() => this.SUBRULE(this.askIf));
  });

  private askIf = this.RULE('askIf', () => {
    this.CONSUME(Kw.ask);
    this.CONSUME(Kw.if);
    this.SUBRULE(this.condition);
  });

  private limit = this.RULE('limit', () => {
    this.OR([
      { ALT: () => this.CONSUME(NumberLiteral) },
      { ALT: () => this.CONSUME(DateLiteral) },
      { ALT: () => this.CONSUME(Kw.today) },
    ]);
  });

  private condition = this.RULE('condition', () => {
    this.SUBRULE(this.andCondition, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(Kw.or);
      this.SUBRULE1(this.andCondition, { LABEL: 'operands' });
    });
  });

  private andCondition = this.RULE('andCondition', () => {
    this.SUBRULE(this.notCondition, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(Kw.and);
      this.SUBRULE1(this.notCondition, { LABEL: 'operands' });
    });
  });

  private notCondition = this.RULE('notCondition', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.LA(1).tokenType === Kw.not && !isAtomContinuation(this.LA(2).tokenType),
          ALT: () => {
            this.CONSUME(Kw.not);
            this.SUBRULE(this.notCondition, { LABEL: 'negated' });
          },
        },
        { ALT: () => this.SUBRULE(this.atom) },
      ],
    });
  });

  private atom = this.RULE('atom', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            this.CONSUME(LParen, { LABEL: 'open' });
            this.SUBRULE(this.condition, { LABEL: 'group' });
            this.CONSUME(RParen, { LABEL: 'close' });
          },
        },
        {
          GATE: () => this.LA(2).tokenType === LParen,
          ALT: () => {
            this.CONSUME(Kw.count);
            this.CONSUME1(LParen);
            this.CONSUME(AnyName, { LABEL: 'countOf' });
            this.CONSUME1(RParen);
            this.CONSUME(ComparisonOp, { LABEL: 'countOp' });
            this.CONSUME(NumberLiteral, { LABEL: 'countValue' });
          },
        },
        {
          ALT: () => {
            this.CONSUME1(AnyName, { LABEL: 'question' });
            this.OR1([
              {
                ALT: () => {
                  this.CONSUME1(ComparisonOp, { LABEL: 'op' });
                  this.OR2([
                    { ALT: () => this.CONSUME2(AnyName, { LABEL: 'rightName' }) },
                    { ALT: () => this.CONSUME1(NumberLiteral, { LABEL: 'rightNumber' }) },
                    { ALT: () => this.CONSUME(DateLiteral, { LABEL: 'rightDate' }) },
                  ]);
                },
              },
              {
                ALT: () => {
                  this.CONSUME(Kw.in);
                  this.CONSUME2(LParen);
                  this.CONSUME3(AnyName, { LABEL: 'inValue' });
                  this.MANY(() => {
                    this.CONSUME(Comma);
                    this.CONSUME4(AnyName, { LABEL: 'inValue' });
                  });
                  this.CONSUME2(RParen);
                },
              },
              {
                ALT: () => {
                  this.OR3([
                    { ALT: () => this.CONSUME(Kw.includes, { LABEL: 'includes' }) },
                    { ALT: () => this.CONSUME(Kw.contains, { LABEL: 'includes' }) },
                  ]);
                  this.CONSUME5(AnyName, { LABEL: 'includesValue' });
                },
              },
              {
                ALT: () => {
                  this.CONSUME(Kw.is);
                  this.OPTION(() => this.CONSUME1(Kw.not, { LABEL: 'isNot' }));
                  this.CONSUME(Kw.answered);
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
      DEF: strays.map((tokenType) => ({
        ALT: () => {
          const token = this.CONSUME(tokenType, { LABEL: 'stray' });
          this.ACTION(() => this.problems.push({ kind: 'stray-token', token, expected: 'a question, section, option set or routing line', candidates: ITEM_WORDS }));
        },
      })),
    });
  });
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
