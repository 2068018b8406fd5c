/**
 * Anchoring the consoles' chains in the hub's. Anyone who can write a console's file can
 * re-hash its whole tail, so each console periodically sends its head `{consoleId, seq, hash}`
 * and the hub appends it to its own chain as a `chain.head` entry. A console's log is then
 * verified against the latest head the hub recorded for it (verifyChain's `expectedHead`).
 */
import { AuditEntryError, type AuditEntry, type AuditFields, type AuditHead } from './chain.js';

export interface ConsoleChainHead extends AuditHead {
  consoleId: string;
}

const CONSOLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The fields of the hub's entry recording a console's head (it arrives over the network: checked). */
export function consoleHeadFields(head: ConsoleChainHead, at: number): AuditFields {
  if (typeof head.consoleId !== 'string' || !CONSOLE_ID.test(head.consoleId)) throw new AuditEntryError('a console id has 1 to 128 letters, digits or ._:-');
  if (!Number.isSafeInteger(head.seq) || head.seq < 1) throw new AuditEntryError(`a chain head's seq is a positive integer, got ${head.seq}`);
  if (typeof head.hash !== 'string' || !SHA256_HEX.test(head.hash)) throw new AuditEntryError("a chain head's hash is 64 lowercase hex digits");
  return {
    at,
    actor: { kind: 'system' },
    action: 'chain.head',
    target: `console:${head.consoleId}`,
    detail: { consoleId: head.consoleId, seq: head.seq, hash: head.hash },
  };
}

/** The console head a hub entry records, or null when the entry records something else. */
export function recordedConsoleHead(entry: AuditEntry): ConsoleChainHead | null {
  if (entry.action !== 'chain.head' || entry.detail === null || typeof entry.detail !== 'object' || Array.isArray(entry.detail)) return null;
  const { consoleId, seq, hash } = entry.detail;
  if (typeof consoleId !== 'string' || typeof seq !== 'number' || typeof hash !== 'string') return null;
  return { consoleId, seq, hash };
}
