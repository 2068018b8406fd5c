/**
 * The Electron shell's own options: `--data DIR` (the data folder; default Electron's userData)
 * and `--hub URL` (a hub that wins over the settings file). Electron and Chromium add switches
 * of their own to argv, so anything else is left alone rather than refused.
 */
import { resolve } from 'node:path';

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
      let url: URL | null;
      try {
        url = new URL(value);
      } catch {
        url = null;
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || value.length > 300) out.problems.push(`--hub needs an http(s) URL, not "${value.slice(0, 80)}"`);
      else out.hubUrl = value;
    }
  }
  return out;
}
