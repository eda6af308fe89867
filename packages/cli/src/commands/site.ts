import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { hasErrors, printSummary, type Diagnostic } from '@poetkit/language';
import { UsageError, helpPointer, type Command } from '../command.js';
import { diagnosticsText } from '../diagnose.js';
import { readInputs } from '../files.js';
import { BUNDLE_NAME, bundleForVerb } from '../serve/bundle.js';
import { ListenError, RESPONSES_PATH, startServer, type RunningServer } from '../serve/http.js';
import { ResponseInbox, responsesFile } from '../serve/responses.js';
import { parsePort, runUntilStopped, siteFiles, siteResource, type ServeIo } from '../serve/site.js';
import { buildSurvey, type WebSurvey } from '../serve/survey-build.js';

/** The folder, in the output folder, of the files that valid responses are appended to: `<survey id>.jsonl`. */
export const RESPONSES_FOLDER = 'responses';

export const siteCommand: Command = {
  name: 'site',
  summary: 'Build a web site of surveys, each embedded as a council page would, and serve it.',
  synopsis: 'poet site [--serve] [--port N] [--host HOST] [--bundle FILE] -o DIR FILE...',
  description: [
    'Compiles each FILE (a survey) and writes a static site into DIR (created if needed):\n' +
      'index.html listing the surveys, embed.html showing the two lines a web team pastes,\n' +
      'and for each survey <id>.html, which embeds it with one script tag and the\n' +
      '<poet-survey> element (no inline script or style), beside <id>.survey.json,\n' +
      '<id>.schema.json and <id>.validator.js as `poet compile` writes them, site.css and the\n' +
      'poet-elements.js bundle. Any error stops the build, printed as `poet check` prints it.',
    'With --serve it then serves DIR on http://127.0.0.1:8080/ until Ctrl+C, sending\n' +
      "Content-Security-Policy: default-src 'self' (and nosniff, no-store) with every response.\n" +
      'Responses the surveys post to /responses are checked with the survey\'s validator (as\n' +
      '`poet validate` does): a valid one is added to DIR/responses/<survey id>.jsonl, an\n' +
      'invalid one is refused with status 422 and the reasons.',
    "`pnpm start` runs 'poet site --serve -o examples/site/build examples/*.poet'.",
  ],
  options: [
    { name: 'out', short: 'o', placeholder: 'DIR', description: 'The folder to write the site into (also -o DIR).' },
    { name: 'serve', description: 'Serve the site after building it, until Ctrl+C.' },
    { name: 'port', placeholder: 'N', description: 'The port to serve on (default 8080; 0 for any free port).' },
    { name: 'host', placeholder: 'HOST', description: 'The address to listen on (default 127.0.0.1: this computer only).' },
    {
      name: 'bundle',
      placeholder: 'FILE',
      description: 'The <poet-survey> bundle to use (default: the one `pnpm build`\nmakes, packages/elements/dist/poet-elements.js).',
    },
  ],
  examples: ['poet site --serve -o examples/site/build examples/*.poet', 'poet site -o public/surveys my-survey.poet', 'poet site --serve --port 9000 -o site examples/carer.poet'],
  exitStatus: ['0  built (and, with --serve, served until stopped)', '1  a survey has an error, or the bundle is missing', '2  usage error, or the port is taken'],

  async run(args, io) {
    const out = args.options.get('out');
    if (typeof out !== 'string') throw new UsageError(`'site' needs an output folder: -o DIR. ${helpPointer(siteCommand)}`);
    const port = parsePort(args.options.get('port'), 8080);
    if (port === undefined) throw new UsageError(`--port must be a whole number from 0 to 65535. ${helpPointer(siteCommand)}`);
    const host = args.options.get('host');
    if (args.options.get('serve') !== true && (args.options.has('port') || host !== undefined)) {
      throw new UsageError(`--port and --host are for serving the site: add --serve. ${helpPointer(siteCommand)}`);
    }
    const bundleOption = args.options.get('bundle');
    const inputs = await readInputs(args.positionals, siteCommand, io);

    const surveys: WebSurvey[] = [];
    const all: Diagnostic[] = [];
    const sources = new Map<string, string>();
    const banks: string[] = [];
    for (const input of inputs) {
      const build = await buildSurvey(input.displayPath, input.path, input.bytes);
      all.push(...build.diagnostics);
      for (const [file, text] of build.sources) if (!sources.has(file)) sources.set(file, text);
      if (build.isBank) banks.push(input.displayPath);
      if (build.web !== undefined) surveys.push(build.web);
    }
    if (all.length > 0) io.stdout(`${diagnosticsText(all, sources, io)}${printSummary(all, inputs.length)}\n`);
    if (hasErrors(all)) return 1;
    if (banks.length > 0) {
      io.stderr(`poet: ${banks.join(', ')} ${banks.length === 1 ? 'is a bank' : 'are banks'}, not a survey: give only surveys (banks are read through their imports).\n`);
      return 1;
    }
    const byId = new Map<string, string>();
    for (const [i, web] of surveys.entries()) {
      const earlier = byId.get(web.survey.id);
      if (earlier !== undefined) {
        io.stderr(`poet: ${earlier} and ${inputs[i]!.displayPath} are both survey '${web.survey.id}': a site holds each survey once.\n`);
        return 1;
      }
      byId.set(web.survey.id, inputs[i]!.displayPath);
    }

    const bundlePath = bundleForVerb(bundleOption, io);
    if (bundlePath === undefined) return 1;

    const responsesShown = join(out, RESPONSES_FOLDER);
    const files = siteFiles(surveys, { folder: responsesShown });
    const dir = resolve(io.cwd, out);
    await mkdir(dir, { recursive: true });
    for (const [name, file] of files) await io.writeFile(join(dir, name), file.body);
    await io.writeFile(join(dir, BUNDLE_NAME), await readFile(bundlePath));
    const count = `${surveys.length} ${surveys.length === 1 ? 'survey' : 'surveys'}`;
    io.stdout(`Wrote the site (${count}, ${files.size + 1} files) to ${out}.\n`);
    if (args.options.get('serve') !== true) return 0;

    const inbox = new ResponseInbox(
      surveys.map((s) => s.survey),
      { folder: join(dir, RESPONSES_FOLDER) },
      (envelope) => io.stdout(`Saved response ${envelope.id} to ${responsesFile(responsesShown, envelope.survey)}.\n`),
    );
    await inbox.loadSeen();
    let server: RunningServer;
    try {
      server = await startServer({
        ...(typeof host === 'string' ? { host } : {}),
        port,
        resource: (path) => siteResource(files, bundlePath, path),
        receiveResponse: async (body) => {
          const reply = await inbox.receive(body);
          if (reply.status === 422) io.stderr(`Refused a response: ${refusalSummary(reply.body)}\n`);
          return reply;
        },
      });
    } catch (error) {
      if (error instanceof ListenError) throw new UsageError(error.message);
      throw error;
    }
    io.stdout(
      `Serving ${count} at ${server.url}\n` +
        `Valid responses posted to ${server.url}${RESPONSES_PATH.slice(1)} are added to ${join(responsesShown, '<survey id>.jsonl')}.\n` +
        'Press Ctrl+C to stop.\n',
    );
    await runUntilStopped(server, io as ServeIo);
    io.stdout('Stopped.\n');
    return 0;
  },
};

/** The first reason of a 422 reply, and how many there are, for one line in the terminal. */
export function refusalSummary(body: unknown): string {
  const errors = (body as { errors?: { question: string | null; message: string }[] }).errors ?? [];
  const first = errors[0];
  if (first === undefined) return 'invalid';
  const where = first.question === null ? '' : `question ${first.question}: `;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `${where}${first.message}${more}`;
}
