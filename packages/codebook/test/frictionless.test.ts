/**
 * datapackage.json: every example's Frictionless Data Package v2 is valid by ajv against the v2
 * profiles (package, resource and table schema), describes data.csv column for column, and
 * carries categories and labelled missing values that match the export variables.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createResponseValidator } from '@poetkit/compiler/validator';
import { ResponseExporter } from '../src/export.js';
import { DATA_PACKAGE_PROFILE, dataPackage, type TableField } from '../src/frictionless.js';
import { FIXED_COLUMNS } from '../src/names.js';
import { buildCodebook } from '../src/variables.js';
import { checkGolden, HOSTILE, hostileSurvey, profileErrors, profileValidator } from './documents-support.js';
import { EXAMPLE_FILES, example, walkResponses } from './support.js';

/** Validates against all three profiles, as a consumer that checks each descriptor would. */
function assertValid(descriptor: ReturnType<typeof dataPackage>, what: string): void {
  // through JSON, as the file is read
  const json = JSON.parse(JSON.stringify(descriptor)) as ReturnType<typeof dataPackage>;
  const pkg = profileValidator('datapackage');
  assert.ok(pkg(json), `${what}: the data package profile rejects it:\n${profileErrors(pkg)}`);
  const resource = profileValidator('dataresource');
  assert.ok(resource(json.resources[0]), `${what}: the data resource profile rejects it:\n${profileErrors(resource)}`);
  const schema = profileValidator('tableschema');
  assert.ok(schema(json.resources[0]!.schema), `${what}: the table schema profile rejects it:\n${profileErrors(schema)}`);
}

for (const name of EXAMPLE_FILES) {
  test(`data package of ${name} is a valid Frictionless v2 package matching the export variables`, () => {
    const cb = buildCodebook(example(name));
    const descriptor = dataPackage(cb);
    assertValid(descriptor, name);
    assert.equal(descriptor.$schema, DATA_PACKAGE_PROFILE);

    const resource = descriptor.resources[0]!;
    assert.equal(resource.path, 'data.csv');
    const fields = resource.schema.fields;
    assert.deepEqual(
      fields.map((f) => f.name),
      [...FIXED_COLUMNS, ...cb.variables.map((v) => v.name)],
      'one field per data.csv column, in order',
    );
    const byName = new Map<string, TableField>(fields.map((f) => [f.name, f]));
    for (const v of cb.variables) {
      const field = byName.get(v.name)!;
      assert.equal(field.title, v.label, `${v.name}: title`);
      assert.ok(field.description?.includes(v.questionText) && field.description.includes(v.universe.text), `${v.name}: description`);
      assert.deepEqual(
        field.missingValues,
        v.valueLabels.filter((l) => l.missing !== undefined).map((l) => ({ value: String(l.code), label: l.label })),
        `${v.name}: missing values`,
      );
      assert.deepEqual(
        field.missingValues?.map((m) => Number(m.value)).sort((a, b) => a - b),
        [...v.missingCodes],
        `${v.name}: missing values are the missing codes`,
      );
      switch (v.type) {
        case 'code':
        case 'dummy':
          assert.equal(field.type, 'integer');
          assert.deepEqual(
            field.categories,
            v.valueLabels.filter((l) => l.missing === undefined).map((l) => ({ value: l.code, label: l.label })),
            `${v.name}: categories`,
          );
          break;
        case 'number':
          assert.ok(field.type === 'integer' || field.type === 'number');
          break;
        case 'date':
          assert.equal(field.type, 'date');
          break;
        case 'text':
          assert.equal(field.type, 'string');
          assert.equal(field.constraints?.['maxLength'], v.maxLength);
          break;
      }
    }
  });
}

/** The fields of one RFC 4180 record (as data.csv writes it: CRLF-terminated, `"` doubled inside quotes). */
function parseRecord(record: string): string[] {
  const fields: string[] = [];
  const text = record.replace(/\r\n$/, '');
  let i = 0;
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      for (i++; i < text.length; i++) {
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i++;
        } else if (text[i] === '"') break;
        else value += text[i];
      }
      i++; // the closing quote
    } else {
      const end = text.indexOf(',', i);
      value = text.slice(i, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
    }
    fields.push(value);
    if (i >= text.length) return fields;
    i++; // the comma
  }
}

/**
 * Why `cell` does not conform to `field` as a Frictionless reader checks it (missing values
 * become null first; then type, categories and constraints), or undefined when it does.
 */
function nonConformance(field: TableField, cell: string): string | undefined {
  const missing = field.missingValues?.map((m) => m.value) ?? [''];
  if (missing.includes(cell)) return field.constraints?.['required'] === true ? 'a required field is missing' : undefined;
  const constraints = field.constraints ?? {};
  switch (field.type) {
    case 'integer':
    case 'number': {
      if (!(field.type === 'integer' ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/).test(cell)) return `not ${field.type === 'integer' ? 'an integer' : 'a number'}`;
      const n = Number(cell);
      if (field.categories !== undefined && !field.categories.some((c) => c.value === n)) return `${n} is not a category`;
      if (typeof constraints['minimum'] === 'number' && n < constraints['minimum']) return `${n} is below the minimum`;
      if (typeof constraints['maximum'] === 'number' && n > constraints['maximum']) return `${n} is above the maximum`;
      return undefined;
    }
    case 'date': {
      const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cell);
      const parsed = date === null ? undefined : new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])));
      return parsed !== undefined && parsed.toISOString().startsWith(cell) ? undefined : 'not a YYYY-MM-DD date';
    }
    case 'string':
      return typeof constraints['maxLength'] === 'number' && [...cell].length > constraints['maxLength'] ? 'longer than maxLength' : undefined;
  }
}

test('data.csv from random walks through every example conforms to its data package: types, categories, missing values, constraints', () => {
  for (const name of EXAMPLE_FILES) {
    const survey = example(name);
    const cb = buildCodebook(survey);
    const fields = dataPackage(cb).resources[0]!.schema.fields;
    const exporter = new ResponseExporter(cb, createResponseValidator(survey));
    assert.deepEqual(parseRecord(exporter.header()), fields.map((f) => f.name), `${name}: header`);
    const seen = fields.map(() => new Set<string>());
    walkResponses(survey, 40).forEach((envelope, line) => {
      const outcome = exporter.response(line + 1, envelope);
      assert.equal(outcome.kind, 'row', `${name}: response ${line + 1} was rejected: ${outcome.record}`);
      const cells = parseRecord(outcome.record);
      assert.equal(cells.length, fields.length, `${name}: response ${line + 1} has ${cells.length} cells`);
      cells.forEach((cell, i) => {
        const problem = nonConformance(fields[i]!, cell);
        assert.equal(problem, undefined, `${name}: response ${line + 1}, ${fields[i]!.name} = ${JSON.stringify(cell)}: ${problem}`);
        seen[i]!.add(cell);
      });
    });
    // the walks give real answers and reserved codes, so both were checked
    const coded = fields.map((f, i) => ({ f, values: seen[i]! })).filter(({ f }) => f.categories !== undefined);
    assert.ok(coded.some(({ f, values }) => [...values].some((v) => f.categories!.some((c) => String(c.value) === v))), `${name}: some answers`);
    assert.ok(coded.some(({ values }) => values.has('-1')), `${name}: some not-asked codes`);
  }
});

test('the data check really checks: a code outside the categories, a bad date or an over-long text is caught', () => {
  const integer: TableField = { name: 'x', type: 'integer', categories: [{ value: 1, label: 'One' }], missingValues: [{ value: '-1', label: 'Not asked' }] };
  assert.equal(nonConformance(integer, '1'), undefined);
  assert.equal(nonConformance(integer, '-1'), undefined);
  assert.match(nonConformance(integer, '2') ?? '', /not a category/);
  assert.match(nonConformance(integer, '1.5') ?? '', /not an integer/);
  assert.match(nonConformance({ name: 'd', type: 'date' }, '2015-02-30') ?? '', /date/);
  assert.match(nonConformance({ name: 't', type: 'string', constraints: { maxLength: 2 } }, 'abc') ?? '', /maxLength/);
  assert.deepEqual(parseRecord('a,"b,""c""",,-1\r\n'), ['a', 'b,"c"', '', '-1']);
});

test('the profiles really check: a field of a type v2 does not have, or categories of the wrong type, are rejected', () => {
  const descriptor = dataPackage(buildCodebook(example('carer')));
  const fields = descriptor.resources[0]!.schema.fields;
  const coded = fields.findIndex((f) => f.categories !== undefined);
  assert.ok(coded >= 0);

  type Editable = { resources: { schema: { fields: Record<string, unknown>[] } }[] };
  const listField = structuredClone(descriptor) as unknown as Editable;
  listField.resources[0]!.schema.fields[coded]!['type'] = 'list';
  assert.equal(profileValidator('datapackage')(listField), false, 'the 2.0 profile has no list type');

  const textCategories = structuredClone(descriptor) as unknown as Editable;
  textCategories.resources[0]!.schema.fields[coded]!['categories'] = [{ value: 'one', label: 'One' }];
  assert.equal(profileValidator('tableschema')(textCategories.resources[0]!.schema), false, 'integer categories must be integers');
});

test('data package keeps hostile survey text as data and stays valid', () => {
  const descriptor = dataPackage(buildCodebook(hostileSurvey()));
  assertValid(descriptor, 'hostile');
  const text = JSON.stringify(descriptor);
  assert.equal((JSON.parse(text) as typeof descriptor).title, `Title ${HOSTILE}`);
  const pick = descriptor.resources[0]!.schema.fields.find((f) => f.name === 'pick')!;
  assert.equal(pick.title, `Pick ${HOSTILE}`);
  assert.deepEqual(pick.categories?.map((c) => c.label), [`One ${HOSTILE}`, 'Two | two', `Other ${HOSTILE}`]);
  assert.deepEqual(pick.missingValues?.map((m) => m.value), ['99', '-1', '-2', '-9']);
});

test('data package golden: streamlined-555', () => {
  checkGolden('streamlined-555.datapackage.json', `${JSON.stringify(dataPackage(buildCodebook(example('streamlined-555'))), null, 2)}\n`);
});
