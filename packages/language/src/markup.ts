/**
 * The small, safe markup of survey texts: paragraphs, **bold**, `- ` lists and
 * [links](https://...). It produces a tree, never HTML: renderers build DOM nodes (or
 * other output) from the tree, so survey text can never inject markup or script.
 */

export type MarkupInline =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'bold'; readonly content: readonly MarkupInline[] }
  | { readonly type: 'link'; readonly href: string; readonly content: readonly MarkupInline[] };

export type MarkupBlock =
  | { readonly type: 'paragraph'; readonly content: readonly MarkupInline[] }
  | { readonly type: 'list'; readonly items: readonly (readonly MarkupInline[])[] };

export interface MarkupProblem {
  readonly id: 'markup-unclosed-bold' | 'markup-unsafe-link' | 'markup-broken-link' | 'markup-html';
  /** Offsets in the text value. */
  readonly start: number;
  readonly end: number;
  readonly args: Readonly<Record<string, string>>;
}

export interface MarkupResult {
  readonly blocks: readonly MarkupBlock[];
  readonly problems: readonly MarkupProblem[];
}

const SAFE_LINK = /^(?:https?:\/\/[^\s]+|mailto:[^\s]+)$/i;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;

/** Finds things that look like HTML tags (they are shown as written, never interpreted). */
export function findHtml(text: string): MarkupProblem[] {
  const problems: MarkupProblem[] = [];
  for (const match of text.matchAll(HTML_TAG)) {
    const tag = match[0].length > 40 ? `${match[0].slice(0, 40)}…` : match[0];
    problems.push({ id: 'markup-html', start: match.index, end: match.index + match[0].length, args: { tag } });
  }
  return problems;
}

/** Parses inline markup of one paragraph or list item; `base` is its offset in the whole text. */
function parseInline(text: string, base: number, problems: MarkupProblem[], inBold = false): MarkupInline[] {
  const out: MarkupInline[] = [];
  let plain = '';
  const flush = (): void => {
    if (plain !== '') out.push({ type: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    if (!inBold && text.startsWith('**', i)) {
      const close = text.indexOf('**', i + 2);
      if (close < 0) {
        problems.push({ id: 'markup-unclosed-bold', start: base + i, end: base + i + 2, args: {} });
        plain += '**';
        i += 2;
        continue;
      }
      flush();
      out.push({ type: 'bold', content: parseInline(text.slice(i + 2, close), base + i + 2, problems, true) });
      i = close + 2;
      continue;
    }
    if (text[i] === '[') {
      const middle = text.indexOf('](', i + 1);
      const lineEnd = text.indexOf('\n', i);
      if (middle >= 0 && (lineEnd < 0 || middle < lineEnd) && !text.slice(i + 1, middle).includes('[')) {
        const close = text.indexOf(')', middle + 2);
        const linkText = text.slice(i + 1, middle);
        if (close < 0 || linkText.trim() === '') {
          problems.push({ id: 'markup-broken-link', start: base + i, end: base + (close < 0 ? text.length : close + 1), args: {} });
          plain += text[i];
          i += 1;
          continue;
        }
        const href = text.slice(middle + 2, close).trim();
        if (!SAFE_LINK.test(href)) {
          problems.push({ id: 'markup-unsafe-link', start: base + middle + 2, end: base + close, args: { target: href } });
          // An unsafe link is shown as its text only.
          flush();
          out.push(...parseInline(linkText, base + i + 1, problems, inBold));
        } else {
          flush();
          out.push({ type: 'link', href, content: parseInline(linkText, base + i + 1, problems, inBold) });
        }
        i = close + 1;
        continue;
      }
    }
    plain += text[i];
    i += 1;
  }
  flush();
  return out;
}

/** Parses a block text (intro, privacy, hint, info, end message) into paragraphs and lists. */
export function parseMarkup(text: string): MarkupResult {
  const problems: MarkupProblem[] = [...findHtml(text)];
  const blocks: MarkupBlock[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let paragraph: { text: string; base: number } | undefined;
  let list: { items: MarkupInline[][] } | undefined;
  const endParagraph = (): void => {
    if (paragraph) blocks.push({ type: 'paragraph', content: parseInline(paragraph.text, paragraph.base, problems) });
    paragraph = undefined;
  };
  const endList = (): void => {
    if (list) blocks.push({ type: 'list', items: list.items });
    list = undefined;
  };
  for (const line of lines) {
    const lineStart = offset;
    offset += line.length + 1;
    if (line.trim() === '') {
      endParagraph();
      endList();
      continue;
    }
    const item = /^(\s*)- /.exec(line);
    if (item) {
      endParagraph();
      list ??= { items: [] };
      const start = item[0].length;
      list.items.push(parseInline(line.slice(start), lineStart + start, problems));
      continue;
    }
    endList();
    if (paragraph) {
      // A line break inside a paragraph is a space, as in a printed paragraph. The offsets
      // of the following line are kept by padding with the single joining space.
      paragraph.text += ' ' + line;
    } else paragraph = { text: line, base: lineStart };
  }
  endParagraph();
  endList();
  return { blocks, problems: dedupe(problems) };
}

function dedupe(problems: MarkupProblem[]): MarkupProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.id}:${p.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
