/**
 * Survey text as Lit templates, built from the compiler's safe markup tree (`RichText.blocks`).
 * Every string goes into a text binding, so nothing the survey says is ever parsed as HTML.
 * Links are re-checked here (https, http, mailto only) because a compiled file may have been
 * edited by hand after compiling: anything else is shown as plain text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RichBlock, RichInline, RichText } from '@poetkit/compiler/compiled';

const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;

/** Whether `href` may be a link target (no `javascript:`, `data:`, relative or protocol-less URL). */
export function isSafeHref(href: string): boolean {
  return SAFE_HREF.test(href) && !/[\s\u0000-\u001f]/.test(href);
}

export function renderInlines(inlines: readonly RichInline[]): TemplateResult[] {
  return inlines.map((inline) => {
    switch (inline.type) {
      case 'text':
        return html`${inline.text}`;
      case 'bold':
        return html`<strong>${renderInlines(inline.content)}</strong>`;
      case 'link':
        return isSafeHref(inline.href)
          ? html`<a part="link" class="link" href=${inline.href} rel="noopener noreferrer" target="_blank"
              >${renderInlines(inline.content)}<span class="visually-hidden"> (opens in a new tab)</span></a
            >`
          : html`${renderInlines(inline.content)}`;
    }
  });
}

function renderBlock(block: RichBlock): TemplateResult {
  return block.type === 'paragraph'
    ? html`<p class="body">${renderInlines(block.content)}</p>`
    : html`<ul class="list">${block.items.map((item) => html`<li>${renderInlines(item)}</li>`)}</ul>`;
}

/** Block text (intro, privacy, hints, info, end messages): paragraphs and lists. */
export function renderRichText(text: RichText | undefined): TemplateResult | typeof nothing {
  if (text === undefined) return nothing;
  return html`${text.blocks.map(renderBlock)}`;
}

/**
 * Text that must stay phrasing content (inside a legend or label): paragraphs joined by a
 * space, list items by "; ". Question texts are one plain paragraph, so nothing is lost there.
 */
export function renderInlineText(text: RichText): TemplateResult {
  const parts: TemplateResult[] = [];
  text.blocks.forEach((block, i) => {
    if (i > 0) parts.push(html` `);
    if (block.type === 'paragraph') parts.push(...renderInlines(block.content));
    else block.items.forEach((item, j) => parts.push(html`${j > 0 ? '; ' : ''}${renderInlines(item)}`));
  });
  return html`${parts}`;
}
