/** Writes the compiled survey (compiled/types.ts) from the analysed survey. Keys are always in the same order. */
import { parseMarkup, type SourceRange, type StringLiteral } from '@poetkit/language';
import { posix } from 'node:path';
import {
  COMPILED_FORMAT_VERSION,
  type Check,
  type CompiledItem,
  type CompiledOption,
  type CompiledPage,
  type CompiledSection,
  type CompiledSurvey,
  type Condition,
  type EndRule,
  type RichText,
  type SourceLocation,
  type Universe,
} from './compiled/types.js';
import { conjuncts, describe, and } from './conditions.js';
import type { SourceFile } from './load.js';
import type { ResolvedItem, ResolvedOption } from './model.js';
import { OTHER_MAX_LENGTH } from './resolve.js';
import type { AnalysedSurvey } from './survey.js';

/** A text with markup (intro, privacy, hint, info, end messages, section intro). */
export function richText(source: string): RichText {
  return { source, blocks: parseMarkup(source).blocks };
}

/** A plain text (question text), as one paragraph. */
export function plainText(source: string): RichText {
  return { source, blocks: source === '' ? [] : [{ type: 'paragraph', content: [{ type: 'text', text: source }] }] };
}

export function emitSurvey(main: SourceFile, files: readonly SourceFile[], survey: AnalysedSurvey): CompiledSurvey {
  const header = main.ast.header!;
  const folder = posix.dirname(main.path);
  const relativePaths = new Map<SourceFile, string>();
  const relative = (file: SourceFile): string => {
    let path = relativePaths.get(file);
    if (path === undefined) {
      path = posix.relative(folder, file.path) || posix.basename(file.path);
      relativePaths.set(file, path);
    }
    return path;
  };
  const location = (file: SourceFile, range: SourceRange): SourceLocation => ({
    file: relative(file),
    line: range.start.line,
    column: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
  });
  const lookup = survey.lookup;
  const consentId = survey.consent?.id;

  /** A universe with its wording. With a consent gate, "consent = yes" goes without saying. */
  const wordings = [new Map<Condition, string>(), new Map<Condition, string>()];
  const universe = (condition: Condition, isConsent = false): Universe => {
    // Items that share a universe (the same object) share its wording, made once.
    const cache = wordings[isConsent ? 1 : 0]!;
    let text = cache.get(condition);
    if (text === undefined) {
      text = wording(condition, isConsent);
      cache.set(condition, text);
    }
    return { condition, text };
  };
  const wording = (condition: Condition, isConsent: boolean): string => {
    const shown = consentId === undefined ? condition : and(conjuncts(condition).filter((c) => !(c.op === 'equals' && c.question === consentId && c.value === 'yes' && !c.negated)));
    if (shown.op === 'true') return consentId === undefined || isConsent ? 'Asked of everyone' : 'Asked of everyone who takes part';
    if (shown.op === 'false') return 'Never asked';
    return `Asked if ${describe(shown, lookup)}`;
  };

  const field = (name: string): StringLiteral | undefined => header.fields.find((f) => f.name === name)?.value;
  const headerText = (name: string): { [k: string]: RichText } => {
    const value = field(name);
    return value === undefined ? {} : { [name]: richText(value.value) };
  };

  const options = (list: readonly ResolvedOption[]): CompiledOption[] =>
    list.map((o) => ({
      code: o.code,
      value: o.value,
      label: o.label,
      exclusive: o.exclusive,
      specify: o.specify,
      ...(o.missing === undefined ? {} : { missing: o.missing }),
    }));

  const items: CompiledItem[] = survey.items.map((item) => emitItem(item));

  function emitItem(item: ResolvedItem): CompiledItem {
    // Built key by key in the documented order (compiled/types.ts): one object, no spreads,
    // and the same key order for every item of a kind. The golden tests pin the result.
    const out: Record<string, unknown> = { id: item.id, kind: item.kind };
    if (item.number !== undefined) out['number'] = item.number;
    if (item.section !== undefined) out['section'] = item.section;
    out['text'] = item.kind === 'info' ? richText(item.text.literal.value) : plainText(item.text.literal.value);
    if (item.hint !== undefined) out['hint'] = richText(item.hint.literal.value);
    switch (item.kind) {
      case 'info':
        break;
      case 'consent':
      case 'single':
      case 'multi': {
        out['required'] = item.required;
        out['options'] = options(item.options ?? []);
        if (item.pipedFrom !== undefined) out['pipedFrom'] = item.pipedFrom.text;
        if (item.minTicks !== undefined) out['minTicks'] = item.minTicks;
        if (item.maxTicks !== undefined) out['maxTicks'] = item.maxTicks;
        const other = survey.otherUniverse.get(item.id);
        if (other !== undefined) out['other'] = { key: `${item.id}_other`, maxLength: OTHER_MAX_LENGTH, universe: universe(other) };
        break;
      }
      case 'text':
      case 'long_text':
        out['required'] = item.required;
        out['maxLength'] = item.maxLength ?? 500;
        break;
      case 'number':
        out['required'] = item.required;
        if (typeof item.min === 'number') out['min'] = item.min;
        if (typeof item.max === 'number') out['max'] = item.max;
        out['whole'] = item.whole;
        break;
      case 'date':
        out['required'] = item.required;
        if (typeof item.min === 'string') out['min'] = item.min;
        if (typeof item.max === 'string') out['max'] = item.max;
        break;
      case 'grid': {
        const rows = survey.rowUniverse.get(item.id);
        out['required'] = item.required;
        out['scale'] = options(item.scale ?? []);
        out['rows'] = (item.rows ?? []).map((r) => ({ id: r.id, label: r.label, universe: universe(rows?.get(r.id) ?? { op: 'true' }) }));
        break;
      }
    }
    out['universe'] = universe(survey.itemUniverse.get(item.id) ?? { op: 'true' }, item.id === consentId);
    out['location'] = location(item.file, item.range);
    if (item.bank !== undefined) out['bank'] = { id: item.bank.id, location: location(item.bank.file, item.bank.range) };
    return out as unknown as CompiledItem;
  }


  const sections: CompiledSection[] = [];
  const pages: CompiledPage[] = [];
  const before = survey.items.filter((i) => i.section === undefined).map((i) => i.id);
  if (before.length > 0) {
    pages.push({ id: survey.consent?.id ?? 'start', title: survey.consent === undefined ? header.title.value : 'Agreement', items: before });
  }
  const bySection = new Map<string, string[]>();
  for (const item of survey.items) {
    if (item.section === undefined) continue;
    const ids = bySection.get(item.section);
    if (ids === undefined) bySection.set(item.section, [item.id]);
    else ids.push(item.id);
  }
  for (const entry of survey.entries) {
    if (entry.type !== 'section') continue;
    const node = entry.node;
    const ids = bySection.get(node.id.text) ?? [];
    const intro = node.attributes.find((a) => a.kind === 'Intro');
    sections.push({
      id: node.id.text,
      title: node.title.value,
      ...(intro === undefined || intro.kind !== 'Intro' ? {} : { intro: richText(intro.text.value) }),
      universe: universe(survey.sectionUniverse.get(node.id.text) ?? { op: 'true' }),
      items: ids,
      location: location(main, node.range),
    });
    pages.push({ id: node.id.text, title: node.title.value, section: node.id.text, items: ids });
  }

  const endRules: EndRule[] = [];
  survey.entries.forEach((entry, p) => {
    if (entry.type !== 'end') return;
    let after = '';
    for (let i = p - 1; i >= 0; i--) {
      const e = survey.entries[i]!;
      if (e.type === 'item' && e.item.kind !== 'info') {
        after = e.item.id;
        break;
      }
    }
    const isConsentRule = consentId !== undefined && after === consentId && survey.entries[p - 1]?.type === 'item';
    endRules.push({
      id: `end_${endRules.length + 1}`,
      after,
      condition: entry.condition,
      message: richText(entry.node.message.value),
      keepAnswers: !isConsentRule,
      universe: universe(survey.reach[p]!, isConsentRule),
      location: location(main, entry.node.range),
    });
  });

  const counts = new Map<string, number>();
  const checks: Check[] = survey.checks.map((c) => {
    const n = (counts.get(c.item.id) ?? 0) + 1;
    counts.set(c.item.id, n);
    return {
      id: n === 1 ? `${c.item.id}_check` : `${c.item.id}_check_${n}`,
      question: c.item.id,
      condition: c.condition,
      questions: c.questions,
      message: c.message,
      location: location(c.file, c.range),
    };
  });

  const audience = field('audience');
  return {
    format: 'poetkit-survey',
    formatVersion: COMPILED_FORMAT_VERSION,
    id: header.id.text,
    title: header.title.value,
    version: field('version')?.value ?? '0.0.0',
    language: field('language')?.value ?? 'en',
    ...(audience === undefined ? {} : { audience: audience.value }),
    ...headerText('intro'),
    ...headerText('privacy'),
    ...headerText('thanks'),
    items,
    sections,
    pages,
    endRules,
    checks,
    ...(consentId === undefined ? {} : { consent: consentId }),
    sources: files.map(relative),
  };
}
