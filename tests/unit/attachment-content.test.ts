/** What an evidence file is, judged by its bytes: signature, size limit and hash. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inspectAttachment, sniffMime } from '../../src/core/attachments/content.js';
import { MAX_ATTACHMENT_BYTES } from '../../src/shared/escrow/dispute.js';

const withMagic = (magic: number[], size: number) => {
  const bytes = new Uint8Array(size).fill(0x41);
  bytes.set(magic.slice(0, size));
  return bytes;
};
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const PDF = [...Buffer.from('%PDF-')];

describe('attachment content', () => {
  it('knows PNG, JPEG and PDF by their signature only, whole', () => {
    expect(sniffMime(withMagic(PNG, 20))).toBe('image/png');
    expect(sniffMime(withMagic(JPEG, 20))).toBe('image/jpeg');
    expect(sniffMime(withMagic(PDF, 20))).toBe('application/pdf');
    expect(sniffMime(withMagic(PNG, 7))).toBeNull(); // a signature cut short
    expect(sniffMime(Buffer.from('GIF89a......'))).toBeNull();
    expect(sniffMime(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffMime(Buffer.from(' %PDF-1.4'))).toBeNull(); // not at the start
  });

  it('accepts up to the size limit exactly, and reports the hash of what it accepted', () => {
    const largest = withMagic(JPEG, MAX_ATTACHMENT_BYTES);
    const sha256 = createHash('sha256').update(largest).digest('hex');
    expect(inspectAttachment(largest, { sha256, mime: 'image/jpeg' })).toEqual({ ok: true, value: { sha256, mime: 'image/jpeg', size: MAX_ATTACHMENT_BYTES } });
    expect(inspectAttachment(withMagic(JPEG, MAX_ATTACHMENT_BYTES + 1))).toMatchObject({ ok: false, error: { code: 'attachment_too_large' } });
    expect(inspectAttachment(new Uint8Array(0))).toMatchObject({ ok: false, error: { code: 'attachment_empty' } });
  });

  it('refuses bytes that are not what was claimed of them', () => {
    const pdf = withMagic(PDF, 64);
    expect(inspectAttachment(pdf, { mime: 'image/png' })).toMatchObject({ ok: false, error: { code: 'attachment_type_mismatch' } });
    expect(inspectAttachment(pdf, { sha256: '0'.repeat(64) })).toMatchObject({ ok: false, error: { code: 'attachment_hash_mismatch' } });
    expect(inspectAttachment(Buffer.from('MZ\x90\x00 an executable'), { mime: 'image/png' })).toMatchObject({ ok: false, error: { code: 'attachment_type_unsupported' } });
  });
});
