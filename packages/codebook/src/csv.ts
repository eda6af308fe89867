/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, a field
 * quoted (with `"` doubled) when it holds a comma, a quote or a line break. UTF-8, no BOM.
 */

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number): string {
  if (typeof value === 'number') return numberText(value);
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRecord(values: readonly (string | number)[]): string {
  // Plain concatenation: this runs once per field of every exported response.
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (i > 0) line += ',';
    line += typeof value === 'number' ? (Number.isInteger(value) && Math.abs(value) < 1e21 ? String(value) : numberText(value)) : csvField(value);
  }
  return `${line}\r\n`;
}

/** A number as every reader parses it: plain decimal, never exponent notation. */
export function numberText(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // Exponent form appears below 1e-6 and from 1e21; write such numbers out in full.
  return Math.abs(n) >= 1 ? BigInt(Math.round(n)).toString() : n.toFixed(20).replace(/0+$/, '');
}

/**
 * Text as data.csv carries it: every control character, line breaks included, becomes a
 * space, so that each response is one line. SPSS and PSPP cannot read a quoted field that
 * spans lines; the response file keeps the original.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

/** `/\S/.test(text)`, without the regular expression when the first character is printable ASCII. */
export function hasNonSpace(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c > 0x20 && c < 0x7f) || /\S/.test(text);
}

/**
 * `csvField(oneLine(text))`: most texts hold nothing either would change, which one scan of
 * their characters shows more cheaply than the two regular expressions.
 */
export function textField(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Control characters, `"`, `,`, and U+2028/U+2029 (the rest is left as it is).
    if (c < 0x20 || c === 0x22 || c === 0x2c || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) return csvField(oneLine(text));
  }
  return text;
}
