/**
 * Importing a bank or Alipay statement file into the console's local database, for
 * reconciliation offline. The file is streamed (a million lines never sit in memory) and its
 * lines written in batches inside ONE transaction: a file the parser refuses (wrong encoding,
 * truncated, a bad amount, footer totals that disagree), or an import cancelled halfway,
 * leaves nothing behind. Each line keeps its raw hash and line number; a line already imported
 * (same account, raw hash and occurrence) is counted and skipped, so re-importing a file
 * changes nothing.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { insertJsonRows, type SqlRunner } from '../../core/db/sqlite.js';
import {
  csvMappingSchema,
  DETECT_BYTES,
  detectFormat,
  parseStatement,
  StatementFormatError,
  type CsvMapping,
  type StatementFormat,
  type StatementFormatSpec,
  type StatementLine,
} from '../../core/statements/index.js';
import type { ImportSummary } from '../../shared/api/views.js';
import { reconDay } from '../../shared/escrow/recon.js';
import type { ConsoleStore } from '../store/console-store.js';

/** Lines written per multi-row statement. */
const BATCH = 2_000;

export interface ImportOptions {
  format?: StatementFormat;
  /** The name of a saved CSV mapping (generic CSV files). */
  mapping?: string;
  onProgress?(progress: { bytesRead: number; totalBytes: number; linesRead: number }): void;
  signal?: AbortSignal;
  now: number;
}

export type { ImportSummary };

export class ImportRefused extends Error {
  constructor(
    readonly code: string,
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }
}

async function sniff(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(DETECT_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, DETECT_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function fileHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function saveMapping(store: ConsoleStore, name: string, raw: unknown, now: number): Promise<CsvMapping> {
  const parsed = csvMappingSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(mapping)'}: ${i.message}`);
    throw new ImportRefused('invalid_mapping', null, `the mapping is not valid: ${issues.join('; ')}`);
  }
  const mapping = parsed.data;
  await store.ledger.db.transaction((tx) =>
    tx.run('INSERT INTO csv_mappings (name, mapping, saved_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at', [name, JSON.stringify(mapping), now]),
  );
  return mapping;
}

async function formatSpec(store: ConsoleStore, path: string, options: ImportOptions): Promise<StatementFormatSpec> {
  const format = options.format ?? detectFormat(await sniff(path));
  if (!format) throw new ImportRefused('unknown_format', null, 'the file is not a statement this console reads (Alipay bill, MT940, camt.053, or CSV with --mapping)');
  if (format !== 'csv') return { format };
  if (!options.mapping) throw new ImportRefused('mapping_required', null, 'a generic CSV file needs a saved column mapping (--mapping NAME)');
  const row = await store.ledger.db.read.get<{ mapping: string }>('SELECT mapping FROM csv_mappings WHERE name = ?', [options.mapping]);
  if (!row) throw new ImportRefused('unknown_mapping', null, `no saved mapping named "${options.mapping}"`);
  return { format, mapping: csvMappingSchema.parse(JSON.parse(row.mapping)) };
}

/** The size of a regular file, or a refusal naming why it cannot be read. */
async function fileSize(path: string): Promise<number> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new ImportRefused('unreadable_file', null, `cannot read ${basename(path)}: ${error.code === 'ENOENT' ? 'no such file' : (error.code ?? 'unknown error')}`);
  });
  if (!info.isFile()) throw new ImportRefused('unreadable_file', null, `${basename(path)} is not a file`);
  return info.size;
}

export async function importStatement(store: ConsoleStore, path: string, options: ImportOptions): Promise<ImportSummary> {
  const totalBytes = await fileSize(path);
  const spec = await formatSpec(store, path, options);
  const hash = await fileHash(path);
  const kind = spec.format === 'alipay' ? 'trade' : 'bank';
  try {
    return await store.ledger.db.transaction(async (tx) => {
      let account = 'unknown';
      let period: { from: number; to: number } | undefined;
      let linesRead = 0;
      let imported = 0;
      const days = new Set<string>();
      const occurrences = new Map<number, number>();
      let batch: StatementLine[] = [];
      const flush = async () => {
        imported += await insertLines(tx, batch, account, hash, kind, occurrences);
        for (const line of batch) days.add(reconDay(line.bookedAt));
        batch = [];
      };
      const parser = parseStatement(createReadStream(path), spec, {
        signal: options.signal,
        onProgress: (bytesRead, lines) => options.onProgress?.({ bytesRead, totalBytes, linesRead: lines }),
      });
      for await (const item of parser) {
        if (item.type === 'header') {
          await flush();
          account = item.header.account ?? account;
          period = item.header.period ?? period;
        } else if (item.type === 'line') {
          linesRead += 1;
          batch.push(item.line);
          if (batch.length >= BATCH) await flush();
        }
      }
      await flush();
      await tx.run(
        `INSERT INTO statement_files (file_hash, name, format, kind, account, period_from, period_to, lines, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (file_hash) DO NOTHING`,
        [hash, basename(path), spec.format, kind, account, period?.from ?? null, period?.to ?? null, linesRead, options.now],
      );
      return { file: basename(path), format: spec.format, kind, account, lines_read: linesRead, imported, already_present: linesRead - imported, days: [...days].sort() };
    });
  } catch (error) {
    if (error instanceof StatementFormatError) throw new ImportRefused(error.code, error.line, error.message);
    throw error;
  }
}

const LINE_COLUMNS = [
  'account', 'raw_hash', 'occurrence', 'file_hash', 'line_no', 'kind', 'booked_at', 'day', 'amount', 'currency', 'reference', 'counterparty',
  'description', 'external_id', 'line_kind', 'fee', 'refund_reference',
];

/** Writes a batch of lines; returns how many were new. */
async function insertLines(tx: SqlRunner, lines: readonly StatementLine[], account: string, fileHash: string, kind: string, occurrences: Map<number, number>): Promise<number> {
  if (lines.length === 0) return 0;
  const rows = lines.map((l) => {
    // Counted per 28-bit prefix of the hash, a small integer key: a million lines cost a few
    // MiB, not a map of a million strings. Two different lines sharing a prefix just number on
    // (1, 2, ...); the numbering follows the file's order, so a re-import gives the same numbers
    // and byte-identical records always get different ones.
    const key = Number.parseInt(l.rawHash.slice(0, 7), 16);
    const occurrence = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, occurrence);
    return [
      account, l.rawHash, occurrence, fileHash, l.lineNo, kind, l.bookedAt, reconDay(l.bookedAt), l.amount, l.currency, l.reference,
      l.counterparty ?? null, l.description ?? null, l.externalId ?? null, l.kind ?? null, l.fee ?? null, l.refundReference ?? null,
    ];
  });
  return insertJsonRows(tx, 'statement_lines', LINE_COLUMNS, rows, 'ON CONFLICT (account, raw_hash, occurrence) DO NOTHING');
}
