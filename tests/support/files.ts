import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh folder for a test's database files. Fast tests use /dev/shm when the machine has it:
 * the files are real SQLite files, only their fsyncs are cheap. Crash tests pass `disk`.
 */
export function tempDir(prefix: string, where: 'fast' | 'disk' = 'fast'): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const base = where === 'fast' && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, `escrow-${prefix}-`));
  return { dir, file: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
