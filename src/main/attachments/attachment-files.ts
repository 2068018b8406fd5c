/**
 * The console's copies of evidence files: `<data>/attachments/<sha256>`, one file per content
 * hash, so a photo attached to two cases is kept once. A file is written under a temporary
 * name, flushed and renamed, so a crash leaves either the whole file or none; every read hashes
 * the bytes again, so a copy damaged on disk is never shown as evidence.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectAttachment, type AttachmentContent } from '../../core/attachments/content.js';
import { MAX_ATTACHMENT_BYTES, sha256HexSchema } from '../../shared/escrow/dispute.js';
import { err, ok, type Result } from '../../shared/result.js';

export type LocalRead = { state: 'present'; file: AttachmentContent & { bytes: Uint8Array } } | { state: 'absent' } | { state: 'corrupt'; reason: string };

export class AttachmentFiles {
  constructor(readonly dir: string) {}

  private path(sha256: string): string {
    // The name is the hash and nothing else: no path can be smuggled in through it.
    if (!sha256HexSchema.safeParse(sha256).success) throw new RangeError(`not a SHA-256: ${sha256.slice(0, 80)}`);
    return join(this.dir, sha256);
  }

  /** Whether a copy is kept (not checked: `read` checks it). */
  async has(sha256: string): Promise<boolean> {
    return stat(this.path(sha256)).then(
      () => true,
      () => false,
    );
  }

  /** The local copy, checked against its name; a damaged copy is removed so it can be fetched again. */
  async read(sha256: string): Promise<LocalRead> {
    const path = this.path(sha256);
    let bytes: Buffer;
    try {
      const { size } = await stat(path);
      if (size > MAX_ATTACHMENT_BYTES) return this.discard(path, `the copy is ${size} bytes, more than any attachment may be`);
      bytes = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
      throw error;
    }
    const checked = inspectAttachment(bytes, { sha256 });
    return checked.ok ? { state: 'present', file: { ...checked.value, bytes } } : this.discard(path, checked.error.message);
  }

  private async discard(path: string, reason: string): Promise<LocalRead> {
    await rm(path, { force: true });
    return { state: 'corrupt', reason };
  }

  /** Keeps `bytes` if they are the file `sha256` names (and a PNG, JPEG or PDF of the allowed size). */
  async save(sha256: string, bytes: Uint8Array, mime?: string): Promise<Result<AttachmentContent>> {
    const checked = inspectAttachment(bytes, { sha256, ...(mime !== undefined ? { mime } : {}) });
    if (!checked.ok) return checked;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const target = this.path(sha256);
    const temporary = join(this.dir, `.${sha256}.${randomBytes(6).toString('hex')}.part`);
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      return err('attachment_write_failed', `could not keep the file on this console: ${error instanceof Error ? error.message : String(error)}`);
    }
    await syncDirectory(this.dir);
    return ok(checked.value);
  }
}

/** Makes the rename durable: on Linux a rename is only on disk once its directory is flushed. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
