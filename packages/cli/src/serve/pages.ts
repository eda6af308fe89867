/**
 * The HTML pages of the example site and of `poet preview`. Every page is embedded as a
 * council's page would be: a script tag for the bundle and the `<poet-survey>` element, with
 * no inline script, no inline style and no `style` attribute (the Content-Security-Policy
 * forbids them), and every text from a survey or a file escaped.
 */
import type { CompiledSurvey } from '@poetkit/compiler';
import { BUNDLE_NAME } from './bundle.js';
import { CONTENT_SECURITY_POLICY, RESPONSES_PATH } from './http.js';

/** The stylesheet's path on a site. */
export const STYLESHEET_NAME = 'site.css';
/** The site's icon: a file, since the policy refuses `data:` URLs (and a missing icon is a 404 on every page). */
export const FAVICON_NAME = 'favicon.svg';
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d70b8"/>' +
  '<path d="M10 25V7h7a6 6 0 0 1 0 12h-3v6z M14 11v4h3a2 2 0 0 0 0-4z" fill="#fff" fill-rule="evenodd"/></svg>\n';

/** The script with which a preview page listens for reloads (`poet preview`). */
export const RELOAD_SCRIPT_PATH = '/__poet/reload.js';

/** Said wherever an example instrument is shown. */
export const RECONSTRUCTION_NOTICE =
  "A reconstruction from public fragments, not In Control's official form. Do not use it as, or present it as, the official POET.";

/** `<`, `>`, `&`, `"` and `'` as entities: safe in text and in quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The two lines a web team pastes into a page, for the survey file `surveyFile`. */
export function embedLines(surveyFile: string, action?: string): string {
  const actionAttribute = action === undefined ? '' : ` action="${action}"`;
  return `<script type="module" src="/${BUNDLE_NAME}"></script>\n<poet-survey src="${surveyFile}"${actionAttribute}></poet-survey>`;
}

interface PageOptions {
  readonly title: string;
  readonly language?: string;
  /** Whole `<script>` tags with a `src` (never inline code). */
  readonly scripts?: readonly string[];
  /** The HTML of `<main>`, escaped already. */
  readonly main: string;
  /** Links in the header; none for a preview. */
  readonly navigation?: boolean;
  readonly siteName: string;
}

function moduleScript(src: string): string {
  return `<script type="module" src="${escapeHtml(src)}"></script>`;
}

function page(options: PageOptions): string {
  const nav = options.navigation === false
    ? ''
    : '\n      <nav class="site-nav" aria-label="Site"><ul><li><a href="./">Surveys</a></li><li><a href="embed.html">Embed a survey</a></li></ul></nav>';
  return `<!doctype html>
<html lang="${escapeHtml(options.language ?? 'en-GB')}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(options.title)}</title>
    <link rel="icon" href="${FAVICON_NAME}" type="image/svg+xml">
    <link rel="stylesheet" href="${STYLESHEET_NAME}">${(options.scripts ?? []).map((s) => `\n    ${s}`).join('')}
  </head>
  <body>
    <a class="skip-link" href="#main">Skip to main content</a>
    <header class="site-header">
      <div class="width">
      <a class="site-name" href="./">${escapeHtml(options.siteName)}</a>${nav}
      </div>
    </header>
    <main id="main" class="width">
${options.main}
    </main>
    <footer class="site-footer">
      <div class="width"><p>Made with poetkit, a toolkit for POET questionnaires. The example instruments are reconstructions from public fragments, not In Control's official forms.</p></div>
    </footer>
  </body>
</html>
`;
}

function countQuestions(survey: CompiledSurvey): number {
  return survey.items.filter((item) => item.kind !== 'info').length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const SITE_NAME = 'poetkit example surveys';

/** Where submitted responses go, in words, for the foot of a survey page. */
export interface ResponsesNote {
  /** `examples/site/build/responses`, or `undefined` when they are only printed (preview). */
  readonly folder?: string;
}

function responsesParagraph(note: ResponsesNote, surveyId = '<survey id>'): string {
  const where = note.folder === undefined
    ? 'prints each valid one in the terminal where <code>poet preview</code> runs'
    : `adds each valid one to <code>${escapeHtml(`${note.folder}/${surveyId}.jsonl`)}</code> on this computer`;
  return `<p>When you submit, the survey posts its response to <code>${RESPONSES_PATH}</code> on this server, which checks it with the survey's validator and ${where}; an invalid response is refused with the reasons.</p>`;
}

/** The element as a council page embeds it, with a message for browsers without JavaScript. */
function surveyElement(surveyFile: string): string {
  return `      <poet-survey class="survey-host" src="${escapeHtml(surveyFile)}" action="${RESPONSES_PATH}"></poet-survey>
      <noscript><p>This survey needs JavaScript. Turn it on in your browser, or ask for the survey in another format.</p></noscript>`;
}

/** The page of one example survey: `/<id>.html`. */
export function surveyPage(survey: CompiledSurvey, note: ResponsesNote): string {
  return page({
    title: `${survey.title} – ${SITE_NAME}`,
    language: survey.language,
    siteName: SITE_NAME,
    scripts: [moduleScript(BUNDLE_NAME)],
    main: `      <p class="caption">Example survey</p>
      <div class="notice">
        <p><strong>${escapeHtml(RECONSTRUCTION_NOTICE)}</strong></p>
        <p>Answers you give here stay on this computer.</p>
      </div>
${surveyElement(`${survey.id}.survey.json`)}
      <h2>About this page</h2>
      <p>This page embeds the survey exactly as a council page would: one script tag and the <code>&lt;poet-survey&gt;</code> element, under the policy <code>${escapeHtml(CONTENT_SECURITY_POLICY)}</code>. <a href="embed.html">Put a survey on your site</a>.</p>
      ${responsesParagraph(note, survey.id)}`,
  });
}

/** The index: `/`. */
export function indexPage(surveys: readonly CompiledSurvey[], note: ResponsesNote): string {
  const items = surveys
    .map(
      (s) => `        <li>
          <h2><a href="${escapeHtml(s.id)}.html">${escapeHtml(s.title)}</a></h2>${s.audience === undefined ? '' : `\n          <p>${escapeHtml(s.audience)}</p>`}
          <p class="meta">Version ${escapeHtml(s.version)} · ${plural(countQuestions(s), 'question')} · ${plural(s.pages.length, 'page')} · a reconstruction, not the official form</p>
        </li>`,
    )
    .join('\n');
  return page({
    title: SITE_NAME,
    siteName: SITE_NAME,
    main: `      <h1>Example POET surveys</h1>
      <p>The Personal Outcomes Evaluation Tool (POET) asks people who hold personal budgets, carers, parents of children with education, health and care plans, and practitioners what difference support has made. Each survey below is written in the POET language, compiled by poetkit, and shown by the <code>&lt;poet-survey&gt;</code> element.</p>
      <div class="notice">
        <p><strong>These are reconstructions from public fragments, not In Control's official forms.</strong> Where a fragment quotes real question text it is used as written; the rest is plausible wording. Do not use them as, or present them as, the official instruments.</p>
      </div>
      <ul class="survey-list">
${items}
      </ul>
      <h2>Put a survey on your own site</h2>
      <p>It takes two lines: see <a href="embed.html">Embed a survey</a>.</p>
      ${responsesParagraph(note)}`,
  });
}

/** The embed page: `/embed.html`, the two lines to paste, as text. */
export function embedPage(surveys: readonly CompiledSurvey[]): string {
  const first = surveys[0];
  const example = first === undefined ? 'SURVEY_ID.survey.json' : `${first.id}.survey.json`;
  const rows = surveys
    .map(
      (s) => `          <tr><td>${escapeHtml(s.title)}</td><td><a href="${escapeHtml(s.id)}.survey.json"><code>${escapeHtml(s.id)}.survey.json</code></a></td><td><a href="${escapeHtml(s.id)}.validator.js"><code>${escapeHtml(s.id)}.validator.js</code></a></td></tr>`,
    )
    .join('\n');
  return page({
    title: `Embed a survey – ${SITE_NAME}`,
    siteName: SITE_NAME,
    main: `      <h1>Embed a survey</h1>
      <p>A survey goes on any page of your site with two lines of HTML. It needs no other script, no inline code and no <code>eval</code>, so it works under a strict Content-Security-Policy.</p>
      <h2>1. Put three files on your site</h2>
      <p>In one folder of your site, put <a href="${BUNDLE_NAME}"><code>${BUNDLE_NAME}</code></a> (once, for every survey) and, for each survey, the two files <code>poet compile</code> makes from its <code>.poet</code> file:</p>
      <table>
        <thead><tr><th scope="col">Survey</th><th scope="col">Compiled survey</th><th scope="col">Its validator</th></tr></thead>
        <tbody>
${rows}
        </tbody>
      </table>
      <h2>2. Paste two lines into your page</h2>
      <pre><code>${escapeHtml(embedLines(example))}</code></pre>
      <p>The survey loads its validator from beside the survey file. To receive responses on your server, add <code>action="URL"</code>; the element posts each response there as JSON:</p>
      <pre><code>${escapeHtml(embedLines(example, 'https://www.example.gov.uk/poet/responses'))}</code></pre>
      <h2>3. Allow it in your Content-Security-Policy</h2>
      <p>If your files are on your own site, <code>default-src 'self'</code> is enough. This site sends:</p>
      <pre><code>${escapeHtml(`Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`)}</code></pre>
      <p>The attributes, events, styling hooks and what your server should do with a response are in <code>docs/embedding.md</code> in the poetkit repository.</p>
      <div class="notice"><p><strong>The example surveys are reconstructions from public fragments, not In Control's official forms.</strong></p></div>`,
  });
}

/** A preview page: the survey, or the problems that stop it compiling; both reload on change. */
export function previewPage(
  file: string,
  state: { readonly survey: CompiledSurvey } | { readonly diagnostics: string; readonly summary: string },
): string {
  const scripts = [moduleScript(RELOAD_SCRIPT_PATH)];
  if ('survey' in state) {
    const { survey } = state;
    return page({
      title: `${survey.title} – preview of ${file}`,
      language: survey.language,
      siteName: `Preview of ${file}`,
      navigation: false,
      scripts: [moduleScript(BUNDLE_NAME), ...scripts],
      main: `      <p class="caption">Preview of ${escapeHtml(file)} · version ${escapeHtml(survey.version)} · reloads when you save</p>
${surveyElement(`${survey.id}.survey.json`)}
      ${responsesParagraph({})}`,
    });
  }
  return page({
    title: `Problems in ${file} – preview`,
    siteName: `Preview of ${file}`,
    navigation: false,
    scripts,
    main: `      <h1>${escapeHtml(file)} does not compile</h1>
      <p>${escapeHtml(state.summary)} Fix the file and save it: this page reloads by itself.</p>
      <pre class="diagnostics"><code>${escapeHtml(state.diagnostics)}</code></pre>`,
  });
}

/** The script a preview page loads: listens for `reload` events and reloads the page. */
export const RELOAD_SCRIPT = `// poet preview: reload this page when the survey file changes.
const events = new EventSource('/__poet/events');
events.addEventListener('reload', () => location.reload());
// Marks the page once it listens (tests wait for this before they change the file).
events.addEventListener('open', () => {
  document.documentElement.dataset.poetPreview = 'listening';
});
`;
