/**
 * Escaping for the codebook documents. Survey text is written by survey designers and may hold
 * anything (`<script>`, `&`, `|`, control characters); every renderer passes every piece of it
 * through one of these, never through string concatenation alone.
 */

/**
 * Characters XML 1.0 forbids even as character references (C0 controls other than tab, line
 * feed and carriage return, lone surrogates, U+FFFE/U+FFFF). They are replaced by U+FFFD so
 * that the document stays well-formed; a survey text never needs them.
 */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content or a double-quoted attribute value in XML (and XHTML). */
export function escapeXml(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Text content or a double-quoted attribute value in HTML. */
export function escapeHtml(text: string): string {
  return escapeXml(text).replace(/'/g, '&#39;');
}

/**
 * Markdown inline text: HTML-significant characters become entities (Markdown passes raw HTML
 * through, so `<script>` must not survive) and Markdown punctuation is backslash-escaped so that
 * survey text never turns into emphasis, links, code, tables, headings or list items.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '\uFFFD')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\s*)([#+=-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/gm, '$1\\$2');
}

/** Markdown text inside a table cell: also on one line, as a line break would end the row. */
export function escapeMarkdownCell(text: string): string {
  return escapeMarkdown(text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' '));
}
