/**
 * Export column names that every analysts' tool accepts as written.
 *
 * - Stata: at most 32 characters; letters, digits and `_`; not starting with a digit; not a
 *   reserved word (`if`, `in`, `using`, `byte`, `_n`…). Names starting with `_` are Stata's own.
 * - SPSS (and PSPP): starting with a letter; letters, digits, `_` (and `.@#$`, which we never
 *   use); not one of the reserved keywords ALL AND BY EQ GE GT LE LT NE NOT OR TO WITH; unique
 *   without regard to case; names ending in `_` are avoided (SPSS keeps them for its own).
 * - R: any name works through `data[["name"]]`, which is how labels.R refers to columns.
 *
 * A conventional name (`<id>_<code>`, `<id>_<row>`, `<id>_other`) that breaks a rule is changed
 * deterministically (same survey → same names) and the change is recorded with its reason.
 */

export const MAX_NAME_LENGTH = 32;

/** The fixed columns that start every data.csv row. */
export const FIXED_COLUMNS = ['response_id', 'survey_version', 'submitted'] as const;

/** The variable labels of the fixed columns: the same in every file that labels data.csv. */
export const FIXED_COLUMN_LABELS: Readonly<Record<(typeof FIXED_COLUMNS)[number], string>> = {
  response_id: 'Response id',
  survey_version: 'Survey version',
  submitted: 'Date submitted',
};

/** What the fixed columns at the start of every data.csv row hold. */
export const FIXED_COLUMN_DESCRIPTIONS: Readonly<Record<(typeof FIXED_COLUMNS)[number], string>> = {
  response_id: "The response's id, from its envelope.",
  survey_version: 'The version of the survey the response answered.',
  submitted: 'When the response was submitted, as its envelope gives it: YYYY-MM-DD, or an ISO 8601 date and time.',
};

const SPSS_RESERVED = ['all', 'and', 'by', 'eq', 'ge', 'gt', 'le', 'lt', 'ne', 'not', 'or', 'to', 'with'];
const STATA_RESERVED = [
  '_all', '_b', 'byte', '_coef', '_cons', 'double', 'float', 'if', 'in', 'int', 'long', '_n', '_pi',
  '_pred', '_rc', '_skip', 'strl', 'using', 'with',
];
const RESERVED = new Set([...SPSS_RESERVED, ...STATA_RESERVED]);

export interface NameChange {
  /** The conventional name. */
  readonly from: string;
  /** The name used in every file. */
  readonly to: string;
  readonly reason: string;
}

/** Why `name` cannot be used as written, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (!/^[A-Za-z]/.test(name)) return 'it does not start with a letter (SPSS and Stata)';
  if (!/^[A-Za-z0-9_]+$/.test(name)) return 'it has characters other than letters, digits and _';
  if (name.length > MAX_NAME_LENGTH) return `it is longer than ${MAX_NAME_LENGTH} characters (Stata)`;
  const lower = name.toLowerCase();
  if (RESERVED.has(lower) || /^str\d+$/.test(lower)) return `"${name}" is a reserved word in SPSS or Stata`;
  if (name.endsWith('_')) return 'it ends with _ (SPSS keeps such names for itself)';
  return undefined;
}

/**
 * Hands out names in survey order. The first claimant of a name keeps it; later ones that
 * clash (without regard to case) get `_2`, `_3`… within the 32-character limit.
 */
export class NameAllocator {
  private readonly taken = new Set<string>(FIXED_COLUMNS.map((n) => n.toLowerCase()));
  readonly changes: NameChange[] = [];

  allocate(conventional: string): string {
    const problem = nameProblem(conventional);
    let base = conventional;
    const reasons: string[] = [];
    if (problem !== undefined) {
      reasons.push(problem);
      base = legalise(conventional);
    }
    let name = base;
    if (this.taken.has(name.toLowerCase())) {
      reasons.push(`"${base}" is already used by another column`);
      for (let n = 2; ; n++) {
        const suffix = `_${n}`;
        name = `${base.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
        if (!this.taken.has(name.toLowerCase())) break;
      }
    }
    this.taken.add(name.toLowerCase());
    if (name !== conventional) this.changes.push({ from: conventional, to: name, reason: reasons.join('; ') });
    return name;
  }
}

/** The nearest legal name: illegal characters → `_`, a leading letter, reserved words and trailing `_` avoided, ≤ 32. */
function legalise(name: string): string {
  let s = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(s)) s = `v${s}`;
  if (s.length > MAX_NAME_LENGTH) s = s.slice(0, MAX_NAME_LENGTH);
  if (s.endsWith('_')) s = `${s.slice(0, MAX_NAME_LENGTH - 1).replace(/_+$/, '')}v`.slice(0, MAX_NAME_LENGTH);
  if (nameProblem(s) !== undefined) s = `${s.slice(0, MAX_NAME_LENGTH - 2)}_v`;
  return s;
}
