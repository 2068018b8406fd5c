/**
 * One browser-mode host per data folder: a second one would run a second pair of sync loops on
 * the same database and clear the first one's uploads. The lock is a file holding the owner's
 * pid, created exclusively; a lock whose process is gone (a crash, SIGKILL) is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(file: string): boolean {
  try {
    writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Takes the data folder's lock, or throws naming the process that holds it. Returns the release. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'web.lock');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (tryCreate(file)) return () => rmSync(file, { force: true });
    let owner = NaN;
    try {
      owner = Number(readFileSync(file, 'utf8').trim());
    } catch {
      // vanished meanwhile: try again
    }
    if (Number.isSafeInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
      throw new Error(`another \`npm run web\` (pid ${owner}) is using the data folder ${dataDir}; stop it or choose another --data`);
    }
    rmSync(file, { force: true });
  }
  throw new Error(`cannot take the lock ${file}`);
}
