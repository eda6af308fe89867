/**
 * The survey as a sequence of items and routing rules: ids, the consent gate, piping,
 * conditions, routing analysis (the universe of every item, row and other text), export names.
 */
import {
  createDiagnostic,
  nearestWord,
  type Condition as AstCondition,
  type Diagnostic,
  type EndNode,
  type GotoNode,
  type SectionNode,
  type SourceRange,
} from '@poetkit/language';
import type { Condition } from './compiled/types.js';
import {
  and,
  conditionKey,
  conjuncts,
  impossibility,
  simplify,
  simplifyShared,
  translateCondition,
  TRUE,
  isUnresolved,
  unresolvedCondition,
  type SimplifyContext,
} from './conditions.js';
import type { SourceFile } from './load.js';
import { optionsOf, type ResolvedItem } from './model.js';
import { idProblem, MAX_EXPORT_NAME_LENGTH } from './names.js';
import type { Resolver } from './resolve.js';

export type Entry =
  | { readonly type: 'item'; readonly item: ResolvedItem }
  | { readonly type: 'section'; readonly node: SectionNode; readonly askIf: Condition }
  | { readonly type: 'goto'; readonly node: GotoNode; readonly section?: string; targetIndex: number; condition: Condition }
  | { readonly type: 'end'; readonly node: EndNode; readonly section?: string; condition: Condition };

export interface AnalysedSurvey {
  readonly entries: Entry[];
  readonly items: ResolvedItem[];
  readonly consent?: ResolvedItem;
  /** The universe of each position of `entries` (before the item's own `ask if`). */
  readonly reach: Condition[];
  readonly itemUniverse: Map<string, Condition>;
  readonly rowUniverse: Map<string, Map<string, Condition>>;
  readonly otherUniverse: Map<string, Condition>;
  readonly sectionUniverse: Map<string, Condition>;
  readonly sectionOf: Map<string, SectionNode>;
  readonly checks: { item: ResolvedItem; condition: Condition; questions: string[]; message: string; range: SourceRange; file: SourceFile }[];
  readonly lookup: (id: string) => ResolvedItem | undefined;
  /** How many written conditions could not be resolved (each has an error reported). */
  readonly unresolvedConditions: number;
}

export function analyseSurvey(main: SourceFile, resolver: Resolver, report: (d: Diagnostic) => void): AnalysedSurvey {
  const entries: Entry[] = [];
  const items: ResolvedItem[] = [];
  const byId = new Map<string, ResolvedItem>();
  const names = new Map<string, { range: SourceRange; file: SourceFile }>();
  const sectionOf = new Map<string, SectionNode>();
  /** Ids of `use` lines whose bank question could not be found. */
  const unresolvedIds = new Set<string>();
  let consent: ResolvedItem | undefined;

  const declare = (id: string, range: SourceRange): void => {
    const first = names.get(id);
    if (first !== undefined) {
      report(
        createDiagnostic('duplicate-id', main.path, range, { id }, {
          related: [{ file: first.file.path, range: first.range, message: 'first defined here' }],
        }),
      );
      return;
    }
    names.set(id, { range, file: main });
    const problem = idProblem(id);
    if (problem !== undefined) report(createDiagnostic('invalid-id', main.path, range, { id, reason: problem }));
  };

  const addItem = (item: ResolvedItem | undefined, section: SectionNode | undefined): void => {
    if (item === undefined) return;
    item.index = entries.length;
    if (section !== undefined) item.section = section.id.text;
    if (item.kind === 'consent') {
      if (consent !== undefined) {
        report(createDiagnostic('consent-more-than-once', main.path, item.idName.range, { id: item.id }));
      } else {
        consent = item;
        if (entries.length > 0) report(createDiagnostic('consent-not-first', main.path, item.idName.range, {}));
      }
    } else if (section === undefined) {
      report(createDiagnostic('question-outside-section', main.path, item.idName.range, { id: item.id }));
    }
    declare(item.id, item.idName.range);
    entries.push({ type: 'item', item });
    items.push(item);
    if (!byId.has(item.id)) byId.set(item.id, item);
  };

  const addRule = (node: GotoNode | EndNode, section: SectionNode | undefined): void => {
    const s = section === undefined ? {} : { section: section.id.text };
    if (node.kind === 'Goto') entries.push({ type: 'goto', node, ...s, targetIndex: -1, condition: TRUE });
    else entries.push({ type: 'end', node, ...s, condition: TRUE });
  };

  const addAny = (node: import('@poetkit/language').SectionItem, section: SectionNode | undefined): void => {
    if (node.kind === 'Question') addItem(resolver.question(node, main), section);
    else if (node.kind === 'Use') {
      const item = resolver.use(node, main);
      if (item === undefined) unresolvedIds.add(node.id.text);
      addItem(item, section);
    } else addRule(node, section);
  };

  for (const top of main.ast.items) {
    if (top.kind === 'OptionSet') continue;
    if (top.kind === 'Section') {
      declare(top.id.text, top.id.range);
      entries.push({ type: 'section', node: top, askIf: TRUE });
      for (const node of top.items) {
        addAny(node, top);
        if (node.kind === 'Question' || node.kind === 'Use') sectionOf.set(node.id.text, top);
      }
      continue;
    }
    addAny(top, undefined);
  }

  const lookup = (id: string): ResolvedItem | undefined => byId.get(id);
  const questionIds = items.filter((i) => i.kind !== 'info').map((i) => i.id);

  // ---- piping ----------------------------------------------------------------------------
  for (const item of items) {
    const source = item.pipedFrom;
    if (source === undefined) continue;
    const from = byId.get(source.text);
    if (from === undefined) {
      if (unresolvedIds.has(source.text)) {
        delete item.pipedFrom;
        continue;
      }
      const suggestion = nearestWord(source.text, questionIds);
      report(createDiagnostic('unknown-question', item.file.path, source.range, { name: source.text, ...(suggestion === undefined ? {} : { suggestion }) }));
      delete item.pipedFrom;
      continue;
    }
    if (from.index >= item.index) {
      report(createDiagnostic('piping-from-later', item.file.path, source.range, { name: source.text }));
      delete item.pipedFrom;
      continue;
    }
    if (from.kind !== 'multi') {
      report(createDiagnostic('piping-not-multi', item.file.path, source.range, { name: source.text, kind: from.kind === 'long_text' ? 'long text' : from.kind }));
      delete item.pipedFrom;
      continue;
    }
    const guarded = item.askIf.some((w) => hasCountGuard(w.condition, source.text));
    if (!guarded) report(createDiagnostic('piping-without-count', item.file.path, source.range, { id: item.id, source: source.text }));
    // When the source's options are unknown (an error there), so are these.
    if (from.options !== undefined) item.options = from.options.filter((o) => !o.exclusive);
  }

  // ---- conditions ------------------------------------------------------------------------
  // A condition that cannot be resolved becomes an opaque "unknown" atom (never true, never
  // false), so that it gives no false "unreachable" or "always jumps" error further on.
  let unresolvedConditions = 0;
  const translate = (ast: AstCondition, file: SourceFile, position: number, allowAt: boolean): Condition => {
    const result = translateCondition(ast, { file, lookup, questionIds, position, allowAt, unresolvedIds, report });
    if (result === undefined) return unresolvedCondition(++unresolvedConditions);
    const reason = impossibility(result, lookup);
    if (reason !== undefined) report(createDiagnostic('condition-never-true', file.path, ast.range, { reason }));
    return result;
  };

  // By position in `entries`.
  const askIfAt: Condition[] = [];
  const rowCondAt: Map<string, Condition>[] = [];
  const checks: AnalysedSurvey['checks'] = [];
  const impossibleAsk = new Set<string>();
  const sectionAsk = new Map<string, Condition>();
  const targets = new Map<string, number>();
  entries.forEach((e, i) => {
    if (e.type === 'section') targets.set(e.node.id.text, i);
    else if (e.type === 'item' && !targets.has(e.item.id)) targets.set(e.item.id, i);
  });

  entries.forEach((entry, position) => {
    switch (entry.type) {
      case 'section': {
        const parts = entry.node.attributes.flatMap((a) => (a.kind === 'AskIf' ? [translate(a.condition, main, position, false)] : []));
        const c = and(parts);
        (entry as { askIf: Condition }).askIf = c;
        sectionAsk.set(entry.node.id.text, c);
        break;
      }
      case 'item': {
        const item = entry.item;
        const parts = item.askIf.map((w) => translate(w.condition, w.file, position, false));
        const c = and(parts);
        if (impossibility(c, lookup) !== undefined) impossibleAsk.add(item.id);
        askIfAt[position] = c;
        const rows = new Map<string, Condition>();
        for (const row of item.rows ?? []) {
          if (row.askIf !== undefined) rows.set(row.id, translate(row.askIf.condition, row.askIf.file, position, false));
        }
        rowCondAt[position] = rows;
        for (const check of item.checks) {
          const condition = translate(check.condition, check.file, position, true);
          checks.push({
            item,
            condition,
            questions: [...new Set(questionsIn(condition))],
            message: check.message.value,
            range: check.range,
            file: check.file,
          });
        }
        break;
      }
      case 'goto': {
        entry.condition = translate(entry.node.condition, main, position, false);
        const target = entry.node.target;
        const at = targets.get(target.text);
        if (at === undefined) {
          if (unresolvedIds.has(target.text)) break; // its own error is reported at the `use`
          const suggestion = nearestWord(target.text, [...targets.keys()]);
          report(createDiagnostic('unknown-goto-target', main.path, target.range, { name: target.text, ...(suggestion === undefined ? {} : { suggestion }) }));
        } else if (at <= position) {
          report(createDiagnostic('goto-backwards', main.path, target.range, { name: target.text }));
        } else entry.targetIndex = at;
        break;
      }
      case 'end':
        entry.condition = entry.node.condition === undefined ? TRUE : translate(entry.node.condition, main, position, false);
        break;
    }
  });

  // ---- consent gate's end rule -------------------------------------------------------------
  if (consent !== undefined) {
    const next = entries[consent.index + 1];
    const ok =
      next !== undefined &&
      next.type === 'end' &&
      next.condition.op === 'equals' &&
      next.condition.question === consent.id &&
      next.condition.value === 'no' &&
      !next.condition.negated;
    // An end rule whose condition has an error of its own is not reported again here.
    const unresolved = next?.type === 'end' && isUnresolved(next.condition);
    if (!ok && !unresolved) report(createDiagnostic('consent-without-end', main.path, consent.idName.range, { id: consent.id }));
  }

  // ---- routing analysis --------------------------------------------------------------------
  // The keys of the conjuncts of each item's universe, worked out when first asked for.
  const universeKeys = new Map<string, Set<string>>();
  const keysOf = (id: string): Set<string> | undefined => {
    let keys = universeKeys.get(id);
    if (keys === undefined) {
      const universe = itemUniverse.get(id);
      if (universe === undefined) return undefined;
      keys = new Set(conjuncts(universe).map(conditionKey));
      universeKeys.set(id, keys);
    }
    return keys;
  };
  const sctx: SimplifyContext = { lookup, universeKeys: keysOf, memo: new Map() };
  // `a and b`, simplified, once per pair of condition objects (the rows of a grid, and the
  // items with no ask if after the same routing, share their universe).
  const pairs = new Map<Condition, Map<Condition, Condition>>();
  const both = (a: Condition, b: Condition): Condition => {
    let withA = pairs.get(a);
    if (withA === undefined) {
      simplifyShared(a, sctx);
      withA = new Map();
      pairs.set(a, withA);
    }
    let result = withA.get(b);
    if (result === undefined) {
      result = simplify(and([a, b]), sctx);
      withA.set(b, result);
    }
    return result;
  };
  const reach: Condition[] = [];
  const itemUniverse = new Map<string, Condition>();
  const sectionUniverse = new Map<string, Condition>();
  const rowUniverse = new Map<string, Map<string, Condition>>();
  const otherUniverse = new Map<string, Condition>();
  const sectionAt = (e: Entry): string | undefined =>
    e.type === 'item' ? e.item.section : e.type === 'section' ? e.node.id.text : e.section;

  // The routing rules passed so far that jump over the current position, in source order:
  // every end rule, and each goto until its target. Each gives a part `not (reach and
  // condition)`. The simplified base of a position depends only on these parts and on its
  // section, so it is computed once per change of the rules in force and per section, not
  // once per position (which made this analysis grow with items × rules).
  let inForce: { readonly until: number; readonly part: Condition }[] = [];
  let nextExpiry = Infinity;
  const baseOf = new Map<string, Condition>();

  entries.forEach((entry, p) => {
    if (p >= nextExpiry) {
      inForce = inForce.filter((rule) => rule.until > p);
      nextExpiry = inForce.reduce((min, rule) => Math.min(min, rule.until), Infinity);
      baseOf.clear();
    }
    const section = sectionAt(entry);
    const withSection = section !== undefined && entry.type !== 'section';
    const cacheKey = withSection ? `s:${section}` : '';
    let base = baseOf.get(cacheKey);
    if (base === undefined) {
      const parts: Condition[] = [];
      if (withSection) parts.push(sectionAsk.get(section) ?? TRUE);
      for (const rule of inForce) parts.push(rule.part);
      base = simplify(and(parts), sctx);
      baseOf.set(cacheKey, base);
    }
    reach.push(base);
    if (entry.type === 'end' || (entry.type === 'goto' && entry.targetIndex > p)) {
      const until = entry.type === 'end' ? Infinity : entry.targetIndex;
      const part: Condition = { op: 'not', arg: and([base, entry.condition]) };
      simplifyShared(part, sctx); // simplified once, not again at each change of the rules in force
      inForce.push({ until, part });
      if (until < nextExpiry) nextExpiry = until;
      baseOf.clear();
    }
    if (entry.type === 'section') {
      sectionUniverse.set(entry.node.id.text, both(base, entry.askIf));
      return;
    }
    if (entry.type !== 'item') return;
    const item = entry.item;
    const universe = both(base, askIfAt[p] ?? TRUE);
    itemUniverse.set(item.id, universe);
    universeKeys.delete(item.id);
    const rows = new Map<string, Condition>();
    for (const row of item.rows ?? []) rows.set(row.id, both(universe, rowCondAt[p]?.get(row.id) ?? TRUE));
    rowUniverse.set(item.id, rows);
    if (item.pipedFrom === undefined && item.options?.some((o) => o.specify) === true) {
      const chosen: Condition =
        item.kind === 'multi' ? { op: 'includes', question: item.id, value: 'other' } : { op: 'equals', question: item.id, value: 'other', negated: false };
      otherUniverse.set(item.id, both(universe, chosen));
    }
    if (!impossibleAsk.has(item.id) && (universe.op === 'false' || impossibility(universe, lookup) !== undefined)) {
      report(createDiagnostic('unreachable-item', main.path, item.idName.range, { id: item.id, reason: unreachableReason(entries, p) }));
    }
  });

  checkExportNames(items, lookup, report);
  return {
    entries,
    items,
    ...(consent === undefined ? {} : { consent }),
    reach,
    itemUniverse,
    rowUniverse,
    otherUniverse,
    sectionUniverse,
    sectionOf,
    checks,
    lookup,
    unresolvedConditions,
  };
}

function unreachableReason(entries: readonly Entry[], p: number): string {
  for (let r = 0; r < p; r++) {
    const rule = entries[r]!;
    if (rule.type === 'end' && rule.condition.op === 'true') return `the survey always ends before it, at line ${rule.node.range.start.line}`;
    if (rule.type === 'goto' && rule.condition.op === 'true' && rule.targetIndex > p) return `the goto at line ${rule.node.range.start.line} always jumps over it`;
  }
  return 'the conditions on the way to it can never all be true';
}

/** Whether `ask if` requires `count(source) >= 2` (or `> 1`) as a whole or as one of its `and` parts. */
function hasCountGuard(c: AstCondition, source: string): boolean {
  switch (c.kind) {
    case 'Group':
      return hasCountGuard(c.operand, source);
    case 'And':
      return c.operands.some((o) => hasCountGuard(o, source));
    case 'Count':
      return c.question.text === source && ((c.operator === '>=' && c.right.value >= 2) || (c.operator === '>' && c.right.value >= 1));
    default:
      return false;
  }
}

export function questionsIn(c: Condition): string[] {
  switch (c.op) {
    case 'true':
    case 'false':
      return [];
    case 'and':
    case 'or':
      return c.args.flatMap(questionsIn);
    case 'not':
      return questionsIn(c.arg);
    case 'compareQuestions':
      return [c.question, c.other];
    default:
      return [c.question];
  }
}

/**
 * One variable an item exports to SPSS/Stata: its name and what it holds (`part`: the code
 * of a multi's option, the id of a grid row, `other` for the other text, or none for the
 * answer itself). The wording of `what` is only made when a problem is reported.
 */
interface ExportName {
  readonly name: string;
  readonly item: ResolvedItem;
  readonly part?: { readonly kind: 'option'; readonly code: number } | { readonly kind: 'row'; readonly id: string } | { readonly kind: 'other' };
}

function exportWhat(e: ExportName): string {
  const id = e.item.id;
  switch (e.part?.kind) {
    case undefined:
      return `question '${id}'`;
    case 'option':
      return `option ${e.part.code} of '${id}'`;
    case 'row':
      return `row '${e.part.id}' of '${id}'`;
    case 'other':
      return `the other text of '${id}'`;
  }
}

/** The variable names an item exports to SPSS/Stata. */
function exportNames(item: ResolvedItem, lookup: (id: string) => ResolvedItem | undefined, out: ExportName[]): void {
  const hasOther = item.pipedFrom === undefined && item.options?.some((o) => o.specify) === true;
  switch (item.kind) {
    case 'info':
      return;
    case 'multi':
      for (const o of optionsOf(item, lookup)) out.push({ name: `${item.id}_${o.code}`, item, part: { kind: 'option', code: o.code } });
      break;
    case 'grid':
      for (const r of item.rows ?? []) out.push({ name: `${item.id}_${r.id}`, item, part: { kind: 'row', id: r.id } });
      return;
    default:
      out.push({ name: item.id, item });
  }
  if (hasOther) out.push({ name: `${item.id}_other`, item, part: { kind: 'other' } });
}

function checkExportNames(items: readonly ResolvedItem[], lookup: (id: string) => ResolvedItem | undefined, report: (d: Diagnostic) => void): void {
  const seen = new Map<string, ExportName>();
  const names: ExportName[] = [];
  for (const item of items) {
    names.length = 0;
    exportNames(item, lookup, names);
    const at = item.idName.range;
    const path = item.file.path;
    for (const e of names) {
      if (e.name.length > MAX_EXPORT_NAME_LENGTH) {
        report(createDiagnostic('export-name-too-long', path, at, { name: e.name, length: e.name.length, id: item.id }));
      }
      const lower = e.name.toLowerCase();
      const first = seen.get(lower);
      if (first === undefined) {
        seen.set(lower, e);
        continue;
      }
      const what = exportWhat(e);
      const other = exportWhat(first);
      // The same variable twice (a duplicate id) is reported as a duplicate id, not here.
      if (other !== what) report(createDiagnostic('export-name-collision', path, at, { name: e.name, what, other }));
    }
  }
}
