/**
 * A real hub process for integration tests: `src/hub/cli.ts` on a temp SQLite file (or a
 * PostgreSQL URL), with --test-clock, a bootstrap admin and a marketplace key.
 */
import type { ChildProcess } from 'node:child_process';
import { sha256Hex } from '../../src/core/attachments/content.js';
import { exited, onLines, spawnTs } from './child.js';

export const ADMIN = { name: 'root', password: 'root-password-1' };
export const MARKETPLACE_KEY = 'test-marketplace-key';

export interface HubProcess {
  url: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startHub(storage: { db?: string; databaseUrl?: string }, options: { port?: number; rate?: number } = {}): Promise<HubProcess> {
  const args = [
    '--port',
    String(options.port ?? 0),
    '--test-clock',
    ...(options.rate ? ['--rate', String(options.rate)] : []),
    ...(storage.db ? ['--db', storage.db] : ['--database-url', storage.databaseUrl!]),
  ];
  const child = spawnTs('src/hub/cli.ts', args, {
    ESCROW_BOOTSTRAP_ADMIN: `${ADMIN.name}:${ADMIN.password}`,
    ESCROW_MARKETPLACE_KEY: MARKETPLACE_KEY,
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    onLines(child, (line) => {
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`hub exited (${code}) before listening: ${stderr}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited(child);
    },
  };
}

/** Adds a staff member through the hub's own CLI (`hub staff add`). */
export async function addStaffCli(storage: { db?: string; databaseUrl?: string }, name: string, role: string, password = `${name}-password-1`): Promise<void> {
  const child = spawnTs('src/hub/cli.ts', ['staff', 'add', ...(storage.db ? ['--db', storage.db] : ['--database-url', storage.databaseUrl!]), '--name', name, '--role', role], {
    ESCROW_PASSWORD: password,
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const { code } = await exited(child);
  if (code !== 0) throw new Error(`hub staff add failed: ${stderr}`);
}

export async function intake(url: string, events: unknown[]): Promise<Array<{ id: string; status: string; code?: string }>> {
  const response = await fetch(`${url}/v1/marketplace/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-marketplace-key': MARKETPLACE_KEY },
    body: JSON.stringify({ events }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
  });
  if (!response.ok) throw new Error(`intake failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { answers: Array<{ id: string; status: string; code?: string }> }).answers;
}

/** PUTs an evidence file to the hub as the marketplace does (under `sha256`, default its real hash). */
export async function uploadAttachment(url: string, bytes: Uint8Array<ArrayBuffer>, mime: string, sha256 = sha256Hex(bytes)): Promise<Response> {
  return fetch(`${url}/v1/marketplace/attachments/${sha256}`, { method: 'PUT', headers: { 'content-type': mime, 'x-marketplace-key': MARKETPLACE_KEY }, body: bytes });
}

/** Bytes the hub takes for a file of `mime` (only the leading signature is checked), `size` long, different per `seed`. */
export function fileBytes(mime: 'image/png' | 'image/jpeg' | 'application/pdf', size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const magic = { 'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/jpeg': [0xff, 0xd8, 0xff, 0xe0], 'application/pdf': [...Buffer.from('%PDF-1.4\n')] }[mime];
  const bytes = new Uint8Array(size).map((_, i) => (i * 131 + seed * 7) % 256);
  bytes.set(magic.slice(0, size));
  return bytes;
}

export async function advanceClock(url: string, advanceMs: number): Promise<void> {
  const response = await fetch(`${url}/v1/test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs }) });
  if (!response.ok) throw new Error(`clock advance failed: ${response.status}`);
}

/** Simple marketplace traffic: n orders paid and shipped, some disputed. */
export function ordersTraffic(prefix: string, n: number, options: { disputeEvery?: number } = {}): unknown[] {
  const events: unknown[] = [];
  for (let i = 0; i < n; i += 1) {
    const orderId = `${prefix}${i}`;
    // One order per buyer: ordinary traffic, which the risk rules (buyer velocity) let through.
    events.push({ id: `${orderId}-paid`, type: 'order.paid', orderId, buyerId: `B-${orderId}`, merchantId: `M${i % 5}`, amount: String(1000 + i * 37), currency: 'CNY', feeBps: 60, reserveBps: 1000 });
    events.push({ id: `${orderId}-shipped`, type: 'order.shipped', orderId, method: 'express' });
    if (options.disputeEvery && i % options.disputeEvery === 0) {
      events.push({ id: `${orderId}-dispute`, type: 'dispute.opened', orderId, disputeId: `D${orderId}`, kind: 'dispute', reason: 'not_as_described', claimedAmount: '500', currency: 'CNY', message: 'the colour is wrong' });
    }
  }
  return events;
}
