/**
 * Name resolution and the checks of single declarations: option sets, option lists, bank
 * questions, questions and `use` of bank questions. Produces {@link ResolvedItem}s.
 */
import {
  createDiagnostic,
  nearestWord,
  type Diagnostic,
  type LimitAttribute,
  type Name,
  type OptionNode,
  type OptionSetNode,
  type QuestionAttribute,
  type QuestionNode,
  type SourceRange,
  type UseNode,
} from '@poetkit/language';
import type { CompiledKind, MissingKind } from './compiled/types.js';
import type { SourceFile } from './load.js';
import type { ResolvedItem, ResolvedOption, ResolvedRow, WrittenCondition } from './model.js';
import { MAX_LABEL_BYTES, utf8Length, valueNameProblem } from './names.js';

export const DEFAULT_MAX_LENGTH: Readonly<Record<'text' | 'long_text', number>> = { text: 500, long_text: 5000 };
export const OTHER_MAX_LENGTH = 200;

const YES_NO: readonly ResolvedOption[] = [
  { code: 1, value: 'yes', label: 'Yes', exclusive: false, specify: false },
  { code: 2, value: 'no', label: 'No', exclusive: false, specify: false },
];

interface Declared<T> {
  readonly node: T;
  readonly file: SourceFile;
}

/** The written word of an attribute, for messages. */
export function attributeWord(attribute: QuestionAttribute): string {
  switch (attribute.kind) {
    case 'Hint': return 'hint';
    case 'Required': return attribute.required ? 'required' : 'optional';
    case 'AskIf': return 'ask if';
    case 'Min': return 'min';
    case 'Max': return 'max';
    case 'Whole': return 'whole';
    case 'InlineOptions': return 'options';
    case 'OptionSetRef': return 'options';
    case 'PipedOptions': return 'options from';
    case 'Scale': return 'scale';
    case 'Rows': return 'rows';
    case 'RowSubset': return 'rows';
    case 'RowCondition': return 'row ... ask if';
    case 'Check': return 'check';
  }
}

function kindWord(kind: CompiledKind | 'yesno'): string {
  return kind === 'long_text' ? 'long text' : kind;
}

/** The scope a survey or bank sees: option sets and bank questions of every visible file. */
export class Resolver {
  readonly optionSets = new Map<string, Declared<OptionSetNode>>();
  readonly bankQuestions = new Map<string, Declared<QuestionNode>>();
  /** Names of option sets used, and files something was used from. */
  readonly usedOptionSets = new Set<string>();
  readonly usedFiles = new Set<string>();
  private readonly optionLists = new Map<readonly OptionNode[], ResolvedOption[]>();
  /**
   * Whether an import of a visible file could not be used (not found, a cycle, a survey, or
   * with errors). A bank question that is not found may then be in that file, so its `use`
   * gets no error of its own: the import's error says it all.
   */
  private readonly importFailed: boolean;

  constructor(
    readonly files: readonly SourceFile[],
    readonly main: SourceFile,
    private readonly report: (d: Diagnostic) => void,
  ) {
    this.importFailed = files.some((f) => f.imports.some((edge) => edge.target === undefined));
    for (const file of files) {
      for (const item of file.ast.items) {
        if (item.kind === 'OptionSet') {
          registerOnce(this.optionSets, { node: item, file }, 'duplicate-option-set', { name: item.id.text }, report);
        } else if (item.kind === 'Question' && file.ast.header?.fileKind === 'bank') {
          registerOnce(this.bankQuestions, { node: item, file }, 'duplicate-id', { id: item.id.text }, report);
        }
      }
    }
    // Every option set is checked once, whether or not it is used.
    for (const { node, file } of this.optionSets.values()) {
      this.optionList(node.options, file, `option set '${node.id.text}'`, node.id.range);
    }
  }

  /** Checks an option list on its own (codes, values, labels, flags) and resolves it; cached per list. */
  optionList(nodes: readonly OptionNode[], file: SourceFile, owner: string, emptyRange: SourceRange): ResolvedOption[] {
    const cached = this.optionLists.get(nodes);
    if (cached !== undefined) return cached;
    const report = this.report;
    if (nodes.length === 0) report(createDiagnostic('empty-options', file.path, emptyRange, { owner: capitalise(owner.replace(/^the options of /, 'the option list of ')) }));
    const codes = new Map<number, OptionNode>();
    const values = new Map<string, OptionNode>();
    const out: ResolvedOption[] = [];
    for (const node of nodes) {
      const code = node.code.value;
      const value = node.value.text;
      const firstCode = codes.get(code);
      if (firstCode !== undefined) {
        report(
          createDiagnostic('duplicate-option-code', file.path, node.code.range, { code, owner }, {
            related: [{ file: file.path, range: firstCode.code.range, message: 'first used here' }],
          }),
        );
      } else codes.set(code, node);
      const firstValue = values.get(value);
      if (firstValue !== undefined) {
        report(
          createDiagnostic('duplicate-option-value', file.path, node.value.range, { value, owner }, {
            related: [{ file: file.path, range: firstValue.value.range, message: 'first used here' }],
          }),
        );
      } else values.set(value, node);
      const problem = valueNameProblem(value);
      if (problem !== undefined) {
        report(createDiagnostic('invalid-value-name', file.path, node.value.range, { name: value, what: 'an option value', reason: problem }));
      }
      const bytes = utf8Length(node.label.value);
      if (bytes > MAX_LABEL_BYTES) report(createDiagnostic('label-too-long', file.path, node.label.range, { bytes }));
      let exclusive = false;
      let specify = false;
      let missing: MissingKind | undefined;
      for (const flag of node.flags) {
        if (flag.kind === 'Exclusive') exclusive = true;
        else if (flag.kind === 'Specify') {
          specify = true;
          if (value !== 'other') report(createDiagnostic('specify-not-other', file.path, flag.range, { value }));
        } else {
          const kind = flag.missingKind.text;
          if (kind === 'dont_know' || kind === 'prefer_not_say') missing = kind;
          else {
            const suggestion = nearestWord(kind, ['dont_know', 'prefer_not_say']);
            report(
              createDiagnostic('unknown-missing-kind', file.path, flag.missingKind.range, {
                name: kind,
                ...(suggestion === undefined ? {} : { suggestion }),
              }),
            );
          }
        }
      }
      out.push({
        code,
        value,
        label: node.label.value,
        exclusive,
        specify,
        ...(missing === undefined ? {} : { missing }),
        node,
        file,
      });
    }
    this.optionLists.set(nodes, out);
    return out;
  }

  /** Resolves `options NAME` / `scale NAME`. */
  optionSet(name: Name, file: SourceFile): ResolvedOption[] | undefined {
    const found = this.optionSets.get(name.text);
    if (found === undefined) {
      const suggestion = nearestWord(name.text, [...this.optionSets.keys()]);
      this.report(
        createDiagnostic('unknown-option-set', file.path, name.range, { name: name.text, ...(suggestion === undefined ? {} : { suggestion }) }),
      );
      return undefined;
    }
    this.usedOptionSets.add(name.text);
    this.usedFiles.add(found.file.path);
    return this.optionList(found.node.options, found.file, `option set '${name.text}'`, found.node.id.range);
  }

  /** Checks the flags of options in the context of the question that uses them. */
  private checkFlags(item: ResolvedItem, options: readonly ResolvedOption[], role: 'options' | 'scale'): void {
    for (const option of options) {
      if (option.node === undefined || option.file === undefined) continue;
      const path = option.file.path;
      for (const flag of option.node.flags) {
        if (flag.kind === 'Exclusive' && (item.kind !== 'multi' || role === 'scale')) {
          this.report(
            createDiagnostic('misplaced-option-flag', path, flag.range, {
              problem: `'exclusive' only has a meaning in a multi question, and '${item.id}' is a ${kindWord(item.kind)} question`,
            }),
          );
        }
        if (flag.kind === 'Specify' && role === 'scale') {
          this.report(
            createDiagnostic('misplaced-option-flag', path, flag.range, {
              problem: `'specify' cannot be used on the scale of grid '${item.id}': a grid has no "please describe" text`,
            }),
          );
        }
      }
      if (item.kind === 'multi' && option.missing !== undefined && !option.exclusive) {
        this.report(
          createDiagnostic('misplaced-option-flag', path, option.node.value.range, {
            problem: `In a multi, a missing-kind option such as '${option.value}' must also be exclusive: add the word exclusive`,
          }),
        );
      }
    }
  }

  /**
   * A question as written (in a survey or a bank), with its attributes checked against its
   * kind. `index` and `section` are filled in by the caller.
   */
  question(node: QuestionNode, file: SourceFile): ResolvedItem {
    const report = this.report;
    const written = node.questionKind;
    const kind: CompiledKind = written === 'yesno' ? 'single' : written;
    const item: ResolvedItem = {
      id: node.id.text,
      idName: node.id,
      file,
      range: node.range,
      kind,
      text: { literal: node.text, file },
      required: kind !== 'info',
      whole: false,
      askIf: [],
      checks: [],
      index: -1,
    };
    if (node.number !== undefined) item.number = node.number.text;
    if (written === 'yesno') item.options = [...YES_NO];
    const notAllowed = (attribute: QuestionAttribute, what = kindWord(written)): void => {
      report(createDiagnostic('attribute-not-allowed', file.path, attribute.range, { attribute: attributeWord(attribute), kind: what }));
    };
    const isChoice = kind === 'single' || kind === 'multi' || kind === 'consent';
    const limits: LimitAttribute[] = [];
    const rowConditions: { row: Name; condition: WrittenCondition }[] = [];
    for (const attribute of node.attributes) {
      switch (attribute.kind) {
        case 'Hint':
          item.hint = { literal: attribute.text, file };
          break;
        case 'Required':
          if (kind === 'info' || (kind === 'consent' && !attribute.required)) notAllowed(attribute);
          else item.required = attribute.required;
          break;
        case 'AskIf':
          item.askIf.push({ condition: attribute.condition, file });
          break;
        case 'Min':
        case 'Max':
          if (kind === 'number' || kind === 'date' || kind === 'multi' || (attribute.kind === 'Max' && (kind === 'text' || kind === 'long_text'))) {
            limits.push(attribute);
          } else notAllowed(attribute);
          break;
        case 'Whole':
          if (kind === 'number') item.whole = true;
          else notAllowed(attribute);
          break;
        case 'InlineOptions':
          if (!isChoice || written === 'yesno') notAllowed(attribute);
          else item.options = this.optionList(attribute.options, file, `the options of '${item.id}'`, attribute.range);
          break;
        case 'OptionSetRef':
          if (!isChoice || written === 'yesno') notAllowed(attribute);
          else {
            const options = this.optionSet(attribute.set, file);
            if (options !== undefined) item.options = options;
          }
          break;
        case 'PipedOptions':
          if ((kind !== 'single' && kind !== 'multi') || written === 'yesno') notAllowed(attribute);
          else item.pipedFrom = attribute.source;
          break;
        case 'Scale':
          if (kind !== 'grid') notAllowed(attribute);
          else if (Array.isArray(attribute.scale)) {
            item.scale = this.optionList(attribute.scale as readonly OptionNode[], file, `the scale of '${item.id}'`, attribute.range);
          } else {
            const options = this.optionSet(attribute.scale as Name, file);
            if (options !== undefined) item.scale = options;
          }
          break;
        case 'Rows':
          if (kind !== 'grid') notAllowed(attribute);
          else item.rows = this.rows(item, attribute.rows, file);
          break;
        case 'RowSubset':
          notAllowed(attribute, kind === 'grid' ? 'grid written here (a row subset is only for a use of a bank grid)' : kindWord(written));
          break;
        case 'RowCondition':
          if (kind !== 'grid') notAllowed(attribute);
          else rowConditions.push({ row: attribute.row, condition: { condition: attribute.condition, file } });
          break;
        case 'Check':
          if (kind === 'info') notAllowed(attribute);
          else item.checks.push({ condition: attribute.condition, message: attribute.message, range: attribute.range, file });
          break;
      }
    }
    this.applyLimits(item, limits, file);
    if (isChoice && item.options === undefined && item.pipedFrom === undefined && !node.attributes.some((a) => a.kind === 'OptionSetRef')) {
      report(createDiagnostic('missing-attribute', file.path, node.id.range, { kind: capitalise(kindWord(written)), id: item.id, what: 'options: options { ... }, options SET_NAME or options from QUESTION' }));
    }
    if (item.pipedFrom !== undefined && item.options !== undefined && written !== 'yesno') {
      report(createDiagnostic('attribute-not-allowed', file.path, node.id.range, { attribute: 'options from together with options', kind: kindWord(kind) }));
    }
    if (kind === 'grid') {
      if (item.scale === undefined && !node.attributes.some((a) => a.kind === 'Scale')) {
        report(createDiagnostic('missing-attribute', file.path, node.id.range, { kind: 'Grid', id: item.id, what: 'a scale: scale SET_NAME or scale { ... }' }));
      }
      if (item.rows === undefined && !node.attributes.some((a) => a.kind === 'Rows')) {
        report(createDiagnostic('missing-attribute', file.path, node.id.range, { kind: 'Grid', id: item.id, what: 'rows: rows { ... }' }));
      }
      this.applyRowConditions(item, rowConditions);
    }
    if (kind === 'text' || kind === 'long_text') item.maxLength ??= DEFAULT_MAX_LENGTH[kind];
    if (item.options !== undefined) this.checkFlags(item, item.options, 'options');
    if (item.scale !== undefined) this.checkFlags(item, item.scale, 'scale');
    if (kind === 'consent' && item.options !== undefined) {
      const values = item.options.map((o) => o.value).sort();
      if (values.length !== 2 || values[0] !== 'no' || values[1] !== 'yes') {
        report(createDiagnostic('consent-options', file.path, node.id.range, { id: item.id }));
      }
    }
    return item;
  }

  private rows(item: ResolvedItem, nodes: readonly import('@poetkit/language').RowNode[], file: SourceFile): ResolvedRow[] {
    if (nodes.length === 0) {
      this.report(createDiagnostic('empty-options', file.path, item.idName.range, { owner: `The rows of grid '${item.id}'` }));
    }
    const seen = new Map<string, SourceRange>();
    const out: ResolvedRow[] = [];
    for (const node of nodes) {
      const first = seen.get(node.id.text);
      if (first !== undefined) {
        this.report(
          createDiagnostic('duplicate-row-id', file.path, node.id.range, { id: node.id.text, grid: item.id }, {
            related: [{ file: file.path, range: first, message: 'first used here' }],
          }),
        );
        continue;
      }
      seen.set(node.id.text, node.id.range);
      const problem = valueNameProblem(node.id.text);
      if (problem !== undefined) {
        this.report(createDiagnostic('invalid-value-name', file.path, node.id.range, { name: node.id.text, what: 'a row id', reason: problem }));
      }
      const bytes = utf8Length(node.label.value);
      if (bytes > MAX_LABEL_BYTES) this.report(createDiagnostic('label-too-long', file.path, node.label.range, { bytes }));
      out.push({
        id: node.id.text,
        label: node.label.value,
        ...(node.askIf === undefined ? {} : { askIf: { condition: node.askIf, file } }),
        node,
        file,
      });
    }
    return out;
  }

  private applyRowConditions(item: ResolvedItem, conditions: readonly { row: Name; condition: WrittenCondition }[]): void {
    for (const { row, condition } of conditions) {
      const rows = item.rows ?? [];
      const at = rows.findIndex((r) => r.id === row.text);
      if (at < 0) {
        const suggestion = nearestWord(row.text, rows.map((r) => r.id));
        this.report(
          createDiagnostic('unknown-row', condition.file.path, row.range, {
            grid: item.id,
            name: row.text,
            ...(suggestion === undefined ? {} : { suggestion }),
          }),
        );
        continue;
      }
      const old = rows[at]!;
      rows[at] = { id: old.id, label: old.label, askIf: condition, node: old.node, file: old.file };
    }
  }

  private applyLimits(item: ResolvedItem, limits: readonly LimitAttribute[], file: SourceFile): void {
    const report = this.report;
    const kind = item.kind;
    const invalid = (limit: LimitAttribute, reason: string): void => {
      const value = limit.value.kind === 'Today' ? 'today' : limit.value.text;
      report(
        createDiagnostic('invalid-limit', file.path, limit.range, {
          attribute: limit.kind === 'Min' ? 'min' : 'max',
          value,
          kind: kindWord(kind),
          reason,
        }),
      );
    };
    let min: LimitAttribute | undefined;
    for (const limit of limits) {
      const v = limit.value;
      const isMin = limit.kind === 'Min';
      if (kind === 'number') {
        if (v.kind !== 'Number') {
          invalid(limit, 'a number question takes a number limit');
          continue;
        }
        if (isMin) item.min = v.value;
        else item.max = v.value;
      } else if (kind === 'date') {
        if (v.kind === 'Number') {
          invalid(limit, 'a date question takes a date written YYYY-MM-DD, or today');
          continue;
        }
        const text = v.kind === 'Today' ? 'today' : v.text;
        if (isMin) item.min = text;
        else item.max = text;
      } else {
        // text: max length; multi: ticks
        if (v.kind !== 'Number' || !Number.isInteger(v.value) || v.value < (kind === 'multi' && isMin ? 0 : 1)) {
          invalid(limit, kind === 'multi' ? 'the number of ticks is a whole number, at least 1' : 'a length is a whole number of characters, at least 1');
          continue;
        }
        if (kind === 'multi') {
          if (isMin) item.minTicks = v.value;
          else item.maxTicks = v.value;
        } else item.maxLength = v.value;
      }
      if (isMin) min = limit;
    }
    const lo = kind === 'multi' ? item.minTicks : item.min;
    const hi = kind === 'multi' ? item.maxTicks : item.max;
    if (min !== undefined && lo !== undefined && hi !== undefined && lo !== 'today' && hi !== 'today' && lo > hi) {
      report(createDiagnostic('min-greater-than-max', file.path, min.range, { min: String(lo), max: String(hi) }));
    }
  }

  /** A `use` of a bank question: the bank question with the overrides the `use` may make. */
  use(node: UseNode, file: SourceFile): ResolvedItem | undefined {
    const report = this.report;
    const found = this.bankQuestions.get(node.id.text);
    if (found === undefined) {
      if (this.importFailed) return undefined;
      const suggestion = nearestWord(node.id.text, [...this.bankQuestions.keys()]);
      report(
        createDiagnostic('unknown-bank-question', file.path, node.id.range, {
          name: node.id.text,
          ...(suggestion === undefined ? {} : { suggestion }),
        }),
      );
      return undefined;
    }
    this.usedFiles.add(found.file.path);
    const base = this.question(found.node, found.file);
    const bankId = found.file.ast.header?.id.text ?? '';
    const { number: _bankNumber, ...rest } = base;
    const item: ResolvedItem = {
      ...rest,
      idName: node.id,
      file,
      range: node.range,
      askIf: [],
      checks: [],
      bank: { id: bankId, file: found.file, range: found.node.range },
    };
    if (node.number !== undefined) item.number = node.number.text;
    if (node.text !== undefined) item.text = { literal: node.text, file };
    const rowConditions: { row: Name; condition: WrittenCondition }[] = [];
    for (const attribute of node.attributes) {
      switch (attribute.kind) {
        case 'Hint':
          item.hint = { literal: attribute.text, file };
          break;
        case 'AskIf':
          item.askIf.push({ condition: attribute.condition, file });
          break;
        case 'RowSubset': {
          if (item.kind !== 'grid') {
            report(createDiagnostic('attribute-not-allowed', file.path, attribute.range, { attribute: 'rows', kind: kindWord(item.kind) }));
            break;
          }
          const all = base.rows ?? [];
          const chosen: ResolvedRow[] = [];
          const seen = new Set<string>();
          for (const name of attribute.rows) {
            const row = all.find((r) => r.id === name.text);
            if (row === undefined) {
              const suggestion = nearestWord(name.text, all.map((r) => r.id));
              report(
                createDiagnostic('unknown-row', file.path, name.range, {
                  grid: item.id,
                  name: name.text,
                  ...(suggestion === undefined ? {} : { suggestion }),
                }),
              );
            } else if (seen.has(name.text)) {
              report(createDiagnostic('duplicate-row-id', file.path, name.range, { id: name.text, grid: item.id }));
            } else {
              seen.add(name.text);
              chosen.push(row);
            }
          }
          item.rows = chosen;
          break;
        }
        case 'RowCondition':
          if (item.kind !== 'grid') {
            report(createDiagnostic('attribute-not-allowed', file.path, attribute.range, { attribute: 'row ... ask if', kind: kindWord(item.kind) }));
          } else rowConditions.push({ row: attribute.row, condition: { condition: attribute.condition, file } });
          break;
        default:
          report(createDiagnostic('bank-override', file.path, attribute.range, { attribute: attributeWord(attribute), id: item.id }));
      }
    }
    if (item.rows !== undefined) item.rows = [...item.rows];
    this.applyRowConditions(item, rowConditions);
    return item;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Adds a named declaration to `map`, or reports it as a duplicate of the one already there
 * (with "first defined here" pointing at that one) and leaves the first in place.
 */
function registerOnce<T extends { readonly node: { readonly id: Name }; readonly file: { readonly path: string } }>(
  map: Map<string, T>,
  entry: T,
  id: 'duplicate-option-set' | 'duplicate-id',
  args: Readonly<Record<string, string>>,
  report: (diagnostic: Diagnostic) => void,
): void {
  const name = entry.node.id.text;
  const first = map.get(name);
  if (first === undefined) {
    map.set(name, entry);
    return;
  }
  report(
    createDiagnostic(id, entry.file.path, entry.node.id.range, args, {
      related: [{ file: first.file.path, range: first.node.id.range, message: 'first defined here' }],
    }),
  );
}
