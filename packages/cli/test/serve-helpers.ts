/** Helpers for the tests of `poet site --serve` and `poet preview`: a running verb, raw requests, an SSE client. */
import assert from 'node:assert/strict';
import { request, type IncomingMessage } from 'node:http';
import type { ServeIo } from '../src/serve/site.js';
import { poet, type Run } from './helpers.js';

/** How long a test waits for something that should happen at once (a slow, shared machine). */
export const PATIENCE_MS = 30_000;

/** Rejects after `ms` with `what` in the message, unless `promise` settles first. */
export function within<T>(promise: Promise<T>, what: string, ms = PATIENCE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface RunningVerb {
  readonly url: string;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Stops the server (as Ctrl+C would) and resolves with the finished run. */
  stop(): Promise<Run>;
}

/**
 * Runs `poet ...argv` in-process until it listens. Rejects with the run's output if it ends
 * before listening (a build error, a missing bundle, a taken port).
 */
export async function startVerb(cwd: string, argv: readonly string[]): Promise<RunningVerb> {
  const controller = new AbortController();
  let out = '';
  let err = '';
  let listening!: (url: string) => void;
  const url = new Promise<string>((resolve) => {
    listening = resolve;
  });
  const overrides: Partial<ServeIo> = {
    stop: controller.signal,
    onListening: (address) => listening(address),
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
  };
  const run = poet(cwd, argv, overrides);
  const first = await within(
    Promise.race([url, run.then((r) => ({ ended: r }))]),
    `poet ${argv.join(' ')} to listen`,
    120_000,
  );
  if (typeof first !== 'string') {
    throw new Error(`poet ${argv.join(' ')} ended with status ${first.ended.status} before listening:\n${out}${err}`);
  }
  return {
    url: first,
    stdout: () => out,
    stderr: () => err,
    stop: async () => {
      controller.abort();
      const finished = await within(run, 'the server to stop');
      return { ...finished, stdout: out, stderr: err };
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A GET with the path sent exactly as written (fetch would normalise `/../x` to `/x`). */
export function rawGet(baseUrl: string, path: string): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return within(
    new Promise<RawResponse>((resolve, reject) => {
      const req = request({ hostname, port, path, method: 'GET' }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      });
      req.on('error', reject);
      req.end();
    }),
    `GET ${path}`,
  );
}

/** The headers every response must carry. */
export function assertSecurityHeaders(headers: Headers | IncomingMessage['headers'], what: string): void {
  const get = (name: string): string | undefined =>
    headers instanceof Headers ? (headers.get(name) ?? undefined) : (headers[name] as string | undefined);
  const csp = get('content-security-policy') ?? '';
  assert.match(csp, /(^|;\s*)default-src 'self'(;|$)/, `${what}: Content-Security-Policy`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, `${what}: a strict policy`);
  assert.equal(get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.equal(get('cache-control'), 'no-store', `${what}: no-store`);
}

/** Asserts a page has no inline script, no inline style, no style attribute and no event-handler attribute. */
export function assertNoInlineCode(html: string, what: string): void {
  for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) {
    assert.match(tag, /^<script\b[^>]*\bsrc="[^"]+"[^>]*><\/script>$/i, `${what}: a script that is not an empty <script src>: ${tag}`);
  }
  assert.equal((html.match(/<script\b/gi) ?? []).length, (html.match(/<script\b[^>]*\bsrc="/gi) ?? []).length, `${what}: every script has a src`);
  assert.doesNotMatch(html, /<style\b/i, `${what}: an inline <style>`);
  // Attributes are looked for in tags only: escaped text may well read "onerror=".
  for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
    assert.doesNotMatch(tag, /\sstyle\s*=/i, `${what}: a style attribute in ${tag}`);
    assert.doesNotMatch(tag, /\son[a-z]+\s*=/i, `${what}: an event-handler attribute in ${tag}`);
    assert.doesNotMatch(tag, /javascript:/i, `${what}: a javascript: URL in ${tag}`);
  }
}

/** Reads Server-Sent Events from a URL, and waits for events by name. */
export class SseClient {
  readonly #events: { name: string; data: string }[] = [];
  readonly #waiting: { name: string; resolve: (data: string) => void }[] = [];
  #buffer = '';
  #response: IncomingMessage | undefined;

  private constructor() {}

  /** Connects and resolves once the server has answered with the stream's headers. */
  static connect(url: string): Promise<SseClient> {
    const client = new SseClient();
    return within(
      new Promise<SseClient>((resolve, reject) => {
        const req = request(url, { headers: { Accept: 'text/event-stream' } }, (response) => {
          client.#response = response;
          try {
            assert.equal(response.statusCode, 200);
            assert.match(String(response.headers['content-type']), /^text\/event-stream/);
            assertSecurityHeaders(response.headers, 'the event stream');
          } catch (error) {
            response.destroy();
            reject(error);
            return;
          }
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => client.#take(chunk));
          resolve(client);
        });
        req.on('error', reject);
        req.end();
      }),
      `the event stream ${url}`,
    );
  }

  #take(chunk: string): void {
    this.#buffer += chunk;
    let end: number;
    while ((end = this.#buffer.indexOf('\n\n')) >= 0) {
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      let name = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) name = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length === 0) continue; // a comment or a retry line
      const event = { name, data: data.join('\n') };
      const waiter = this.#waiting.findIndex((w) => w.name === name);
      if (waiter >= 0) this.#waiting.splice(waiter, 1)[0]!.resolve(event.data);
      else this.#events.push(event);
    }
  }

  /** The data of the next event called `name` (one already received first). */
  next(name: string): Promise<string> {
    const index = this.#events.findIndex((e) => e.name === name);
    if (index >= 0) return Promise.resolve(this.#events.splice(index, 1)[0]!.data);
    return within(new Promise<string>((resolve) => this.#waiting.push({ name, resolve })), `an SSE '${name}' event`);
  }

  close(): void {
    this.#response?.destroy();
  }
}
