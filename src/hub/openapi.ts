/**
 * GET /v1/openapi.json: the hub's API described as OpenAPI 3.1, its request bodies generated
 * from the same zod schemas the hub validates with, so the document cannot drift from the code.
 */
import { z } from 'zod';
import { auditHeadReportSchema, commandRequestSchema, eventsQuerySchema, sessionRequestSchema, MAX_AUDIT_PAGE_API, MAX_COMMAND_BATCH } from '../shared/api/hub.js';
import { ATTACHMENT_MIMES, MAX_ATTACHMENT_BYTES } from '../shared/escrow/dispute.js';
import { intakeRequestSchema } from '../shared/marketplace.js';

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

const error = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });

const sha256Param = { name: 'sha256', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } };

let cached: unknown;

export function buildOpenApi(): unknown {
  cached ??= {
    openapi: '3.1.0',
    info: { title: 'Escrow hub', version: '1', description: 'The escrow service of record: staff sessions, commands, the event log and marketplace intake.' },
    components: {
      securitySchemes: {
        staff: { type: 'http', scheme: 'bearer', description: 'token from POST /v1/session' },
        marketplace: { type: 'apiKey', in: 'header', name: 'X-Marketplace-Key' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, issues: { type: 'array' } } } },
        },
        SessionRequest: jsonSchema(sessionRequestSchema),
        CommandRequest: jsonSchema(commandRequestSchema),
        IntakeRequest: jsonSchema(intakeRequestSchema),
        EventsQuery: jsonSchema(eventsQuerySchema),
        AuditHeadReport: jsonSchema(auditHeadReportSchema),
      },
    },
    paths: {
      '/v1/session': {
        post: {
          summary: 'Sign in; answers a bearer token that expires',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/SessionRequest' } } } },
          responses: { 200: json('session'), 400: error, 401: error, 423: error, 429: error },
        },
      },
      '/v1/session/current': {
        delete: { summary: 'Sign out: the bearer token stops working at once', security: [{ staff: [] }], responses: { 200: json('{signedOut: true}'), 401: error } },
      },
      '/v1/audit/heads': {
        post: {
          summary: "Anchors a console's audit head in the hub's own hash chain",
          security: [{ staff: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/AuditHeadReport' } } } },
          responses: { 200: json('{seq} of the hub entry that records it'), 400: error, 401: error, 403: error },
        },
      },
      '/v1/audit': {
        get: {
          summary: `The hub's audit trail, up to ${MAX_AUDIT_PAGE_API} entries after a sequence number (admin)`,
          security: [{ staff: [] }],
          parameters: ['after', 'limit'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'integer', minimum: 0 } })),
          responses: { 200: json('{entries, head}'), 400: error, 401: error, 403: error },
        },
      },
      '/v1/me': { get: { security: [{ staff: [] }], responses: { 200: json('the signed-in staff member'), 401: error } } },
      '/v1/commands': {
        post: {
          summary: `A batch of up to ${MAX_COMMAND_BATCH} staff commands, answered one by one`,
          security: [{ staff: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object', required: ['commands'], properties: { commands: { type: 'array', maxItems: MAX_COMMAND_BATCH, items: { $ref: '#/components/schemas/CommandRequest' } } } } } },
          },
          responses: { 200: json('answers, one per command: accepted (with sequence numbers) or rejected (with a code)'), 400: error, 401: error, 429: error },
        },
      },
      '/v1/events': {
        get: {
          summary: 'Events after a cursor (long-poll with wait), ending on a checkpoint of the ledger checksum',
          security: [{ staff: [] }],
          parameters: ['after', 'limit', 'wait'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'integer', minimum: 0 } })),
          responses: { 200: json('{events, next, checkpoint: {seq, checksum}, head}'), 400: error, 401: error },
        },
      },
      '/v1/checkpoint': { get: { security: [{ staff: [] }], responses: { 200: json('{seq, checksum} at the head of the log'), 401: error } } },
      '/v1/marketplace/events': {
        post: {
          summary: 'Marketplace intake: orders, disputes, merchant applications, statement lines, payout confirmations',
          security: [{ marketplace: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/IntakeRequest' } } } },
          responses: { 200: json('answers, one per event'), 400: error, 401: error, 413: error, 429: error, 503: error },
        },
      },
      '/v1/marketplace/attachments/{sha256}': {
        put: {
          summary: `An evidence file (PNG, JPEG or PDF, at most ${MAX_ATTACHMENT_BYTES} bytes), stored under the SHA-256 of its bytes; upload it before the dispute.message that references it`,
          security: [{ marketplace: [] }],
          parameters: [sha256Param],
          requestBody: { required: true, content: Object.fromEntries(ATTACHMENT_MIMES.map((mime) => [mime, { schema: { type: 'string', format: 'binary' } }])) },
          responses: { 200: json('{sha256, mime, size, stored}: stored is false when the hub already had the file'), 400: error, 401: error, 413: error, 415: error, 429: error, 503: error },
        },
      },
      '/v1/attachments/{sha256}': {
        get: {
          summary: 'The bytes of an evidence file, as its own type (served as a download, never rendered in place)',
          security: [{ staff: [] }],
          parameters: [sha256Param],
          responses: {
            200: { description: 'the file', content: Object.fromEntries(ATTACHMENT_MIMES.map((mime) => [mime, { schema: { type: 'string', format: 'binary' } }])) },
            400: error,
            401: error,
            403: error,
            404: error,
          },
        },
      },
      '/v1/health': { get: { responses: { 200: json('{ok, head}') } } },
    },
  };
  return cached;
}
