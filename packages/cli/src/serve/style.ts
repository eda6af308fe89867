/**
 * The stylesheet of the example site and of `poet preview` (served as `/site.css`): the page
 * around the survey only, after the GOV.UK Design System's spacing, type and focus style. The
 * survey styles itself inside `<poet-survey>`. A same-origin file, because the
 * Content-Security-Policy forbids inline styles.
 */
export const SITE_CSS = `/* poetkit example site: the page around <poet-survey>. */
:root {
  --site-text: #0b0c0c;
  --site-secondary-text: #505a5f;
  --site-link: #1d70b8;
  --site-link-visited: #4c2c92;
  --site-focus: #ffdd00;
  --site-border: #b1b4b6;
  --site-brand: #1d70b8;
  --site-notice: #f3f2f1;
  --site-error: #d4351c;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  color: var(--site-text);
  background: #ffffff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 1.1875rem;
  line-height: 1.5;
}
.width { max-width: 960px; margin: 0 auto; padding: 0 15px; }
@media (min-width: 641px) { .width { padding: 0 30px; } }
a { color: var(--site-link); text-decoration-thickness: max(1px, 0.0625rem); text-underline-offset: 0.15em; }
a:visited { color: var(--site-link-visited); }
a:hover { text-decoration-thickness: max(3px, 0.1875rem); }
a:focus-visible {
  outline: 3px solid transparent;
  color: var(--site-text);
  background-color: var(--site-focus);
  box-shadow: 0 -2px var(--site-focus), 0 4px var(--site-text);
  text-decoration: none;
}
.skip-link {
  position: absolute;
  left: -9999px;
  padding: 10px 15px;
}
.skip-link:focus { position: static; display: block; left: auto; }
.site-header { border-bottom: 10px solid var(--site-brand); background: var(--site-text); color: #ffffff; padding: 10px 0; }
.site-header .width { display: flex; flex-wrap: wrap; gap: 5px 30px; align-items: baseline; }
.site-header a, .site-header a:visited { color: #ffffff; }
.site-header a:focus-visible { color: var(--site-text); }
.site-name { font-weight: 700; font-size: 1.5rem; text-decoration: none; }
.site-nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 5px 20px; }
main { padding-top: 30px; padding-bottom: 60px; }
h1 { font-size: 2rem; line-height: 1.1; margin: 0 0 30px; }
@media (min-width: 641px) { h1 { font-size: 3rem; } }
h2 { font-size: 1.5rem; line-height: 1.2; margin: 40px 0 20px; }
.caption { color: var(--site-secondary-text); font-size: 1.1875rem; margin: 0 0 5px; }
.notice { border-left: 10px solid var(--site-border); background: var(--site-notice); padding: 15px 20px; margin: 0 0 30px; }
.notice p { margin: 0 0 10px; }
.notice p:last-child { margin-bottom: 0; }
.survey-list { list-style: none; margin: 0; padding: 0; }
.survey-list li { border-top: 1px solid var(--site-border); padding: 20px 0; }
.survey-list h2 { margin: 0 0 5px; font-size: 1.5rem; }
.survey-list p { margin: 0 0 5px; }
.meta { color: var(--site-secondary-text); }
.survey-host { display: block; margin: 0 0 40px; }
pre {
  background: var(--site-notice);
  border: 1px solid var(--site-border);
  padding: 15px;
  font-size: 1rem;
  line-height: 1.4;
  /* Wrapped, not scrolled: a scrolling box would need to be focusable, and wrapping keeps
     reflow at 320px. Copying the text still gives the lines as written. */
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.diagnostics { border-left: 5px solid var(--site-error); }
table { border-collapse: collapse; width: 100%; margin: 0 0 30px; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--site-border); padding: 10px 20px 10px 0; }
/* Long file names and paths must not force sideways scrolling at 320px (WCAG reflow). */
code, td { overflow-wrap: anywhere; }
@media (max-width: 640px) { table { font-size: 1rem; } th, td { padding-right: 10px; } }
.site-footer { border-top: 1px solid var(--site-border); padding: 20px 0; color: var(--site-secondary-text); font-size: 1rem; }
@media (prefers-reduced-motion: reduce) { * { scroll-behavior: auto !important; transition: none !important; animation: none !important; } }
`;
