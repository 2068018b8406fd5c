import { performance } from 'node:perf_hooks';
import { SqliteLedger, sqliteLedgerPort } from '../../src/core/ledger/sqlite-ledger.js';
import { applyEvents } from '../../src/core/ledger/apply.js';
import { lifecycleStream } from './lifecycle-stream.js';
import { rmSync } from 'node:fs';
for (const s of ['', '-wal', '-shm']) rmSync('/tmp/phase.db' + s, { force: true });
const ledger = await SqliteLedger.open('/tmp/phase.db');
const t: Record<string, number> = {};
const wrap = (name: string, f: any) => async (...a: any[]) => { const s = performance.now(); try { return await f(...a); } finally { t[name] = (t[name] ?? 0) + performance.now() - s; } };
let total = 0, n = 0;
for (const batch of lifecycleStream(Number(process.env.N ?? 10000), 42, 5000)) {
  const s = performance.now();
  await ledger.db.transaction(async (tx) => {
    const port = sqliteLedgerPort(tx);
    const timed: any = {};
    for (const k of Object.keys(port)) timed[k] = wrap(k, (port as any)[k]);
    const origRun = tx.run.bind(tx);
    (tx as any).run = wrap('sql:' , origRun);
    return applyEvents(timed, batch);
  });
  total += performance.now() - s; n += batch.length;
}
console.log(n, 'events', total.toFixed(0), 'ms', Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.toFixed(0)])));
console.log((globalThis as any).T)
