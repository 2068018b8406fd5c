/**
 * What a file attached to a dispute is, judged by its bytes and never by its name: the SHA-256
 * it is stored under, its size within the limit, and its type from the leading magic bytes
 * (PNG, JPEG or PDF). The hub checks an upload with it, the console every file it fetches and
 * every file it reads back from disk, so a renamed executable or a swapped file is refused.
 */
import { createHash } from 'node:crypto';
import { MAX_ATTACHMENT_BYTES, type AttachmentMime } from '../../shared/escrow/dispute.js';
import { err, ok, type Result } from '../../shared/result.js';

export type AttachmentProblem = 'attachment_empty' | 'attachment_too_large' | 'attachment_type_unsupported' | 'attachment_type_mismatch' | 'attachment_hash_mismatch';

export interface AttachmentContent {
  sha256: string;
  mime: AttachmentMime;
  size: number;
}

const SIGNATURES: ReadonlyArray<{ mime: AttachmentMime; magic: readonly number[] }> = [
  { mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] /* %PDF- */ },
];

/** The type the bytes declare by their signature, or null for anything else. */
export function sniffMime(bytes: Uint8Array): AttachmentMime | null {
  const found = SIGNATURES.find(({ magic }) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b));
  return found?.mime ?? null;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Checks `bytes` against what was claimed of them (the hash they are stored or requested under,
 * the type a sender gave); either claim may be absent. The size limit is checked before hashing.
 */
export function inspectAttachment(bytes: Uint8Array, claimed: { sha256?: string; mime?: string } = {}): Result<AttachmentContent, AttachmentProblem> {
  if (bytes.length === 0) return err('attachment_empty', 'the file is empty');
  if (bytes.length > MAX_ATTACHMENT_BYTES) return err('attachment_too_large', `the file is ${bytes.length} bytes; at most ${MAX_ATTACHMENT_BYTES} are accepted`);
  const mime = sniffMime(bytes);
  if (!mime) return err('attachment_type_unsupported', 'the file is not a PNG, JPEG or PDF (judged by its content, not its name)');
  if (claimed.mime !== undefined && claimed.mime !== mime) return err('attachment_type_mismatch', `the file was sent as ${claimed.mime} but its content is ${mime}`);
  const sha256 = sha256Hex(bytes);
  if (claimed.sha256 !== undefined && claimed.sha256 !== sha256) return err('attachment_hash_mismatch', `the file's SHA-256 is ${sha256}, not ${claimed.sha256}`);
  return ok({ sha256, mime, size: bytes.length });
}
