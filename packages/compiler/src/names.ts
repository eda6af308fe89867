/** The naming rules of poet-reference README, "Identifiers, values and codes". */

const SPSS_RESERVED = ['all', 'and', 'by', 'eq', 'ge', 'gt', 'le', 'lt', 'ne', 'not', 'or', 'to', 'with'];
const STATA_RESERVED = [
  'byte', 'double', 'float', 'if', 'in', 'int', 'long', 'str', 'strl', 'using', 'with',
  '_all', '_b', '_coef', '_cons', '_n', '_pi', '_pred', '_rc', '_skip',
];
const RESERVED = new Set([...SPSS_RESERVED, ...STATA_RESERVED]);

export const MAX_ID_LENGTH = 24;
export const MAX_EXPORT_NAME_LENGTH = 32;
/** SPSS keeps at most 120 bytes of a value label. */
export const MAX_LABEL_BYTES = 120;

function snakeCaseProblem(name: string): string | undefined {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) {
    return /[A-Z]/.test(name) && /^[A-Za-z][A-Za-z0-9_]*$/.test(name)
      ? 'it has capital letters; write it in lower case'
      : 'it must start with a lower-case letter and hold only lower-case letters, digits and underscores';
  }
  if (name.includes('__')) return 'it has a double underscore';
  if (name.length > MAX_ID_LENGTH) return `it is ${name.length} characters long, and at most ${MAX_ID_LENGTH} are allowed`;
  return undefined;
}

/** Why `id` cannot be a question, section or info id, or undefined when it can. */
export function idProblem(id: string): string | undefined {
  const basic = snakeCaseProblem(id);
  if (basic !== undefined) return basic;
  if (id.endsWith('_other')) return "it ends in _other, which is kept for the text of an 'other – please describe' option";
  if (RESERVED.has(id)) return 'it is a reserved word in SPSS or Stata';
  return undefined;
}

/** Why `name` cannot be an option value or row id, or undefined when it can. */
export function valueNameProblem(name: string): string | undefined {
  return snakeCaseProblem(name);
}

/** The length of `text` in UTF-8 bytes (a lone surrogate counts as U+FFFD, as TextEncoder writes it). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
