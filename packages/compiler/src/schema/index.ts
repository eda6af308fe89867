/** The response JSON Schema: emission (pure, no dependencies). The ajv-based validator is `./validator.js`. */
export { emitResponseSchema, defName, CALENDAR_DATE_PATTERN, NOT_BLANK_PATTERN, RULE_WEIGHT_PER_CHUNK, exactlyOnePattern, type EmitOptions, type ResponseSchema, type JsonSchema } from './emit.js';
export { conditionSchema } from './conditions.js';
