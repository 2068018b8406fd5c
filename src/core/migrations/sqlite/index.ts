/** The console's SQLite migrations, in order. A test checks this list against the folder. */
import type { Migration } from '../../db/migrate.js';
import ledger from './0001_ledger.js';
import disputes from './0002_disputes.js';
import risk from './0003_risk.js';
import holdIndexes from './0004_hold_indexes.js';
import merchants from './0005_merchants.js';
import reserveRelease from './0006_reserve_release.js';
import reconciliation from './0007_reconciliation.js';

export const LEDGER_SCOPE = 'ledger';
export const sqliteLedgerMigrations: readonly Migration[] = [ledger, disputes, risk, holdIndexes, merchants, reserveRelease, reconciliation];
