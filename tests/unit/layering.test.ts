/**
 * The layering of DESIGN §2 is enforced by the `layers/allowed-imports` lint rule. These tests
 * prove the rule catches forbidden imports (and allows the permitted ones) by linting snippets
 * as if they lived in each folder, and that the real tree is clean.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result.messages.filter((m) => m.ruleId === 'layers/allowed-imports').map((m) => m.message);
}

describe('layering lint rule', () => {
  it.each([
    ['src/core/ledger/x.ts', "import { app } from 'electron';\nexport { app };\n", /must not import the package "electron"/],
    ['src/renderer/src/x.ts', "import { SqliteLedger } from '../../core/ledger/sqlite-ledger.js';\nexport { SqliteLedger };\n", /renderer must not import core/],
    ['src/shared/x.ts', "import { readFile } from 'node:fs';\nexport { readFile };\n", /must not import the Node built-in/],
    ['src/shared/x.ts', "import { readFile } from 'fs';\nexport { readFile };\n", /must not import the Node built-in/],
    ['src/core/x.ts', "import { x } from '../main/cli/verify.js';\nexport { x };\n", /core must not import main/],
    ['src/hub/x.ts', "import { x } from '../sim/y.js';\nexport { x };\n", /hub must not import sim/],
    ['src/sim/x.ts', "import { x } from '../hub/y.js';\nexport { x };\n", /sim must not import hub/],
    ['src/preload/x.ts', "import { x } from '../core/y.js';\nexport { x };\n", /preload must not import core/],
    ['src/main/cli/x.ts', "import { app } from 'electron';\nexport { app };\n", /only src\/main\/electron and src\/preload may import electron/],
    ['src/renderer/src/x.ts', "const m = await import('../../core/y.js');\nexport { m };\n", /renderer must not import core/],
    ['src/renderer/src/x.ts', "export * from '../../hub/y.js';\n", /renderer must not import hub/],
    ['src/renderer/src/x.ts', "import sqlite3 from 'sqlite3';\nexport { sqlite3 };\n", /must not import the package "sqlite3"/],
  ])('%s: catches %j', async (file, code, message) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['src/core/x.ts', "import { parseAmount } from '../shared/money.js';\nexport { parseAmount };\n"],
    ['src/renderer/src/x.ts', "import { parseAmount } from '../../shared/money.js';\nexport { parseAmount };\n"],
    ['src/main/electron/x.ts', "import { app } from 'electron';\nexport { app };\n"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron';\nexport { contextBridge };\n"],
    ['src/hub/x.ts', "import { SqliteLedger } from '../core/ledger/sqlite-ledger.js';\nexport { SqliteLedger };\n"],
    ['src/main/x.ts', "import { x } from '../hub/y.js';\nexport { x };\n"],
  ])('%s: allows %j', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });

  it('the source tree has no layering violation', async () => {
    const results = await eslint.lintFiles(['src/**/*.{ts,tsx}']);
    const violations = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'layers/allowed-imports').map((m) => `${r.filePath}: ${m.message}`));
    expect(violations).toEqual([]);
    expect(results.length).toBeGreaterThan(10);
  });
});
