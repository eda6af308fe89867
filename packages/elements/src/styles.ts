/**
 * The default theme, after the GOV.UK Design System: 19px body text, the yellow focus ring with
 * a dark underline, red error border and "Error:" text, 40px radio and checkbox targets. Every
 * colour and the font come from CSS custom properties (documented on the element), so a council
 * can apply its own brand; `::part` names reach individual pieces.
 */
import { css } from 'lit';

export const surveyStyles = css`
  :host {
    --_text: var(--poet-text-colour, #0b0c0c);
    --_secondary: var(--poet-secondary-text-colour, #505a5f);
    --_link: var(--poet-link-colour, #1d70b8);
    --_focus: var(--poet-focus-colour, #ffdd00);
    --_focus-text: var(--poet-focus-text-colour, #0b0c0c);
    --_error: var(--poet-error-colour, #d4351c);
    --_success: var(--poet-success-colour, #00703c);
    --_border: var(--poet-border-colour, #b1b4b6);
    --_input-border: var(--poet-input-border-colour, #0b0c0c);
    --_button: var(--poet-button-colour, #00703c);
    --_button-text: var(--poet-button-text-colour, #ffffff);
    --_brand: var(--poet-brand-colour, #1d70b8);
    --_background: var(--poet-background-colour, #ffffff);
    display: block;
    max-width: var(--poet-max-width, 40em);
    color: var(--_text);
    background: var(--_background);
    font-family: var(--poet-font-family, arial, helvetica, sans-serif);
    font-size: var(--poet-font-size, 1.1875rem);
    line-height: 1.3158;
    -webkit-font-smoothing: antialiased;
    overflow-wrap: break-word;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    border: 0 !important;
    white-space: nowrap !important;
  }
  p,
  .body {
    margin: 0 0 1.25rem;
  }
  h1,
  .heading-l {
    font-size: 2em;
    line-height: 1.1;
    font-weight: 700;
    margin: 0 0 1.5rem;
  }
  h1:focus {
    outline: none;
  }
  .heading-m,
  h2 {
    font-size: 1.25em;
    line-height: 1.2;
    font-weight: 700;
    margin: 1.5rem 0 1rem;
  }
  .caption {
    display: block;
    color: var(--_secondary);
    font-size: 0.95em;
    margin-bottom: 0.3rem;
  }
  .secondary,
  .hint {
    color: var(--_secondary);
  }
  .hint {
    margin-bottom: 0.9rem;
  }
  .hint .body:last-child {
    margin-bottom: 0;
  }
  .list {
    margin: 0 0 1.25rem;
    padding-left: 1.25em;
  }
  .list li {
    margin-bottom: 0.3rem;
  }
  .link,
  .link-button {
    color: var(--_link);
    text-decoration: underline;
    text-decoration-thickness: max(1px, 0.0625rem);
    text-underline-offset: 0.15em;
    cursor: pointer;
  }
  .link:hover {
    text-decoration-thickness: max(3px, 0.1875rem);
  }
  .link-button,
  .back-link {
    font: inherit;
    background: none;
    border: 0;
    padding: 0;
  }
  .link:focus-visible,
  .link-button:focus-visible,
  .back-link:focus-visible {
    outline: 3px solid transparent;
    color: var(--_focus-text);
    background-color: var(--_focus);
    box-shadow:
      0 -2px var(--_focus),
      0 4px var(--_focus-text);
    text-decoration: none;
  }
  .back-link {
    display: inline-block;
    position: relative;
    margin: 0 0 1.25rem;
    padding-left: 0.9em;
    font-size: 0.85em;
    color: var(--_text);
    text-decoration: underline;
    cursor: pointer;
  }
  .back-link::before {
    content: '';
    position: absolute;
    left: 0.15em;
    top: 0.5em;
    width: 0.4em;
    height: 0.4em;
    border: solid currentColor;
    border-width: 1px 0 0 1px;
    transform: rotate(-45deg);
  }
  .form-group {
    margin-bottom: 2rem;
  }
  .form-group--error {
    padding-left: 1rem;
    border-left: 5px solid var(--_error);
  }
  .fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .legend,
  .label--question {
    display: block;
    padding: 0;
    font-weight: 700;
    font-size: 1.05em;
    margin-bottom: 0.6rem;
    max-width: 100%;
    white-space: normal;
  }
  .label {
    display: block;
    margin-bottom: 0.3rem;
  }
  .number {
    font-variant-numeric: tabular-nums;
  }
  .optional {
    font-weight: 400;
    color: var(--_secondary);
  }
  .error-message {
    display: block;
    margin: 0 0 0.9rem;
    color: var(--_error);
    font-weight: 700;
  }
  .input,
  .textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_background);
    width: 100%;
    min-height: 2.5rem;
    padding: 0.3rem;
    border: 2px solid var(--_input-border);
    border-radius: 0;
    appearance: none;
  }
  .textarea {
    display: block;
    min-height: 7rem;
    resize: vertical;
  }
  .input--error {
    border-color: var(--_error);
  }
  .input:focus,
  .textarea:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_input-border);
  }
  .input--width-10 {
    max-width: 23ex;
  }
  .input--width-4 {
    max-width: 9ex;
  }
  .input--width-2 {
    max-width: 5.4ex;
  }
  .character-count {
    margin-top: 0.3rem;
  }
  .character-count--over {
    color: var(--_error);
    font-weight: 700;
  }
  .date-input {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.25rem;
  }
  .date-input__item {
    margin-bottom: 0.5rem;
  }
  .date-input__label {
    display: block;
  }
  /* Radios and checkboxes: the native input, made a 40px target, under a drawn control. */
  .choice {
    position: relative;
    display: block;
    min-height: 2.5rem;
    margin-bottom: 0.6rem;
    padding-left: 2.5rem;
    clear: left;
  }
  .choice__input {
    position: absolute;
    top: -2px;
    left: -2px;
    width: 2.75rem;
    height: 2.75rem;
    margin: 0;
    opacity: 0;
    cursor: pointer;
    z-index: 1;
  }
  .choice__label {
    display: inline-block;
    margin-bottom: 0;
    padding: 0.5rem 0.9rem 0.3rem;
    cursor: pointer;
    touch-action: manipulation;
  }
  .choice__label::before {
    content: '';
    position: absolute;
    top: 0;
    left: 0;
    width: 2.5rem;
    height: 2.5rem;
    border: 2px solid currentColor;
    background: transparent;
  }
  .radios .choice__label::before {
    border-radius: 50%;
  }
  .choice__label::after {
    content: '';
    position: absolute;
    opacity: 0;
  }
  .radios .choice__label::after {
    top: 0.625rem;
    left: 0.625rem;
    width: 1.25rem;
    height: 1.25rem;
    border-radius: 50%;
    background: currentColor;
  }
  .checkboxes .choice__label::after {
    top: 0.7rem;
    left: 0.55rem;
    width: 1.45rem;
    height: 0.7rem;
    transform: rotate(-45deg);
    border: solid currentColor;
    border-width: 0 0 0.3rem 0.3rem;
    border-top-color: transparent;
    background: transparent;
  }
  .choice__input:checked + .choice__label::after {
    opacity: 1;
  }
  .choice__input:focus-visible + .choice__label::before {
    border-width: 4px;
    outline: 3px solid transparent;
    outline-offset: 1px;
    box-shadow: 0 0 0 4px var(--_focus);
  }
  @media (forced-colors: active) {
    .choice__input:focus-visible + .choice__label::before {
      outline-color: Highlight;
    }
  }
  .radios--inline {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.25rem;
  }
  .radios--inline .choice {
    clear: none;
  }
  .divider {
    width: 2.5rem;
    margin-bottom: 0.6rem;
    text-align: center;
  }
  .conditional {
    margin: 0 0 1rem 1.15rem;
    padding-left: 2.1rem;
    border-left: 4px solid var(--_border);
  }
  .conditional.form-group--error {
    border-left-color: var(--_error);
  }
  .grid-row {
    margin-bottom: 1rem;
    padding-bottom: 0.6rem;
    border-bottom: 1px solid var(--_border);
  }
  .grid-row__legend {
    font-weight: 400;
  }
  .grid-row--error {
    padding-left: 0.75rem;
    border-left: 5px solid var(--_error);
  }
  .info {
    margin: 0 0 2rem;
    padding: 0.9rem;
    border-left: 10px solid var(--_border);
  }
  .info .body:last-child {
    margin-bottom: 0;
  }
  .button-group {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 1rem 1.5rem;
    margin-bottom: 1.5rem;
  }
  .button {
    font: inherit;
    font-size: 1em;
    line-height: 1.2;
    display: inline-block;
    margin: 0;
    padding: 0.45rem 0.6rem 0.35rem;
    color: var(--_button-text);
    background: var(--_button);
    border: 2px solid transparent;
    border-radius: 0;
    box-shadow: 0 2px 0 #002d18;
    cursor: pointer;
  }
  .button--start {
    font-weight: 700;
    font-size: 1.2em;
  }
  .button:hover {
    filter: brightness(0.9);
  }
  .button:focus-visible {
    outline: 3px solid transparent;
    border-color: var(--_focus);
    color: var(--_focus-text);
    background: var(--_focus);
    box-shadow: inset 0 0 0 1px var(--_focus), 0 2px 0 var(--_focus-text);
  }
  .button[aria-disabled='true'] {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .error-summary {
    margin-bottom: 2rem;
    padding: 1rem;
    border: 5px solid var(--_error);
  }
  .error-summary:focus {
    outline: 3px solid var(--_focus);
  }
  .error-summary__title {
    margin-top: 0;
  }
  .error-summary__list {
    list-style: none;
    padding-left: 0;
    margin-bottom: 0;
  }
  .error-summary__link {
    color: var(--_error);
    font-weight: 700;
  }
  .notification {
    margin-bottom: 2rem;
    border: 5px solid var(--_brand);
    background: var(--_brand);
  }
  .notification__header {
    padding: 0.15rem 1rem 0.3rem;
  }
  .notification__title {
    margin: 0;
    font-size: 1em;
    color: #ffffff;
  }
  .notification__content {
    padding: 1rem;
    background: var(--_background);
  }
  .notification__heading {
    font-weight: 700;
    margin-bottom: 0.6rem;
  }
  .problem {
    margin-bottom: 2rem;
    padding: 1rem;
    border: 5px solid var(--_error);
  }
  .problem:focus {
    outline: 3px solid var(--_focus);
  }
  .progress {
    color: var(--_secondary);
  }
  .summary-list {
    margin: 0 0 2rem;
  }
  .summary-list__row {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.25rem;
    padding: 0.6rem 0;
    border-bottom: 1px solid var(--_border);
  }
  .summary-list__key {
    flex: 1 1 30%;
    min-width: 10rem;
    font-weight: 700;
  }
  .summary-list__value {
    flex: 1 1 40%;
    min-width: 10rem;
    margin: 0;
  }
  .summary-list__actions {
    margin: 0;
    text-align: right;
  }
  .panel {
    margin-bottom: 1.5rem;
    padding: 1.5rem;
    text-align: center;
    color: #ffffff;
    background: var(--_success);
    border: 5px solid transparent;
  }
  .panel h1 {
    margin: 0;
  }
  @media (max-width: 40em) {
    h1,
    .heading-l {
      font-size: 1.6em;
    }
    .summary-list__actions {
      text-align: left;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
