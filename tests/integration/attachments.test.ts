/**
 * Evidence files end to end over a real hub: the marketplace uploads a photo and a PDF and
 * sends the messages that reference them; a console syncs, opens them through the API (fetched
 * once from the hub, then served from `<data>/attachments/<sha256>`), prefetches the rest, finds
 * a copy damaged on disk and fetches it again, refuses files of other cases, and still opens
 * its copies when the hub is gone.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectAttachment, sha256Hex } from '../../src/core/attachments/content.js';
import { invoke } from '../../src/main/app/app.js';
import { handlers } from '../../src/main/app/handlers.js';
import { AttachmentFiles } from '../../src/main/attachments/attachment-files.js';
import { AttachmentSource } from '../../src/main/attachments/attachment-source.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { HubClient } from '../../src/main/sync/hub-client.js';
import { SyncClient } from '../../src/main/sync/sync-client.js';
import type { AttachmentFile } from '../../src/shared/api/views.js';
import type { StaffIdentity } from '../../src/shared/api/hub.js';
import type { Result } from '../../src/shared/result.js';
import { tempDir } from '../support/files.js';
import { handlerContexts, value } from '../support/handler-context.js';
import { addStaffCli, fileBytes, intake, ordersTraffic, startHub, uploadAttachment, type HubProcess } from '../support/hub-process.js';

const tmp = tempDir('attachments');
const hubDb = tmp.file('hub.db');
const dir = tmp.file('attachments');
let hub: HubProcess;
let store: ConsoleStore;
let staff: StaffIdentity;
let source: AttachmentSource;
const logged: string[] = [];

const sha = sha256Hex;
const photo = fileBytes('image/png', 40_000, 1);
const receipt = fileBytes('application/pdf', 2_500, 2);
const other = fileBytes('image/jpeg', 900, 3);
const ref = (bytes: Uint8Array, name: string, mime: string) => ({ sha256: sha(bytes), name, mime, size: bytes.length });
const message = (id: string, orderId: string, from: string, attachments: unknown[]) => ({ id, type: 'dispute.message', orderId, disputeId: `D${orderId}`, from, text: 'evidence attached', attachments });

const { context } = handlerContexts(() => store, Date.now());
const open = (disputeId: string, sha256: string) =>
  invoke(handlers, 'disputes.attachment', { disputeId, sha256 }, { ...context(staff), attachments: source }) as Promise<Result<AttachmentFile>>;

beforeAll(async () => {
  hub = await startHub({ db: hubDb });
  await addStaffCli({ db: hubDb }, 'agent1', 'agent');
  for (const [bytes, mime] of [[photo, 'image/png'], [receipt, 'application/pdf'], [other, 'image/jpeg']] as const) expect((await uploadAttachment(hub.url, bytes, mime)).status).toBe(200);
  const answers = await intake(hub.url, [
    ...ordersTraffic('F', 3, { disputeEvery: 1 }),
    message('F0-m1', 'F0', 'buyer', [ref(photo, 'photo-1.png', 'image/png')]),
    message('F0-m2', 'F0', 'merchant', [ref(receipt, 'delivery-receipt.pdf', 'application/pdf')]),
    message('F1-m1', 'F1', 'buyer', [ref(other, 'box.jpg', 'image/jpeg')]),
  ]);
  expect(answers.filter((a) => a.status !== 'accepted')).toEqual([]);

  store = await ConsoleStore.open(tmp.file('console.db'));
  const client = new HubClient(hub.url);
  staff = (await client.signIn('agent1', 'agent1-password-1')).staff;
  await new SyncClient(store, client).syncUntilCaughtUp();
  source = new AttachmentSource(new AttachmentFiles(dir), client, (m) => logged.push(m));
}, 120_000);

afterAll(async () => {
  await store?.close();
  await hub?.stop();
  tmp.cleanup();
});

describe('evidence files on a console', () => {
  it('opens a file of the case: fetched from the hub once, then from its own checked copy', async () => {
    const first = value(await open('DF0', sha(photo)));
    expect(first).toMatchObject({ sha256: sha(photo), name: 'photo-1.png', mime: 'image/png', size: 40_000, fetched: true });
    expect(Buffer.from(first.base64, 'base64').equals(Buffer.from(photo))).toBe(true);
    const kept = join(dir, sha(photo));
    expect(sha(readFileSync(kept))).toBe(sha(photo));
    // No temporary file is left behind by the atomic write.
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    const second = value(await open('DF0', sha(photo)));
    expect(second.fetched).toBe(false);
    expect(second.base64).toBe(first.base64);
  });

  it('opens only files of the dispute asked about', async () => {
    const elsewhere = await open('DF1', sha(photo));
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await open('DF0', sha(other))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await open('DF0', 'x'.repeat(64))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('a copy damaged on disk is never served: it is removed and fetched again', async () => {
    const kept = join(dir, sha(photo));
    const damaged = Buffer.from(readFileSync(kept));
    damaged[1000] ^= 0xff;
    writeFileSync(kept, damaged);
    const reopened = value(await open('DF0', sha(photo)));
    expect(reopened.fetched).toBe(true);
    expect(sha(readFileSync(kept))).toBe(sha(photo));
    expect(logged.some((m) => m.includes(sha(photo)) && m.includes('failed its check'))).toBe(true);
  });

  it('the console keeps nothing that is not the file its name says', async () => {
    const files = new AttachmentFiles(tmp.file('refusals'));
    expect(await files.save(sha(photo), receipt)).toMatchObject({ ok: false, error: { code: 'attachment_hash_mismatch' } });
    expect(await files.save(sha(receipt), receipt, 'image/png')).toMatchObject({ ok: false, error: { code: 'attachment_type_mismatch' } });
    const script = Buffer.from('<script>alert(1)</script>');
    expect(await files.save(sha(script), script)).toMatchObject({ ok: false, error: { code: 'attachment_type_unsupported' } });
    expect(existsSync(tmp.file('refusals'))).toBe(false);
    await expect(files.read('../console.db')).rejects.toThrow(RangeError);
  });

  it('prefetch downloads every synced message’s files it has no copy of, then has nothing left to do', async () => {
    const round = await source.prefetch(store.ledger.db.read);
    expect(round).toEqual({ scanned: 3, downloaded: 2, interrupted: false });
    for (const bytes of [photo, receipt, other]) expect(inspectAttachment(readFileSync(join(dir, sha(bytes))), { sha256: sha(bytes) }).ok).toBe(true);
    expect(await source.prefetch(store.ledger.db.read)).toEqual({ scanned: 0, downloaded: 0, interrupted: false });
  });

  it('refuses for good what the hub cannot give, and a body over the size limit as it arrives', async () => {
    const refusing = new AttachmentSource(new AttachmentFiles(tmp.file('refused')), new HubClient(hub.url), () => undefined);
    // Not signed in is transient (sign in and it may work); a file the hub does not hold is final.
    expect(await refusing.get(sha(photo))).toMatchObject({ ok: false, error: { code: 'attachment_unavailable' } });
    const signedIn = new HubClient(hub.url);
    await signedIn.signIn('agent1', 'agent1-password-1');
    const notHeld = new AttachmentSource(new AttachmentFiles(tmp.file('refused')), signedIn, () => undefined);
    expect(await notHeld.get('d'.repeat(64))).toMatchObject({ ok: false, error: { code: 'attachment_not_on_hub' } });

    // A "hub" answering more than any attachment may be, with and without announcing its length.
    let announce = true;
    const oversized = createServer((_request, response) => {
      const chunk = Buffer.alloc(1024 * 1024, 0x41);
      response.writeHead(200, { 'content-type': 'image/png', ...(announce ? { 'content-length': String(6 * chunk.length) } : {}) });
      for (let i = 0; i < 6; i += 1) response.write(chunk);
      response.end();
    });
    await new Promise<void>((resolve) => oversized.listen(0, '127.0.0.1', resolve));
    try {
      const client = new HubClient(`http://127.0.0.1:${(oversized.address() as AddressInfo).port}`);
      client.token = 'any';
      await expect(client.attachment('a'.repeat(64))).rejects.toMatchObject({ kind: 'final', code: 'attachment_too_large' });
      announce = false;
      await expect(client.attachment('a'.repeat(64))).rejects.toMatchObject({ kind: 'final', code: 'attachment_too_large' });
      const source = new AttachmentSource(new AttachmentFiles(tmp.file('oversized')), client, () => undefined);
      expect(await source.get('a'.repeat(64))).toMatchObject({ ok: false, error: { code: 'attachment_corrupt' } });
      expect(existsSync(tmp.file('oversized'))).toBe(false);
    } finally {
      await new Promise((resolve) => oversized.close(resolve));
    }
  });

  it('with the hub gone, its copies still open; a file it never fetched says why it cannot', async () => {
    const offline = new AttachmentSource(new AttachmentFiles(tmp.file('fresh')), new HubClient(hub.url), () => undefined);
    await hub.stop();
    expect(value(await open('DF0', sha(receipt)))).toMatchObject({ name: 'delivery-receipt.pdf', mime: 'application/pdf', fetched: false });
    const missing = await offline.get(sha(receipt));
    expect(missing).toMatchObject({ ok: false, error: { code: 'attachment_unavailable' } });
  });
});
