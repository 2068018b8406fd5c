/**
 * The attachment references in synced dispute messages (`dispute.message_added` events): what
 * the console may download, and the one check that lets a staff member open a file: it belongs
 * to a message of the case they are looking at.
 */
import type { SqlRunner } from '../../core/db/sqlite.js';
import { attachmentRefSchema, type AttachmentRef } from '../../shared/escrow/dispute.js';

/** The refs of a stored message event, each checked: a body is data, not trusted shape. */
export function attachmentsOf(body: string): AttachmentRef[] {
  const parsed = JSON.parse(body) as { data?: { attachments?: unknown } };
  const list: unknown[] = Array.isArray(parsed.data?.attachments) ? parsed.data.attachments : [];
  return list.flatMap((a) => {
    const ref = attachmentRefSchema.safeParse(a);
    return ref.success ? [ref.data] : [];
  });
}

/** The reference to `sha256` in a message of the dispute, found by SQLite in the stored bodies. */
export async function attachmentOfDispute(db: SqlRunner, disputeId: string, sha256: string): Promise<AttachmentRef | null> {
  const row = await db.get<{ ref: string }>(
    `SELECT a.value AS ref FROM events e, json_each(e.body, '$.data.attachments') a
     WHERE e.kind = 'dispute' AND e.aggregate_id = ? AND e.type = 'dispute.message_added' AND a.value ->> '$.sha256' = ?
     LIMIT 1`,
    [disputeId, sha256],
  );
  const ref = row ? attachmentRefSchema.safeParse(JSON.parse(row.ref)) : null;
  return ref?.success ? ref.data : null;
}
