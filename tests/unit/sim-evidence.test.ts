/**
 * The simulator's dispute evidence: the generated PNG photos and PDF receipts are well-formed
 * files the hub's own content check accepts, the same seed gives the same bytes, the messages
 * go to exactly the disputes that call for them without disturbing the rest of the traffic, and
 * the sender uploads each file (retrying like intake) before the batch that attaches it.
 */
import { createHash } from 'node:crypto';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inspectAttachment } from '../../src/core/attachments/content.js';
import type { IntakeAnswer } from '../../src/shared/api/hub.js';
import { canonicalJson } from '../../src/shared/json.js';
import type { MarketplaceEvent } from '../../src/shared/marketplace.js';
import { planBatches } from '../../src/sim/batches.js';
import { encodePng, textPdf } from '../../src/sim/evidence.js';
import { HubClient } from '../../src/sim/hub-client.js';
import { Random } from '../../src/sim/random.js';
import { sendBatches, UnexpectedAnswer } from '../../src/sim/send.js';
import { HOUR_MS, MINUTE_MS } from '../../src/sim/timeline.js';
import { generateTraffic } from '../../src/sim/traffic.js';

const traffic = generateTraffic({ orders: 5000, seed: '20261111', profile: 'normal' });
const files = [...traffic.attachments.values()];
const messages = traffic.events.flatMap(({ at, event }) => (event.type === 'dispute.message' ? [{ at, event }] : []));

interface PngChunk {
  type: string;
  data: Buffer;
}

/** Splits a PNG into its chunks, checking the signature and every chunk's CRC (with zlib's own CRC-32, not the encoder's). */
function pngChunks(bytes: Uint8Array): PngChunk[] {
  const png = Buffer.from(bytes);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: PngChunk[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length), `CRC of chunk ${chunks.length}`).toBe(crc32(typeAndData));
    chunks.push({ type: typeAndData.subarray(0, 4).toString('ascii'), data: typeAndData.subarray(4) });
    offset += 12 + length;
    expect(offset).toBeLessThanOrEqual(png.length);
  }
  return chunks;
}

/** Checks a PNG's structure and returns its width, height and inflated scanlines. */
function decodePng(bytes: Uint8Array): { width: number; height: number; raw: Buffer } {
  const chunks = pngChunks(bytes);
  expect(chunks[0].type).toBe('IHDR');
  expect(chunks.at(-1)).toEqual({ type: 'IEND', data: Buffer.alloc(0) });
  const header = chunks[0].data;
  expect(header.length).toBe(13);
  const [width, height] = [header.readUInt32BE(0), header.readUInt32BE(4)];
  // 8 bits per sample, RGB, deflate, adaptive filtering, not interlaced.
  expect([...header.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  expect(raw.length).toBe(height * (1 + width * 3));
  return { width, height, raw };
}

/** Checks a PDF's cross-reference table against the objects it points at; returns its text. */
function checkPdf(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('latin1');
  expect(text.startsWith('%PDF-1.4\n')).toBe(true);
  expect(text.endsWith('%%EOF\n')).toBe(true);
  expect(/^[\x20-\x7e\n]*$/.test(text), 'ASCII only').toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  expect(text.startsWith('xref\n', startxref)).toBe(true);
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref))!.map(Number);
  expect(first).toBe(0);
  const entries = text.slice(startxref).split('\n').slice(2, 2 + count);
  expect(entries[0]).toBe('0000000000 65535 f ');
  entries.slice(1).forEach((entry, i) => {
    expect(entry).toMatch(/^\d{10} 00000 n $/);
    expect(text.startsWith(`${i + 1} 0 obj\n`, Number(entry.slice(0, 10))), `object ${i + 1}`).toBe(true);
  });
  expect(text).toContain(`trailer\n<< /Size ${count} /Root 1 0 R >>`);
  const stream = /<< \/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/.exec(text)!;
  expect(stream[2].length).toBe(Number(stream[1]));
  return text;
}

describe('the generated files', () => {
  it('are photos and receipts of every kind, each well under 30 KB and each different', () => {
    expect(files.filter((f) => f.mime === 'image/png').length).toBeGreaterThan(20);
    expect(files.filter((f) => f.mime === 'application/pdf').length).toBeGreaterThan(5);
    expect(files.every((f) => f.bytes.length < 30_000)).toBe(true);
    // No two disputes' files are the same bytes.
    expect(traffic.attachments.size).toBe(messages.reduce((n, m) => n + (m.event.attachments?.length ?? 0), 0));
    expect(traffic.plan.evidence).toEqual({ messages: messages.length, files: files.length, bytes: files.reduce((n, f) => n + f.bytes.length, 0) });
  });

  it('PNG photos: signature, 160x120 RGB header, valid CRCs, IDAT inflating to every scanline', () => {
    for (const file of files.filter((f) => f.mime === 'image/png')) {
      const { width, height, raw } = decodePng(file.bytes);
      expect([width, height]).toEqual([160, 120]);
      for (let y = 0; y < height; y += 1) expect(raw[y * (1 + width * 3)]).toBe(0);
    }
  });

  it('the PNG encoder stores exactly the pixels it is given', () => {
    const rgb = Uint8Array.from({ length: 3 * 2 * 3 }, (_, i) => (i * 37) % 256);
    const { width, height, raw } = decodePng(encodePng(3, 2, rgb));
    expect([width, height]).toEqual([3, 2]);
    expect([...raw]).toEqual([0, ...rgb.subarray(0, 9), 0, ...rgb.subarray(9)]);
    expect(() => encodePng(3, 3, rgb)).toThrow(RangeError);
  });

  it('PDF receipts: header, cross-reference offsets at their objects, startxref at the table, the delivery in the text', () => {
    const receipts = messages.filter((m) => m.event.from === 'merchant');
    expect(receipts.length).toBeGreaterThan(5);
    for (const { event } of receipts) {
      const text = checkPdf(traffic.attachments.get(event.attachments![0].sha256)!.bytes);
      for (const line of ['(Delivery receipt) Tj', `(Order: ${event.orderId}) Tj`, `(Tracking number: ${event.trackingNo}) Tj`]) expect(text).toContain(line);
      expect(text).toMatch(/\(Delivered: \d{4}-\d\d-\d\d \d\d:\d\d \\\(UTC\+8\\\)\) Tj/);
    }
  });

  it('the PDF writer escapes what PDF strings need escaped and refuses what is not ASCII', () => {
    expect(checkPdf(textPdf('A (b) \\ c', ['x']))).toContain('(A \\(b\\) \\\\ c) Tj');
    expect(() => textPdf('收据', [])).toThrow(RangeError);
  });

  it('pass the hub\'s content check as the type and hash the messages declare', () => {
    for (const { event } of messages) {
      for (const ref of event.attachments!) {
        const checked = inspectAttachment(traffic.attachments.get(ref.sha256)!.bytes, { sha256: ref.sha256, mime: ref.mime });
        expect(checked, ref.name).toEqual({ ok: true, value: { sha256: ref.sha256, mime: ref.mime, size: ref.size } });
      }
    }
  });
});

describe('determinism', () => {
  it('every file is stored under the SHA-256 of its bytes', () => {
    for (const [sha256, file] of traffic.attachments) expect(createHash('sha256').update(file.bytes).digest('hex')).toBe(sha256);
  });
});

describe('which disputes get evidence', () => {
  type OrderEvent = Extract<MarketplaceEvent, { orderId: string }>;
  const byOrder = new Map<string, Array<{ at: number; event: OrderEvent }>>();
  for (const { at, event } of traffic.events) if ('orderId' in event) byOrder.set(event.orderId, [...(byOrder.get(event.orderId) ?? []), { at, event }]);

  it('exactly the disputes open after shipping for damage, a different or fake item (photos), or a tracked parcel not received (receipt)', () => {
    const expected = new Map<string, 'buyer' | 'merchant'>();
    for (const [orderId, events] of byOrder) {
      const opened = events.findIndex((e) => e.event.type === 'dispute.opened');
      const shipped = events.find((e) => e.event.type === 'order.shipped')?.event;
      if (opened < 0 || !shipped || events.findIndex((e) => e.event === shipped) > opened) continue;
      if (events.some((e) => e.event.type === 'dispute.withdrawn')) continue;
      const { reason } = events[opened].event as Extract<MarketplaceEvent, { type: 'dispute.opened' }>;
      if (['damaged', 'not_as_described', 'counterfeit'].includes(reason)) expected.set(orderId, 'buyer');
      if (reason === 'item_not_received' && shipped.type === 'order.shipped' && shipped.trackingNo) expected.set(orderId, 'merchant');
    }
    expect(new Set(expected.values())).toEqual(new Set(['buyer', 'merchant']));
    expect(new Map(messages.map((m) => [m.event.orderId, m.event.from]))).toEqual(expected);
    expect(messages).toHaveLength(expected.size);
  });

  it('each message comes after its dispute opened, as the order\'s last event, with its files named and timed as planned', () => {
    for (const { at, event } of messages) {
      const events = byOrder.get(event.orderId)!;
      const opened = events.find((e) => e.event.type === 'dispute.opened')!;
      expect(events.at(-1)!.event, event.orderId).toBe(event);
      expect(event.disputeId).toBe((opened.event as Extract<MarketplaceEvent, { type: 'dispute.opened' }>).disputeId);
      const refs = event.attachments!;
      if (event.from === 'buyer') {
        expect(at - opened.at).toBeGreaterThanOrEqual(10 * MINUTE_MS);
        expect(at - opened.at).toBeLessThanOrEqual(2 * HOUR_MS);
        expect(refs.map((r) => r.name)).toEqual(['photo-1.png', 'photo-2.png'].slice(0, refs.length));
        expect(refs.every((r) => r.mime === 'image/png')).toBe(true);
      } else {
        const shipped = events.find((e) => e.event.type === 'order.shipped')!.event as Extract<MarketplaceEvent, { type: 'order.shipped' }>;
        expect(at - opened.at).toBeGreaterThanOrEqual(HOUR_MS);
        expect(at - opened.at).toBeLessThanOrEqual(12 * HOUR_MS);
        expect(event.trackingNo).toBe(shipped.trackingNo);
        expect(refs).toMatchObject([{ name: 'delivery-receipt.pdf', mime: 'application/pdf' }]);
      }
      for (const ref of refs) expect(ref.size).toBe(traffic.attachments.get(ref.sha256)!.bytes.length);
      expect(traffic.attachments.get(refs[0].sha256)!.mime).toBe(refs[0].mime);
    }
  });

  it('leaves the other events as they were: the numbered ids run on without gaps, the messages carry their own', () => {
    const numbered = traffic.events.filter((e) => e.event.type !== 'dispute.message').map((e) => e.event.id);
    expect(numbered).toEqual(numbered.map((_, i) => `E-${traffic.runTag}-${String(i + 1).padStart(8, '0')}`));
    for (const { event } of messages) expect(event.id).toBe(`${event.orderId.replace(/^O-/, 'E-')}-evidence`);
  });

  it('leaves the other events byte-identical to the traffic of the same seed before evidence existed', () => {
    // Pinned when evidence was added (its draws come from a stream of each dispute's own). Update
    // deliberately if the traffic itself is meant to change.
    const before = generateTraffic({ orders: 300, seed: 'integration-1', profile: 'normal' });
    const wire = before.events.filter((e) => e.event.type !== 'dispute.message').map((e) => `${e.at} ${e.needsClock} ${canonicalJson(e.event)}`).join('\n');
    expect(createHash('sha256').update(wire).digest('hex')).toBe('85abdc9f43dca0d9add0ebd319ae1a3e6192c7b65ff6cefcd724503a92fda353');
  });
});

describe('uploading', () => {
  type Call = { method: string; path: string; contentType: string | null; key: string | null; body: Uint8Array };
  type Reply = { status: number; body: unknown };

  function hubClient(handler: (call: Call) => Reply | Promise<Reply>): HubClient {
    const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      const body = typeof init?.body === 'string' ? Buffer.from(init.body) : (init?.body as Uint8Array);
      const reply = await handler({ method: init!.method!, path: new URL(String(url)).pathname, contentType: headers.get('content-type'), key: headers.get('x-marketplace-key'), body });
      return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    return new HubClient({
      baseUrl: 'http://hub.test',
      headers: { 'x-marketplace-key': 'k' },
      retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 4, timeoutMs: 1000 },
      jitter: new Random('test'),
      fetch: fakeFetch,
      sleep: async () => {},
    });
  }

  const stored = (call: Call): Reply => {
    const sha256 = call.path.split('/').at(-1)!;
    return { status: 200, body: { sha256, mime: call.contentType, size: call.body.length, stored: true } };
  };

  it('HubClient.put sends the raw bytes with their type and the marketplace key, retrying a 503', async () => {
    const calls: Call[] = [];
    const bytes = encodePng(1, 1, Uint8Array.of(1, 2, 3));
    const client = hubClient((call) => {
      calls.push(call);
      return calls.length === 1 ? { status: 503, body: { error: { code: 'unavailable', message: 'busy' } } } : stored(call);
    });
    const answer = await client.put<{ size: number }>('/v1/marketplace/attachments/abc', bytes, 'image/png', 'uploading abc');
    expect(answer).toMatchObject({ size: bytes.length, stored: true });
    expect(client).toMatchObject({ requests: 2, retries: 1 });
    for (const call of calls) {
      expect(call).toMatchObject({ method: 'PUT', path: '/v1/marketplace/attachments/abc', contentType: 'image/png', key: 'k' });
      expect(Buffer.from(call.body).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('uploads each file once, finished before the batch attaching it is posted, with batches in flight together', async () => {
    const log: string[] = [];
    const client = hubClient(async (call) => {
      if (call.method === 'PUT') {
        // Slower than intake: a batch that did not wait for its files would be posted first.
        await new Promise((resolve) => setTimeout(resolve, 3));
        log.push(`stored ${call.path.split('/').at(-1)}`);
        return stored(call);
      }
      const { events } = JSON.parse(Buffer.from(call.body).toString()) as { events: MarketplaceEvent[] };
      for (const event of events) if (event.type === 'dispute.message') log.push(`posted ${event.attachments!.map((a) => a.sha256).join(' ')}`);
      return { status: 200, body: { answers: events.map((e, i): IntakeAnswer => ({ id: e.id, status: 'accepted', seqs: [i + 1] })) } };
    });
    // Small batches, so many are in flight while files upload.
    const batches = planBatches(traffic.events, { maxEvents: 200, clockStepMs: null, burst: null });
    const report = await sendBatches(batches, { client, concurrency: 4, clock: null, totalEvents: traffic.events.length, progress: () => {}, attachments: traffic.attachments });
    expect(report).toMatchObject({ accepted: traffic.events.length, attachmentsUploaded: traffic.plan.evidence.files, attachmentBytes: traffic.plan.evidence.bytes });
    const storedAt = new Map(log.flatMap((line, i) => (line.startsWith('stored ') ? [[line.slice(7), i] as const] : [])));
    expect(storedAt.size).toBe(traffic.attachments.size);
    expect(log.filter((line) => line.startsWith('stored '))).toHaveLength(traffic.attachments.size);
    log.forEach((line, i) => {
      if (line.startsWith('posted ')) for (const sha256 of line.slice(7).split(' ')) expect(storedAt.get(sha256)).toBeLessThan(i);
    });
  });

  it('stops when the hub describes an upload as another file', async () => {
    const client = hubClient((call) => (call.method === 'PUT' ? { status: 200, body: { ...stored(call).body as object, size: 1 } } : { status: 500, body: {} }));
    const batches = planBatches(traffic.events, { maxEvents: 1000, clockStepMs: null, burst: null }).filter((b) => b.events.some((e) => e.type === 'dispute.message'));
    await expect(sendBatches(batches.slice(0, 1), { client, concurrency: 1, clock: null, totalEvents: 1, progress: () => {}, attachments: traffic.attachments })).rejects.toThrow(UnexpectedAnswer);
  });
});
