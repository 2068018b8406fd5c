/**
 * Hostile and malformed requests against every endpoint of a real hub process, and requests
 * with missing, wrong, expired or under-privileged credentials: each gets a 4xx with a clear
 * JSON message (never a stack trace) and nothing is written to the ledger.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/attachments/content.js';
import { tempDir } from '../support/files.js';
import { addStaffCli, advanceClock, ADMIN, fileBytes, intake, MARKETPLACE_KEY, ordersTraffic, startHub, uploadAttachment, type HubProcess } from '../support/hub-process.js';

const tmp = tempDir('hub-api');
const hubDb = tmp.file('hub.db');
let hub: HubProcess;

interface Reply {
  status: number;
  body: { error?: { code: string; message: string }; [key: string]: unknown };
  text: string;
}

async function call(method: string, path: string, options: { body?: string; token?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${hub.url}${path}`, { method, headers, body: options.body });
  const text = await response.text();
  let body: Reply['body'] = {};
  try {
    body = JSON.parse(text) as Reply['body'];
  } catch {
    // leave empty: the assertions below require JSON
  }
  return { status: response.status, body, text };
}

/**
 * Announces a body above the hub's limit (Content-Length) and starts sending it: the hub must
 * answer 413 from the header alone, without reading the body.
 */
function sendOversized(path: string, headers: Record<string, string>, options: { method?: string; length?: number } = {}): Promise<Reply> {
  const length = options.length ?? 5 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${hub.url}${path}`, { method: options.method ?? 'POST', headers: { 'content-type': 'application/json', ...headers, 'content-length': length } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Reply['body'], text });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.write(Buffer.alloc(1024, 'x'));
  });
}

async function signIn(name: string, password: string): Promise<string> {
  const reply = await call('POST', '/v1/session', { body: JSON.stringify({ name, password }) });
  expect(reply.status).toBe(200);
  return String(reply.body.token);
}

async function head(): Promise<unknown> {
  return (await call('GET', '/v1/health')).body.head;
}

function expectClearError(reply: Reply, status: number, code?: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.body.error?.message, reply.text).toMatch(/\w{3,}/);
  if (code) expect(reply.body.error?.code).toBe(code);
  expect(reply.text).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
}

const command = (id: string, data: Record<string, unknown> = { amount: '100', currency: 'CNY' }, type = 'order.refund') =>
  JSON.stringify({ commands: [{ id, expectedVersion: 2, command: { type, orderId: 'A1', data } }] });

beforeAll(async () => {
  hub = await startHub({ db: hubDb }, { rate: 100 });
  await addStaffCli({ db: hubDb }, 'agent1', 'agent');
  await addStaffCli({ db: hubDb }, 'risk1', 'risk');
  await addStaffCli({ db: hubDb }, 'onboard1', 'onboarding');
  await intake(hub.url, ordersTraffic('A', 3));
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  tmp.cleanup();
});

describe('hub API: credentials', () => {
  it('refuses every staff endpoint without a valid token', async () => {
    const before = await head();
    for (const token of [undefined, 'garbage', 'x'.repeat(43)]) {
      expectClearError(await call('GET', '/v1/me', { token }), 401, 'unauthenticated');
      expectClearError(await call('GET', '/v1/events?after=0', { token }), 401, 'unauthenticated');
      expectClearError(await call('GET', '/v1/checkpoint', { token }), 401, 'unauthenticated');
      expectClearError(await call('POST', '/v1/commands', { token, body: command('0193a3c2-0000-7000-8000-000000000001') }), 401, 'unauthenticated');
    }
    expect(await head()).toEqual(before);
  });

  it('refuses the marketplace endpoint without the right key', async () => {
    const body = JSON.stringify({ events: ordersTraffic('X', 1) });
    expectClearError(await call('POST', '/v1/marketplace/events', { body }), 401, 'unauthenticated');
    expectClearError(await call('POST', '/v1/marketplace/events', { body, headers: { 'x-marketplace-key': `${MARKETPLACE_KEY}x` } }), 401);
    expectClearError(await call('POST', '/v1/marketplace/events', { body, token: await signIn(ADMIN.name, ADMIN.password) }), 401);
  });

  it('answers one generic message for a wrong name or password, and locks an account after 5 failures', async () => {
    const unknown = await call('POST', '/v1/session', { body: JSON.stringify({ name: 'nobody', password: 'whatever-123' }) });
    const wrong = await call('POST', '/v1/session', { body: JSON.stringify({ name: 'onboard1', password: 'wrong-password' }) });
    expectClearError(unknown, 401, 'invalid_credentials');
    expect(wrong.body).toEqual(unknown.body);
    for (let i = 0; i < 4; i += 1) await call('POST', '/v1/session', { body: JSON.stringify({ name: 'onboard1', password: 'wrong-password' }) });
    expectClearError(await call('POST', '/v1/session', { body: JSON.stringify({ name: 'onboard1', password: 'onboard1-password-1' }) }), 423, 'locked');
  });

  it('checks the role of every command on the hub, not only in the UI', async () => {
    const before = await head();
    const risk = await signIn('risk1', 'risk1-password-1');
    const reply = await call('POST', '/v1/commands', { token: risk, body: command('0193a3c2-0000-7000-8000-0000000000a1') });
    expect(reply.status).toBe(200);
    expect(reply.body.answers).toMatchObject([{ status: 'rejected', code: 'forbidden' }]);
    const agent = await signIn('agent1', 'agent1-password-1');
    const approve = { type: 'dispute.approve', disputeId: 'DA0', data: { proposalId: '0193a3c2-0000-7000-8000-0000000000ff' } };
    const financeOnly = await call('POST', '/v1/commands', { token: agent, body: JSON.stringify({ commands: [{ id: '0193a3c2-0000-7000-8000-0000000000a2', expectedVersion: 1, command: approve }] }) });
    expect(financeOnly.body.answers).toMatchObject([{ status: 'rejected', code: 'forbidden' }]);
    // Marketplace-only commands cannot be sent by staff at all.
    const pay = await call('POST', '/v1/commands', { token: agent, body: JSON.stringify({ commands: [{ id: '0193a3c2-0000-7000-8000-0000000000a3', expectedVersion: 0, command: { type: 'order.confirm', orderId: 'A1' } }] }) });
    expect(pay.body.answers).toMatchObject([{ status: 'rejected', code: 'invalid' }]);
    expect(await head()).toEqual(before);
  });

  it('expires sessions on the hub clock', async () => {
    const token = await signIn('agent1', 'agent1-password-1');
    expect((await call('GET', '/v1/me', { token })).status).toBe(200);
    await advanceClock(hub.url, 8 * 60 * 60 * 1000 + 1);
    expectClearError(await call('GET', '/v1/me', { token }), 401, 'unauthenticated');
  });
});

describe('hub API: malformed and hostile bodies', () => {
  it('refuses malformed bodies on every endpoint with a 4xx and writes nothing', async () => {
    const token = await signIn('agent1', 'agent1-password-1');
    const market = { 'x-marketplace-key': MARKETPLACE_KEY };
    const before = await head();
    for (const path of ['/v1/session', '/v1/commands', '/v1/marketplace/events']) {
      const headers = path.includes('marketplace') ? market : {};
      expectClearError(await call('POST', path, { token, headers, body: '{"commands": [' }), 400, 'invalid_json');
      expectClearError(await call('POST', path, { token, headers, body: '' }), 400);
      expectClearError(await call('POST', path, { token, headers: { ...headers, 'content-type': 'text/plain' }, body: 'hello' }), 415, 'unsupported_media_type');
      expectClearError(await call('POST', path, { token, headers, body: JSON.stringify({ unexpected: true }) }), 400, 'invalid');
      expectClearError(await call('POST', path, { token, headers, body: '[]' }), 400, 'invalid');
      expectClearError(await sendOversized(path, { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }), 413, 'body_too_large');
    }
    expect(await head()).toEqual(before);
  });

  it('refuses absurd amounts, unknown fields, hostile ids and oversized batches in intake', async () => {
    const market = { 'x-marketplace-key': MARKETPLACE_KEY };
    const before = await head();
    const paid = { id: 'h1', type: 'order.paid', orderId: 'H1', buyerId: 'B1', merchantId: 'M1', amount: '100', currency: 'CNY', feeBps: 60, reserveBps: 0 };
    const hostile: unknown[] = [
      { ...paid, amount: '1000000000000000000000000000000' },
      { ...paid, amount: 12.5 },
      { ...paid, amount: 100 },
      { ...paid, amount: '-5' },
      { ...paid, amount: '1e3' },
      { ...paid, amount: '0' },
      { ...paid, currency: 'XXX' },
      { ...paid, feeBps: 10_001 },
      { ...paid, extra: 'field' },
      { ...paid, orderId: "H1'; DROP TABLE events; --" },
      { ...paid, orderId: '' },
      { ...paid, type: 'order.nonsense' },
      JSON.parse('{"__proto__": {"polluted": true}, "id": "h2", "type": "order.confirmed", "orderId": "H1"}'),
    ];
    for (const event of hostile) {
      // A __proto__ key is refused by the JSON parser itself (invalid_json); the rest by the schema.
      const reply = await call('POST', '/v1/marketplace/events', { headers: market, body: JSON.stringify({ events: [event] }) });
      expectClearError(reply, 400);
      expect(['invalid', 'invalid_json']).toContain(reply.body.error?.code);
    }
    // One bad event refuses the whole request: nothing of it is written.
    expectClearError(await call('POST', '/v1/marketplace/events', { headers: market, body: JSON.stringify({ events: [paid, { ...paid, id: 'h3', amount: 'NaN' }] }) }), 400, 'invalid');
    expectClearError(await call('POST', '/v1/marketplace/events', { headers: market, body: JSON.stringify({ events: Array.from({ length: 1001 }, (_, i) => ({ ...paid, id: `b${i}`, orderId: `B${i}` })) }) }), 400, 'invalid');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await head()).toEqual(before);
  });

  it('answers invalid commands one by one without writing, and refuses oversized batches', async () => {
    const token = await signIn('agent1', 'agent1-password-1');
    const before = await head();
    const cases = [
      command('not-a-uuid'),
      command('0193a3c2-0000-7000-8000-0000000000b1', { amount: '1e30', currency: 'CNY' }),
      command('0193a3c2-0000-7000-8000-0000000000b2', { amount: 5, currency: 'CNY' }),
      command('0193a3c2-0000-7000-8000-0000000000b3', { amount: '100', currency: 'CNY', sneaky: 1 }),
      command('0193a3c2-0000-7000-8000-0000000000b4', { amount: '100' }),
    ];
    for (const body of cases) {
      const reply = await call('POST', '/v1/commands', { token, body });
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body.answers).toMatchObject([{ status: 'rejected', code: 'invalid' }]);
    }
    const many = JSON.stringify({ commands: Array.from({ length: 101 }, () => ({})) });
    expectClearError(await call('POST', '/v1/commands', { token, body: many }), 400, 'invalid');
    expect(await head()).toEqual(before);
  });

  it('validates queries and answers unknown routes with JSON', async () => {
    const token = await signIn('agent1', 'agent1-password-1');
    for (const query of ['after=-1', 'limit=999999', 'wait=99999999', 'after=abc', 'unknown=1']) {
      expectClearError(await call('GET', `/v1/events?${query}`, { token }), 400, 'invalid');
    }
    expectClearError(await call('GET', '/v1/nowhere'), 404, 'not_found');
    expectClearError(await call('POST', '/v1/test/clock', { body: JSON.stringify({ advanceMs: -1 }) }), 400, 'invalid');
  });

  it('the same command id with another body is refused; the same body answers the first answer', async () => {
    const token = await signIn('agent1', 'agent1-password-1');
    const id = '0193a3c2-0000-7000-8000-0000000000c1';
    const first = await call('POST', '/v1/commands', { token, body: command(id, { amount: '100', currency: 'CNY' }) });
    const again = await call('POST', '/v1/commands', { token, body: command(id, { amount: '100', currency: 'CNY' }) });
    expect(again.body).toEqual(first.body);
    const other = await call('POST', '/v1/commands', { token, body: command(id, { amount: '200', currency: 'CNY' }) });
    expect(other.body.answers).toMatchObject([{ status: 'rejected', code: 'exists_with_different_body' }]);
  });

  it('rate-limits a token that floods the hub', async () => {
    const token = await signIn('agent1', 'agent1-password-1');
    const replies = await Promise.all(Array.from({ length: 400 }, () => call('GET', '/v1/me', { token })));
    const limited = replies.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expectClearError(limited[0], 429, 'rate_limited');
  });

  it('publishes an OpenAPI document of the endpoints', async () => {
    const reply = await call('GET', '/v1/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toBe('3.1.0');
    expect(Object.keys(reply.body.paths as object)).toEqual(
      expect.arrayContaining(['/v1/session', '/v1/commands', '/v1/events', '/v1/checkpoint', '/v1/marketplace/events', '/v1/marketplace/attachments/{sha256}', '/v1/attachments/{sha256}']),
    );
  });
});

describe('hub API: evidence files', () => {
  const sha = sha256Hex;
  const asReply = async (response: Response): Promise<Reply> => {
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as Reply['body'], text };
  };
  const message = (id: string, attachments: unknown[]) => ({
    id,
    type: 'dispute.message',
    orderId: 'E0',
    disputeId: 'DE0',
    from: 'buyer',
    text: 'photos of the damage',
    attachments,
  });

  beforeAll(async () => {
    await intake(hub.url, ordersTraffic('E', 1, { disputeEvery: 1 }));
  });

  it('stores an upload under its hash once; a retry changes nothing', async () => {
    const photo = fileBytes('image/png', 20_000, 11);
    const first = await asReply(await uploadAttachment(hub.url, photo, 'image/png'));
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ sha256: sha(photo), mime: 'image/png', size: 20_000, stored: true });
    const again = await asReply(await uploadAttachment(hub.url, photo, 'image/png'));
    expect(again.body).toMatchObject({ sha256: sha(photo), stored: false });
  });

  it('refuses uploads that are not what they claim, too large, of another type, or without the key', async () => {
    const pdf = fileBytes('application/pdf', 500, 12);
    const refuse = async (response: Promise<Response>, status: number, code: string) => expectClearError(await asReply(await response), status, code);
    await refuse(uploadAttachment(hub.url, pdf, 'application/pdf', 'a'.repeat(64)), 400, 'attachment_hash_mismatch');
    await refuse(uploadAttachment(hub.url, pdf, 'image/png'), 400, 'attachment_type_mismatch');
    // An executable renamed and sent as a photo: judged by its bytes.
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 1)]);
    await refuse(uploadAttachment(hub.url, exe, 'image/jpeg'), 400, 'attachment_type_unsupported');
    await refuse(uploadAttachment(hub.url, new Uint8Array(0), 'image/png', sha(new Uint8Array(0))), 400, 'attachment_empty');
    const huge = fileBytes('image/jpeg', 5 * 1024 * 1024 + 1, 13);
    const tooLarge = await sendOversized(`/v1/marketplace/attachments/${sha(huge)}`, { 'content-type': 'image/jpeg', 'x-marketplace-key': MARKETPLACE_KEY }, { method: 'PUT', length: huge.length });
    expectClearError(tooLarge, 413, 'body_too_large');
    expect(tooLarge.body.error?.message).toContain(String(5 * 1024 * 1024));
    await refuse(fetch(`${hub.url}/v1/marketplace/attachments/${sha(pdf)}`, { method: 'PUT', headers: { 'content-type': 'text/html', 'x-marketplace-key': MARKETPLACE_KEY }, body: 'x' }), 415, 'unsupported_media_type');
    await refuse(fetch(`${hub.url}/v1/marketplace/attachments/${sha(pdf)}`, { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body: pdf }), 401, 'unauthenticated');
    // A caller without the key is refused from the headers, before a large body is read.
    expectClearError(await sendOversized(`/v1/marketplace/attachments/${sha(huge)}`, { 'content-type': 'image/jpeg' }, { method: 'PUT', length: huge.length }), 401, 'unauthenticated');
    // Only the upload route reads raw bytes: a file sent to another endpoint is refused by type.
    expectClearError(await call('POST', '/v1/commands', { body: 'x', headers: { 'content-type': 'application/pdf' } }), 415, 'unsupported_media_type');
    // An address that is not a hash (an escaped path here) is refused by the schema.
    await refuse(uploadAttachment(hub.url, pdf, 'application/pdf', '..%2F..%2Fetc%2Fpasswd'), 400, 'invalid');
    await refuse(uploadAttachment(hub.url, pdf, 'application/pdf', 'A'.repeat(64)), 400, 'invalid');
    // None of them was kept.
    const token = await signIn('agent1', 'agent1-password-1');
    for (const bytes of [pdf, exe, huge]) expectClearError(await call('GET', `/v1/attachments/${sha(bytes)}`, { token }), 404, 'attachment_not_found');
  });

  it('serves a file to signed-in staff as an inert download, and to nobody else', async () => {
    const receipt = fileBytes('application/pdf', 3_000, 14);
    expect((await uploadAttachment(hub.url, receipt, 'application/pdf')).status).toBe(200);
    const token = await signIn('risk1', 'risk1-password-1');
    const response = await fetch(`${hub.url}/v1/attachments/${sha(receipt)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(response.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(receipt))).toBe(true);
    expectClearError(await call('GET', `/v1/attachments/${sha(receipt)}`), 401, 'unauthenticated');
    expectClearError(await call('GET', `/v1/attachments/${sha(receipt)}`, { headers: { 'x-marketplace-key': MARKETPLACE_KEY } }), 401, 'unauthenticated');
    expectClearError(await call('GET', '/v1/attachments/not-a-hash', { token }), 400, 'invalid');
  });

  it('intake accepts a message only with files uploaded as referenced', async () => {
    const photo = fileBytes('image/jpeg', 4_000, 15);
    const ref = { sha256: sha(photo), name: 'photo.jpg', mime: 'image/jpeg', size: photo.length };
    const before = await head();
    const [missing] = await intake(hub.url, [message('E-msg-1', [ref])]);
    expect(missing).toMatchObject({ status: 'rejected', code: 'attachment_missing' });
    expect(await head()).toEqual(before);

    expect((await uploadAttachment(hub.url, photo, 'image/jpeg')).status).toBe(200);
    const [wrongSize, wrongType] = await intake(hub.url, [message('E-msg-2', [{ ...ref, size: ref.size + 1 }]), message('E-msg-3', [{ ...ref, mime: 'image/png' }])]);
    expect(wrongSize).toMatchObject({ status: 'rejected', code: 'attachment_missing' });
    expect(wrongType).toMatchObject({ status: 'rejected', code: 'attachment_missing' });
    const [accepted] = await intake(hub.url, [message('E-msg-4', [ref])]);
    expect(accepted).toMatchObject({ status: 'accepted' });
  });
});
