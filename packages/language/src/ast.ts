/**
 * The typed syntax tree of a `.poet` file.
 *
 * Every node carries a {@link SourceRange}. Nothing here refers to chevrotain: the parser
 * converts its concrete syntax tree into these plain objects in one visitor, so the
 * formatter, the compiler and every later consumer see only this module.
 *
 * The tree records what the designer wrote, not what it means: references are plain
 * names ({@link Name}) that the compiler resolves, and attributes keep their source order
 * so that the formatter can reprint them (with their comments) where they were written.
 */

/** A position in a source file. `offset` is 0-based (UTF-16 code units, as in JavaScript strings); `line` and `column` are 1-based. */
export interface SourcePosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** A half-open range `[start, end)` in one source file. */
export interface SourceRange {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** An identifier as written, with where it was written. */
export interface Name {
  readonly kind: 'Name';
  readonly text: string;
  readonly range: SourceRange;
}

/**
 * A string literal. `value` is the decoded text (escapes resolved; for a `"""` block the
 * common indentation removed). `block` records whether it was written as a `"""` block.
 */
export interface StringLiteral {
  readonly kind: 'String';
  readonly value: string;
  readonly block: boolean;
  readonly range: SourceRange;
}

/** A comment (`# ...`). Comments are kept beside the tree, not inside it. */
export interface Comment {
  readonly text: string;
  readonly range: SourceRange;
}

// ---------------------------------------------------------------------------------------
// Literals used in limits and conditions
// ---------------------------------------------------------------------------------------

export interface NumberLiteral {
  readonly kind: 'Number';
  /** The digits as written (`"2.50"`), kept so that the formatter reprints them unchanged. */
  readonly text: string;
  readonly value: number;
  readonly range: SourceRange;
}

export interface DateLiteral {
  readonly kind: 'Date';
  /** `YYYY-MM-DD` as written; whether it is a real calendar date is checked by the compiler. */
  readonly text: string;
  readonly range: SourceRange;
}

/** `today`: the date a response is submitted. */
export interface TodayLiteral {
  readonly kind: 'Today';
  readonly range: SourceRange;
}

export type LimitValue = NumberLiteral | DateLiteral | TodayLiteral;

// ---------------------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------------------

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** `a or b` */
export interface OrCondition {
  readonly kind: 'Or';
  readonly operands: readonly Condition[];
  readonly range: SourceRange;
}

/** `a and b` */
export interface AndCondition {
  readonly kind: 'And';
  readonly operands: readonly Condition[];
  readonly range: SourceRange;
}

/** `not a` */
export interface NotCondition {
  readonly kind: 'Not';
  readonly operand: Condition;
  readonly range: SourceRange;
}

/** `( a )`, kept so that the formatter reprints the designer's grouping. */
export interface GroupCondition {
  readonly kind: 'Group';
  readonly operand: Condition;
  readonly range: SourceRange;
}

/**
 * `question OP right`. `right` is an option value name (`has_pb = yes`), a number
 * (`child_age >= 16`), a date (`plan_date < 2014-09-01`) or another question
 * (`n_children_current <= n_children_total`, resolved by the compiler).
 */
export interface ComparisonCondition {
  readonly kind: 'Comparison';
  readonly question: Name;
  readonly operator: ComparisonOperator;
  readonly right: Name | NumberLiteral | DateLiteral;
  readonly range: SourceRange;
}

/** `question in (a, b, c)` */
export interface InCondition {
  readonly kind: 'In';
  readonly question: Name;
  readonly values: readonly Name[];
  readonly range: SourceRange;
}

/** `question includes value` (`contains` is accepted as a synonym and printed as `includes`). */
export interface IncludesCondition {
  readonly kind: 'Includes';
  readonly question: Name;
  readonly value: Name;
  readonly range: SourceRange;
}

/** `count(question) OP n` */
export interface CountCondition {
  readonly kind: 'Count';
  readonly question: Name;
  readonly operator: ComparisonOperator;
  readonly right: NumberLiteral;
  readonly range: SourceRange;
}

/** `question is answered` / `question is not answered` */
export interface AnsweredCondition {
  readonly kind: 'Answered';
  readonly question: Name;
  readonly negated: boolean;
  readonly range: SourceRange;
}

export type Condition =
  | OrCondition
  | AndCondition
  | NotCondition
  | GroupCondition
  | ComparisonCondition
  | InCondition
  | IncludesCondition
  | CountCondition
  | AnsweredCondition;

// ---------------------------------------------------------------------------------------
// Options, rows
// ---------------------------------------------------------------------------------------

export type OptionFlag =
  | { readonly kind: 'Exclusive'; readonly range: SourceRange }
  | { readonly kind: 'Specify'; readonly range: SourceRange }
  | { readonly kind: 'Missing'; readonly missingKind: Name; readonly range: SourceRange };

/** `96 other "Other – please describe" specify` */
export interface OptionNode {
  readonly kind: 'Option';
  readonly code: NumberLiteral;
  readonly value: Name;
  readonly label: StringLiteral;
  readonly flags: readonly OptionFlag[];
  readonly range: SourceRange;
}

/** A grid row: `get_info "Get the information and advice you need" ask if pb_aware = yes` */
export interface RowNode {
  readonly kind: 'Row';
  readonly id: Name;
  readonly label: StringLiteral;
  readonly askIf?: Condition;
  readonly range: SourceRange;
}

// ---------------------------------------------------------------------------------------
// Question attributes (written after the question's header line, in any order)
// ---------------------------------------------------------------------------------------

/** `hint "..."`: help text shown with the question. */
export interface HintAttribute {
  readonly kind: 'Hint';
  readonly text: StringLiteral;
  readonly range: SourceRange;
}

/** `optional` or `required` (questions are required when asked unless marked optional). */
export interface RequiredAttribute {
  readonly kind: 'Required';
  readonly required: boolean;
  readonly range: SourceRange;
}

/** `ask if CONDITION` */
export interface AskIfAttribute {
  readonly kind: 'AskIf';
  readonly condition: Condition;
  readonly range: SourceRange;
}

/** `min VALUE` / `max VALUE`: value (number, date), characters (text) or ticks (multi). */
export interface LimitAttribute {
  readonly kind: 'Min' | 'Max';
  readonly value: LimitValue;
  readonly range: SourceRange;
}

/** `whole`: a number question accepts whole numbers only. */
export interface WholeAttribute {
  readonly kind: 'Whole';
  readonly range: SourceRange;
}

/** `options { ... }` (inline list) */
export interface InlineOptionsAttribute {
  readonly kind: 'InlineOptions';
  readonly options: readonly OptionNode[];
  readonly range: SourceRange;
}

/** `options yes_no_dk` (a named option set) */
export interface OptionSetRefAttribute {
  readonly kind: 'OptionSetRef';
  readonly set: Name;
  readonly range: SourceRange;
}

/** `options from main_reason` (piped from the options ticked in an earlier multi) */
export interface PipedOptionsAttribute {
  readonly kind: 'PipedOptions';
  readonly source: Name;
  readonly range: SourceRange;
}

/** `scale ease6` or `scale { ... }`: the shared scale of a grid. */
export interface ScaleAttribute {
  readonly kind: 'Scale';
  readonly scale: Name | readonly OptionNode[];
  readonly range: SourceRange;
}

/** `rows { ... }`: the rows of a grid. */
export interface RowsAttribute {
  readonly kind: 'Rows';
  readonly rows: readonly RowNode[];
  readonly range: SourceRange;
}

/** `rows get_info, assessment, ...`: a subset of a bank grid's rows (only with `use`). */
export interface RowSubsetAttribute {
  readonly kind: 'RowSubset';
  readonly rows: readonly Name[];
  readonly range: SourceRange;
}

/** `row arrange_pb ask if pb_aware = yes`: a row condition on a bank grid (only with `use`). */
export interface RowConditionAttribute {
  readonly kind: 'RowCondition';
  readonly row: Name;
  readonly condition: Condition;
  readonly range: SourceRange;
}

/** `check CONDITION "message"`: a cross-question rule the answers must obey. */
export interface CheckAttribute {
  readonly kind: 'Check';
  readonly condition: Condition;
  readonly message: StringLiteral;
  readonly range: SourceRange;
}

export type QuestionAttribute =
  | HintAttribute
  | RequiredAttribute
  | AskIfAttribute
  | LimitAttribute
  | WholeAttribute
  | InlineOptionsAttribute
  | OptionSetRefAttribute
  | PipedOptionsAttribute
  | ScaleAttribute
  | RowsAttribute
  | RowSubsetAttribute
  | RowConditionAttribute
  | CheckAttribute;

// ---------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------

/** The kinds of question a designer can write. `yesno` is a `single` with Yes (1) / No (2). */
export type QuestionKind =
  | 'consent'
  | 'single'
  | 'yesno'
  | 'multi'
  | 'text'
  | 'long_text'
  | 'number'
  | 'date'
  | 'grid'
  | 'info';

/** The printed number of a question (`4a)` is written before the keyword). */
export interface QuestionNumber {
  readonly text: string;
  readonly range: SourceRange;
}

/** `4) multi main_reason "What is the main reason ...?"` followed by attributes. */
export interface QuestionNode {
  readonly kind: 'Question';
  readonly questionKind: QuestionKind;
  readonly number?: QuestionNumber;
  readonly id: Name;
  readonly text: StringLiteral;
  readonly attributes: readonly QuestionAttribute[];
  readonly range: SourceRange;
}

/** `1) use la_name "Overriding text"`: a question taken from an imported bank. */
export interface UseNode {
  readonly kind: 'Use';
  readonly number?: QuestionNumber;
  readonly id: Name;
  readonly text?: StringLiteral;
  readonly attributes: readonly QuestionAttribute[];
  readonly range: SourceRange;
}

/** `if CONDITION goto TARGET` (goto-style routing, placed between items). */
export interface GotoNode {
  readonly kind: 'Goto';
  readonly condition: Condition;
  readonly target: Name;
  readonly range: SourceRange;
}

/** `if CONDITION end "message"` or `end "message"`: the survey ends here (screen-out). */
export interface EndNode {
  readonly kind: 'End';
  readonly condition?: Condition;
  readonly message: StringLiteral;
  readonly range: SourceRange;
}

export type SectionItem = QuestionNode | UseNode | GotoNode | EndNode;

/** `ask if ...` and `intro "..."` written at the top of a section. */
export type SectionAttribute =
  | AskIfAttribute
  | { readonly kind: 'Intro'; readonly text: StringLiteral; readonly range: SourceRange };

/** `section sec_pb "Your child's personal budget" { ... }` */
export interface SectionNode {
  readonly kind: 'Section';
  readonly id: Name;
  readonly title: StringLiteral;
  readonly attributes: readonly SectionAttribute[];
  readonly items: readonly SectionItem[];
  readonly range: SourceRange;
}

/** `options yes_no_dk "Yes / No / Don't know" { ... }` */
export interface OptionSetNode {
  readonly kind: 'OptionSet';
  readonly id: Name;
  readonly title?: StringLiteral;
  readonly options: readonly OptionNode[];
  readonly range: SourceRange;
}

/** `import "banks/common.poet"` */
export interface ImportNode {
  readonly kind: 'Import';
  readonly path: StringLiteral;
  readonly range: SourceRange;
}

export type HeaderFieldName = 'version' | 'language' | 'audience' | 'intro' | 'privacy' | 'thanks';

/** `version "1.0.0"`, `intro """..."""`, ... written under the `survey` or `bank` line. */
export interface HeaderField {
  readonly kind: 'HeaderField';
  readonly name: HeaderFieldName;
  readonly value: StringLiteral;
  readonly range: SourceRange;
}

/** `survey parent_ehc "Title"` or `bank common "Title"`, with its fields. */
export interface HeaderNode {
  readonly kind: 'Header';
  readonly fileKind: 'survey' | 'bank';
  readonly id: Name;
  readonly title: StringLiteral;
  readonly fields: readonly HeaderField[];
  readonly range: SourceRange;
}

/** What may stand at the top level of a file, after the header and imports. */
export type TopLevelItem = OptionSetNode | SectionNode | QuestionNode | UseNode | GotoNode | EndNode;

// ---------------------------------------------------------------------------------------
// Designer's tests (`test "name" { ... }` after the sections)
// ---------------------------------------------------------------------------------------

/**
 * A value written in a `given` line: an option value, a number, a date or a text. `today`
 * is a {@link Name}: it means the date of the run for a date question, an option value otherwise.
 */
export type TestValue = Name | NumberLiteral | DateLiteral | StringLiteral;

/** `given main_reason = semh, physical` or, for one grid row, `given ehc_ease get_info = very_easy`. */
export interface GivenStatement {
  readonly kind: 'Given';
  /** A question id, or an `<id>_other` text key. */
  readonly question: Name;
  readonly row?: Name;
  readonly values: readonly TestValue[];
  readonly range: SourceRange;
}

/** `leave setting_name blank`: the question is asked and left unanswered (the runner does not fill it). */
export interface LeaveBlankStatement {
  readonly kind: 'LeaveBlank';
  readonly question: Name;
  readonly range: SourceRange;
}

/** `asks a, b, c` (exactly these questions, in this order) or `not asked a, b`. */
export interface AsksStatement {
  readonly kind: 'Asks' | 'NotAsked';
  readonly questions: readonly Name[];
  readonly range: SourceRange;
}

/** `offers most_impact semh, physical`: the options a piped question offers, in order. */
export interface OffersStatement {
  readonly kind: 'Offers';
  readonly question: Name;
  readonly values: readonly Name[];
  readonly range: SourceRange;
}

/** `shows process_ease rows get_info, assessment`: the rows of a grid shown, in order. */
export interface ShowsStatement {
  readonly kind: 'Shows';
  readonly question: Name;
  readonly rows: readonly Name[];
  readonly range: SourceRange;
}

/** `opens main_reason_other`: the "please describe" texts that are asked. */
export interface OpensStatement {
  readonly kind: 'Opens';
  readonly keys: readonly Name[];
  readonly range: SourceRange;
}

/** `ends after ehc_plan_status "Thank you. ..."`: an end rule fires straight after the question. */
export interface EndsStatement {
  readonly kind: 'Ends';
  readonly question: Name;
  readonly message?: StringLiteral;
  readonly range: SourceRange;
}

/** `completes` (no end rule fires) or `valid` (the response validates). */
export interface FlagStatement {
  readonly kind: 'Completes' | 'Valid';
  readonly range: SourceRange;
}

/** `invalid child_age, pb_amount "message"`: the response has errors at exactly these questions. */
export interface InvalidStatement {
  readonly kind: 'Invalid';
  readonly questions: readonly Name[];
  readonly message?: StringLiteral;
  readonly range: SourceRange;
}

export type TestStatement =
  | GivenStatement
  | LeaveBlankStatement
  | AsksStatement
  | OffersStatement
  | ShowsStatement
  | OpensStatement
  | EndsStatement
  | FlagStatement
  | InvalidStatement;

/** `test "P03 Full path" { given ...; asks ... }` */
export interface TestNode {
  readonly kind: 'Test';
  readonly name: StringLiteral;
  readonly statements: readonly TestStatement[];
  readonly range: SourceRange;
}

/** A whole `.poet` file. `header` is absent only in a file too broken to have one. */
export interface PoetFile {
  readonly kind: 'File';
  readonly header?: HeaderNode;
  readonly imports: readonly ImportNode[];
  readonly items: readonly TopLevelItem[];
  /** The designer's tests, written after every other top-level item. */
  readonly tests: readonly TestNode[];
  readonly comments: readonly Comment[];
  readonly range: SourceRange;
}

/** Every node kind, for generic walks. */
export type AstNode =
  | PoetFile
  | HeaderNode
  | HeaderField
  | ImportNode
  | OptionSetNode
  | SectionNode
  | QuestionNode
  | UseNode
  | GotoNode
  | EndNode
  | OptionNode
  | RowNode
  | TestNode
  | TestStatement
  | QuestionAttribute
  | SectionAttribute
  | Condition
  | Name
  | StringLiteral
  | NumberLiteral
  | DateLiteral
  | TodayLiteral;
