/**
 * Test helpers for the codebook documents (DDI, data package, HTML, Markdown): the standards'
 * own validators (xmllint with the DDI XSD, ajv with the Frictionless profiles), a survey full
 * of hostile text, statistics with a distinct count for every code, and golden files.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFile } from '@poetkit/compiler';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import type { CodebookStats, VariableStats } from '../src/stats.js';
import type { Codebook } from '../src/variables.js';
import { ROOT } from './support.js';

export const STANDARDS_DIR = join(ROOT, 'standards');
export const DDI_XSD = join(STANDARDS_DIR, 'ddi-codebook-2.6', 'schemas', 'codebook.xsd');
export const FRICTIONLESS_DIR = join(STANDARDS_DIR, 'frictionless-2.0');

const scratch = mkdtempSync(join(tmpdir(), 'poetkit-codebook-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

// ---- DDI: xmllint with the DDI Alliance's XSD -------------------------------------------

export interface XmlLintResult {
  readonly valid: boolean;
  /** xmllint's messages, without the XSD's own import warnings. */
  readonly messages: string;
}

let xmllintChecked = false;

/** Validates `xml` against the DDI-Codebook 2.6 XSD with xmllint (never skipped: fails if xmllint is missing). */
export function xmllintDdi(xml: string, name = 'codebook.ddi.xml'): XmlLintResult {
  if (!xmllintChecked) {
    const version = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
    assert.ok(version.error === undefined, 'xmllint is not installed: run bash scripts/setup.sh (it installs libxml2-utils)');
    assert.ok(existsSync(DDI_XSD), `the DDI schema is missing at ${DDI_XSD}: the repository's standards/ folder holds it`);
    xmllintChecked = true;
  }
  const file = join(scratch, name);
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', DDI_XSD, file], { encoding: 'utf8' });
  const messages = `${run.stdout}${run.stderr}`
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.includes('Schemas parser warning') && !l.endsWith(' validates'))
    .join('\n');
  return { valid: run.status === 0, messages };
}

// ---- Frictionless: ajv with the v2 profiles (JSON Schema draft-07) ----------------------

interface AjvError {
  readonly instancePath: string;
  readonly message?: string;
}
interface ValidateFunction {
  (data: unknown): boolean;
  errors?: readonly AjvError[] | null;
}
interface AjvInstance {
  compile(schema: object): ValidateFunction;
  addFormat(name: string, format: boolean): AjvInstance;
}

// ajv is the compiler's dependency; load it from there rather than adding one to this package.
const requireFromCompiler = createRequire(fileURLToPath(import.meta.resolve('@poetkit/compiler')));
const AjvClass = (requireFromCompiler('ajv') as { default: new (options: object) => AjvInstance }).default;
const addFormats = (requireFromCompiler('ajv-formats') as { default: (ajv: AjvInstance) => void }).default;

export type Profile = 'datapackage' | 'dataresource' | 'tableschema';
const validators = new Map<Profile, ValidateFunction>();

/** The profile's validator. The profiles are draft-07 (ajv's default class); they use `propertyOrder` and other UI keywords, hence `strict: false`. */
export function profileValidator(profile: Profile): ValidateFunction {
  let validate = validators.get(profile);
  if (validate === undefined) {
    const ajv = new AjvClass({ strict: false, allErrors: true });
    addFormats(ajv);
    // `textarea` is an editor hint in the profiles, not a format to check
    ajv.addFormat('textarea', true);
    validate = ajv.compile(JSON.parse(readFileSync(join(FRICTIONLESS_DIR, `${profile}.json`), 'utf8')) as object);
    validators.set(profile, validate);
  }
  return validate;
}

/** ajv's errors as one readable string. */
export function profileErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('\n');
}

// ---- a survey written to break things --------------------------------------------------

/** Text that would run script, close tables or start Markdown if any renderer forgot to escape it. */
export const HOSTILE = "<script>alert('x')</script> | a & b *c* _d_ `e` [f](https://example.org/?q=<i>) </td></tr></table> ]]> <!-- h -->";

const HOSTILE_SURVEY = `survey hostile "Title ${HOSTILE}"
  version "1.0.0"
  audience "Audience ${HOSTILE}"

consent agree "Agree? ${HOSTILE}"
  options {
    1 yes "Yes ${HOSTILE}"
    2 no  "No ${HOSTILE}"
  }

if agree = no end "Thank you."

section first "Section ${HOSTILE}" {
  1) single pick "Pick ${HOSTILE}"
    hint "Hint ${HOSTILE}"
    options {
       1 one   "One ${HOSTILE}"
       2 two   "Two | two"
      96 other "Other ${HOSTILE}" specify
      99 prefer_not_say "Prefer not to say" missing prefer_not_say
    }

  2) multi many "Many ${HOSTILE}"
    options {
      1 x "X ${HOSTILE}"
      2 y "Y ${HOSTILE}"
    }

  3) grid rate "Rate ${HOSTILE}"
    scale {
      1 good "Good ${HOSTILE}"
      2 bad  "Bad ${HOSTILE}"
    }
    rows {
      r1 "Row ${HOSTILE}"
      r2 "Row two" ask if pick = one
    }

  4) text words "Words ${HOSTILE}"
    optional

  5) number amount "Amount ${HOSTILE}"
    min 0
    max 100
    whole

  6) date when "When ${HOSTILE}"
    optional
}
`;

let hostile: CompiledSurvey | undefined;

/** The compiled hostile survey (compiled once; warnings about HTML-like text are expected). */
export function hostileSurvey(): CompiledSurvey {
  if (hostile === undefined) {
    const file = join(scratch, 'hostile.poet');
    writeFileSync(file, HOSTILE_SURVEY);
    const result = compileFile(file);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`), []);
    assert.ok(result.survey !== undefined);
    hostile = result.survey;
  }
  return hostile;
}

// ---- statistics -------------------------------------------------------------------------

/**
 * Statistics with a count for every code that differs from every other count in the codebook
 * (10007 + 13 × its position), so a test can find each one in the rendered text.
 */
export function distinctStats(cb: Codebook): CodebookStats {
  let next = 10007;
  const variables = new Map<string, VariableStats>();
  for (const v of cb.variables) {
    const frequencies = v.type === 'code' || v.type === 'dummy' ? v.valueLabels.map((l) => ({ code: l.code, count: (next += 13) })) : [];
    const missingSet = new Set(v.missingCodes);
    const valid = frequencies.filter((f) => !missingSet.has(f.code)).reduce((sum, f) => sum + f.count, 0);
    const missing = frequencies.filter((f) => missingSet.has(f.code)).reduce((sum, f) => sum + f.count, 0);
    const base = { name: v.name, valid: v.type === 'code' || v.type === 'dummy' ? valid : (next += 13), missing: v.type === 'code' || v.type === 'dummy' ? missing : (next += 13), frequencies };
    variables.set(v.name, v.type === 'number' ? { ...base, summary: { min: 3, max: 97, mean: 41.25 } } : base);
  }
  return { responses: 99991, variables };
}

// ---- golden files -----------------------------------------------------------------------

const GOLDEN_DIR = fileURLToPath(new URL('../../test/golden/', import.meta.url));
const update = process.env['UPDATE_GOLDENS'] === '1';

/** Compares `actual` with `test/golden/NAME`; `UPDATE_GOLDENS=1` rewrites it and fails on purpose, so that nobody blesses a change unread. */
export function checkGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (update) {
    writeFileSync(path, actual);
    assert.fail(`UPDATE_GOLDENS=1: rewrote ${path}; read the diff, then run the tests again without it`);
  }
  assert.ok(existsSync(path), `missing golden file ${path}: run with UPDATE_GOLDENS=1 and read it`);
  assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs from its golden file; if the change is intended, run with UPDATE_GOLDENS=1 and read the diff`);
}
