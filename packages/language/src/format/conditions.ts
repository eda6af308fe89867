import type { Condition, LimitValue, NumberLiteral, DateLiteral, Name } from '../ast.js';

/**
 * Binding strength of each condition form: `or` < `and` < `not` < everything else.
 * A parsed tree never needs brackets that it does not hold as `Group` nodes; a tree built
 * by hand might (an `Or` directly inside an `And`), and then brackets are added so that
 * the printed condition still means what the tree says.
 */
function strength(condition: Condition): number {
  switch (condition.kind) {
    case 'Or':
      return 1;
    case 'And':
      return 2;
    case 'Not':
      return 3;
    default:
      return 4;
  }
}

function operand(condition: Condition, least: number): string {
  const text = printCondition(condition);
  return strength(condition) < least ? `(${text})` : text;
}

/** Prints a condition on one line: single spaces around operators, brackets where the tree has `Group` nodes. */
export function printCondition(condition: Condition): string {
  switch (condition.kind) {
    case 'Or':
      return condition.operands.map((c) => operand(c, 2)).join(' or ');
    case 'And':
      return condition.operands.map((c) => operand(c, 3)).join(' and ');
    case 'Not':
      return `not ${operand(condition.operand, 3)}`;
    case 'Group':
      return `(${printCondition(condition.operand)})`;
    case 'Comparison':
      return `${condition.question.text} ${condition.operator} ${printValue(condition.right)}`;
    case 'In':
      return `${condition.question.text} in (${condition.values.map((v) => v.text).join(', ')})`;
    case 'Includes':
      return `${condition.question.text} includes ${condition.value.text}`;
    case 'Count':
      return `count(${condition.question.text}) ${condition.operator} ${condition.right.text}`;
    case 'Answered':
      return `${condition.question.text} is ${condition.negated ? 'not ' : ''}answered`;
  }
}

/** A name, number or date as written (numbers and dates keep their original text). */
export function printValue(value: Name | NumberLiteral | DateLiteral | LimitValue): string {
  return value.kind === 'Today' ? 'today' : value.text;
}
