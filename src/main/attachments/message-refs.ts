/**
 * The attachment references in synced dispute messages (`dispute.message_added` events): what
 * the console may download, and the one check that lets a staff member open a file: it belongs
 * to a message of the case they are looking at.
 */
import type { SqlRunner } from '../../core/db/sqlite.js';
import { attachmentRefSchema, type AttachmentRef } from '../../shared/escrow/dispute.js';

/** Most messages one dispute's lookup reads. */
const MAX_MESSAGES_PER_DISPUTE = 1000;

/** The refs of a stored message event, each checked: a body is data, not trusted shape. */
export function attachmentsOf(body: string): AttachmentRef[] {
  const parsed = JSON.parse(body) as { data?: { attachments?: unknown } };
  const list: unknown[] = Array.isArray(parsed.data?.attachments) ? parsed.data.attachments : [];
  return list.flatMap((a) => {
    const ref = attachmentRefSchema.safeParse(a);
    return ref.success ? [ref.data] : [];
  });
}

export async function attachmentOfDispute(db: SqlRunner, disputeId: string, sha256: string): Promise<AttachmentRef | null> {
  const rows = await db.all<{ body: string }>(
    "SELECT body FROM events WHERE kind = 'dispute' AND aggregate_id = ? AND type = 'dispute.message_added' ORDER BY version LIMIT ?",
    [disputeId, MAX_MESSAGES_PER_DISPUTE],
  );
  for (const row of rows) {
    const ref = attachmentsOf(row.body).find((a) => a.sha256 === sha256);
    if (ref) return ref;
  }
  return null;
}
