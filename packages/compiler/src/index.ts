/**
 * `@poetkit/compiler`: turns `.poet` files into the compiled survey and its response JSON Schema.
 */
export * from './compiled/types.js';
export { compileFile, type CompileHost, type CompileResult } from './compile.js';
export { emitResponseSchema, type ResponseSchema } from './schema/emit.js';
export type { GivenAnswer, SurveyTest, TestExpectation, TestLocation } from './tests.js';
