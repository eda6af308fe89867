/**
 * poetkit's own JSON Schema keywords, for ajv 8. Each is a code-generating definition (no
 * `validate` function), so that ajv's standalone code can include it and a validator can run
 * without `eval` (docs/response-schema.md describes them for authors of other validators).
 *
 * - `x-poet-compare: {left, op, right}` on the answers object: when both answers are present
 *   and of the same kind (two numbers, or two date strings), `left op right` must hold.
 * - `x-poet-date-min` / `x-poet-date-max: "YYYY-MM-DD" | "today"` on a date string: the date
 *   is on or after / on or before the bound. `today` is the submission date: the `poetToday`
 *   property of the validation context (`validate.call({ poetToday: '2015-03-01' }, data)`,
 *   with ajv's `passContext: true`), and otherwise the validator's local date.
 */
import { Name, _, type Code, type CodeKeywordDefinition, type KeywordCxt } from 'ajv';

export const COMPARE_KEYWORD = 'x-poet-compare';
export const DATE_MIN_KEYWORD = 'x-poet-date-min';
export const DATE_MAX_KEYWORD = 'x-poet-date-max';

/** The context property that holds the submission date for `today`. */
export const TODAY_CONTEXT_PROPERTY = 'poetToday';

const DATE_OR_TODAY = { anyOf: [{ const: 'today' }, { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }] };
const COMPARISONS = ['=', '!=', '<', '<=', '>', '>='] as const;
type Comparison = (typeof COMPARISONS)[number];

function comparison(op: Comparison, left: Name, right: Name): Code {
  switch (op) {
    case '=':
      return _`${left} === ${right}`;
    case '!=':
      return _`${left} !== ${right}`;
    case '<':
      return _`${left} < ${right}`;
    case '<=':
      return _`${left} <= ${right}`;
    case '>':
      return _`${left} > ${right}`;
    case '>=':
      return _`${left} >= ${right}`;
  }
}

export const compareKeyword: CodeKeywordDefinition = {
  keyword: COMPARE_KEYWORD,
  type: 'object',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    required: ['left', 'op', 'right'],
    properties: { left: { type: 'string' }, op: { enum: [...COMPARISONS] }, right: { type: 'string' } },
    additionalProperties: false,
  },
  error: {
    message: ({ schema }) => _`"must have " + ${(schema as { left: string }).left} + " " + ${(schema as { op: string }).op} + " " + ${(schema as { right: string }).right}`,
    params: ({ schema }) => _`{left: ${(schema as { left: string }).left}, op: ${(schema as { op: string }).op}, right: ${(schema as { right: string }).right}}`,
  },
  code(cxt: KeywordCxt) {
    const { gen, data } = cxt;
    const schema = cxt.schema as { left: string; op: Comparison; right: string };
    const left = gen.const('left', _`${data}[${schema.left}]`);
    const right = gen.const('right', _`${data}[${schema.right}]`);
    const comparable = _`((typeof ${left} == "number" && typeof ${right} == "number") || (typeof ${left} == "string" && typeof ${right} == "string"))`;
    cxt.fail(_`${comparable} && !(${comparison(schema.op, left, right)})`);
  },
};

/** The submission date: the context's `poetToday`, else today's local date, as `YYYY-MM-DD`. */
const TODAY = new Name(TODAY_CONTEXT_PROPERTY);

function todayCode(): Code {
  return _`((this && typeof this.${TODAY} == "string") ? this.${TODAY} : (function (d) { return String(d.getFullYear()).padStart(4, "0") + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0"); })(new Date()))`;
}

function dateKeyword(keyword: string, min: boolean): CodeKeywordDefinition {
  return {
    keyword,
    type: 'string',
    schemaType: 'string',
    metaSchema: DATE_OR_TODAY,
    error: {
      message: ({ schema }) =>
        schema === 'today'
          ? min
            ? _`"must be today or later"`
            : _`"must be today or earlier"`
          : _`${min ? 'must be on or after ' : 'must be on or before '} + ${schema as string}`,
      params: ({ schema }) => _`{limit: ${schema as string}}`,
    },
    code(cxt: KeywordCxt) {
      const { gen, data } = cxt;
      const bound = cxt.schema === 'today' ? gen.const('today', todayCode()) : gen.const('bound', _`${cxt.schema as string}`);
      cxt.fail(min ? _`${data} < ${bound}` : _`${data} > ${bound}`);
    },
  };
}

export const dateMinKeyword = dateKeyword(DATE_MIN_KEYWORD, true);
export const dateMaxKeyword = dateKeyword(DATE_MAX_KEYWORD, false);

/** Every keyword poetkit's response schemas use beyond draft 2020-12. */
export const poetKeywords: readonly CodeKeywordDefinition[] = [compareKeyword, dateMinKeyword, dateMaxKeyword];
