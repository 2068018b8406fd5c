/**
 * The renderer the browser-mode host serves is the Electron app's own build (`out/renderer`,
 * electron-vite's renderer configuration). `npm run web` builds it when it is missing or older
 * than the sources, so a fresh clone works after `npm ci` alone, and an edit to the renderer
 * shows on the next start. The build goes to a temporary folder and is then swapped in, under
 * a lock, so two hosts starting together never serve (or delete) each other's half-written build.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
// Types only: the packages themselves load when a build is needed (they are dev dependencies).
import type * as ElectronVite from 'electron-vite';
import type * as Vite from 'vite';

const PROJECT_ROOT = resolve(import.meta.dirname, '../../..');
export const RENDERER_OUT = join(PROJECT_ROOT, 'out', 'renderer');

/** What a renderer build depends on: its sources, the shared code it imports, the build config, the packages. */
const INPUTS = ['src/renderer', 'src/shared', 'electron.vite.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(path: string): number {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why the build must be made again, or null when `out/renderer` is current. */
function staleReason(root = PROJECT_ROOT): string | null {
  const index = join(root, 'out', 'renderer', 'index.html');
  if (!existsSync(index)) return 'out/renderer is missing';
  const built = statSync(index).mtimeMs;
  const changed = INPUTS.find((input) => newestMtime(join(root, input)) > built);
  return changed ? `${changed} changed since out/renderer was built` : null;
}

const LOCK_STALE_MS = 5 * 60_000;
const LOCK_WAIT_MS = 3 * 60_000;

/** Takes the lock (a folder: mkdir is atomic); false when another process holds it. */
function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function lockAge(lock: string): number | null {
  try {
    return Date.now() - statSync(lock).mtimeMs;
  } catch {
    return null;
  }
}

async function withLock<T>(lock: string, run: () => Promise<T>): Promise<T> {
  const began = Date.now();
  while (!tryLock(lock)) {
    const age = lockAge(lock);
    if (age === null) continue;
    if (age > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
    else if (Date.now() - began > LOCK_WAIT_MS) throw new Error(`another process has been building the renderer for minutes (${lock}); remove that folder if nothing is building`);
    else await new Promise((r) => setTimeout(r, 200));
  }
  try {
    return await run();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Makes sure `out/renderer` is current: builds it (electron-vite's renderer configuration,
 * the same as `npx electron-vite build`) when missing or stale. Answers the folder to serve.
 */
export async function ensureRendererBuild(options: { log: (message: string) => void; root?: string }): Promise<string> {
  const root = options.root ?? PROJECT_ROOT;
  const out = join(root, 'out');
  const target = join(out, 'renderer');
  const reason = staleReason(root);
  if (!reason) return target;
  mkdirSync(out, { recursive: true });
  await withLock(join(out, '.renderer-build.lock'), async () => {
    const again = staleReason(root);
    if (!again) return;
    options.log(`web: building the renderer (${again})`);
    const began = Date.now();
    const temp = join(out, `.renderer-build-${process.pid}-${Date.now()}`);
    try {
      await buildRenderer(root, temp);
      const built = join(temp, 'renderer');
      if (!existsSync(join(built, 'index.html'))) throw new Error('the renderer build produced no index.html');
      const old = join(out, `.renderer-old-${process.pid}-${Date.now()}`);
      if (existsSync(target)) renameSync(target, old);
      renameSync(built, target);
      rmSync(old, { recursive: true, force: true });
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
    options.log(`web: renderer built in ${Date.now() - began} ms`);
  });
  return target;
}

async function buildRenderer(root: string, outDir: string): Promise<void> {
  let electronVite: typeof ElectronVite;
  let vite: typeof Vite;
  try {
    electronVite = await import('electron-vite');
    vite = await import('vite');
  } catch (error) {
    throw new Error('cannot build the renderer: electron-vite and vite are dev dependencies; run `npm ci` (not --omit=dev), or build it elsewhere with `npx electron-vite build` and copy out/renderer', { cause: error });
  }
  const nodeEnv = process.env.NODE_ENV;
  try {
    const resolved = await electronVite.resolveConfig({ root, logLevel: 'warn', build: { outDir } }, 'build', 'production');
    const renderer = resolved.config?.renderer;
    if (!renderer) throw new Error('electron.vite.config.ts has no renderer configuration');
    await vite.build(renderer);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
