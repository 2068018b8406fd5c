/**
 * Where the console gets an evidence file: its own copy first, else the hub (once, then kept).
 * Concurrent asks for one file share one download. `prefetch` walks the messages this console
 * has synced and downloads what it has no copy of yet, a bounded number per round, so cases
 * can be worked with their evidence when the hub is out of reach later.
 */
import type { AttachmentContent } from '../../core/attachments/content.js';
import type { SqlRunner } from '../../core/db/sqlite.js';
import { err, ok, type Result } from '../../shared/result.js';
import { HubError, type HubClient } from '../sync/hub-client.js';
import type { AttachmentFiles } from './attachment-files.js';
import { attachmentsOf } from './message-refs.js';

export type AttachmentCode = 'attachment_unavailable' | 'attachment_not_on_hub' | 'attachment_corrupt' | 'attachment_write_failed' | 'busy';
export type LoadedAttachment = AttachmentContent & { bytes: Uint8Array; fetched: boolean };

/** Most downloads in flight at once (each up to 5 MiB in memory). */
const MAX_DOWNLOADS = 8;
/** Message events read, and files downloaded, per prefetch round. */
const PREFETCH_SCAN = 500;
const PREFETCH_FILES = 50;

export interface PrefetchRound {
  scanned: number;
  downloaded: number;
  /** Stopped early because the hub could not be reached: the next round resumes here. */
  interrupted: boolean;
}

export class AttachmentSource {
  private readonly downloads = new Map<string, Promise<Result<LoadedAttachment, AttachmentCode>>>();
  /** The last message event whose files are all here (or were refused for good: by the hub, or failing their check). */
  private scannedTo = 0;

  constructor(
    private readonly files: AttachmentFiles,
    private readonly hub: Pick<HubClient, 'attachment'>,
    private readonly log: (message: string) => void,
  ) {}

  async get(sha256: string): Promise<Result<LoadedAttachment, AttachmentCode>> {
    const local = await this.files.read(sha256);
    if (local.state === 'present') return ok({ ...local.file, fetched: false });
    if (local.state === 'corrupt') this.log(`attachments: the copy of ${sha256} failed its check and was removed (${local.reason}); fetching it again`);
    return this.download(sha256);
  }

  private download(sha256: string): Promise<Result<LoadedAttachment, AttachmentCode>> {
    const running = this.downloads.get(sha256);
    if (running) return running;
    if (this.downloads.size >= MAX_DOWNLOADS) return Promise.resolve(err('busy', 'several files are downloading; try again in a moment'));
    const task = this.fetchAndKeep(sha256).finally(() => this.downloads.delete(sha256));
    this.downloads.set(sha256, task);
    return task;
  }

  private async fetchAndKeep(sha256: string): Promise<Result<LoadedAttachment, AttachmentCode>> {
    let answer: { mime: string; bytes: Uint8Array };
    try {
      answer = await this.hub.attachment(sha256);
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      // A final answer will not change by asking again; an unreachable hub may.
      if (error.code === 'attachment_too_large') return err('attachment_corrupt', `the file from the hub failed its check (${error.message}); it was not kept`);
      if (error.kind === 'final') return err('attachment_not_on_hub', `the hub does not give this file (${error.code}: ${error.message})`);
      return err('attachment_unavailable', `this console has no copy of the file yet and the hub is out of reach or not signed in (${error.message})`);
    }
    const saved = await this.files.save(sha256, answer.bytes, answer.mime.split(';')[0].trim());
    if (!saved.ok) {
      if (saved.error.code === 'attachment_write_failed') return err('attachment_write_failed', saved.error.message);
      this.log(`attachments: the hub's copy of ${sha256} was refused: ${saved.error.message}`);
      return err('attachment_corrupt', `the file from the hub failed its check (${saved.error.message}); it was not kept`);
    }
    return ok({ ...saved.value, bytes: answer.bytes, fetched: true });
  }

  /** One round of downloading the files of synced messages this console has no copy of. */
  async prefetch(read: SqlRunner): Promise<PrefetchRound> {
    const rows = await read.all<{ seq: number; body: string }>(
      "SELECT seq, body FROM events WHERE type = 'dispute.message_added' AND seq > ? ORDER BY seq LIMIT ?",
      [this.scannedTo, PREFETCH_SCAN],
    );
    let downloaded = 0;
    for (const row of rows) {
      for (const ref of attachmentsOf(row.body)) {
        if (downloaded >= PREFETCH_FILES) return { scanned: rows.length, downloaded, interrupted: false };
        // Presence only: the copy's hash is checked when it is opened, not on every round.
        if (await this.files.has(ref.sha256)) continue;
        const got = await this.download(ref.sha256);
        if (!got.ok && (got.error.code === 'attachment_unavailable' || got.error.code === 'busy')) return { scanned: rows.length, downloaded, interrupted: true };
        if (got.ok) downloaded += 1;
      }
      this.scannedTo = row.seq;
    }
    return { scanned: rows.length, downloaded, interrupted: false };
  }
}
