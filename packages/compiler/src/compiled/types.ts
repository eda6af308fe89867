/**
 * The compiled survey: the one artefact that the form, the validator, the runtime and the
 * codebook read. It is plain JSON (no functions, no `undefined`), versioned by
 * {@link COMPILED_FORMAT_VERSION}, and documented in docs/compiled-format.md.
 *
 * Consumers never re-read `.poet` text and never re-derive routing: every item carries its
 * universe (the exact condition under which it is asked), as data and in words.
 */

import type { MarkupBlock, MarkupInline } from '@poetkit/language';

/** Bumped on any change that an older reader could misread. */
export const COMPILED_FORMAT_VERSION = 1;

/** A place in a source file, for messages that point a designer back to the `.poet` text. */
export interface SourceLocation {
  /** Path relative to the compiled survey's main file's folder, with `/` separators. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

// ---- texts ------------------------------------------------------------------------------

/** Inline content of a rich text: the language's safe markup tree (never HTML). */
export type RichInline = MarkupInline;

/** A block of a rich text. */
export type RichBlock = MarkupBlock;

/** A text with markup: the source string and its parsed tree. Renderers use `blocks`. */
export interface RichText {
  readonly source: string;
  readonly blocks: readonly RichBlock[];
}

// ---- conditions -------------------------------------------------------------------------

export type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * A condition over answers, as data. Evaluation rule (poet-reference README, Routing 3): an
 * atom about a question that was not asked, or was asked and left unanswered, is false,
 * whatever its operator; `count` of such a question is 0. `not` and `and`/`or` are the usual
 * two-valued operators over those results.
 */
export type Condition =
  | { readonly op: 'true' }
  | { readonly op: 'false' }
  | { readonly op: 'and'; readonly args: readonly Condition[] }
  | { readonly op: 'or'; readonly args: readonly Condition[] }
  | { readonly op: 'not'; readonly arg: Condition }
  /** single/consent: the chosen value is (`=`) or is not (`!=`) `value`. */
  | { readonly op: 'equals'; readonly question: string; readonly value: string; readonly negated: boolean }
  /** single: the chosen value is one of `values`. */
  | { readonly op: 'in'; readonly question: string; readonly values: readonly string[] }
  /** multi: `value` is among the ticked options. */
  | { readonly op: 'includes'; readonly question: string; readonly value: string }
  /** multi: number of ticked options compared with `count`. */
  | { readonly op: 'count'; readonly question: string; readonly comparison: Comparison; readonly count: number }
  /** number or date question compared with a constant (`value` is a number, or a `YYYY-MM-DD` string for dates). */
  | { readonly op: 'compare'; readonly question: string; readonly comparison: Comparison; readonly value: number | string }
  /** number or date question compared with another question of the same type. */
  | { readonly op: 'compareQuestions'; readonly question: string; readonly comparison: Comparison; readonly other: string }
  /** the question has an answer (`negated`: it has none). */
  | { readonly op: 'answered'; readonly question: string; readonly negated: boolean };

/** Who is asked: the condition, and the same in plain English ("Asked if has_pb is Yes"). */
export interface Universe {
  readonly condition: Condition;
  /** "Asked of everyone who takes part", "Asked if has_pb is Yes and pb_amount_known is Yes". */
  readonly text: string;
}

// ---- options ----------------------------------------------------------------------------

export type MissingKind = 'dont_know' | 'prefer_not_say';

export interface CompiledOption {
  readonly code: number;
  readonly value: string;
  readonly label: string;
  /** In a multi: may only be ticked on its own. */
  readonly exclusive: boolean;
  /** Choosing it opens the "please describe" text stored under `<question id>_other`. */
  readonly specify: boolean;
  /** A valid answer that analysts treat as missing. */
  readonly missing?: MissingKind;
}

// ---- items ------------------------------------------------------------------------------

export type CompiledKind = 'consent' | 'single' | 'multi' | 'text' | 'long_text' | 'number' | 'date' | 'grid' | 'info';

interface ItemBase {
  readonly id: string;
  readonly kind: CompiledKind;
  /** Printed number, such as "4a"; absent for the consent gate and info items. */
  readonly number?: string;
  /** The section (page) the item is on; absent for items before the first section (the consent gate). */
  readonly section?: string;
  /** The question text (plain text), or for `info` the text shown. */
  readonly text: RichText;
  readonly hint?: RichText;
  readonly universe: Universe;
  /** Where the item is written; for a `use` of a bank question, the `use` line. */
  readonly location: SourceLocation;
  /** For a bank question: the bank and where the question is defined there. */
  readonly bank?: { readonly id: string; readonly location: SourceLocation };
}

export interface InfoItem extends ItemBase {
  readonly kind: 'info';
}

interface QuestionBase extends ItemBase {
  /** Required when asked (the default) or optional. */
  readonly required: boolean;
}

export interface ChoiceQuestion extends QuestionBase {
  readonly kind: 'consent' | 'single' | 'multi';
  /** The options, in printed order. For a piped question: the source's non-exclusive options (those that can be offered). */
  readonly options: readonly CompiledOption[];
  /** A piped question offers only the options ticked in this earlier multi. */
  readonly pipedFrom?: string;
  /** multi only: fewest and most ticks. */
  readonly minTicks?: number;
  readonly maxTicks?: number;
  /** Present when an option has `specify`: the key, limit and universe of its text. */
  readonly other?: OtherText;
}

export interface OtherText {
  /** `<question id>_other` */
  readonly key: string;
  readonly maxLength: number;
  /** Asked when the question is asked and its `other` option is chosen. */
  readonly universe: Universe;
}

export interface TextQuestion extends QuestionBase {
  readonly kind: 'text' | 'long_text';
  /** Maximum length in Unicode code points (500 / 5000 by default). */
  readonly maxLength: number;
}

export interface NumberQuestion extends QuestionBase {
  readonly kind: 'number';
  readonly min?: number;
  readonly max?: number;
  readonly whole: boolean;
}

/** A date bound: a `YYYY-MM-DD` date, or `today` (the date the response is submitted). */
export type DateBound = string;

export interface DateQuestion extends QuestionBase {
  readonly kind: 'date';
  readonly min?: DateBound;
  readonly max?: DateBound;
}

export interface GridRow {
  readonly id: string;
  readonly label: string;
  /** Shown when the grid is asked and this holds (the grid's universe AND the row condition). */
  readonly universe: Universe;
}

export interface GridQuestion extends QuestionBase {
  readonly kind: 'grid';
  readonly scale: readonly CompiledOption[];
  readonly rows: readonly GridRow[];
}

export type CompiledQuestion = ChoiceQuestion | TextQuestion | NumberQuestion | DateQuestion | GridQuestion;
export type CompiledItem = CompiledQuestion | InfoItem;

// ---- structure --------------------------------------------------------------------------

export interface CompiledSection {
  readonly id: string;
  readonly title: string;
  readonly intro?: RichText;
  /** The section's own universe (its `ask if` combined with routing before it). */
  readonly universe: Universe;
  /** Ids of its items, in order. */
  readonly items: readonly string[];
  readonly location: SourceLocation;
}

/**
 * A page of the form: the consent page (items before the first section) and then one page per
 * section, in order.
 */
export interface CompiledPage {
  readonly id: string;
  readonly title: string;
  /** The section of this page, if any. */
  readonly section?: string;
  readonly items: readonly string[];
}

/** The survey ends when `condition` holds straight after `after` is answered. */
export interface EndRule {
  readonly id: string;
  /** The question the rule follows. */
  readonly after: string;
  readonly condition: Condition;
  readonly message: RichText;
  /** `false` only for the consent gate's refusal: nothing but the consent answer is kept. */
  readonly keepAnswers: boolean;
  /** When the rule is reached at all. */
  readonly universe: Universe;
  readonly location: SourceLocation;
}

/** A cross-question rule: when every question it names is answered, `condition` must hold. */
export interface Check {
  readonly id: string;
  /** The question the check is written on; its error is shown there. */
  readonly question: string;
  readonly condition: Condition;
  readonly questions: readonly string[];
  readonly message: string;
  readonly location: SourceLocation;
}

export interface CompiledSurvey {
  readonly format: 'poetkit-survey';
  readonly formatVersion: typeof COMPILED_FORMAT_VERSION;
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly language: string;
  readonly audience?: string;
  readonly intro?: RichText;
  readonly privacy?: RichText;
  readonly thanks?: RichText;
  /** Every item, in the order they are asked (consent, then section by section). */
  readonly items: readonly CompiledItem[];
  readonly sections: readonly CompiledSection[];
  readonly pages: readonly CompiledPage[];
  readonly endRules: readonly EndRule[];
  readonly checks: readonly Check[];
  /** The id of the consent gate, if the survey has one (always the first item). */
  readonly consent?: string;
  /** The `.poet` files this was compiled from, main file first. */
  readonly sources: readonly string[];
}
