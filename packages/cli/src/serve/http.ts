/**
 * The small HTTP server behind `poet site --serve` and `poet preview`: it serves a fixed table
 * of resources (nothing is looked up on disk by URL, so no path can reach outside it), the
 * `<poet-survey>` bundle, an optional Server-Sent Events stream, and `POST /responses`.
 *
 * Every response, errors included, carries the strict Content-Security-Policy a council page
 * would send, so that what works here works there: no inline script or style, no eval.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The policy sent with every response. `default-src 'self'` is the one the docs promise works. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  text: 'text/plain; charset=utf-8',
  events: 'text/event-stream; charset=utf-8',
} as const;

/** The content type for a file name, by its extension (`undefined` for one the site never serves). */
export function contentTypeFor(name: string): string | undefined {
  const extension = /\.([a-z]+)$/.exec(name)?.[1];
  return extension !== undefined && Object.hasOwn(CONTENT_TYPES, extension)
    ? CONTENT_TYPES[extension as keyof typeof CONTENT_TYPES]
    : undefined;
}

/** One thing the server hands out at a path. */
export interface Resource {
  readonly body: Uint8Array;
  readonly contentType: string;
}

/** What a handler of a POST answers: a status and a JSON body. */
export interface JsonReply {
  readonly status: number;
  readonly body: unknown;
}

export interface ServerOptions {
  /** Default `127.0.0.1`: only this machine can reach a development server. */
  readonly host?: string;
  /** Default 8080; 0 picks a free port. */
  readonly port?: number;
  /** The resource at a URL path (`/`, `/parent_ehc.html`), or `undefined` for none. Called per request. */
  resource(path: string): Resource | undefined | Promise<Resource | undefined>;
  /** Handles `POST /responses` with the parsed JSON body. Without it, POST is refused (405). */
  receiveResponse?(body: unknown): JsonReply | Promise<JsonReply>;
  /** Serves `GET /__poet/events` as an event stream; see {@link EventStream}. */
  readonly events?: EventStream;
}

export interface RunningServer {
  /** `http://127.0.0.1:8080/` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The largest response envelope accepted: the largest example's answers are a few KiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const EVENTS_PATH = '/__poet/events';
export const RESPONSES_PATH = '/responses';

/** Thrown by {@link startServer} when the port cannot be had; the message says what to do. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

/** Server-Sent Events to every page that listens: `poet preview` tells its pages to reload. */
export class EventStream {
  readonly #clients = new Set<ServerResponse>();

  attach(response: ServerResponse): void {
    response.writeHead(200, { ...securityHeaders(), 'Content-Type': CONTENT_TYPES.events, Connection: 'keep-alive' });
    // A comment first, so that the client's `open` fires at once; `retry` paces reconnection after a restart.
    response.write(': connected\nretry: 1000\n\n');
    this.#clients.add(response);
    response.on('close', () => this.#clients.delete(response));
  }

  send(event: string, data: unknown): void {
    const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of this.#clients) client.write(message);
  }

  closeAll(): void {
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }
}

/** The headers every response carries. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // A development server: always the file as it is now, never a stale copy.
    'Cache-Control': 'no-store',
  };
}

function send(response: ServerResponse, status: number, contentType: string, body: Uint8Array | string, extra: Record<string, string> = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, { ...securityHeaders(), 'Content-Type': contentType, 'Content-Length': String(bytes.byteLength), ...extra });
  response.end(response.req.method === 'HEAD' ? undefined : bytes);
}

function sendJson(response: ServerResponse, reply: JsonReply, extra: Record<string, string> = {}): void {
  send(response, reply.status, CONTENT_TYPES.json, `${JSON.stringify(reply.body)}\n`, extra);
}

/**
 * The URL path of a request, decoded, or `undefined` when it could name something outside
 * the site: a `.` or `..` segment (however encoded), an encoded slash or backslash, a
 * backslash, a NUL, or broken percent-encoding. Such requests are refused with 400.
 */
export function safePath(rawUrl: string): string | undefined {
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '';
  if (!rawPath.startsWith('/') || rawPath.includes('\\') || /%(?:2f|5c|00)/i.test(rawPath)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  if (decoded.split('/').some((segment) => segment === '.' || segment === '..')) return undefined;
  return decoded;
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function problem(status: number, message: string): JsonReply {
  return { status, body: { errors: [{ question: null, path: '', message }] } };
}

async function handlePost(request: IncomingMessage, response: ServerResponse, options: ServerOptions): Promise<void> {
  const receive = options.receiveResponse;
  if (receive === undefined) {
    sendJson(response, problem(405, 'this server does not take responses'), { Allow: 'GET, HEAD' });
    return;
  }
  const type = (request.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    request.resume();
    sendJson(response, problem(415, `send the response envelope as JSON (Content-Type: application/json), not '${type || 'no type'}'`));
    return;
  }
  const body = await readBody(request);
  if (body === 'too-large') {
    sendJson(response, problem(413, `the response is larger than ${MAX_BODY_BYTES} bytes`), { Connection: 'close' });
    request.destroy();
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    sendJson(response, problem(400, `the body is not valid JSON: ${(error as Error).message}`));
    return;
  }
  sendJson(response, await receive(value));
}

async function handle(request: IncomingMessage, response: ServerResponse, options: ServerOptions): Promise<void> {
  const path = safePath(request.url ?? '');
  if (path === undefined) {
    send(response, 400, CONTENT_TYPES.text, 'Bad request: this path is not allowed.\n');
    return;
  }
  const method = request.method ?? 'GET';
  if (path === RESPONSES_PATH) {
    if (method === 'POST') return handlePost(request, response, options);
    sendJson(response, problem(405, 'POST a response envelope here'), { Allow: 'POST' });
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    send(response, 405, CONTENT_TYPES.text, `Method ${method} is not allowed here.\n`, { Allow: 'GET, HEAD' });
    return;
  }
  if (path === EVENTS_PATH && options.events !== undefined && method === 'GET') {
    options.events.attach(response);
    return;
  }
  const resource = await options.resource(path);
  if (resource === undefined) {
    send(response, 404, CONTENT_TYPES.text, `Not found: ${path}\n`);
    return;
  }
  send(response, 200, resource.contentType, resource.body);
}

/**
 * Starts the server and resolves once it listens. Rejects with {@link ListenError} when the
 * port is taken or the host cannot be bound, with a message that suggests `--port`/`--host`.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8080;
  const server: Server = createServer((request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      send(response, 500, CONTENT_TYPES.text, `Internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new ListenError(`port ${port} on ${host} is already in use (is another poet server running?); choose another with --port, for example --port ${port + 1}`));
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
        reject(new ListenError(`cannot listen on host '${host}' (${error.code}); give an address of this machine with --host, for example --host 127.0.0.1`));
      } else if (error.code === 'EACCES') {
        reject(new ListenError(`not allowed to listen on port ${port} (ports below 1024 need root); choose another with --port, for example --port 8080`));
      } else {
        reject(error);
      }
    });
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        options.events?.closeAll();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
