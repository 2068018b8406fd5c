/**
 * The raw hash of a record (see StatementLine.rawHash): SHA-256 over the record's physical
 * lines, in the file's own bytes, joined by LF. Line terminators are left out so that a file
 * that went through a CRLF conversion re-imports as the same lines.
 */
import { createHash, hash } from 'node:crypto';

const LF = Buffer.from('\n');

export function hashLines(lines: readonly Uint8Array[]): string {
  // The one-shot hash is several times faster, and nearly every record is one line.
  if (lines.length === 1) return hash('sha256', lines[0], 'hex');
  const digest = createHash('sha256');
  lines.forEach((line, index) => {
    if (index > 0) digest.update(LF);
    digest.update(line);
  });
  return digest.digest('hex');
}
