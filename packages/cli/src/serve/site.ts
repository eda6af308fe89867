/**
 * The example site as a table of files (what `poet site` writes and serves), and what the
 * site and the preview servers share: the bundle read from disk, and running until stopped.
 */
import { readFile } from 'node:fs/promises';
import type { Io } from '../io.js';
import { BUNDLE_NAME } from './bundle.js';
import { CONTENT_TYPES, contentTypeFor, type Resource, type RunningServer } from './http.js';
import { FAVICON_NAME, FAVICON_SVG, STYLESHEET_NAME, embedPage, indexPage, surveyPage, type ResponsesNote } from './pages.js';
import { SITE_CSS } from './style.js';
import type { WebSurvey } from './survey-build.js';

const encoder = new TextEncoder();

function resource(name: string, body: Uint8Array | string): Resource {
  const contentType = contentTypeFor(name);
  if (contentType === undefined) throw new Error(`no content type for ${name}`); // a bug: the site makes only known kinds
  return { body: typeof body === 'string' ? encoder.encode(body) : body, contentType };
}

/**
 * Every file of the site but the bundle, by name: `index.html`, `embed.html`, `site.css`,
 * `favicon.svg`, and
 * for each survey `<id>.html`, `<id>.survey.json`, `<id>.schema.json`, `<id>.validator.js`.
 */
export function siteFiles(surveys: readonly WebSurvey[], note: ResponsesNote): Map<string, Resource> {
  const compiled = surveys.map((s) => s.survey);
  const files = new Map<string, Resource>([
    ['index.html', resource('index.html', indexPage(compiled, note))],
    ['embed.html', resource('embed.html', embedPage(compiled))],
    [STYLESHEET_NAME, resource(STYLESHEET_NAME, SITE_CSS)],
    [FAVICON_NAME, resource(FAVICON_NAME, FAVICON_SVG)],
  ]);
  for (const web of surveys) {
    files.set(`${web.survey.id}.html`, resource(`${web.survey.id}.html`, surveyPage(web.survey, note)));
    for (const [name, bytes] of web.files) files.set(name, resource(name, bytes));
  }
  return files;
}

/** The file at a URL path of a flat site: `/` is `index.html`. */
export function fileNameOf(path: string): string {
  return path === '/' ? 'index.html' : path.slice(1);
}

/**
 * The bundle, read at each request, so that rebuilding the elements while a server runs is
 * picked up on reload. `undefined` when it has gone (the server answers 404; the terminal
 * said at start-up where it was expected).
 */
export async function readBundle(path: string): Promise<Resource | undefined> {
  try {
    return { body: await readFile(path), contentType: CONTENT_TYPES.js };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The resource for `path` among `files`, or the bundle. */
export async function siteResource(files: ReadonlyMap<string, Resource>, bundlePath: string, path: string): Promise<Resource | undefined> {
  const name = fileNameOf(path);
  if (name === BUNDLE_NAME) return readBundle(bundlePath);
  return files.get(name);
}

/**
 * An {@link Io} for verbs that run a server. Tests stop the server through `stop` and learn
 * its address through `onListening`; without `stop`, Ctrl+C (SIGINT) or SIGTERM stops it.
 */
export interface ServeIo extends Io {
  readonly stop?: AbortSignal;
  readonly onListening?: (url: string) => void;
}

/** Resolves when the server should stop: `io.stop` aborted, or Ctrl+C / SIGTERM. */
export function stopRequested(io: ServeIo): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = io.stop;
    if (stop !== undefined) {
      if (stop.aborted) resolve();
      else stop.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** Waits for a stop, then closes the server. */
export async function runUntilStopped(server: RunningServer, io: ServeIo): Promise<void> {
  io.onListening?.(server.url);
  await stopRequested(io);
  await server.close();
}

/** `--port`: a whole number from 0 to 65535 (0: any free port). */
export function parsePort(value: string | true | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d{1,5}$/.test(value)) return undefined;
  const port = Number(value);
  return port <= 65535 ? port : undefined;
}
