/**
 * Browser mode (`npm run web`, src/main/web): the real CLI as a child process, syncing with a
 * real hub process, driven over HTTP. The per-launch secret on every request (static files
 * too), the cookie it becomes, the Host and Origin checks, invoke with bigint on the wire,
 * server-sent events, a statement upload streamed to disk and imported (while any other path is
 * refused), the body limits; and demo mode starting with its accounts printed.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from '../../src/shared/api/wire.js';
import { exited, spawnTs } from '../support/child.js';
import { tempDir } from '../support/files.js';
import { startWeb, type WebProcess } from '../support/web-process.js';
import { addStaffCli, intake, ordersTraffic, startHub, type HubProcess } from '../support/hub-process.js';

const BILL = resolve('resources/statements/alipay-trade-bill.csv');

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: () => unknown;
}

/** One HTTP request with exactly the headers given (no Origin or cookie added behind our back). */
function send(port: number, method: string, path: string, options: { headers?: Record<string, string | number>; body?: string | Buffer | Readable } = {}): Promise<Answer> {
  return new Promise((resolveAnswer, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolveAnswer({ status: res.statusCode!, headers: res.headers, text, json: () => decodeWire(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    const body = options.body;
    if (body instanceof Readable) body.pipe(req);
    else req.end(body);
  });
}

describe('browser mode: npm run web against a real hub', () => {
  const tmp = tempDir('web-host');
  const storage = { db: tmp.file('hub.db') };
  const dataDir = tmp.file('console');
  const ledgerFile = tmp.file('ledger-elsewhere.db');
  let hub: HubProcess;
  let web: WebProcess;
  let cookie: string;
  const auth = () => ({ 'x-console-secret': web.secret });
  const page = () => ({ cookie, origin: `http://127.0.0.1:${web.port}` });

  async function call(method: string, input: unknown = {}): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
    const answer = await send(web.port, 'POST', '/api/invoke', { headers: { ...page(), 'content-type': 'application/json' }, body: encodeWire({ method, input }) });
    expect(answer.status).toBe(200);
    return answer.json() as never;
  }

  beforeAll(async () => {
    await addStaffCli(storage, 'fin', 'finance');
    hub = await startHub(storage);
    const answers = await intake(hub.url, ordersTraffic('W', 3));
    expect(answers.every((a) => a.status === 'accepted')).toBe(true);
    web = await startWeb(['--hub', hub.url, '--data', dataDir, '--db', ledgerFile, '--port', '0', '--upload-limit-mib', '1']);
  });

  afterAll(async () => {
    const stopped = await web?.stop();
    await hub?.stop();
    // SIGTERM is a clean stop, and the uploads of the launch are gone with it.
    expect(stopped?.code).toBe(0);
    expect(existsSync(join(dataDir, 'uploads'))).toBe(false);
    tmp.cleanup();
  });

  it('prints exactly the URL line on stdout, with no demo line', () => {
    expect(web.lines).toEqual([`console on ${web.origin}?secret=${web.secret}`]);
  });

  it('keeps its ledger in the file --db names, not in the data folder', () => {
    expect(existsSync(ledgerFile)).toBe(true);
    expect(existsSync(join(dataDir, 'console.db'))).toBe(false);
  });

  it('refuses every request without the secret or with a wrong one (401), static files included', async () => {
    const wrong = 'A'.repeat(43);
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/index.html'],
      ['GET', '/assets/whatever.js'],
      ['GET', '/api/events'],
      ['POST', '/api/invoke'],
      ['POST', '/api/upload?name=x.csv'],
    ] as const) {
      const none = await send(web.port, method, path);
      expect(none.status, `${method} ${path}`).toBe(401);
      expect(none.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(none.text).toContain('npm run web');
      const byHeader = await send(web.port, method, path, { headers: { 'x-console-secret': wrong } });
      expect(byHeader.status, `${method} ${path}`).toBe(401);
      const byCookie = await send(web.port, method, path, { headers: { cookie: `escrow_console_${web.port}=${wrong}` } });
      expect(byCookie.status, `${method} ${path}`).toBe(401);
    }
    const wrongLink = await send(web.port, 'GET', `/?secret=${wrong}`);
    expect(wrongLink.status).toBe(401);
    expect(wrongLink.headers['set-cookie']).toBeUndefined();
    expect((await send(web.port, 'GET', '/?secret=short')).status).toBe(401);
    // No stack, ever: the body is the flat error.
    expect(wrongLink.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('the secret link sets an HttpOnly SameSite=Strict cookie and redirects to / without the secret', async () => {
    const answer = await send(web.port, 'GET', `/?secret=${web.secret}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    const setCookie = answer.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(new RegExp(`^escrow_console_${web.port}=${web.secret};`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    cookie = setCookie.split(';')[0];

    const index = await send(web.port, 'GET', '/', { headers: { cookie } });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.text).toContain('<div id="root">');
    // Security headers: the renderer's own CSP (every directive of its meta tag) plus framing refused.
    const csp = String(index.headers['content-security-policy']);
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(index.text)?.[1] ?? '';
    expect(meta).not.toBe('');
    for (const directive of meta.split(';').map((d) => d.trim())) expect(csp).toContain(directive);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');

    // The script the page loads is served too, with the cookie only.
    const script = /<script[^>]*src="\.?(\/assets\/[^"]+\.js)"/.exec(index.text)?.[1];
    expect(script).toBeDefined();
    const asset = await send(web.port, 'GET', script!, { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect((await send(web.port, 'GET', script!)).status).toBe(401);
    // An app route falls back to the page; a missing asset does not.
    expect((await send(web.port, 'GET', '/disputes/D1', { headers: { cookie } })).text).toContain('<div id="root">');
    expect((await send(web.port, 'GET', '/assets/missing.js', { headers: { cookie } })).status).toBe(404);
    expect((await send(web.port, 'GET', '/../../package.json', { headers: { cookie } })).text).not.toContain('"escrow-console"');
  });

  it('answers only to its own Host (DNS rebinding) and takes POSTs only from its own Origin', async () => {
    const rebound = await send(web.port, 'GET', '/', { headers: { cookie, host: `evil.example:${web.port}` } });
    expect(rebound.status).toBe(403);
    expect(rebound.json()).toMatchObject({ ok: false, error: { code: 'wrong_host' } });
    expect((await send(web.port, 'GET', '/', { headers: { ...auth(), host: `127.0.0.1:${web.port + 1}` } })).status).toBe(403);
    expect((await send(web.port, 'GET', '/', { headers: { cookie, host: `localhost:${web.port}` } })).status).toBe(200);

    const body = encodeWire({ method: 'session.current', input: {} });
    const json = { 'content-type': 'application/json' };
    const foreign = await send(web.port, 'POST', '/api/invoke', { headers: { cookie, ...json, origin: 'http://127.0.0.1:9' }, body });
    expect(foreign.status).toBe(403);
    expect(foreign.json()).toMatchObject({ ok: false, error: { code: 'wrong_origin' } });
    expect((await send(web.port, 'POST', '/api/invoke', { headers: { cookie, ...json }, body })).status).toBe(403);
    expect((await send(web.port, 'POST', '/api/invoke', { headers: { ...page(), ...json }, body })).status).toBe(200);
    // A tool with the header needs no Origin.
    expect((await send(web.port, 'POST', '/api/invoke', { headers: { ...auth(), ...json }, body })).status).toBe(200);
  });

  it('delivers session.changed over server-sent events when staff sign in, and frees each stream on disconnect', async () => {
    const events: Array<{ event: string; data: unknown }> = [];
    let stream!: IncomingMessage;
    const connected = new Promise<void>((resolveConnected, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: web.port, path: '/api/events', headers: { host: `127.0.0.1:${web.port}`, cookie } }, (res) => {
        stream = res;
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toContain('text/event-stream');
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          if (buffer.includes(': connected')) resolveConnected();
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (event && data) events.push({ event, data: decodeWire(data) });
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    await connected;
    const signedIn = await call('session.signIn', { name: 'fin', password: 'fin-password-1' });
    expect(signedIn).toMatchObject({ ok: true, value: { staff: { name: 'fin', role: 'finance' } } });
    await expect.poll(() => events.find((e) => e.event === 'session.changed')?.data, { timeout: 10_000 }).toMatchObject({ staff: { name: 'fin' }, locked: false });
    stream.destroy();

    // Streams are bounded, and a closed one gives its place (and its listeners) back.
    const open = async () => {
      const answer = await new Promise<IncomingMessage>((resolveOpen, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: web.port, path: '/api/events?topics=session.changed,notification', headers: { host: `127.0.0.1:${web.port}`, cookie } }, resolveOpen);
        req.on('error', reject);
        req.end();
      });
      return answer;
    };
    for (let round = 0; round < 5; round += 1) {
      const held: IncomingMessage[] = [];
      for (let i = 0; i < 16; i += 1) {
        const res = await open();
        expect(res.statusCode).toBe(200);
        held.push(res);
      }
      const refused = await open();
      expect(refused.statusCode).toBe(503);
      refused.resume();
      for (const res of held) res.destroy();
      await expect.poll(async () => (await open().then((r) => (r.destroy(), r.statusCode))) === 200).toBe(true);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await send(web.port, 'GET', '/api/events?topics=ledger.drop', { headers: { cookie } })).status).toBe(400);
  });

  it('invokes methods with bigint amounts intact on the wire, and validates the body', async () => {
    expect(await call('sync.now')).toMatchObject({ ok: true });
    const order = (await call('orders.get', { orderId: 'W1' })) as { ok: boolean; value: { order: { amount: unknown } } };
    expect(order.ok).toBe(true);
    expect(order.value.order.amount).toBe(1037n);
    // A bigint in the input arrives as a bigint too (the amount schema takes it).
    expect(await call('disputes.queue', { minAmount: 10n ** 15n })).toMatchObject({ ok: true, value: { items: [] } });
    // A method's own refusal is a value of a 200 answer, as over Electron's IPC.
    expect(await call('ledger.drop')).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await call('orders.get', { orderId: 'W1', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const json = { ...page(), 'content-type': 'application/json' };
    const notJson = await send(web.port, 'POST', '/api/invoke', { headers: json, body: '{"method":' });
    expect(notJson.status).toBe(400);
    expect(notJson.json()).toMatchObject({ ok: false, error: { code: 'invalid_json' } });
    const badShape = await send(web.port, 'POST', '/api/invoke', { headers: json, body: JSON.stringify({ method: 'session.current', input: {}, extra: 1 }) });
    expect(badShape.status).toBe(400);
    expect(badShape.json()).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const poisoned = await send(web.port, 'POST', '/api/invoke', { headers: json, body: '{"method":"recon.saveMapping","input":{"name":"x","mapping":{"__proto__":{"admin":true}}}}' });
    expect(poisoned.status).toBe(400);
    const form = await send(web.port, 'POST', '/api/invoke', { headers: { ...page(), 'content-type': 'text/plain' }, body: encodeWire({ method: 'session.current' }) });
    expect(form.status).toBe(415);
    const malformed = await send(web.port, 'GET', '/%E0%A4%A', { headers: { cookie } });
    expect(malformed.status).toBe(400);
    expect(malformed.json()).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const huge = await send(web.port, 'POST', '/api/invoke', { headers: json, body: encodeWire({ method: 'search.global', input: { q: 'x'.repeat(2 * 1024 * 1024) } }) });
    expect(huge.status).toBe(413);
    expect(huge.json()).toMatchObject({ ok: false, error: { code: 'body_too_large' } });
  });

  it('streams an upload into the data folder; recon.import reads it, while any other path is not importable', async () => {
    const size = statSync(BILL).size;
    // Chunked (no Content-Length), as a stream: the host writes it as it arrives.
    const answer = await send(web.port, 'POST', `/api/upload?name=${encodeURIComponent('../../Bill 2026-11-11.csv')}`, {
      headers: { ...page(), 'content-type': 'text/csv', 'transfer-encoding': 'chunked' },
      body: createReadStream(BILL, { highWaterMark: 1024 }),
    });
    expect(answer.status).toBe(200);
    const { path, bytes } = answer.json() as { path: string; bytes: number };
    expect(bytes).toBe(size);
    expect(path.startsWith(join(resolve(dataDir), 'uploads') + '/')).toBe(true);
    expect(path).toMatch(/\/[0-9a-f]{24}\/Bill_2026-11-11\.csv$/);
    expect(readFileSync(path).equals(readFileSync(BILL))).toBe(true);
    expect(statSync(path).mode & 0o077).toBe(0);

    const imported = await call('recon.import', { path });
    expect(imported).toMatchObject({ ok: true });
    expect((imported.value as { lines_read: number }).lines_read).toBeGreaterThan(0);
    expect(await call('recon.import', { path: BILL })).toMatchObject({ ok: false, error: { code: 'not_importable' } });
    expect(await call('recon.import', { path: join(resolve(dataDir), 'uploads', 'not-uploaded.csv') })).toMatchObject({ ok: false, error: { code: 'not_importable' } });
  });

  it('refuses oversized and malformed uploads, keeping nothing', async () => {
    const uploads = join(resolve(dataDir), 'uploads');
    const before = readdirSync(uploads).length;
    // Declared too large: refused before a byte is read.
    const declared = await new Promise<number>((resolveStatus, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: web.port, method: 'POST', path: '/api/upload?name=big.csv', headers: { host: `127.0.0.1:${web.port}`, ...page(), 'content-length': String(600 * 1024 * 1024) } },
        (res) => {
          res.resume();
          resolveStatus(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(1024));
    });
    expect(declared).toBe(413);
    // Streamed past the limit (1 MiB for this host): cut off, the partial file removed.
    let sent = 0;
    const endless = new Readable({
      read() {
        sent += 64 * 1024;
        this.push(sent > 8 * 1024 * 1024 ? null : Buffer.alloc(64 * 1024, 0x41));
      },
    });
    const streamed = await send(web.port, 'POST', '/api/upload?name=big.csv', { headers: { ...page(), 'transfer-encoding': 'chunked' }, body: endless }).catch((error: Error) => ({ status: 0, text: error.message }));
    if (streamed.status !== 0) expect(streamed.status).toBe(413);
    await expect.poll(() => readdirSync(uploads).length).toBe(before);

    const noName = await send(web.port, 'POST', '/api/upload', { headers: page(), body: 'x' });
    expect(noName.status).toBe(400);
    expect(noName.json()).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect((await send(web.port, 'POST', '/api/upload?name=empty.csv', { headers: { ...page(), 'content-length': 0 } })).status).toBe(400);
    expect(readdirSync(uploads).length).toBe(before);
    // The host still answers afterwards.
    expect(await call('session.current')).toMatchObject({ ok: true, value: { staff: { name: 'fin' } } });
  });
});

describe('browser mode: demo mode', () => {
  it('starts an embedded hub and prints the demo accounts before the URL', async () => {
    const tmp = tempDir('web-demo');
    const web = await startWeb(['--data', tmp.dir, '--demo-orders', '200']);
    try {
      expect(web.lines).toHaveLength(2);
      expect(web.lines[0]).toMatch(/^demo mode: /);
      for (const name of ['agent', 'risk', 'onboarding', 'finance', 'admin', 'demo-password-1']) expect(web.lines[0]).toContain(name);
      const answer = await send(web.port, 'POST', '/api/invoke', {
        headers: { 'x-console-secret': web.secret, 'content-type': 'application/json' },
        body: encodeWire({ method: 'session.signIn', input: { name: 'finance', password: 'demo-password-1' } }),
      });
      expect(answer.json()).toMatchObject({ ok: true, value: { staff: { role: 'finance' } } });
      const settings = await send(web.port, 'POST', '/api/invoke', { headers: { 'x-console-secret': web.secret, 'content-type': 'application/json' }, body: encodeWire({ method: 'settings.get', input: {} }) });
      expect(settings.json()).toMatchObject({ ok: true, value: { demo: true } });
    } finally {
      expect((await web.stop()).code).toBe(0);
      tmp.cleanup();
    }
  });

  it('refuses bad options with exit code 2 and a message', async () => {
    const child = spawnTs('src/main/web/cli.ts', ['--port', 'seventy']);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    expect((await exited(child)).code).toBe(2);
    expect(stderr).toContain('--port must be a whole number');
  });
});
