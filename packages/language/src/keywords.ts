import type { QuestionKind } from './ast.js';

/** The question kinds, in the order the docs list them. */
export const QUESTION_KINDS: readonly QuestionKind[] = [
  'consent',
  'single',
  'yesno',
  'multi',
  'text',
  'long_text',
  'number',
  'date',
  'grid',
  'info',
];

/** The words of a designer's test block (`test "name" { ... }`). */
export const TEST_WORDS: readonly string[] = [
  'test', 'given', 'leave', 'blank', 'asks', 'asked', 'offers', 'shows', 'opens', 'ends', 'after', 'completes', 'valid', 'invalid',
];

/** Every keyword of the language. None is reserved: each may also be used as a name. */
export const KEYWORDS: readonly string[] = [
  'survey', 'bank', 'version', 'language', 'audience', 'intro', 'privacy', 'thanks', 'import',
  'options', 'section', 'use', 'if', 'goto', 'end',
  ...QUESTION_KINDS,
  'hint', 'optional', 'required', 'ask', 'min', 'max', 'whole', 'from', 'scale', 'rows', 'row', 'check',
  'exclusive', 'specify', 'missing', 'today',
  'and', 'or', 'not', 'in', 'includes', 'contains', 'count', 'is', 'answered',
  ...TEST_WORDS,
];
