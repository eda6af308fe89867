import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hasErrors, printSummary } from '@poetkit/language';
import { UsageError, helpPointer, type Command } from '../command.js';
import { diagnosticsText } from '../diagnose.js';
import { readInputs } from '../files.js';
import type { Io } from '../io.js';
import { BUNDLE_NAME, bundleForVerb } from '../serve/bundle.js';
import { EventStream, ListenError, contentTypeFor, startServer, type Resource, type RunningServer } from '../serve/http.js';
import { FAVICON_NAME, FAVICON_SVG, RELOAD_SCRIPT, RELOAD_SCRIPT_PATH, STYLESHEET_NAME, previewPage } from '../serve/pages.js';
import { ResponseInbox } from '../serve/responses.js';
import { fileNameOf, parsePort, readBundle, runUntilStopped, type ServeIo } from '../serve/site.js';
import { SITE_CSS } from '../serve/style.js';
import { buildSurvey, plainDiagnostics, type SurveyBuild } from '../serve/survey-build.js';
import { refusalSummary } from './site.js';

export const previewCommand: Command = {
  name: 'preview',
  summary: 'Serve one survey in the browser, reloading it each time its file is saved.',
  synopsis: 'poet preview [--port N] [--host HOST] [--bundle FILE] FILE',
  description: [
    'Compiles FILE (a survey) and serves it on http://127.0.0.1:8080/ as `poet site --serve`\n' +
      'serves a survey page: embedded in <poet-survey>, under the same strict\n' +
      'Content-Security-Policy. Open the address in a browser and edit FILE: each time FILE or\n' +
      'a bank it imports is saved, it is compiled again and the page reloads by itself.',
    'When FILE has an error, the problems are printed here, as `poet check` prints them, and\n' +
      'shown on the page instead of the survey; fix them and save, and the survey comes back.',
    'Responses submitted in the preview are checked with the survey\'s validator: a valid one is\n' +
      'printed here as one line of JSON (ready for `poet validate`), an invalid one is refused\n' +
      'with the reasons. Stop with Ctrl+C.',
  ],
  options: [
    { name: 'port', placeholder: 'N', description: 'The port to serve on (default 8080; 0 for any free port).' },
    { name: 'host', placeholder: 'HOST', description: 'The address to listen on (default 127.0.0.1: this computer only).' },
    {
      name: 'bundle',
      placeholder: 'FILE',
      description: 'The <poet-survey> bundle to use (default: the one `pnpm build`\nmakes, packages/elements/dist/poet-elements.js).',
    },
  ],
  examples: ['poet preview examples/parent-ehc.poet', 'poet preview --port 9000 survey.poet'],
  exitStatus: ['0  served until stopped', '1  FILE is a bank, or the bundle is missing', '2  usage error, or the port is taken'],

  async run(args, io) {
    if (args.positionals.length !== 1) throw new UsageError(`'preview' takes exactly one FILE. ${helpPointer(previewCommand)}`);
    const port = parsePort(args.options.get('port'), 8080);
    if (port === undefined) throw new UsageError(`--port must be a whole number from 0 to 65535. ${helpPointer(previewCommand)}`);
    const host = args.options.get('host');
    const bundleOption = args.options.get('bundle');
    const [input] = await readInputs(args.positionals, previewCommand, io);
    const { displayPath, path } = input!;

    const bundlePath = bundleForVerb(bundleOption, io);
    if (bundlePath === undefined) return 1;
    const first = await buildSurvey(displayPath, path, input!.bytes);
    if (first.isBank) {
      io.stderr(`poet: ${displayPath} is a bank, not a survey: preview a survey that imports it.\n`);
      return 1;
    }
    const preview = new Preview(displayPath, path, bundlePath, io);
    preview.show(first);

    let server: RunningServer;
    try {
      server = await startServer({
        ...(typeof host === 'string' ? { host } : {}),
        port,
        events: preview.events,
        resource: (requested) => preview.resource(requested),
        receiveResponse: async (body) => {
          const reply = await preview.inbox.receive(body);
          if (reply.status === 422) io.stderr(`Refused a response: ${refusalSummary(reply.body)}\n`);
          return reply;
        },
      });
    } catch (error) {
      preview.close();
      if (error instanceof ListenError) throw new UsageError(error.message);
      throw error;
    }
    io.stdout(`Previewing ${displayPath} at ${server.url}\nIt reloads when you save ${displayPath} or a bank it imports. Press Ctrl+C to stop.\n`);
    try {
      await runUntilStopped(server, io as ServeIo);
    } finally {
      preview.close();
    }
    io.stdout('Stopped.\n');
    return 0;
  },
};

/** How long to wait after a change for more: an editor's save is often several writes and a rename. */
const SETTLE_MS = 50;

/** The state of one preview: the latest compilation, the files watched, and the pages listening. */
class Preview {
  readonly events = new EventStream();
  readonly inbox: ResponseInbox;
  #build: SurveyBuild | undefined;
  /** Set when FILE could not be read at the last change (deleted, or mid-rename). */
  #unreadable: string | undefined;
  readonly #watchers = new Map<string, FSWatcher>();
  readonly #watched = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #rebuilding = false;
  #again = false;
  #closed = false;

  constructor(
    readonly displayPath: string,
    readonly path: string,
    readonly bundlePath: string,
    readonly io: Io,
  ) {
    this.inbox = new ResponseInbox([], {
      report: (envelope, line) => io.stdout(`Response ${envelope.id} is valid:\n${line}\n`),
    });
  }

  /** Takes a new compilation: prints its problems, serves it, watches the files it read. */
  show(build: SurveyBuild): void {
    this.#build = build;
    this.#unreadable = undefined;
    if (build.diagnostics.length > 0) {
      this.io.stdout(`${diagnosticsText(build.diagnostics, build.sources, this.io)}${printSummary(build.diagnostics, 1)}\n`);
    }
    if (build.isBank) this.io.stdout(`${this.displayPath} is now a bank, not a survey: the preview waits for a survey.\n`);
    this.inbox.setSurveys(build.web === undefined ? [] : [build.web.survey]);
    this.#watch(build.files);
  }

  async resource(requested: string): Promise<Resource | undefined> {
    const name = fileNameOf(requested);
    if (name === 'index.html') return { body: new TextEncoder().encode(this.page()), contentType: contentTypeFor(name)! };
    if (requested === RELOAD_SCRIPT_PATH) return { body: new TextEncoder().encode(RELOAD_SCRIPT), contentType: contentTypeFor(name)! };
    if (name === STYLESHEET_NAME) return { body: new TextEncoder().encode(SITE_CSS), contentType: contentTypeFor(name)! };
    if (name === FAVICON_NAME) return { body: new TextEncoder().encode(FAVICON_SVG), contentType: contentTypeFor(name)! };
    if (name === BUNDLE_NAME) return readBundle(this.bundlePath);
    const bytes = this.#build?.web?.files.get(name);
    return bytes === undefined ? undefined : { body: bytes, contentType: contentTypeFor(name)! };
  }

  /** The page at `/`: the survey, or why there is none. */
  page(): string {
    const build = this.#build;
    if (this.#unreadable !== undefined) {
      return previewPage(this.displayPath, { diagnostics: this.#unreadable, summary: 'The file cannot be read.' });
    }
    if (build?.web !== undefined) return previewPage(this.displayPath, { survey: build.web.survey });
    if (build === undefined || build.isBank) {
      return previewPage(this.displayPath, { diagnostics: `${this.displayPath} is a bank, not a survey.`, summary: 'There is no survey to show.' });
    }
    return previewPage(this.displayPath, { diagnostics: plainDiagnostics(build), summary: printSummary(build.diagnostics, 1) });
  }

  /** Watches the folders of `files` (not the files: editors that save by renaming would end a file watch). */
  #watch(files: readonly string[]): void {
    this.#watched.clear();
    for (const file of files) this.#watched.add(file);
    const folders = new Set(files.map((f) => dirname(f)));
    for (const [folder, watcher] of this.#watchers) {
      if (!folders.has(folder)) {
        watcher.close();
        this.#watchers.delete(folder);
      }
    }
    for (const folder of folders) {
      if (this.#watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, (_event, name) => {
          // No name (some platforms): it may be ours.
          if (name === null || this.#watched.has(join(folder, name.toString()))) this.#changed();
        });
        watcher.on('error', () => {
          watcher.close();
          this.#watchers.delete(folder);
        });
        this.#watchers.set(folder, watcher);
      } catch {
        // A folder that does not exist (an import of a missing folder): nothing to watch there
        // until the importing file changes.
      }
    }
  }

  #changed(): void {
    if (this.#closed) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#rebuild();
    }, SETTLE_MS);
  }

  async #rebuild(): Promise<void> {
    if (this.#rebuilding) {
      this.#again = true;
      return;
    }
    this.#rebuilding = true;
    try {
      do {
        this.#again = false;
        await this.#rebuildOnce();
      } while (this.#again && !this.#closed);
    } finally {
      this.#rebuilding = false;
    }
  }

  async #rebuildOnce(): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = await this.io.readFile(this.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      this.#unreadable = `${this.displayPath} cannot be read (${code}): was it deleted or renamed? The preview shows it again when it is back.`;
      this.io.stdout(`${this.#unreadable}\n`);
      // Keep watching its folder so that its return is seen.
      this.#watch([this.path, ...(this.#build?.files ?? [])]);
      this.events.send('reload', { ok: false });
      return;
    }
    if (this.#closed) return;
    const build = await buildSurvey(this.displayPath, this.path, bytes);
    if (this.#closed) return;
    // One save often reaches the watcher as several changes; the same result is shown once.
    if (this.#unreadable === undefined && this.#build !== undefined && fingerprint(build) === fingerprint(this.#build)) return;
    this.show(build);
    const ok = build.web !== undefined;
    if (ok) {
      this.io.stdout(`Compiled ${basename(this.displayPath)} (${build.web.survey.id} version ${build.web.survey.version}): reloading the page.\n`);
    } else if (hasErrors(build.diagnostics)) {
      this.io.stdout(`Waiting for ${this.displayPath} to change.\n`);
    }
    this.events.send('reload', { ok });
  }

  close(): void {
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    for (const watcher of this.#watchers.values()) watcher.close();
    this.#watchers.clear();
    this.events.closeAll();
  }
}

/** What a compilation shows: equal for two builds the page cannot tell apart. */
function fingerprint(build: SurveyBuild): string {
  const files = build.web === undefined ? [] : [...build.web.files.values()].map((bytes) => Buffer.from(bytes).toString('base64'));
  return JSON.stringify([plainDiagnostics(build), build.isBank, files]);
}
