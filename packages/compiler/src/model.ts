/** The compiler's own view of a survey, between the syntax tree and the compiled format. */
import type { Name, OptionNode, RowNode, SourceRange, StringLiteral, Condition as AstCondition } from '@poetkit/language';
import type { CompiledKind, CompiledOption } from './compiled/types.js';
import type { SourceFile } from './load.js';

/** A compiled option, with where it was written. */
export interface ResolvedOption extends CompiledOption {
  readonly node?: OptionNode;
  readonly file?: SourceFile;
}

/** A condition as written, with the file it is written in. */
export interface WrittenCondition {
  readonly condition: AstCondition;
  readonly file: SourceFile;
}

export interface ResolvedRow {
  readonly id: string;
  readonly label: string;
  readonly askIf?: WrittenCondition;
  readonly node: RowNode;
  readonly file: SourceFile;
}

export interface WrittenCheck {
  readonly condition: AstCondition;
  readonly message: StringLiteral;
  readonly range: SourceRange;
  readonly file: SourceFile;
}

/** A question or info item of the survey, with a `use` already merged with its bank question. */
export interface ResolvedItem {
  readonly id: string;
  readonly idName: Name;
  /** Where the item is written (for a `use`: the `use` line). */
  readonly file: SourceFile;
  readonly range: SourceRange;
  readonly kind: CompiledKind;
  number?: string;
  text: { readonly literal: StringLiteral; readonly file: SourceFile };
  hint?: { readonly literal: StringLiteral; readonly file: SourceFile };
  required: boolean;
  options?: ResolvedOption[];
  pipedFrom?: Name;
  minTicks?: number;
  maxTicks?: number;
  maxLength?: number;
  min?: number | string;
  max?: number | string;
  whole: boolean;
  scale?: ResolvedOption[];
  rows?: ResolvedRow[];
  readonly askIf: WrittenCondition[];
  readonly checks: WrittenCheck[];
  section?: string;
  /** Position in the survey's sequence of items and rules. */
  index: number;
  bank?: { readonly id: string; readonly file: SourceFile; readonly range: SourceRange };
}

export function isQuestion(item: ResolvedItem): boolean {
  return item.kind !== 'info';
}

/** The options a condition on `item` may name: its own, or for a piped question its source's. */
export function optionsOf(item: ResolvedItem, lookup: (id: string) => ResolvedItem | undefined): readonly ResolvedOption[] {
  if (item.pipedFrom !== undefined) {
    const source = lookup(item.pipedFrom.text);
    return (source?.options ?? []).filter((o) => !o.exclusive);
  }
  return item.options ?? [];
}
