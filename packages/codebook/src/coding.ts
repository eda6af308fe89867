/**
 * Coding one response into the export variables' values: the same function for data.csv and
 * for `--stats`, so statistics always describe the exported data.
 *
 * Reasons come from the runtime's `route()`: a question it asks is coded from the answer, or
 * -9 when left blank; one it does not ask is -1; after an end rule fired, everything that
 * follows is -2 (not reached) — except after the consent gate's refusal, where nothing was
 * ever going to be asked, so it is -1 (not asked, consent gate).
 */
import type { CompiledQuestion } from '@poetkit/compiler/compiled';
import { ASKED_ITEM, OTHER_OPENED, route, slotRoutingPlan, type Answers, type AskedItem, type Route, type SlotRoute } from '@poetkit/runtime';
import { csvField, csvRecord, hasNonSpace, numberText, oneLine, textField } from './csv.js';
import { BLANK, NOT_ASKED, NOT_REACHED, type Codebook, type ExportVariable } from './variables.js';

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** A coded value: a number for code, dummy and number variables; a string for text and date (reasons as "-1"...). */
export type CodedValue = number | string;

interface QuestionPlan {
  readonly question: CompiledQuestion;
  /** Index of its first variable in the codebook. */
  readonly first: number;
  /** The question's own variables (without `_other`). */
  readonly variables: readonly ExportVariable[];
  /** Index of its `_other` variable, if any. */
  readonly other?: number;
  /** Option (or scale) value → code. */
  readonly codes: ReadonlyMap<string, number>;
}

export interface Coder {
  readonly codebook: Codebook;
  /** The values of every export variable for one (valid) response, in codebook order. */
  code(answers: Answers, today?: string): CodedValue[];
  /**
   * The same values as data.csv writes them: each as a CSV field preceded by a comma, so that
   * `csvRecord([a, b, ...code(answers)])` is `csvField(a) + ',' + csvField(b) + fields(answers) + '\r\n'`.
   */
  fields(answers: Answers, today?: string): string;
  /** {@link code} of answers already routed: `route` is `route(survey, answers, { today })`. */
  codeRoute(route: Route): CodedValue[];
  /** {@link fields} of answers already routed (the export routes once, to check and to code). */
  fieldsOfRoute(route: Route): string;
  /**
   * {@link fieldsOfRoute} of answers a reader put in slots, routed by the runtime's
   * `routeSlots` (poet export's fast path); `undefined` when this codebook's variables are not
   * laid out for writing fields straight from a route.
   */
  fieldsOfSlotRoute(route: SlotRoute): string | undefined;
}

/**
 * Writes one question's CSV fields (each preceded by a comma) for a route that asked it: a
 * grid's shown rows, whether its `_other` text was asked, its effective answer and its `_other`
 * text (`undefined` when not effective).
 */
type FieldWriter = (rows: readonly string[] | undefined, otherAsked: boolean, value: unknown, otherText: unknown) => string;

interface FieldPlan {
  readonly question: CompiledQuestion;
  /** Its answer key and `_other` key, internalized (keys compare by identity in lookups). */
  readonly id: string;
  readonly otherKey: string | undefined;
  /** The index of its item in the survey, and the slots of its answer and `_other` text (-1: none) in routing by slots. */
  readonly item: number;
  readonly slot: number;
  readonly otherSlot: number;
  readonly write: FieldWriter;
  /** Its fields when not asked, and when not reached: precomputed, the most common outcome after an answer. */
  readonly notAsked: string;
  readonly notReached: string;
}

const BLANK_FIELD = `,${BLANK}`;
/** How many sets of ticks a multi keeps the fields of (memory stays bounded whatever the data). */
const MAX_TICK_SETS = 1024;

/** `effective[id]` when it is an own property (the own check only when there is a value). */
function answerOf(effective: Answers, id: string): unknown {
  const value = effective[id];
  return value !== undefined && hasOwnProperty.call(effective, id) ? value : undefined;
}

/** `s` as the engine's one copy of that text (a property key's), so that comparisons with other such keys are by identity. */
function internalized(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}
const NOT_ASKED_FIELD = `,${NOT_ASKED}`;

/** A number as csvRecord writes it. */
function numberField(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? String(n) : numberText(n);
}

/** The comma-prefixed field of one coded "please describe" text (as {@link Coder.code} codes it). */
function otherField(otherAsked: boolean, text: unknown): string {
  if (!otherAsked) return NOT_ASKED_FIELD;
  return typeof text === 'string' && hasNonSpace(text) ? `,${textField(text)}` : BLANK_FIELD;
}

/** `list.indexOf(x)` as a loop (lists of a few strings; `indexOf` is a call into a builtin). */
function indexIn(list: readonly unknown[], x: unknown): number {
  for (let i = 0; i < list.length; i++) if (list[i] === x) return i;
  return -1;
}

/**
 * The writer of one question's fields, coding exactly as {@link Coder.code} does; `undefined`
 * when its variables are not laid out as the writers assume (own variables, then `_other`).
 */
function fieldWriter(plan: QuestionPlan): FieldWriter | undefined {
  const q = plan.question;
  const otherKey = (q as { other?: { key: string } }).other?.key;
  if ((plan.other === undefined) !== (otherKey === undefined)) return undefined;
  if (plan.other !== undefined && plan.other !== plan.first + plan.variables.length) return undefined;
  const oneVariable = plan.variables.length === 1;
  if (!oneVariable && q.kind !== 'multi' && q.kind !== 'grid') return undefined;
  const withOther = (own: FieldWriter): FieldWriter => (otherKey === undefined ? own : (r, o, v, t) => own(r, o, v, t) + otherField(o, t));
  switch (q.kind) {
    case 'consent':
    case 'single': {
      // Option values and their fields side by side: a scan of a few strings beats a Map lookup.
      const values = [...plan.codes.keys()].map(internalized);
      const fields = [...plan.codes.values()].map((code) => `,${code}`);
      return withOther((_r, _o, value) => {
        if (typeof value !== 'string') return BLANK_FIELD;
        const at = indexIn(values, value);
        return at < 0 ? BLANK_FIELD : fields[at]!;
      });
    }
    case 'multi': {
      const options = plan.variables.map((v) => (v.option === undefined ? undefined : internalized(v.option.value)));
      if (options.some((o) => o === undefined)) return undefined;
      const allBlank = BLANK_FIELD.repeat(options.length);
      // The fields of each set of ticks, made once: a multi has few options and respondents tick few sets.
      const byTicks = options.length <= 20 ? new Map<number, string>() : undefined;
      return withOther((_r, _o, ticked) => {
        if (!Array.isArray(ticked)) return allBlank;
        if (byTicks !== undefined) {
          let ticks = 0;
          for (let i = 0; i < options.length; i++) if (indexIn(ticked, options[i]) >= 0) ticks |= 1 << i;
          let fields = byTicks.get(ticks);
          if (fields === undefined) {
            fields = '';
            for (let i = 0; i < options.length; i++) fields += (ticks & (1 << i)) === 0 ? ',0' : ',1';
            if (byTicks.size < MAX_TICK_SETS) byTicks.set(ticks, fields);
          }
          return fields;
        }
        let out = '';
        for (let i = 0; i < options.length; i++) out += indexIn(ticked, options[i]) < 0 ? ',0' : ',1';
        return out;
      });
    }
    case 'grid': {
      const rowIds = plan.variables.map((v) => (v.row === undefined ? undefined : internalized(v.row.id)));
      if (rowIds.some((r) => r === undefined)) return undefined;
      const values = [...plan.codes.keys()].map(internalized);
      const fields = [...plan.codes.values()].map((code) => `,${code}`);
      const hasOwn = Object.prototype.hasOwnProperty;
      return withOther((shownRows, _o, value) => {
        const rows = value as Readonly<Record<string, unknown>> | undefined;
        const shown = shownRows ?? [];
        let out = '';
        for (let i = 0; i < rowIds.length; i++) {
          const rowId = rowIds[i]!;
          if (indexIn(shown, rowId) < 0) {
            out += NOT_ASKED_FIELD;
            continue;
          }
          const cell = rows !== undefined && hasOwn.call(rows, rowId) ? rows[rowId] : undefined;
          const at = typeof cell === 'string' ? indexIn(values, cell) : -1;
          out += at < 0 ? BLANK_FIELD : fields[at]!;
        }
        return out;
      });
    }
    case 'number':
      return withOther((_r, _o, value) => (typeof value === 'number' ? `,${numberField(value)}` : BLANK_FIELD));
    case 'date':
      return withOther((_r, _o, value) => (typeof value === 'string' ? `,${csvField(value)}` : BLANK_FIELD));
    case 'text':
    case 'long_text':
      return withOther((_r, _o, value) => (typeof value === 'string' ? `,${textField(value)}` : BLANK_FIELD));
  }
}

export function createCoder(codebook: Codebook): Coder {
  const plans: QuestionPlan[] = [];
  const byQuestion = new Map<string, ExportVariable[]>();
  const indexOf = new Map<ExportVariable, number>();
  codebook.variables.forEach((v, i) => {
    indexOf.set(v, i);
    const list = byQuestion.get(v.question);
    if (list === undefined) byQuestion.set(v.question, [v]);
    else list.push(v);
  });
  for (const item of codebook.survey.items) {
    if (item.kind === 'info') continue;
    const all = byQuestion.get(item.id) ?? [];
    const own = all.filter((v) => v.otherText !== true);
    const otherVariable = all.find((v) => v.otherText === true);
    const options = item.kind === 'grid' ? item.scale : item.kind === 'single' || item.kind === 'multi' || item.kind === 'consent' ? item.options : [];
    plans.push({
      question: item,
      first: indexOf.get(own[0]!)!,
      variables: own,
      ...(otherVariable === undefined ? {} : { other: indexOf.get(otherVariable)! }),
      codes: new Map(options.map((o) => [o.value, o.code])),
    });
  }
  const width = codebook.variables.length;

  const textual = codebook.variables.map((v) => v.type === 'text' || v.type === 'date');

  function code(answers: Answers, today?: string): CodedValue[] {
    return codeRoute(route(codebook.survey, answers, today === undefined ? {} : { today }));
  }

  function codeRoute(r: Route): CodedValue[] {
    const values: CodedValue[] = new Array<CodedValue>(width);
    const effective = r.effective;
    // Once the question an end rule followed is passed, what remains was not reached.
    let afterEnd = false;
    const lateReason = r.ended?.keepAnswers === false ? NOT_ASKED : NOT_REACHED;
    const put = (i: number, n: number) => {
      values[i] = textual[i] ? String(n) : n;
    };
    // Routing lists the asked questions in survey order, the order of the plans.
    let next = 0;

    for (const plan of plans) {
      const q = plan.question;
      let a: AskedItem | undefined;
      if (next < r.asked.length && r.asked[next]!.id === q.id) a = r.asked[next++];
      const reason = afterEnd ? lateReason : NOT_ASKED;
      if (a === undefined) {
        for (let i = 0; i < plan.variables.length; i++) put(plan.first + i, reason);
        if (plan.other !== undefined) put(plan.other, reason);
      } else {
        const value = Object.prototype.hasOwnProperty.call(effective, q.id) ? effective[q.id] : undefined;
        switch (q.kind) {
          case 'consent':
          case 'single':
            values[plan.first] = typeof value === 'string' ? (plan.codes.get(value) ?? BLANK) : BLANK;
            break;
          case 'multi': {
            const ticked = Array.isArray(value) ? (value as unknown[]) : undefined;
            plan.variables.forEach((v, i) => {
              values[plan.first + i] = ticked === undefined ? BLANK : ticked.includes(v.option!.value) ? 1 : 0;
            });
            break;
          }
          case 'grid': {
            const rows = value as Readonly<Record<string, unknown>> | undefined;
            const shown = a.rows ?? [];
            plan.variables.forEach((v, i) => {
              const rowId = v.row!.id;
              const cell = rows !== undefined && Object.prototype.hasOwnProperty.call(rows, rowId) ? rows[rowId] : undefined;
              values[plan.first + i] = !shown.includes(rowId) ? NOT_ASKED : typeof cell === 'string' ? (plan.codes.get(cell) ?? BLANK) : BLANK;
            });
            break;
          }
          case 'number':
            values[plan.first] = typeof value === 'number' ? value : BLANK;
            break;
          case 'date':
          case 'text':
          case 'long_text':
            values[plan.first] = typeof value === 'string' ? (q.kind === 'date' ? value : oneLine(value)) : String(BLANK);
            break;
        }
        if (plan.other !== undefined) {
          const key = (q as { other?: { key: string } }).other!.key;
          const text = a.otherKey === undefined ? undefined : effective[key];
          values[plan.other] = a.otherKey === undefined ? String(NOT_ASKED) : typeof text === 'string' && /\S/.test(text) ? oneLine(text) : String(BLANK);
        }
      }
      if (r.ended !== undefined && q.id === r.ended.after) afterEnd = true;
    }
    return values;
  }

  // data.csv's fields, written straight from the route: the plans in survey order must cover
  // the variables in codebook order, one after another (else `fields` formats `code`'s values).
  const fieldPlans: FieldPlan[] = [];
  const slotPlan = slotRoutingPlan(codebook.survey);
  const itemIndex = new Map(codebook.survey.items.map((item, i) => [item, i]));
  let covered = 0;
  for (const plan of plans) {
    const write = plan.first === covered ? fieldWriter(plan) : undefined;
    if (write === undefined) break;
    const count = plan.variables.length + (plan.other === undefined ? 0 : 1);
    covered += count;
    const otherKey = (plan.question as { other?: { key: string } }).other?.key;
    const item = itemIndex.get(plan.question)!;
    fieldPlans.push({
      question: plan.question,
      id: internalized(plan.question.id),
      otherKey: otherKey === undefined ? undefined : internalized(otherKey),
      item,
      slot: slotPlan.itemSlots[item]!,
      otherSlot: slotPlan.otherSlots[item]!,
      write,
      notAsked: `,${NOT_ASKED}`.repeat(count),
      notReached: `,${NOT_REACHED}`.repeat(count),
    });
  }
  const direct = covered === width && fieldPlans.length === plans.length;
  const itemCount = codebook.survey.items.length;

  function fields(answers: Answers, today?: string): string {
    return fieldsOfRoute(route(codebook.survey, answers, today === undefined ? {} : { today }));
  }

  function fieldsOfRoute(r: Route): string {
    if (!direct) return csvRecord(['', ...codeRoute(r)]).slice(0, -2);
    const { asked, effective, ended } = r;
    const late = ended?.keepAnswers === false ? 'notAsked' : 'notReached';
    let afterEnd = false;
    let next = 0;
    let out = '';
    for (let i = 0; i < fieldPlans.length; i++) {
      const plan = fieldPlans[i]!;
      const id = plan.id;
      // (The route's entries hold the survey's question objects: compare those first.)
      const a = next < asked.length && (asked[next]!.question === plan.question || asked[next]!.id === id) ? asked[next++] : undefined;
      if (a !== undefined) {
        const otherKey = plan.otherKey;
        out += plan.write(a.rows, a.otherKey !== undefined, answerOf(effective, id), otherKey === undefined || a.otherKey === undefined ? undefined : effective[otherKey]);
      } else out += afterEnd ? plan[late] : plan.notAsked;
      if (ended !== undefined && id === ended.after) afterEnd = true;
    }
    return out;
  }

  function fieldsOfSlotRoute(r: SlotRoute): string | undefined {
    if (!direct) return undefined;
    const { decided, rows, slots, ended } = r;
    const late = ended?.keepAnswers === false ? 'notAsked' : 'notReached';
    // Items after the one an end rule followed (the last reached) were not reached.
    const endedAt = ended === undefined ? itemCount : r.last;
    let out = '';
    for (let i = 0; i < fieldPlans.length; i++) {
      const plan = fieldPlans[i]!;
      const now = decided[plan.item]!;
      if ((now & ASKED_ITEM) !== 0) {
        const otherAsked = (now & OTHER_OPENED) !== 0;
        out += plan.write(rows[plan.item], otherAsked, slots[plan.slot], otherAsked && plan.otherSlot >= 0 ? slots[plan.otherSlot] : undefined);
      } else out += plan.item > endedAt ? plan[late] : plan.notAsked;
    }
    return out;
  }

  return { codebook, code, fields, codeRoute, fieldsOfRoute, fieldsOfSlotRoute };
}
