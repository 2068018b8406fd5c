/**
 * The hub's HTTP API (fastify). Every body and query is validated with the shared zod schemas;
 * every error answers `{ error: { code, message } }` with a 4xx/5xx status and never a stack.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DEFAULT_ESCROW_CONFIG, type EscrowConfig } from '../core/escrow/config.js';
import { DEFAULT_RISK_CONFIG, type RiskConfig } from '../core/risk/config.js';
import { inspectAttachment } from '../core/attachments/content.js';
import { sameSecret } from '../core/auth/same-secret.js';
import { consoleHeadFields } from '../core/audit/chain-head.js';
import {
  auditHeadReportSchema,
  auditQuerySchema,
  commandBatchSchema,
  eventsQuerySchema,
  sessionRequestSchema,
  type ApiError,
  type EventsPage,
  type StaffIdentity,
} from '../shared/api/hub.js';
import { createIdGenerator } from '../shared/ids.js';
import { ATTACHMENT_MIMES, MAX_ATTACHMENT_BYTES, sha256HexSchema } from '../shared/escrow/dispute.js';
import { intakeRequestSchema } from '../shared/marketplace.js';
import { can } from '../shared/permissions.js';
import { authenticate, login, logout } from './auth.js';
import { processCommands } from './commands.js';
import { processIntake } from './intake.js';
import { buildOpenApi } from './openapi.js';
import { RateLimiter } from './rate-limit.js';
import { runScheduler, type SchedulerRun } from './scheduler.js';
import type { HubStorage } from './storage/types.js';

export interface HubLimits {
  bodyBytes: number;
  /** Requests per second per caller, and the burst allowed. */
  ratePerSecond: number;
  rateBurst: number;
}

export const DEFAULT_LIMITS: HubLimits = { bodyBytes: 4 * 1024 * 1024, ratePerSecond: 200, rateBurst: 400 };

export interface HubOptions {
  storage: HubStorage;
  clock?: () => number;
  config?: EscrowConfig;
  riskConfig?: RiskConfig;
  /** The integration key of the marketplace (ESCROW_MARKETPLACE_KEY); intake is closed without it. */
  marketplaceKey?: string;
  /** Lets POST /v1/test/clock move the hub's clock: for tests only, never in production. */
  testClock?: boolean;
  /** How often the scheduler looks for due timers, in ms of real time (0: never on its own). */
  schedulerIntervalMs?: number;
  limits?: Partial<HubLimits>;
}

export interface Hub {
  app: FastifyInstance;
  clock: () => number;
  runScheduler(): Promise<SchedulerRun>;
  close(): Promise<void>;
}

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: Array<{ path: string; message: string }>,
  ) {
    super(message);
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ApiFailure(400, 'invalid', `${what} is invalid: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, issues);
  }
  return result.data;
}

/** Wakes long-polling readers when events are appended. */
class AppendSignal {
  private waiters = new Set<() => void>();
  notify(): void {
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        resolve();
      }, ms);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.add(wake);
    });
  }
}

const attachmentParamsSchema = z.strictObject({ sha256: sha256HexSchema });


export async function createHub(options: HubOptions): Promise<Hub> {
  const { storage } = options;
  let offset = 0;
  const baseClock = options.clock ?? Date.now;
  const clock = () => baseClock() + offset;
  const config = options.config ?? DEFAULT_ESCROW_CONFIG;
  const newId = createIdGenerator(clock);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const limiter = new RateLimiter(limits.rateBurst, limits.ratePerSecond);
  const appended = new AppendSignal();
  const ctx = { storage, clock, config, riskConfig: options.riskConfig ?? DEFAULT_RISK_CONFIG, newId };

  const app = Fastify({ bodyLimit: limits.bodyBytes, logger: false, return503OnClosing: true });
  // JSON only: a text body is refused (415) rather than handed to a schema as a string.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
    if (error instanceof ApiFailure) return sendError(reply, error.status, error.code, error.message, error.issues);
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) return sendError(reply, 400, 'invalid_json', 'the body is not valid JSON');
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, 'body_too_large', `the body exceeds ${request.routeOptions.bodyLimit ?? limits.bodyBytes} bytes`);
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, 415, 'unsupported_media_type', 'send application/json (evidence files: their own type)');
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return sendError(reply, 400, 'invalid_json', 'the body is empty');
    if (error.code === 'busy') return sendError(reply, 503, 'busy', error.message);
    if (error.statusCode && error.statusCode < 500) return sendError(reply, error.statusCode, 'bad_request', error.message);
    process.stderr.write(`hub: internal error: ${error.stack ?? error.message}\n`);
    return sendError(reply, 500, 'internal', 'the hub failed to handle this request; nothing was written unless an answer said so');
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`));

  function sendError(reply: FastifyReply, status: number, code: string, message: string, issues?: Array<{ path: string; message: string }>) {
    const body: ApiError = { error: { code, message, ...(issues ? { issues } : {}) } };
    return reply.status(status).send(body);
  }

  function limit(key: string): void {
    if (!limiter.take(key)) throw new ApiFailure(429, 'rate_limited', 'too many requests; slow down and retry');
  }

  function bearer(request: FastifyRequest): string {
    const header = request.headers.authorization;
    return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : '';
  }

  async function staffOf(request: FastifyRequest): Promise<StaffIdentity> {
    const token = bearer(request);
    if (!token) throw new ApiFailure(401, 'unauthenticated', 'sign in first: send Authorization: Bearer <token>');
    limit(`token:${token}`);
    const staff = await authenticate(storage, token, clock());
    if (!staff) throw new ApiFailure(401, 'unauthenticated', 'the session is missing, expired or revoked; sign in again');
    return staff;
  }

  app.get('/v1/health', async () => ({ ok: true, head: await storage.head() }));

  app.get('/v1/openapi.json', async () => buildOpenApi());

  app.post('/v1/session', async (request, reply) => {
    limit(`login:${request.ip}`);
    const { name, password } = parse(sessionRequestSchema, request.body, 'the sign-in request');
    const result = await login(storage, name, password, { clock });
    if (!result.ok) return sendError(reply, result.code === 'locked' ? 423 : 401, result.code, result.message);
    return result.session;
  });

  app.delete('/v1/session/current', async (request) => {
    const staff = await staffOf(request);
    return { signedOut: await logout(storage, bearer(request), staff, { clock }) };
  });

  app.get('/v1/me', async (request) => staffOf(request));

  app.get('/v1/staff', async (request) => {
    await staffOf(request);
    return { staff: await storage.staffList(10_000) };
  });

  app.post('/v1/commands', async (request) => {
    const staff = await staffOf(request);
    const { commands } = parse(commandBatchSchema, request.body, 'the command batch');
    const answers = await processCommands(ctx, staff, commands);
    if (answers.some((a) => a.status === 'accepted')) appended.notify();
    return { answers };
  });

  app.get('/v1/events', async (request, reply) => {
    const staff = await staffOf(request);
    if (!can(staff.role, 'sync.use')) throw new ApiFailure(403, 'forbidden', 'this role may not sync');
    const query = parse(eventsQuerySchema, request.query, 'the events query');
    let slice = await storage.eventsPage(query.after, query.limit);
    if (slice.events.length === 0 && query.wait > 0) {
      await appended.wait(query.wait);
      slice = await storage.eventsPage(query.after, query.limit);
    }
    const head = await storage.head();
    // Stored bodies are canonical JSON already: splice in the sequence numbers, no re-encoding.
    const events = slice.events.map((e) => `{"seq":${e.seq},${e.body.slice(1)}`).join(',');
    const next = slice.events.length > 0 ? slice.events[slice.events.length - 1].seq : query.after;
    const rest: Omit<EventsPage, 'events'> = { next, checkpoint: slice.checkpoint, head: head.seq };
    return reply.type('application/json').send(`{"events":[${events}],${JSON.stringify(rest).slice(1)}`);
  });

  app.post('/v1/audit/heads', async (request) => {
    const staff = await staffOf(request);
    if (!can(staff.role, 'sync.use')) throw new ApiFailure(403, 'forbidden', 'this role may not sync');
    const head = parse(auditHeadReportSchema, request.body, 'the audit head');
    const [entry] = await storage.write((tx) => tx.appendAudit([{ ...consoleHeadFields(head, clock()), actor: { id: staff.id, role: staff.role } }]));
    return { seq: entry.seq };
  });

  app.get('/v1/audit', async (request) => {
    const staff = await staffOf(request);
    if (!can(staff.role, 'audit.read')) throw new ApiFailure(403, 'forbidden', 'only an admin reads the audit trail');
    const query = parse(auditQuerySchema, request.query, 'the audit query');
    return { entries: await storage.auditPage(query.after, query.limit), head: await storage.auditHead() };
  });

  app.get('/v1/checkpoint', async (request) => {
    await staffOf(request);
    return storage.head();
  });

  // Run as an onRequest hook: a caller without the key is refused before its body is read.
  async function marketplaceOnly(request: FastifyRequest): Promise<void> {
    const key = request.headers['x-marketplace-key'];
    if (!options.marketplaceKey) throw new ApiFailure(503, 'intake_closed', 'marketplace intake is not configured (ESCROW_MARKETPLACE_KEY)');
    if (typeof key !== 'string' || !sameSecret(key, options.marketplaceKey)) throw new ApiFailure(401, 'unauthenticated', 'a valid X-Marketplace-Key header is required');
    limit('marketplace');
  }

  // An evidence file, uploaded before the dispute.message that references it. Stored under the
  // hash of its bytes once they are checked; sending it again changes nothing. Its own scope:
  // only this route reads a body as raw bytes (elsewhere a file type is refused with 415).
  app.register(async (files) => {
    files.addContentTypeParser([...ATTACHMENT_MIMES], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    files.put('/v1/marketplace/attachments/:sha256', { bodyLimit: MAX_ATTACHMENT_BYTES, onRequest: marketplaceOnly }, async (request) => {
      const { sha256 } = parse(attachmentParamsSchema, request.params, 'the attachment address');
      if (!Buffer.isBuffer(request.body)) throw new ApiFailure(415, 'unsupported_media_type', `send the file's bytes as ${ATTACHMENT_MIMES.join(', ')}`);
      const checked = inspectAttachment(request.body, { sha256, mime: request.headers['content-type']?.split(';')[0].trim() });
      if (!checked.ok) throw new ApiFailure(400, checked.error.code, checked.error.message);
      const file = { ...checked.value, bytes: request.body, receivedAt: clock() };
      const stored = await storage.write((tx) => tx.putAttachment(file));
      return { ...checked.value, stored };
    });
  });

  app.get('/v1/attachments/:sha256', async (request, reply) => {
    const staff = await staffOf(request);
    if (!can(staff.role, 'orders.read')) throw new ApiFailure(403, 'forbidden', 'this role may not read case evidence');
    const { sha256 } = parse(attachmentParamsSchema, request.params, 'the attachment address');
    const file = await storage.attachment(sha256);
    if (!file) throw new ApiFailure(404, 'attachment_not_found', `the hub holds no attachment ${sha256}`);
    // Evidence is data to look at, never a page to run: no sniffing, no rendering in place.
    return reply
      .type(file.mime)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="${sha256}"`)
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(Buffer.from(file.bytes));
  });

  app.post('/v1/marketplace/events', { onRequest: marketplaceOnly }, async (request) => {
    const { events } = parse(intakeRequestSchema, request.body, 'the marketplace batch');
    const answers = await processIntake(ctx, events);
    if (answers.some((a) => a.status === 'accepted')) appended.notify();
    return { answers };
  });

  const scheduler = async () => {
    const result = await runScheduler(ctx);
    if (result.autoConfirmed + result.disputesDue + result.reservesReleased > 0) appended.notify();
    return result;
  };

  if (options.testClock) {
    app.post('/v1/test/clock', async (request) => {
      const body = request.body as { advanceMs?: unknown } | null;
      const advance = body?.advanceMs;
      if (typeof advance !== 'number' || !Number.isInteger(advance) || advance < 0 || advance > 400 * 86_400_000) {
        throw new ApiFailure(400, 'invalid', 'advanceMs must be a whole number of milliseconds, 0 .. 400 days');
      }
      offset += advance;
      return { now: clock(), scheduler: await scheduler() };
    });
  }

  let timer: NodeJS.Timeout | null = null;
  let running = false;
  if (options.schedulerIntervalMs) {
    timer = setInterval(() => {
      if (running) return;
      running = true;
      scheduler()
        .catch((error: unknown) => process.stderr.write(`hub: scheduler failed: ${error instanceof Error ? error.message : String(error)}\n`))
        .finally(() => {
          running = false;
        });
    }, options.schedulerIntervalMs);
  }

  await app.ready();
  return {
    app,
    clock,
    runScheduler: scheduler,
    async close() {
      if (timer) clearInterval(timer);
      appended.notify();
      await app.close();
    },
  };
}
