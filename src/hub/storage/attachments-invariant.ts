/**
 * verify's `attachments_intact` on the hub: every stored file still hashes to the SHA-256 it is
 * kept under, is the size and type its row says, and every file a message references is there.
 * Intake and the schema keep both true; this finds a hand edit or a damaged disk. Reads files a
 * page at a time so a large store is checked in bounded memory.
 */
import { inspectAttachment } from '../../core/attachments/content.js';
import type { InvariantCheck, Query } from '../../core/ledger/verify.js';

export const ATTACHMENTS_INVARIANT = 'attachments_intact';
const PAGE = 64;
const MAX_EXAMPLES = 5;

async function checkStoredFiles(query: Query, violations: string[]): Promise<void> {
  for (let after = ''; ; ) {
    const rows = await query('SELECT sha256, mime, size, bytes FROM attachments WHERE sha256 > ? ORDER BY sha256 LIMIT ?', [after, PAGE]);
    for (const row of rows) {
      const sha256 = String(row.sha256);
      const checked = inspectAttachment(row.bytes as Uint8Array, { sha256, mime: String(row.mime) });
      if (!checked.ok) violations.push(`attachment ${sha256}: ${checked.error.message}`);
      else if (checked.value.size !== Number(row.size)) violations.push(`attachment ${sha256}: ${checked.value.size} bytes, the row says ${String(row.size)}`);
    }
    if (rows.length < PAGE) return;
    after = String(rows[rows.length - 1].sha256);
  }
}

async function checkReferences(query: Query, violations: string[]): Promise<void> {
  for (let after = 0; ; ) {
    const rows = await query("SELECT seq, aggregate_id, body FROM events WHERE type = 'dispute.message_added' AND seq > ? ORDER BY seq LIMIT ?", [after, PAGE * 4]);
    const refs = rows.flatMap((row) => {
      const data = (JSON.parse(String(row.body)) as { data?: { attachments?: Array<{ sha256?: unknown }> } }).data;
      return (data?.attachments ?? []).map((a) => ({ sha256: String(a.sha256), disputeId: String(row.aggregate_id), seq: Number(row.seq) }));
    });
    const wanted = [...new Set(refs.map((r) => r.sha256))];
    const held = new Set(
      wanted.length === 0 ? [] : (await query(`SELECT sha256 FROM attachments WHERE sha256 IN (${wanted.map(() => '?').join(', ')})`, wanted)).map((r) => String(r.sha256)),
    );
    for (const ref of refs) if (!held.has(ref.sha256)) violations.push(`event seq ${ref.seq} (dispute ${ref.disputeId}) references attachment ${ref.sha256}, which the hub does not hold`);
    if (rows.length < PAGE * 4) return;
    after = Number(rows[rows.length - 1].seq);
  }
}

export const attachmentsInvariant: InvariantCheck = async (query) => {
  const violations: string[] = [];
  await checkStoredFiles(query, violations);
  await checkReferences(query, violations);
  return { name: ATTACHMENTS_INVARIANT, ok: violations.length === 0, violations: violations.slice(0, MAX_EXAMPLES) };
};
