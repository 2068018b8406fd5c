/**
 * A real browser-mode console (`src/main/web/cli.ts`) as a child process, for the web host's
 * integration tests and the end-to-end journeys: started with the given arguments, ready when it
 * prints its URL with the per-launch secret.
 */
import type { ChildProcess } from 'node:child_process';
import { exited, onLines, spawnTs } from './child.js';

export const READY = /^console on (http:\/\/127\.0\.0\.1:(\d+)\/)\?secret=([A-Za-z0-9_-]{43})$/;

export interface WebProcess {
  origin: string;
  port: number;
  secret: string;
  lines: string[];
  child: ChildProcess;
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startWeb(args: string[]): Promise<WebProcess> {
  const child = spawnTs('src/main/web/cli.ts', args);
  let stderr = '';
  const t0 = Date.now();
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    // WEB_DEBUG=1: the host's stderr (renderer build, seeding, shutdown) with timings.
    if (process.env.WEB_DEBUG) process.stdout.write(`[${Date.now() - t0} ms] ${d}`);
  });
  const lines: string[] = [];
  const ready = await new Promise<RegExpExecArray>((resolveReady, reject) => {
    onLines(child, (line) => {
      lines.push(line);
      const match = READY.exec(line);
      if (match) resolveReady(match);
    });
    child.once('exit', (code) => reject(new Error(`npm run web exited (${code}) before it was ready: ${stderr}`)));
  });
  return {
    origin: ready[1],
    port: Number(ready[2]),
    secret: ready[3],
    lines,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited(child);
    },
  };
}

