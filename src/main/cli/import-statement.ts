/**
 * `console import-statement --db FILE --file PATH [--format alipay|csv|mt940|camt053] [--mapping NAME]`:
 * imports a statement for reconciliation (headless, for scheduled jobs) and prints one JSON
 * summary; a refused file exits 1, naming the line, with nothing imported.
 * `console save-mapping --db FILE --name NAME --file MAPPING.json`: saves a generic CSV mapping.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseOptions, UsageError } from '../../core/cli-args.js';
import { STATEMENT_FORMATS, type StatementFormat } from '../../shared/escrow/recon.js';
import { ImportRefused, importStatement, saveMapping } from '../services/statement-import.js';
import { reconcileDays } from '../services/reconciliation.js';
import { ConsoleStore } from '../store/console-store.js';

export const IMPORT_USAGE = 'console import-statement --db FILE --file PATH [--format alipay|csv|mt940|camt053] [--mapping NAME]';
export const SAVE_MAPPING_USAGE = 'console save-mapping --db FILE --name NAME --file MAPPING.json';

export async function importStatementCommand(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv, { db: { value: true, required: true }, file: { value: true, required: true }, format: { value: true }, mapping: { value: true } });
  const format = options.format as StatementFormat | undefined;
  if (format && !(STATEMENT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${STATEMENT_FORMATS.join(', ')}`);
  if (!existsSync(options.file as string)) throw new UsageError(`no file at ${String(options.file)}`);
  const store = await ConsoleStore.open(options.db as string);
  try {
    let lastReport = 0;
    const summary = await importStatement(store, options.file as string, {
      ...(format ? { format } : {}),
      ...(options.mapping ? { mapping: options.mapping as string } : {}),
      now: Date.now(),
      onProgress: ({ bytesRead, totalBytes, linesRead }) => {
        if (Date.now() - lastReport < 1000) return;
        lastReport = Date.now();
        process.stderr.write(`import: ${Math.floor((bytesRead * 100) / Math.max(1, totalBytes))}% (${linesRead} lines)\n`);
      },
    });
    const reconciliation = await reconcileDays(store, summary.kind, summary.days);
    process.stdout.write(`${JSON.stringify({ ...summary, ...reconciliation })}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ImportRefused)) throw error;
    process.stdout.write(`${JSON.stringify({ refused: true, code: error.code, line: error.line, message: error.message, imported: 0 })}\n`);
    process.stderr.write(`import refused: ${error.message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

export async function saveMappingCommand(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv, { db: { value: true, required: true }, name: { value: true, required: true }, file: { value: true, required: true } });
  const store = await ConsoleStore.open(options.db as string);
  try {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(options.file as string, 'utf8'));
    } catch (error) {
      throw new UsageError(`cannot read the mapping file: ${error instanceof Error ? error.message : String(error)}`);
    }
    const mapping = await saveMapping(store, options.name as string, raw, Date.now());
    process.stdout.write(`${JSON.stringify({ saved: options.name, mapping })}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
