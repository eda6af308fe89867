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
  const relative = (file: SourceFile): string => posix.relative(folder, file.path) || posix.basename(file.path);
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
  const universe = (condition: Condition, isConsent = false): Universe => {
    const shown = consentId === undefined ? condition : and(conjuncts(condition).filter((c) => !(c.op === 'equals' && c.question === consentId && c.value === 'yes' && !c.negated)));
    let text: string;
    if (shown.op === 'true') text = consentId === undefined || isConsent ? 'Asked of everyone' : 'Asked of everyone who takes part';
    else if (shown.op === 'false') text = 'Never asked';
    else text = `Asked if ${describe(shown, lookup)}`;
    return { condition, text };
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
    const u = universe(survey.itemUniverse.get(item.id) ?? { op: 'true' }, item.id === consentId);
    const head = {
      id: item.id,
      number: item.number,
      section: item.section,
      text: item.kind === 'info' ? richText(item.text.literal.value) : plainText(item.text.literal.value),
      hint: item.hint === undefined ? undefined : richText(item.hint.literal.value),
    };
    const base = {
      id: head.id,
      ...(head.number === undefined ? {} : { number: head.number }),
      ...(head.section === undefined ? {} : { section: head.section }),
      text: head.text,
      ...(head.hint === undefined ? {} : { hint: head.hint }),
    };
    const tail = {
      universe: u,
      location: location(item.file, item.range),
      ...(item.bank === undefined ? {} : { bank: { id: item.bank.id, location: location(item.bank.file, item.bank.range) } }),
    };
    switch (item.kind) {
      case 'info':
        return { id: base.id, kind: 'info', ...withoutId(base), ...tail };
      case 'consent':
      case 'single':
      case 'multi': {
        const other = survey.otherUniverse.get(item.id);
        return {
          id: base.id,
          kind: item.kind,
          ...withoutId(base),
          required: item.required,
          options: options(item.options ?? []),
          ...(item.pipedFrom === undefined ? {} : { pipedFrom: item.pipedFrom.text }),
          ...(item.minTicks === undefined ? {} : { minTicks: item.minTicks }),
          ...(item.maxTicks === undefined ? {} : { maxTicks: item.maxTicks }),
          ...(other === undefined ? {} : { other: { key: `${item.id}_other`, maxLength: OTHER_MAX_LENGTH, universe: universe(other) } }),
          ...tail,
        };
      }
      case 'text':
      case 'long_text':
        return { id: base.id, kind: item.kind, ...withoutId(base), required: item.required, maxLength: item.maxLength ?? 500, ...tail };
      case 'number':
        return {
          id: base.id,
          kind: 'number',
          ...withoutId(base),
          required: item.required,
          ...(typeof item.min === 'number' ? { min: item.min } : {}),
          ...(typeof item.max === 'number' ? { max: item.max } : {}),
          whole: item.whole,
          ...tail,
        };
      case 'date':
        return {
          id: base.id,
          kind: 'date',
          ...withoutId(base),
          required: item.required,
          ...(typeof item.min === 'string' ? { min: item.min } : {}),
          ...(typeof item.max === 'string' ? { max: item.max } : {}),
          ...tail,
        };
      case 'grid': {
        const rows = survey.rowUniverse.get(item.id);
        return {
          id: base.id,
          kind: 'grid',
          ...withoutId(base),
          required: item.required,
          scale: options(item.scale ?? []),
          rows: (item.rows ?? []).map((r) => ({ id: r.id, label: r.label, universe: universe(rows?.get(r.id) ?? { op: 'true' }) })),
          ...tail,
        };
      }
    }
  }

  const sections: CompiledSection[] = [];
  const pages: CompiledPage[] = [];
  const before = survey.items.filter((i) => i.section === undefined).map((i) => i.id);
  if (before.length > 0) {
    pages.push({ id: survey.consent?.id ?? 'start', title: survey.consent === undefined ? header.title.value : 'Agreement', items: before });
  }
  for (const entry of survey.entries) {
    if (entry.type !== 'section') continue;
    const node = entry.node;
    const ids = survey.items.filter((i) => i.section === node.id.text).map((i) => i.id);
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

function withoutId<T extends { id: string }>(value: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = value;
  return rest;
}
