/**
 * The raw hash of a record (see StatementLine.rawHash): SHA-256 over the record's physical
 * lines, in the file's own bytes, joined by LF. Line terminators are left out so that a file
 * that went through a CRLF conversion re-imports as the same lines.
 */
import { createHash } from 'node:crypto';

const LF = Buffer.from('\n');

export function hashLines(lines: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  lines.forEach((line, index) => {
    if (index > 0) hash.update(LF);
    hash.update(line);
  });
  return hash.digest('hex');
}
