/**
 * The plain words of survey text. Kept apart from `render/rich-text.ts` (which builds Lit
 * templates) so that the Lit-free form state (`state.ts`) can name questions in its notices.
 */
import type { RichInline, RichText } from '@poetkit/compiler/compiled';

/** The plain words of a text (for the check-answers page and the purge notice). */
export function plainText(text: RichText): string {
  const inline = (list: readonly RichInline[]): string =>
    list.map((i) => (i.type === 'text' ? i.text : inline(i.content))).join('');
  return text.blocks.map((b) => (b.type === 'paragraph' ? inline(b.content) : b.items.map(inline).join('; '))).join(' ');
}
