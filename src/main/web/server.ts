/**
 * The browser-mode host: the console's handlers behind HTTP on loopback, for a normal browser
 * (and the end-to-end tests). It serves the renderer build and three API routes:
 *
 * - `POST /api/invoke` `{method, input}` -> the Result of `ConsoleHost.invoke` (wire JSON: bigint tagged);
 * - `GET /api/events`: server-sent events of the topics the main process pushes;
 * - `POST /api/upload?name=FILE`: a statement file streamed to `<data>/uploads/<random>/FILE`, then importable.
 *
 * Every request, static files included, needs the per-launch secret (see security.ts), a Host of
 * this server (DNS rebinding) and, on POST, an Origin of this server. Transport failures answer
 * `{ok:false, error:{code, message}}` with an HTTP status; a method's own failure is a value of
 * the 200 answer, exactly as the Electron bridge returns it.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sameSecret } from '../../core/auth/same-secret.js';
import { isMethodName, TOPICS, type Topic } from '../../shared/api/bridge.js';
import { decodeWire, encodeWire } from '../../shared/api/wire.js';
import type { Result } from '../../shared/result.js';
import { allowedHosts, allowedOrigins, cookieName, newSecret, readCookie, SECRET_HEADER, secretSchema, SECURITY_HEADERS, sessionCookie } from './security.js';
import { StaticFiles } from './static-files.js';

/** What the web host needs of the console (ConsoleHost satisfies it). */
export interface WebHostTarget {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(topic: Topic, listener: (payload: unknown) => void): () => void;
  allowImport(path: string): void;
  readonly dataDir: string;
}

export interface WebServerOptions {
  host: WebHostTarget;
  /** The renderer build to serve (out/renderer). */
  rendererDir: string;
  /** 0 (default): a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** The per-launch secret (default: 32 fresh random bytes). */
  secret?: string;
  /** Largest statement upload (default 512 MiB). */
  uploadLimitBytes?: number;
  /** Comment lines keeping idle event streams open (default 15 s). */
  keepAliveMs?: number;
  log?: (message: string) => void;
}

export interface WebServer {
  port: number;
  /** `http://127.0.0.1:PORT/` */
  origin: string;
  /** The URL to open: `http://127.0.0.1:PORT/?secret=...` */
  secretUrl: string;
  close(): Promise<void>;
}

const LIMITS = {
  /** JSON bodies of /api/invoke. */
  invokeBodyBytes: 1024 * 1024,
  uploadBytes: 512 * 1024 * 1024,
  /** Uploads streaming at once. */
  uploads: 4,
  /** Open event streams (each holds one listener per topic on the host). */
  eventStreams: 16,
  /** A stream whose client reads less than this far behind is dropped (it reconnects). */
  eventBacklogBytes: 1024 * 1024,
};

const invokeBodySchema = z.strictObject({
  method: z.string().refine(isMethodName, 'a method name such as orders.list'),
  input: z.unknown().optional(),
});
const eventsQuerySchema = z.strictObject({
  /** Comma-separated topics; all of them when absent. */
  topics: z
    .string()
    .max(200)
    .transform((text) => text.split(',').filter(Boolean))
    .pipe(z.array(z.enum(TOPICS)).min(1))
    .optional(),
});
const uploadQuerySchema = z.strictObject({ name: z.string().min(1).max(255) });
const staticQuerySchema = z.record(z.string(), z.union([z.string().max(2048), z.array(z.string().max(2048)).max(10)]));

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A file name safe on every platform: its last path segment, letters, digits, `._-`, at most 100 characters (the end kept). */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_{2,}/g, '_')
    .slice(-100)
    .replace(/^[._-]+/, '');
  return cleaned || 'statement';
}

/** Counts the bytes of an upload and fails it past the limit. */
class ByteLimit extends Transform {
  bytes = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) callback(new HttpFailure(413, 'upload_too_large', `the file exceeds ${this.limit} bytes`));
    else callback(null, chunk);
  }
}

/** Refuses `__proto__` keys (and `constructor.prototype`) anywhere in a decoded body. */
function hasPoisonedKeys(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== 'object' || current === null) continue;
    if (Object.prototype.hasOwnProperty.call(current, '__proto__')) return true;
    const constructor = Object.prototype.hasOwnProperty.call(current, 'constructor') ? (current as Record<string, unknown>).constructor : undefined;
    if (typeof constructor === 'object' && constructor !== null && Object.prototype.hasOwnProperty.call(constructor, 'prototype')) return true;
    for (const child of Object.values(current)) stack.push(child);
  }
  return false;
}

function issuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`)
    .join('; ');
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host;
  const secret = options.secret ?? newSecret();
  const uploadLimit = options.uploadLimitBytes ?? LIMITS.uploadBytes;
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const files = StaticFiles.load(options.rendererDir);
  const uploadsDir = join(host.dataDir, 'uploads');
  // An upload of an earlier launch can no longer be imported (the permission is per launch):
  // statements are sensitive, so none is left lying around.
  rmSync(uploadsDir, { recursive: true, force: true });

  let port = 0;
  let hosts = new Set<string>();
  let origins = new Set<string>();
  const streams = new Set<() => void>();
  let uploadsRunning = 0;

  const app = Fastify({
    logger: false,
    bodyLimit: LIMITS.invokeBodyBytes,
    // Uploads of hundreds of MiB may take a while; loopback only, so no slow-loris exposure.
    requestTimeout: 15 * 60_000,
    return503OnClosing: true,
    forceCloseConnections: true,
    // A URL the router cannot decode never reaches the hooks: answer it in the same shape.
    frameworkErrors: (_error, _request, anyReply) => {
      const reply = anyReply as unknown as FastifyReply;
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
      void fail(reply.header('cache-control', 'no-store'), 400, 'bad_request', 'the URL is malformed');
    },
  });

  function fail(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
    return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify({ ok: false, error: { code, message } }));
  }

  /** A refused request whose body was not read: close the connection rather than drain it. */
  function hasBody(request: FastifyRequest): boolean {
    const length = request.headers['content-length'];
    return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  }

  app.addHook('onRequest', async (request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    reply.header('cache-control', 'no-store');
    const refuse = (status: number, code: string, message: string) => {
      if (hasBody(request)) reply.header('connection', 'close');
      return fail(reply, status, code, message);
    };

    const hostHeader = (request.headers.host ?? '').toLowerCase();
    if (!hosts.has(hostHeader)) {
      return refuse(403, 'wrong_host', `this console answers only as http://127.0.0.1:${port}/ or http://localhost:${port}/ (Host "${hostHeader.slice(0, 100)}" refused)`);
    }

    const login = `open the link printed by \`npm run web\` (http://127.0.0.1:${port}/?secret=...) again`;
    const query = (request.query ?? {}) as Record<string, unknown>;
    if ((request.method === 'GET' || request.method === 'HEAD') && query.secret !== undefined) {
      const given = secretSchema.safeParse(query.secret);
      if (!given.success || !sameSecret(given.data, secret)) return refuse(401, 'bad_secret', `the secret in this link is not this console's; ${login}`);
      // The secret leaves the address bar (and the history entry of the page) at once.
      return reply.code(303).header('set-cookie', sessionCookie(port, secret)).header('location', '/').type('text/plain; charset=utf-8').send('signed in to the console host; continuing to /');
    }

    const header = request.headers[SECRET_HEADER];
    let byHeader = false;
    if (header !== undefined) {
      if (typeof header !== 'string' || !sameSecret(header, secret)) return refuse(401, 'bad_secret', `the ${SECRET_HEADER} header does not hold this console's secret`);
      byHeader = true;
    } else {
      const cookie = readCookie(request.headers.cookie, cookieName(port));
      if (cookie === undefined) return refuse(401, 'unauthorized', `this console needs its per-launch secret: ${login}`);
      if (!sameSecret(cookie, secret)) return refuse(401, 'unauthorized', `this browser holds the secret of an earlier launch: ${login}`);
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      // Cross-site requests: the SameSite=Strict cookie already stays home, but a page on another
      // port of this machine is "same site"; the Origin tells them apart.
      const origin = request.headers.origin;
      if (origin !== undefined ? !origins.has(origin.toLowerCase()) : !byHeader) {
        return refuse(403, 'wrong_origin', `requests that change something must come from this console's own page (Origin ${origin === undefined ? 'missing' : `"${origin.slice(0, 100)}"`})`);
      }
    }
  });

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
    if (error instanceof HttpFailure) return fail(reply, error.status, error.code, error.message);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      reply.header('connection', 'close');
      return fail(reply, 413, 'body_too_large', `the body exceeds ${LIMITS.invokeBodyBytes} bytes`);
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return fail(reply, 415, 'unsupported_media_type', 'send application/json');
    if (error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return fail(reply, 400, 'bad_request', 'the body does not match its Content-Length');
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return fail(reply, 400, 'invalid_json', 'the body is empty');
    if (error instanceof SyntaxError) return fail(reply, 400, 'invalid_json', 'the body is not valid JSON');
    if (error.statusCode === 415) return fail(reply, 415, 'unsupported_media_type', 'send application/json');
    if (error.statusCode && error.statusCode < 500) return fail(reply, error.statusCode, 'bad_request', 'the request is invalid');
    log(`web: ${request.method} ${request.url.split('?')[0]} failed: ${error.stack ?? error.message}`);
    return fail(reply, 500, 'internal', 'the console host failed to handle this request');
  });
  app.setNotFoundHandler((request, reply) => fail(reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0].slice(0, 200)}`));

  // POST /api/invoke: JSON in the wire form (bigint tagged), through the contract's invoke.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: LIMITS.invokeBodyBytes }, (_request, body, done) => {
      let value: unknown;
      try {
        value = decodeWire(body as string);
      } catch {
        done(new HttpFailure(400, 'invalid_json', 'the body is not valid JSON'), undefined);
        return;
      }
      if (hasPoisonedKeys(value)) done(new HttpFailure(400, 'invalid_json', 'the body holds a forbidden key (__proto__ or constructor.prototype)'), undefined);
      else done(null, value);
    });
    scope.post('/api/invoke', async (request, reply) => {
      if (request.body === undefined) throw new HttpFailure(415, 'unsupported_media_type', 'send the call as application/json: {"method": ..., "input": ...}');
      const parsed = invokeBodySchema.safeParse(request.body);
      if (!parsed.success) throw new HttpFailure(400, 'invalid_request', `the body must be {"method": string, "input"?: any}: ${issuesText(parsed.error)}`);
      const result = await host.invoke(parsed.data.method, parsed.data.input);
      return reply.type('application/json; charset=utf-8').send(encodeWire(result));
    });
  });

  // GET /api/events: server-sent events, one listener per topic on the host for each stream.
  app.get('/api/events', async (request, reply) => {
    const parsed = eventsQuerySchema.safeParse(request.query);
    if (!parsed.success) throw new HttpFailure(400, 'invalid_request', `the query may only name topics (${TOPICS.join(',')}): ${issuesText(parsed.error)}`);
    if (streams.size >= LIMITS.eventStreams) throw new HttpFailure(503, 'too_many_streams', `at most ${LIMITS.eventStreams} event streams at once; close a tab`);
    const topics = parsed.data.topics ?? [...TOPICS];
    const stream = new PassThrough();
    const unsubscribes: Array<() => void> = [];
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(keepAlive);
      for (const unsubscribe of unsubscribes) unsubscribe();
      streams.delete(close);
      stream.end();
    };
    const write = (text: string) => {
      if (closed) return;
      if (stream.writableLength > LIMITS.eventBacklogBytes) {
        log('web: an event stream fell too far behind; closing it (the browser reconnects)');
        close();
        stream.destroy();
        return;
      }
      stream.write(text);
    };
    const keepAlive = setInterval(() => write(': keep-alive\n\n'), keepAliveMs);
    keepAlive.unref();
    streams.add(close);
    try {
      for (const topic of topics) unsubscribes.push(host.subscribe(topic, (payload) => write(`event: ${topic}\ndata: ${encodeWire(payload)}\n\n`)));
    } catch (error) {
      close();
      throw new HttpFailure(503, 'too_many_streams', error instanceof Error ? error.message : 'cannot listen');
    }
    // The response closes when the browser goes away (or the server stops): drop the listeners.
    reply.raw.once('close', close);
    stream.write(`retry: 3000\n: connected\n\n`);
    return reply.header('content-type', 'text/event-stream; charset=utf-8').header('x-accel-buffering', 'no').send(stream);
  });

  // POST /api/upload?name=FILE: the raw body streamed to disk, never held in memory.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    // Leave the body unread: the handler streams it.
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    scope.post('/api/upload', async (request, reply) => {
      const parsed = uploadQuerySchema.safeParse(request.query);
      if (!parsed.success) throw new HttpFailure(400, 'invalid_request', `name the file: /api/upload?name=FILE (${issuesText(parsed.error)})`);
      const declared = request.headers['content-length'];
      if (declared !== undefined && Number(declared) > uploadLimit) {
        reply.header('connection', 'close');
        throw new HttpFailure(413, 'upload_too_large', `the file exceeds ${uploadLimit} bytes`);
      }
      if (!hasBody(request)) throw new HttpFailure(400, 'empty_upload', 'the upload is empty');
      if (uploadsRunning >= LIMITS.uploads) {
        reply.header('connection', 'close');
        throw new HttpFailure(503, 'busy', `at most ${LIMITS.uploads} uploads at once; try again when one has finished`);
      }
      uploadsRunning += 1;
      // A folder of its own per upload: the file keeps the name the staff member chose, which the
      // import's summary and the record of imported files show, and uploads never collide.
      const folder = join(uploadsDir, randomBytes(12).toString('hex'));
      const path = join(folder, safeFileName(parsed.data.name));
      const counter = new ByteLimit(uploadLimit);
      try {
        mkdirSync(folder, { recursive: true, mode: 0o700 });
        await pipeline(request.raw, counter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      } catch (error) {
        rmSync(folder, { recursive: true, force: true });
        if (error instanceof HttpFailure) {
          reply.header('connection', 'close');
          throw error;
        }
        if (request.raw.destroyed || request.raw.readableAborted) throw new HttpFailure(400, 'upload_aborted', 'the upload was interrupted; nothing was kept');
        throw error;
      } finally {
        uploadsRunning -= 1;
      }
      if (counter.bytes === 0) {
        rmSync(folder, { recursive: true, force: true });
        throw new HttpFailure(400, 'empty_upload', 'the upload is empty');
      }
      host.allowImport(path);
      return reply.type('application/json; charset=utf-8').send(JSON.stringify({ ok: true, path, bytes: counter.bytes }));
    });
  });

  // Everything else: the renderer build (index.html for the app's own routes).
  app.get('/*', async (request, reply) => {
    const parsed = staticQuerySchema.safeParse(request.query);
    if (!parsed.success) throw new HttpFailure(400, 'invalid_request', 'the query is invalid');
    const path = request.url.split('?')[0];
    if (path.startsWith('/api/')) throw new HttpFailure(404, 'not_found', `no route GET ${path.slice(0, 200)}`);
    const last = path.slice(path.lastIndexOf('/') + 1);
    const file = path === '/' ? files.index : (files.find(path) ?? (last.includes('.') ? undefined : files.index));
    if (!file) throw new HttpFailure(404, 'not_found', `no file ${path.slice(0, 200)}`);
    reply.header('cache-control', file.immutable ? 'private, max-age=31536000, immutable' : 'no-store');
    return reply.type(file.type).send(file.body);
  });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  hosts = allowedHosts(port);
  origins = allowedOrigins(port);
  const origin = `http://127.0.0.1:${port}/`;
  return {
    port,
    origin,
    secretUrl: `${origin}?secret=${secret}`,
    async close() {
      for (const close of [...streams]) close();
      await app.close();
      rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}
