/**
 * A seeded fault-injecting HTTP proxy for sync tests. Per request it either passes it on, or:
 * delays it, drops it (closes the connection unanswered), loses the response after the hub has
 * handled it, sends it to the hub twice, or holds it back and sends it after a later request.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rng } from './driver.js';

export type Fault = 'pass' | 'delay' | 'drop' | 'lose_response' | 'duplicate' | 'reorder';

const WEIGHTS: Array<[Fault, number]> = [
  ['pass', 0.5],
  ['delay', 0.12],
  ['drop', 0.1],
  ['lose_response', 0.1],
  ['duplicate', 0.09],
  ['reorder', 0.09],
];

export interface FaultProxy {
  url: string;
  counts: Record<Fault, number>;
  close(): Promise<void>;
}

interface Forwarded {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Forwarded> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') }, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

export async function startFaultProxy(hubUrl: string, seed: number, options: { holdMs?: number } = {}): Promise<FaultProxy> {
  const target = new URL(hubUrl);
  const random = rng(seed);
  const counts: Record<Fault, number> = { pass: 0, delay: 0, drop: 0, lose_response: 0, duplicate: 0, reorder: 0 };
  const held: Array<() => void> = [];
  const holdMs = options.holdMs ?? 300;

  const pick = (): Fault => {
    let r = random();
    for (const [fault, weight] of WEIGHTS) if ((r -= weight) < 0) return fault;
    return 'pass';
  };

  const reply = (res: ServerResponse, answer: Forwarded) => {
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  };

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    // Every new request releases the ones held back before it: they arrive out of order.
    for (const release of held.splice(0)) release();
    const fault = pick();
    counts[fault] += 1;
    try {
      switch (fault) {
        case 'pass':
          return reply(res, await forward(target, req, body));
        case 'delay':
          await new Promise((r) => setTimeout(r, Math.floor(random() * 200)));
          return reply(res, await forward(target, req, body));
        case 'drop':
          return req.socket.destroy();
        case 'lose_response':
          await forward(target, req, body);
          return req.socket.destroy();
        case 'duplicate': {
          await forward(target, req, body);
          return reply(res, await forward(target, req, body));
        }
        case 'reorder':
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, holdMs);
            held.push(() => {
              clearTimeout(timer);
              setTimeout(resolve, 20);
            });
          });
          return reply(res, await forward(target, req, body));
      }
    } catch {
      req.socket.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
