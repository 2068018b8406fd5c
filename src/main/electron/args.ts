/**
 * The Electron shell's own options: `--data DIR` (the data folder; default Electron's userData)
 * and `--hub URL` (a hub that wins over the settings file). Electron and Chromium add switches
 * of their own to argv, so anything else is left alone rather than refused.
 */
import { resolve } from 'node:path';
import { hubUrlSchema } from '../../shared/schemas.js';

export interface ShellArgs {
  dataDir?: string;
  hubUrl?: string;
  problems: string[];
}

export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const out: ShellArgs = { problems: [] };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const match = /^--(data|hub)(?:=(.*))?$/s.exec(argv[i]);
    if (!match) continue;
    const name = match[1] as 'data' | 'hub';
    let value = match[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        out.problems.push(`--${name} needs a value`);
        continue;
      }
      i += 1;
    }
    if (seen.has(name)) {
      out.problems.push(`--${name} given twice`);
      continue;
    }
    seen.add(name);
    if (name === 'data') {
      if (value.trim() === '' || value.includes('\0')) out.problems.push('--data needs a folder');
      else out.dataDir = resolve(value);
    } else {
      const url = hubUrlSchema.safeParse(value);
      if (url.success) out.hubUrl = url.data;
      else out.problems.push(`--hub must be ${url.error.issues[0]?.message ?? 'an http(s) URL'} (got "${value.slice(0, 80)}")`);
    }
  }
  return out;
}
