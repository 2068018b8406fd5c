/**
 * Evidence files (run by tests/bench/run.ts in its own process): `--files N --mib M`.
 * N files of M MiB are uploaded to a real hub (SQLite), fetched by a console (download, check,
 * keep under <dir>/attachments) and read back from its copies (hash checked again). The
 * baseline, in the same run, is writing the same bytes to files with fsync: the floor any
 * durable copy pays. Prints one JSON object.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseOptions, runCli } from '../../src/core/cli-args.js';
import { sha256Hex } from '../../src/core/attachments/content.js';
import { AttachmentFiles } from '../../src/main/attachments/attachment-files.js';
import { AttachmentSource } from '../../src/main/attachments/attachment-source.js';
import { HubClient } from '../../src/main/sync/hub-client.js';
import { ADMIN, fileBytes, startHub, uploadAttachment } from '../support/hub-process.js';
import { spread } from './percentiles.js';

const MIB = 1024 * 1024;

/** MiB per second for `count` files of `bytes` each done in `ms`. */
const rate = (count: number, bytes: number, ms: number) => Math.round(((count * bytes) / MIB / (ms / 1000)) * 10) / 10;

async function timed<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  samples.push(performance.now() - start);
  return result;
}

runCli(async () => {
  const options = parseOptions(process.argv.slice(2), { files: { value: true }, mib: { value: true }, dir: { value: true } });
  const count = Number(options.files ?? 100);
  const bytes = Math.round(Number(options.mib ?? 1) * MIB);
  const dir = join(String(options.dir ?? 'bench-results'), 'attachments-bench');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = Array.from({ length: count }, (_, i) => fileBytes(i % 3 === 0 ? 'application/pdf' : 'image/png', bytes, i + 1));
  const hashes = files.map(sha256Hex);

  // Baseline: the same bytes written and flushed, one file at a time.
  const raw: number[] = [];
  mkdirSync(join(dir, 'raw'));
  for (const [i, file] of files.entries()) {
    await timed(raw, async () => {
      const handle = await open(join(dir, 'raw', hashes[i]), 'w');
      await handle.writeFile(file);
      await handle.sync();
      await handle.close();
    });
  }

  const hub = await startHub({ db: join(dir, 'hub.db') }, { rate: 100_000 });
  try {
    const uploads: number[] = [];
    for (const file of files) {
      const response = await timed(uploads, () => uploadAttachment(hub.url, file, file[0] === 0x25 ? 'application/pdf' : 'image/png'));
      if (!response.ok) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
    }

    const client = new HubClient(hub.url);
    await client.signIn(ADMIN.name, ADMIN.password);
    const source = new AttachmentSource(new AttachmentFiles(join(dir, 'console')), client, (m) => process.stderr.write(`${m}\n`));
    const fetches: number[] = [];
    const reads: number[] = [];
    for (const sha256 of hashes) {
      const got = await timed(fetches, () => source.get(sha256));
      if (!got.ok || !got.value.fetched) throw new Error(`fetch of ${sha256} failed: ${JSON.stringify(got)}`);
    }
    for (const sha256 of hashes) {
      const got = await timed(reads, () => source.get(sha256));
      if (!got.ok || got.value.fetched) throw new Error(`local read of ${sha256} failed`);
    }
    const total = (samples: number[]) => samples.reduce((a, b) => a + b, 0);
    const rawRate = rate(count, bytes, total(raw));
    const fetchRate = rate(count, bytes, total(fetches));
    const figures = {
      attachments_files: count,
      attachments_file_mib: bytes / MIB,
      attachments_raw_write_fsync_mib_per_s: rawRate,
      attachments_upload_mib_per_s: rate(count, bytes, total(uploads)),
      attachments_upload_p95_ms: spread(uploads).p95,
      attachments_console_fetch_mib_per_s: fetchRate,
      attachments_console_fetch_p95_ms: spread(fetches).p95,
      attachments_console_read_checked_mib_per_s: rate(count, bytes, total(reads)),
      attachments_console_read_p95_ms: spread(reads).p95,
      attachments_fetch_to_raw_ratio: Math.round((fetchRate / rawRate) * 100) / 100,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return 0;
  } finally {
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
