/**
 * The ledger checksum: an order-independent running digest (the sum, mod 2^256, of SHA-256
 * over each account's balances and each transfer's fields). It is updated incrementally in the
 * same transaction as every apply (subtract an account's old hash, add its new one), so the
 * hub can publish it at every checkpoint for free; `verify` recomputes it from the rows.
 * Two replicas holding the same accounts and transfers have the same checksum regardless of
 * the order they applied them in. It detects drift, not an adversary who can forge SHA-256 sums.
 */
import { createHash } from 'node:crypto';
import type { AccountRecord, TransferRecord } from './transfer.js';

const MODULUS = 1n << 256n;

function hash256(text: string): bigint {
  return BigInt(`0x${createHash('sha256').update(text).digest('hex')}`);
}

export function accountHash(a: AccountRecord): bigint {
  return hash256(`account|${a.id}|${a.currency}|${a.flags}|${a.debitsPending}|${a.debitsPosted}|${a.creditsPending}|${a.creditsPosted}`);
}

export function transferHash(t: TransferRecord): bigint {
  return hash256(
    `transfer|${t.id}|${t.kind}|${t.debitAccountId}|${t.creditAccountId}|${t.amount}|${t.currency}|${t.pendingId ?? ''}|${t.orderId ?? ''}|${t.code}`,
  );
}

export class LedgerDigest {
  constructor(private value = 0n) {}

  static fromHex(hex: string | undefined): LedgerDigest {
    return new LedgerDigest(hex ? BigInt(`0x${hex}`) : 0n);
  }

  add(h: bigint): void {
    this.value = (this.value + h) % MODULUS;
  }

  remove(h: bigint): void {
    this.value = (this.value - h + MODULUS) % MODULUS;
  }

  toHex(): string {
    return this.value.toString(16).padStart(64, '0');
  }
}
