/**
 * Importing statements into a console database: the four formats, a re-import that changes
 * nothing, refused files (wrong encoding, truncated, a bad amount, footer totals that disagree,
 * external entities) with the line named and nothing imported, progress and cancellation, and
 * the headless `console import-statement` command.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRefused, importStatement, saveMapping } from '../../src/main/services/statement-import.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { exited, spawnTs } from '../support/child.js';
import { tempDir } from '../support/files.js';

const tmp = tempDir('import');
const fixture = (name: string) => `resources/statements/${name}`;
let store: ConsoleStore;

const countLines = async () => (await store.ledger.db.read.get<{ n: number }>('SELECT count(*) AS n FROM statement_lines'))!.n;

beforeAll(async () => {
  store = await ConsoleStore.open(tmp.file('console.db'));
  await saveMapping(store, 'example-bank', JSON.parse(await readFile(fixture('bank-export.mapping.json'), 'utf8')), Date.now());
});

afterAll(async () => {
  await store?.close();
  tmp.cleanup();
});

describe('statement import', () => {
  it.each([
    ['alipay-trade-bill.csv', 'alipay', 'trade', 4],
    ['alipay-trade-bill-utf8-bom.csv', 'alipay', 'trade', 4],
    ['mt940-statement.sta', 'mt940', 'bank', undefined],
    ['camt053.xml', 'camt053', 'bank', undefined],
    ['bank-export.csv', 'csv', 'bank', 3],
  ] as const)('imports %s (%s, detected) and a second import changes nothing', async (file, format, kind, lines) => {
    const before = await countLines();
    const options = { now: Date.now(), ...(format === 'csv' ? { mapping: 'example-bank' } : {}) };
    const first = await importStatement(store, fixture(file), options);
    expect(first).toMatchObject({ format, kind });
    if (lines !== undefined) expect(first.lines_read).toBe(lines);
    expect(first.imported + first.already_present).toBe(first.lines_read);
    expect(await countLines()).toBe(before + first.imported);
    const again = await importStatement(store, fixture(file), options);
    expect(again).toMatchObject({ imported: 0, already_present: first.lines_read });
    expect(await countLines()).toBe(before + first.imported);
  });

  it('keeps each line with its raw hash, line number and signed amount in minor units', async () => {
    const rows = await store.ledger.db.read.all<{ line_no: number; raw_hash: string; amount: string; reference: string; day: string }>(
      // The UTF-8 export of the same bill is another file (other bytes, other raw hashes): the
      // matcher reports its lines as duplicates, so this looks at the GBK file alone.
      `SELECT line_no, raw_hash, CAST(amount AS TEXT) AS amount, reference, day FROM statement_lines
       WHERE reference = 'E20261111000001' AND kind = 'trade'
         AND file_hash = (SELECT file_hash FROM statement_files WHERE name = 'alipay-trade-bill.csv')
       ORDER BY line_no`,
    );
    expect(rows.map((r) => [r.line_no, r.amount, r.day])).toEqual([
      [6, '12800', '2026-11-11'],
      [8, '-2800', '2026-11-11'],
    ]);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.raw_hash))).toBe(true);
  });

  it.each([
    ['alipay-invalid-gbk.csv', 'bad_encoding'],
    ['alipay-truncated.csv', 'truncated'],
    ['alipay-bad-amount.csv', 'bad_amount'],
    ['alipay-totals-mismatch.csv', 'totals_mismatch'],
    ['alipay-utf8-without-bom.csv', 'bad_encoding'],
    ['camt053-external-entity.xml', 'external_entity_refused'],
    ['camt053-billion-laughs.xml', 'external_entity_refused'],
    ['camt053-broken-balance.xml', 'totals_mismatch'],
    ['mt940-broken-balance.sta', 'totals_mismatch'],
  ])('refuses %s (%s), naming the line, importing nothing', async (file, code) => {
    const before = await countLines();
    const files = (await store.ledger.db.read.get<{ n: number }>('SELECT count(*) AS n FROM statement_files'))!.n;
    const format = file.startsWith('alipay') ? 'alipay' : file.startsWith('camt') ? 'camt053' : 'mt940';
    const refused = await importStatement(store, fixture(file), { now: Date.now(), format }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportRefused);
    expect(refused).toMatchObject({ code });
    expect((refused as ImportRefused).message).toMatch(/line \d+/);
    expect(await countLines()).toBe(before);
    expect((await store.ledger.db.read.get<{ n: number }>('SELECT count(*) AS n FROM statement_files'))!.n).toBe(files);
  });

  it('refuses a CSV file without a saved mapping and an unknown format', async () => {
    await expect(importStatement(store, fixture('bank-export.csv'), { now: Date.now() })).rejects.toMatchObject({ code: 'mapping_required' });
    await expect(importStatement(store, fixture('bank-export.csv'), { now: Date.now(), mapping: 'nope' })).rejects.toMatchObject({ code: 'unknown_mapping' });
    await expect(importStatement(store, fixture('make-fixtures.ts'), { now: Date.now() })).rejects.toMatchObject({ code: 'unknown_format' });
  });

  it('reports progress and can be cancelled, leaving nothing behind', async () => {
    const before = await countLines();
    const progress: number[] = [];
    const controller = new AbortController();
    const cancelled = importStatement(store, fixture('camt053-v02.xml'), {
      now: Date.now(),
      signal: controller.signal,
      onProgress: ({ bytesRead }) => {
        progress.push(bytesRead);
        controller.abort();
      },
    });
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    expect(progress.length).toBeGreaterThan(0);
    expect(await countLines()).toBe(before);
  });

  it('`console import-statement` prints a JSON summary, or exits 1 importing nothing', async () => {
    const file = tmp.file('cli.db');
    const run = async (args: string[]) => {
      const child = spawnTs('src/main/cli/index.ts', ['import-statement', '--db', file, ...args]);
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      const { code } = await exited(child);
      return { code, summary: JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown> };
    };
    const ok = await run(['--file', fixture('alipay-trade-bill.csv')]);
    expect(ok.code).toBe(0);
    expect(ok.summary).toMatchObject({ format: 'alipay', lines_read: 4, imported: 4, already_present: 0 });
    expect(ok.summary.exceptions).toBeDefined();
    expect((await run(['--file', fixture('alipay-trade-bill.csv')])).summary).toMatchObject({ imported: 0, already_present: 4 });
    const refused = await run(['--file', fixture('alipay-totals-mismatch.csv'), '--format', 'alipay']);
    expect(refused.code).toBe(1);
    expect(refused.summary).toMatchObject({ refused: true, code: 'totals_mismatch', imported: 0 });
  });
});
