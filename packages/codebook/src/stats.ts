/**
 * Per-variable statistics for `poet codebook --stats`: computed from the same coded values as
 * data.csv (see coding.ts), so the frequencies in the codebook are those of the export.
 */
import type { CodedValue } from './coding.js';
import type { Codebook } from './variables.js';

export interface VariableStats {
  readonly name: string;
  /** Non-missing values. */
  readonly valid: number;
  /** User-missing + reserved. */
  readonly missing: number;
  /** For code/dummy variables, every value label's code, in value-label order. */
  readonly frequencies: readonly { readonly code: number; readonly count: number }[];
  /** Number variables. */
  readonly summary?: { readonly min: number; readonly max: number; readonly mean: number };
}

export interface CodebookStats {
  readonly responses: number;
  readonly variables: ReadonlyMap<string, VariableStats>;
}

interface Tally {
  valid: number;
  missing: number;
  /** code → count, for the variable's value labels. */
  readonly counts: Map<number, number>;
  min: number;
  max: number;
  sum: number;
}

/** Adds coded responses one at a time (flat memory), then gives the statistics. */
export class StatsAccumulator {
  private responses = 0;
  private readonly tallies: Tally[];
  private readonly missing: ReadonlySet<number>[];

  constructor(private readonly codebook: Codebook) {
    this.tallies = codebook.variables.map((v) => ({
      valid: 0,
      missing: 0,
      counts: new Map(v.type === 'code' || v.type === 'dummy' ? v.valueLabels.map((l) => [l.code, 0]) : []),
      min: Infinity,
      max: -Infinity,
      sum: 0,
    }));
    this.missing = codebook.variables.map((v) => new Set(v.missingCodes));
  }

  add(values: readonly CodedValue[]): void {
    this.responses++;
    this.codebook.variables.forEach((v, i) => {
      const value = values[i]!;
      const tally = this.tallies[i]!;
      // Text and date columns carry reasons as text ("-1"); any other text is an answer.
      const numeric = typeof value === 'number' ? value : /^-\d+$/.test(value) ? Number(value) : undefined;
      if (numeric !== undefined && this.missing[i]!.has(numeric)) tally.missing++;
      else tally.valid++;
      if (numeric !== undefined && tally.counts.has(numeric)) tally.counts.set(numeric, tally.counts.get(numeric)! + 1);
      if (v.type === 'number' && typeof value === 'number' && !this.missing[i]!.has(value)) {
        tally.min = Math.min(tally.min, value);
        tally.max = Math.max(tally.max, value);
        tally.sum += value;
      }
    });
  }

  result(): CodebookStats {
    const variables = new Map<string, VariableStats>();
    this.codebook.variables.forEach((v, i) => {
      const t = this.tallies[i]!;
      const frequencies = [...t.counts].map(([code, count]) => ({ code, count }));
      const base = { name: v.name, valid: t.valid, missing: t.missing, frequencies };
      variables.set(
        v.name,
        v.type === 'number' && t.valid > 0 ? { ...base, summary: { min: t.min, max: t.max, mean: t.sum / t.valid } } : base,
      );
    });
    return { responses: this.responses, variables };
  }
}
