/**
 * Verifies an audit chain from any storage: entries arrive in seq order from an array, a file
 * or pages of a table, and memory stays constant however long the log is.
 *
 * Every entry's hash seals its seq, so the verifier can tell where an entry was written even
 * when it now sits elsewhere. It follows the chain as written (`tip`: the last entry it passed
 * through) and names the first cause of a break instead of every consequence:
 *
 * - hash_mismatch: the fields do not hash to the entry's hash (edited in place);
 * - sequence_gap: entries written before this one are missing (deleted);
 * - broken_link: prevHash is not the hash of the entry the chain reached (deleted, replaced);
 * - reordered: two entries hold each other's places, or an entry comes after a later one;
 * - inserted: the next entry links to the one before this one, so this one is foreign;
 * - renumbered: the stored seq differs from the written one (rows moved to hide a change);
 * - head_mismatch: the chain does not pass through the head recorded elsewhere (a deleted or
 *   re-hashed tail, which the chain alone cannot reveal).
 *
 * Whether an insertion or a swap took place is only known from the entry after, so each entry
 * is judged when its successor arrives.
 */
import { entryHash, GENESIS_HASH, type AuditEntry, type AuditHead } from './chain.js';

export type ChainProblem = 'hash_mismatch' | 'sequence_gap' | 'broken_link' | 'reordered' | 'inserted' | 'renumbered' | 'head_mismatch';

export interface ChainViolation {
  /** The entry's seq as stored (for head_mismatch: the recorded head's seq). */
  seq: number;
  problem: ChainProblem;
  message: string;
}

export interface ChainReport {
  ok: boolean;
  /** Entries read. */
  length: number;
  /** The last entry read, as stored. */
  head: AuditHead | null;
  /** The first MAX_REPORTED_VIOLATIONS, in seq order. */
  violations: ChainViolation[];
  /** Violations found beyond those reported. */
  omittedViolations: number;
}

export interface VerifyChainOptions {
  /** A head recorded earlier (by the hub): the chain must still pass through it. */
  expectedHead?: AuditHead;
}

/** A whole log can be damaged; the first hundred breaks locate it well enough. */
export const MAX_REPORTED_VIOLATIONS = 100;

export async function verifyChain(entries: Iterable<AuditEntry> | AsyncIterable<AuditEntry>, options: VerifyChainOptions = {}): Promise<ChainReport> {
  const walk = new ChainWalk(options.expectedHead ?? null);
  for await (const entry of entries) walk.add(entry);
  return walk.finish();
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** Whether the entry's fields hash to its hash when written as `seq`. A junk row does not. */
function sealsAt(entry: AuditEntry, seq: number): boolean {
  try {
    return entryHash({ ...entry, seq }) === entry.hash;
  } catch {
    return false;
  }
}

class ChainWalk {
  /** The last entry the chain passed through, by the seq it was written with. */
  private tip: AuditHead = { seq: 0, hash: GENESIS_HASH };
  /** Stored seq minus written seq of the last entry: 0 unless rows were renumbered. */
  private renumbering = 0;
  /** The entry read but not judged yet: judged once its successor is known. */
  private waiting: AuditEntry | null = null;
  private length = 0;
  private last: AuditHead | null = null;
  /** The hash of the entry the chain passed through at the expected head's seq. */
  private hashAtExpectedHead: string | null = null;
  private readonly violations: ChainViolation[] = [];
  private omitted = 0;

  constructor(private readonly expectedHead: AuditHead | null) {}

  add(entry: AuditEntry): void {
    this.length += 1;
    this.last = { seq: entry.seq, hash: entry.hash };
    if (this.waiting === null) {
      this.waiting = entry;
      return;
    }
    const successorJudged = this.judge(this.waiting, entry);
    this.waiting = successorJudged ? null : entry;
  }

  finish(): ChainReport {
    if (this.waiting) this.judge(this.waiting, null);
    this.checkExpectedHead();
    const violations = this.violations.sort((a, b) => a.seq - b.seq);
    return { ok: violations.length === 0, length: this.length, head: this.last, violations, omittedViolations: this.omitted };
  }

  /** Judges `entry` knowing the entry after it; answers whether that one was judged as well. */
  private judge(entry: AuditEntry, next: AuditEntry | null): boolean {
    const expected = this.tip.seq + 1;
    if (next && this.isSwappedPair(entry, next, expected)) {
      this.report(entry.seq, 'reordered', `holds the entry written as seq ${expected + 1}, ahead of the one it follows (now at seq ${next.seq})`);
      this.report(next.seq, 'reordered', `holds the entry written as seq ${expected}, behind the one that follows it (now at seq ${entry.seq})`);
      this.advance(next, expected);
      this.advance(entry, expected + 1);
      return true;
    }
    if (next && next.prevHash === this.tip.hash && next.prevHash !== entry.hash) {
      // The chain goes around this entry; it stays out of it (the tip does not move).
      this.report(entry.seq, 'inserted', `is not part of the chain: seq ${next.seq} links to the entry before it`);
      return false;
    }
    const written = this.writtenSeq(entry, expected);
    if (written === null) this.report(entry.seq, 'hash_mismatch', `fields do not hash to ${short(entry.hash)}: the entry was edited`);
    else if (written > expected) this.report(entry.seq, 'sequence_gap', `entries written as seq ${expected}..${written - 1} are missing before it`);
    else if (written < expected) this.report(entry.seq, 'reordered', `was written as seq ${written} but comes after seq ${this.tip.seq}`);
    if (entry.prevHash !== this.tip.hash) {
      this.report(entry.seq, 'broken_link', `prevHash ${short(entry.prevHash)} is not the hash of the entry before it (${short(this.tip.hash)})`);
    }
    if (written !== null && entry.seq - written !== this.renumbering) {
      this.report(entry.seq, 'renumbered', `was written as seq ${written}: rows from here on were renumbered`);
      this.renumbering = entry.seq - written;
    }
    this.advance(entry, written ?? expected);
    return false;
  }

  /** Two intact entries in each other's places: each links to where the other was written. */
  private isSwappedPair(entry: AuditEntry, next: AuditEntry, expected: number): boolean {
    return entry.prevHash === next.hash && next.prevHash === this.tip.hash && sealsAt(next, expected) && sealsAt(entry, expected + 1);
  }

  /**
   * The seq the entry's hash seals, among the places it can plausibly have come from: next in
   * the chain, its stored seq (with or without the current renumbering), one further (the
   * entry before it is gone). Null when none: its content changed.
   */
  private writtenSeq(entry: AuditEntry, expected: number): number | null {
    const candidates = new Set([expected, entry.seq - this.renumbering, entry.seq, expected + 1]);
    for (const seq of candidates) if (sealsAt(entry, seq)) return seq;
    return null;
  }

  private advance(entry: AuditEntry, writtenSeq: number): void {
    this.tip = { seq: writtenSeq, hash: entry.hash };
    if (writtenSeq === this.expectedHead?.seq) this.hashAtExpectedHead = entry.hash;
  }

  private checkExpectedHead(): void {
    const head = this.expectedHead;
    if (!head) return;
    if (this.hashAtExpectedHead === null) {
      this.report(head.seq, 'head_mismatch', `was recorded as the head but the chain ends at seq ${this.tip.seq}: entries were removed from the end`);
    } else if (this.hashAtExpectedHead !== head.hash) {
      this.report(
        head.seq,
        'head_mismatch',
        `hashes to ${short(this.hashAtExpectedHead)} but ${short(head.hash)} was recorded as the head: the chain was rewritten up to there`,
      );
    }
  }

  private report(seq: number, problem: ChainProblem, message: string): void {
    if (this.violations.length < MAX_REPORTED_VIOLATIONS) this.violations.push({ seq, problem, message });
    else this.omitted += 1;
  }
}
