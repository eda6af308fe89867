/**
 * @poetkit/elements: the `<poet-survey>` web component. Importing this module defines the
 * element (once, so a page that loads the bundle twice does not throw).
 */
import { PoetSurvey } from './survey-element.js';

export { PoetSurvey, type SurveyView } from './survey-element.js';
export type { ResponseEnvelope } from './submit.js';
export type { ValidationError, ValidationResult } from './validator.js';

if (!customElements.get('poet-survey')) customElements.define('poet-survey', PoetSurvey);
