/**
 * Converts chevrotain's concrete syntax tree into the typed AST of ast.ts, in one pass.
 *
 * It also reports what the grammar leaves to it: a missing question text or title, bad
 * escapes, unterminated strings, invalid dates and numbers, duplicate header fields and
 * misplaced imports. Pieces lost to a syntax error become empty placeholders, so that the
 * tree keeps its shape; such a file always carries an error diagnostic.
 */
import type { CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { createDiagnostic, type Diagnostic, type MessageArgs } from './diagnostics/diagnostic.js';
import type { DiagnosticId } from './diagnostics/catalog.js';
import { UnterminatedBlockString, UnterminatedString, BlockString, tokenEnd } from './lexer.js';
import type { LineMap } from './source.js';
import { decodeBlock, decodeQuoted } from './strings.js';

type Children = Record<string, (CstNode | IToken)[] | undefined>;

function isToken(x: CstNode | IToken): x is IToken {
  return (x as IToken).image !== undefined;
}

function isReal(token: IToken | undefined): token is IToken {
  return token !== undefined && !token.isInsertedInRecovery && !Number.isNaN(token.startOffset);
}

export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly lines: LineMap,
    private readonly fileName: string,
    /** Where to anchor placeholders when nothing better is known. */
    private readonly fallbackOffset: number,
  ) {}

  // ---- helpers -------------------------------------------------------------------------

  private report(id: DiagnosticId, range: A.SourceRange, args: MessageArgs = {}): void {
    this.diagnostics.push(createDiagnostic(id, this.fileName, range, args));
  }

  private tokenRange(token: IToken): A.SourceRange {
    return this.lines.range(token.startOffset, tokenEnd(token));
  }

  private emptyRangeAt(offset: number): A.SourceRange {
    return this.lines.range(offset, offset);
  }

  /** Range from the first to the last real token under a node (or a placeholder range). */
  private nodeRange(node: CstNode): A.SourceRange {
    const location = node.location;
    if (location !== undefined && Number.isFinite(location.startOffset) && location.endOffset !== undefined && Number.isFinite(location.endOffset)) {
      return this.lines.range(location.startOffset, location.endOffset + 1);
    }
    let first = Infinity;
    let last = -Infinity;
    const visit = (n: CstNode): void => {
      for (const list of Object.values(n.children as Children)) {
        if (!list) continue;
        for (const child of list) {
          if (isToken(child)) {
            if (!isReal(child)) continue;
            if (child.startOffset < first) first = child.startOffset;
            if (tokenEnd(child) > last) last = tokenEnd(child);
          } else visit(child);
        }
      }
    };
    visit(node);
    if (first === Infinity) return this.emptyRangeAt(this.fallbackOffset);
    return this.lines.range(first, last);
  }

  private span(from: A.SourceRange, to: A.SourceRange): A.SourceRange {
    return { start: from.start, end: to.end.offset >= from.end.offset ? to.end : from.end };
  }

  private tokens(children: Children, label: string): IToken[] {
    return (children[label] ?? []).filter(isToken);
  }

  private token(children: Children, label: string): IToken | undefined {
    const list = children[label];
    const first = list?.[0];
    return first !== undefined && isToken(first) ? first : undefined;
  }

  private nodes(children: Children, label: string): CstNode[] {
    return (children[label] ?? []).filter((c): c is CstNode => !isToken(c));
  }

  private node(children: Children, label: string): CstNode | undefined {
    return this.nodes(children, label)[0];
  }

  private name(token: IToken | undefined, anchor: number): A.Name {
    if (!isReal(token)) return { kind: 'Name', text: '', range: this.emptyRangeAt(anchor) };
    return { kind: 'Name', text: token.image, range: this.tokenRange(token) };
  }

  private string(token: IToken | undefined, anchor: number): A.StringLiteral {
    if (!isReal(token)) return { kind: 'String', value: '', block: false, range: this.emptyRangeAt(anchor) };
    const range = this.tokenRange(token);
    const type = token.tokenType;
    if (type === BlockString || type === UnterminatedBlockString) {
      const closed = type === BlockString;
      if (!closed) this.report('unterminated-block', this.lines.range(token.startOffset, token.startOffset + 3));
      return { kind: 'String', value: decodeBlock(token.image, closed), block: true, range };
    }
    const closed = type !== UnterminatedString;
    if (!closed) this.report('unterminated-string', range);
    const decoded = decodeQuoted(token.image, closed);
    for (const at of decoded.badEscapes) {
      const offset = token.startOffset + 1 + at - 1;
      this.report('unknown-escape', this.lines.range(offset, offset + 2), { char: token.image[1 + at] ?? '' });
    }
    return { kind: 'String', value: decoded.value, block: false, range };
  }

  private numberLiteral(token: IToken | undefined, anchor: number, wholeReason?: string): A.NumberLiteral {
    if (!isReal(token)) return { kind: 'Number', text: '0', value: 0, range: this.emptyRangeAt(anchor) };
    const range = this.tokenRange(token);
    if (wholeReason !== undefined && !/^[0-9]+$/.test(token.image)) {
      this.report('invalid-number', range, { text: token.image, reason: wholeReason });
    }
    return { kind: 'Number', text: token.image, value: Number(token.image), range };
  }

  private dateLiteral(token: IToken): A.DateLiteral {
    const range = this.tokenRange(token);
    if (!isCalendarDate(token.image)) this.report('invalid-date', range, { text: token.image });
    return { kind: 'Date', text: token.image, range };
  }

  /** Reports a required piece that is missing, anchored just after the previous real token. */
  private requirePiece(token: IToken | undefined, expected: string, after: IToken | undefined): void {
    if (token !== undefined) return; // a token inserted by recovery was already reported by chevrotain
    if (!isReal(after)) return;
    this.report('missing-token', this.tokenRange(after), { expected, after: describeToken(after) });
  }

  private endOf(token: IToken | undefined): number {
    return isReal(token) ? tokenEnd(token) : this.fallbackOffset;
  }

  // ---- file ----------------------------------------------------------------------------

  file(cst: CstNode, comments: readonly A.Comment[], textLength: number): A.PoetFile {
    const children = cst.children as Children;
    const headerNode = this.node(children, 'header');
    const header = headerNode ? this.header(headerNode) : undefined;
    const imports: A.ImportNode[] = [];
    const items: A.TopLevelItem[] = [];
    for (const top of this.nodes(children, 'topItem')) {
      const c = top.children as Children;
      const importNode = this.node(c, 'importDecl');
      if (importNode) {
        const node = this.importDecl(importNode);
        if (items.length > 0) this.report('misplaced-import', node.range);
        imports.push(node);
        continue;
      }
      const item = this.topItem(c);
      if (item) items.push(item);
    }
    return { kind: 'File', ...(header ? { header } : {}), imports, items, comments, range: this.lines.range(0, textLength) };
  }

  private header(node: CstNode): A.HeaderNode {
    const c = node.children as Children;
    const keyword = this.token(c, 'Kw_survey') ?? this.token(c, 'Kw_bank');
    const idToken = this.token(c, 'id');
    const titleToken = this.token(c, 'title');
    const id = this.name(idToken, this.endOf(keyword));
    this.requirePiece(titleToken, 'the title (in double quotes)', idToken);
    const title = this.string(titleToken, this.endOf(idToken));
    const fields: A.HeaderField[] = [];
    const seen = new Set<string>();
    for (const fieldNode of this.nodes(c, 'headerField')) {
      const fc = fieldNode.children as Children;
      const fieldToken = this.token(fc, 'field');
      const valueToken = this.token(fc, 'value');
      if (!fieldToken) continue;
      const name = fieldToken.image as A.HeaderFieldName;
      if (seen.has(name) && isReal(fieldToken)) this.report('duplicate-header-field', this.tokenRange(fieldToken), { field: name });
      seen.add(name);
      fields.push({ kind: 'HeaderField', name, value: this.string(valueToken, this.endOf(fieldToken)), range: this.nodeRange(fieldNode) });
    }
    return {
      kind: 'Header',
      fileKind: keyword?.image === 'bank' ? 'bank' : 'survey',
      id,
      title,
      fields,
      range: this.nodeRange(node),
    };
  }

  private importDecl(node: CstNode): A.ImportNode {
    const c = node.children as Children;
    const keyword = this.token(c, 'Kw_import');
    return { kind: 'Import', path: this.string(this.token(c, 'path'), this.endOf(keyword)), range: this.nodeRange(node) };
  }

  private topItem(c: Children): A.TopLevelItem | undefined {
    const optionSet = this.node(c, 'optionSet');
    if (optionSet) return this.optionSet(optionSet);
    const section = this.node(c, 'section');
    if (section) return this.section(section);
    const misspelt = this.node(c, 'misspeltSection');
    if (misspelt) {
      // Reported by the grammar; its contents are converted (and so checked) but not kept.
      this.section(misspelt);
      return undefined;
    }
    const routing = this.node(c, 'routing');
    if (routing) return this.routing(routing);
    const question = this.node(c, 'questionLike');
    if (question) return this.questionLike(question);
    return undefined; // a stray token, reported by the grammar
  }

  private optionSet(node: CstNode): A.OptionSetNode {
    const c = node.children as Children;
    const idToken = this.token(c, 'id');
    const titleToken = this.token(c, 'title');
    const block = this.node(c, 'optionBlock');
    return {
      kind: 'OptionSet',
      id: this.name(idToken, this.endOf(this.token(c, 'Kw_options'))),
      ...(titleToken ? { title: this.string(titleToken, this.endOf(idToken)) } : {}),
      options: block ? this.optionBlock(block) : [],
      range: this.nodeRange(node),
    };
  }

  private optionBlock(node: CstNode): A.OptionNode[] {
    return this.nodes(node.children as Children, 'optionLine').map((o) => this.option(o));
  }

  private option(node: CstNode): A.OptionNode {
    const c = node.children as Children;
    const codeToken = this.token(c, 'code');
    const valueToken = this.token(c, 'value');
    const flags: A.OptionFlag[] = [];
    // Flags in source order: collect the flag tokens and sort them by offset.
    const flagTokens = [
      ...this.tokens(c, 'exclusive'),
      ...this.tokens(c, 'specify'),
      ...this.tokens(c, 'missing'),
    ].filter(isReal);
    flagTokens.sort((a, b) => a.startOffset - b.startOffset);
    const kinds = this.tokens(c, 'missingKind');
    let missingIndex = 0;
    for (const flag of flagTokens) {
      if (flag.image === 'exclusive') flags.push({ kind: 'Exclusive', range: this.tokenRange(flag) });
      else if (flag.image === 'specify') flags.push({ kind: 'Specify', range: this.tokenRange(flag) });
      else {
        const kindToken = kinds[missingIndex++];
        const missingKind = this.name(kindToken, this.endOf(flag));
        flags.push({ kind: 'Missing', missingKind, range: this.span(this.tokenRange(flag), missingKind.range) });
      }
    }
    return {
      kind: 'Option',
      code: this.numberLiteral(codeToken, this.fallbackOffset, 'option codes are whole numbers of 0 or more'),
      value: this.name(valueToken, this.endOf(codeToken)),
      label: this.string(this.token(c, 'label'), this.endOf(valueToken)),
      flags,
      range: this.nodeRange(node),
    };
  }

  private section(node: CstNode): A.SectionNode {
    const c = node.children as Children;
    const keyword = this.token(c, 'Kw_section') ?? this.token(c, 'unknownWord');
    const idToken = this.token(c, 'id');
    const titleToken = this.token(c, 'title');
    if (idToken !== undefined) this.requirePiece(titleToken, 'the title of the section (in double quotes)', idToken);
    const attributes: A.SectionAttribute[] = [];
    const items: A.SectionItem[] = [];
    const body = this.node(c, 'sectionBody');
    if (body) {
      const bc = body.children as Children;
      // Attributes and items in source order.
      const entries = [
        ...this.nodes(bc, 'sectionAttribute').map((n) => ({ n, kind: 'attr' as const })),
        ...this.nodes(bc, 'routing').map((n) => ({ n, kind: 'routing' as const })),
        ...this.nodes(bc, 'questionLike').map((n) => ({ n, kind: 'question' as const })),
      ].sort((a, b) => this.nodeRange(a.n).start.offset - this.nodeRange(b.n).start.offset);
      for (const entry of entries) {
        if (entry.kind === 'attr') attributes.push(this.sectionAttribute(entry.n));
        else if (entry.kind === 'routing') items.push(this.routing(entry.n));
        else {
          const q = this.questionLike(entry.n);
          if (q) items.push(q);
        }
      }
    }
    return {
      kind: 'Section',
      id: this.name(idToken, this.endOf(keyword)),
      title: this.string(titleToken, this.endOf(idToken)),
      attributes,
      items,
      range: this.nodeRange(node),
    };
  }

  private sectionAttribute(node: CstNode): A.SectionAttribute {
    const c = node.children as Children;
    const askIf = this.node(c, 'askIf');
    if (askIf) return this.askIf(askIf);
    const keyword = this.token(c, 'Kw_intro');
    return { kind: 'Intro', text: this.string(this.token(c, 'text'), this.endOf(keyword)), range: this.nodeRange(node) };
  }

  private routing(node: CstNode): A.GotoNode | A.EndNode {
    const c = node.children as Children;
    const conditionNode = this.node(c, 'condition');
    const condition = conditionNode ? this.condition(conditionNode) : undefined;
    const endToken = this.token(c, 'Kw_end');
    if (endToken !== undefined) {
      return {
        kind: 'End',
        ...(condition ? { condition } : {}),
        message: this.string(this.token(c, 'message'), this.endOf(endToken)),
        range: this.nodeRange(node),
      };
    }
    const gotoToken = this.token(c, 'Kw_goto');
    return {
      kind: 'Goto',
      condition: condition ?? this.placeholderCondition(this.endOf(this.token(c, 'Kw_if'))),
      target: this.name(this.token(c, 'target'), this.endOf(gotoToken)),
      range: this.nodeRange(node),
    };
  }

  private placeholderCondition(anchor: number): A.Condition {
    return { kind: 'Answered', question: this.name(undefined, anchor), negated: false, range: this.emptyRangeAt(anchor) };
  }

  private questionLike(node: CstNode): A.QuestionNode | A.UseNode | undefined {
    const c = node.children as Children;
    const numberToken = this.token(c, 'number');
    const kindToken = this.token(c, 'kind');
    const useToken = this.token(c, 'use');
    const unknownToken = this.token(c, 'unknownKind');
    const idToken = this.token(c, 'id');
    const textToken = this.token(c, 'text');
    const head = kindToken ?? useToken ?? unknownToken;
    const attributes = this.nodes(c, 'attribute')
      .map((a) => this.attribute(a))
      .filter((a): a is A.QuestionAttribute => a !== undefined);
    if (unknownToken !== undefined) return undefined; // reported by the grammar
    this.requirePiece(idToken, 'the id of the question (such as main_reason)', head);
    const number = isReal(numberToken)
      ? { number: { text: numberToken.image.slice(0, -1), range: this.tokenRange(numberToken) } }
      : {};
    const id = this.name(idToken, this.endOf(head));
    if (useToken !== undefined) {
      return {
        kind: 'Use',
        ...number,
        id,
        ...(textToken ? { text: this.string(textToken, this.endOf(idToken)) } : {}),
        attributes,
        range: this.nodeRange(node),
      };
    }
    if (idToken !== undefined) this.requirePiece(textToken, 'the text of the question (in double quotes)', idToken);
    return {
      kind: 'Question',
      questionKind: (kindToken?.image ?? 'single') as A.QuestionKind,
      ...number,
      id,
      text: this.string(textToken, this.endOf(idToken ?? head)),
      attributes,
      range: this.nodeRange(node),
    };
  }

  private attribute(node: CstNode): A.QuestionAttribute | undefined {
    const c = node.children as Children;
    const range = this.nodeRange(node);
    const first = (label: string): IToken | undefined => this.token(c, label);
    if (first('Kw_hint')) return { kind: 'Hint', text: this.string(first('hintText'), this.endOf(first('Kw_hint'))), range };
    if (first('Kw_optional')) return { kind: 'Required', required: false, range };
    if (first('Kw_required')) return { kind: 'Required', required: true, range };
    const askIf = this.node(c, 'askIf');
    if (askIf) return this.askIf(askIf);
    if (first('Kw_min') || first('Kw_max')) {
      const limitNode = this.node(c, 'minValue') ?? this.node(c, 'maxValue');
      const keyword = first('Kw_min') ?? first('Kw_max');
      const value = limitNode ? this.limit(limitNode) : this.numberLiteral(undefined, this.endOf(keyword));
      return { kind: first('Kw_min') ? 'Min' : 'Max', value, range };
    }
    if (first('Kw_whole')) return { kind: 'Whole', range };
    if (first('inlineOptions')) {
      const block = this.node(c, 'optionBlock');
      return { kind: 'InlineOptions', options: block ? this.optionBlock(block) : [], range };
    }
    if (first('pipedOptions')) return { kind: 'PipedOptions', source: this.name(first('source'), this.endOf(first('Kw_from'))), range };
    if (first('setOptions')) return { kind: 'OptionSetRef', set: this.name(first('set'), this.endOf(first('setOptions'))), range };
    if (first('Kw_scale')) {
      const block = this.node(c, 'scaleBlock');
      const scale = block ? this.optionBlock(block) : this.name(first('scaleSet'), this.endOf(first('Kw_scale')));
      return { kind: 'Scale', scale, range };
    }
    if (first('Kw_rows')) {
      const block = this.node(c, 'rowBlock');
      if (block) {
        return { kind: 'Rows', rows: this.nodes(block.children as Children, 'row').map((r) => this.row(r)), range };
      }
      return { kind: 'RowSubset', rows: this.tokens(c, 'rowName').map((t) => this.name(t, this.endOf(first('Kw_rows')))), range };
    }
    if (first('Kw_row')) {
      const askNode = this.node(c, 'rowAskIf');
      const rowToken = first('conditionRow');
      return {
        kind: 'RowCondition',
        row: this.name(rowToken, this.endOf(first('Kw_row'))),
        condition: askNode ? this.askIf(askNode).condition : this.placeholderCondition(this.endOf(rowToken)),
        range,
      };
    }
    if (first('Kw_check')) {
      const conditionNode = this.node(c, 'condition');
      const condition = conditionNode ? this.condition(conditionNode) : this.placeholderCondition(this.endOf(first('Kw_check')));
      return { kind: 'Check', condition, message: this.string(first('checkMessage'), condition.range.end.offset), range };
    }
    return undefined; // an unknown attribute, reported by the grammar
  }

  private row(node: CstNode): A.RowNode {
    const c = node.children as Children;
    const idToken = this.token(c, 'id');
    const askIf = this.node(c, 'askIf');
    return {
      kind: 'Row',
      id: this.name(idToken, this.fallbackOffset),
      label: this.string(this.token(c, 'label'), this.endOf(idToken)),
      ...(askIf ? { askIf: this.askIf(askIf).condition } : {}),
      range: this.nodeRange(node),
    };
  }

  private askIf(node: CstNode): A.AskIfAttribute {
    const c = node.children as Children;
    const conditionNode = this.node(c, 'condition');
    return {
      kind: 'AskIf',
      condition: conditionNode ? this.condition(conditionNode) : this.placeholderCondition(this.endOf(this.token(c, 'Kw_if'))),
      range: this.nodeRange(node),
    };
  }

  private limit(node: CstNode): A.LimitValue {
    const c = node.children as Children;
    const number = this.token(c, 'NumberLiteral');
    if (number) return this.numberLiteral(number, this.fallbackOffset);
    const date = this.token(c, 'DateLiteral');
    if (date && isReal(date)) return this.dateLiteral(date);
    const today = this.token(c, 'Kw_today');
    if (today && isReal(today)) return { kind: 'Today', range: this.tokenRange(today) };
    return this.numberLiteral(undefined, this.fallbackOffset);
  }

  // ---- conditions ----------------------------------------------------------------------

  private condition(node: CstNode): A.Condition {
    const operands = this.nodes(node.children as Children, 'operands').map((n) => this.andCondition(n));
    if (operands.length === 1) return operands[0]!;
    return { kind: 'Or', operands, range: this.nodeRange(node) };
  }

  private andCondition(node: CstNode): A.Condition {
    const operands = this.nodes(node.children as Children, 'operands').map((n) => this.notCondition(n));
    if (operands.length === 1) return operands[0]!;
    return { kind: 'And', operands, range: this.nodeRange(node) };
  }

  private notCondition(node: CstNode): A.Condition {
    const c = node.children as Children;
    const negated = this.node(c, 'negated');
    if (negated) return { kind: 'Not', operand: this.notCondition(negated), range: this.nodeRange(node) };
    const atom = this.node(c, 'atom');
    return atom ? this.atom(atom) : this.placeholderCondition(this.fallbackOffset);
  }

  private atom(node: CstNode): A.Condition {
    const c = node.children as Children;
    const range = this.nodeRange(node);
    const group = this.node(c, 'group');
    if (group) return { kind: 'Group', operand: this.condition(group), range };
    const countOf = this.token(c, 'countOf');
    if (this.token(c, 'Kw_count') && countOf !== undefined) {
      const opToken = this.token(c, 'countOp');
      return {
        kind: 'Count',
        question: this.name(countOf, range.start.offset),
        operator: operatorOf(opToken),
        right: this.numberLiteral(this.token(c, 'countValue'), this.endOf(opToken), 'a count of ticks is a whole number'),
        range,
      };
    }
    const questionToken = this.token(c, 'question');
    const question = this.name(questionToken, range.start.offset);
    const after = this.endOf(questionToken);
    const opToken = this.token(c, 'op');
    if (opToken) {
      const rightName = this.token(c, 'rightName');
      const rightNumber = this.token(c, 'rightNumber');
      const rightDate = this.token(c, 'rightDate');
      const right: A.ComparisonCondition['right'] =
        rightNumber !== undefined
          ? this.numberLiteral(rightNumber, this.endOf(opToken))
          : rightDate !== undefined && isReal(rightDate)
            ? this.dateLiteral(rightDate)
            : this.name(rightName, this.endOf(opToken));
      return { kind: 'Comparison', question, operator: operatorOf(opToken), right, range };
    }
    if (this.token(c, 'Kw_in')) {
      return { kind: 'In', question, values: this.tokens(c, 'inValue').map((t) => this.name(t, after)), range };
    }
    const includes = this.token(c, 'includes');
    if (includes) {
      return { kind: 'Includes', question, value: this.name(this.token(c, 'includesValue'), this.endOf(includes)), range };
    }
    return { kind: 'Answered', question, negated: this.token(c, 'isNot') !== undefined, range };
  }
}

function operatorOf(token: IToken | undefined): A.ComparisonOperator {
  const image = token?.image;
  return image === '=' || image === '!=' || image === '<' || image === '<=' || image === '>' || image === '>=' ? image : '=';
}

/** True for `YYYY-MM-DD` strings that name a real day of the proleptic Gregorian calendar. */
export function isCalendarDate(text: string): boolean {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** A token described for a message: `'mutli'`, `the text "Which …"`, `the end of the file`. */
export function describeToken(token: IToken): string {
  if (token.tokenType.name === 'EOF' || Number.isNaN(token.startOffset)) return 'the end of the file';
  if (token.image.startsWith('"')) {
    const text = token.image.replace(/^"+|"+$/g, '');
    const short = text.length > 30 ? `${text.slice(0, 30)}…` : text;
    return `the text "${short.replace(/\s+/g, ' ')}"`;
  }
  return `'${token.image}'`;
}
