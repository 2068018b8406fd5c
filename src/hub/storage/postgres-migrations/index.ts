/**
 * The hub's PostgreSQL migrations: one folder per scope, each numbered from 1 like the SQLite
 * ones (there the ledger's live in src/core/migrations, the audit trail's in src/core/audit
 * and the hub's beside its store).
 */
import { AUDIT_SCOPE } from '../../../core/audit/migrations/index.js';
import type { Migration } from '../../../core/db/migrate.js';
import { LEDGER_SCOPE } from '../../../core/migrations/sqlite/index.js';
import { HUB_SCOPE } from '../sqlite-migrations/index.js';
import audit from './audit/0001_audit.js';
import hub from './hub/0001_hub.js';
import hubAttachments from './hub/0002_attachments.js';
import ledger from './ledger/0001_ledger.js';
import disputes from './ledger/0002_disputes.js';
import risk from './ledger/0003_risk.js';
import holdIndexes from './ledger/0004_hold_indexes.js';
import merchants from './ledger/0005_merchants.js';
import reserveRelease from './ledger/0006_reserve_release.js';
import reconciliation from './ledger/0007_reconciliation.js';

export const postgresLedgerMigrations: readonly Migration[] = [ledger, disputes, risk, holdIndexes, merchants, reserveRelease, reconciliation];
export const postgresHubMigrations: readonly Migration[] = [hub, hubAttachments];
export const postgresAuditMigrations: readonly Migration[] = [audit];

/** Every scope, in the order they are brought up to date. */
export const postgresMigrations: ReadonlyArray<{ scope: string; migrations: readonly Migration[] }> = [
  { scope: LEDGER_SCOPE, migrations: postgresLedgerMigrations },
  { scope: HUB_SCOPE, migrations: postgresHubMigrations },
  { scope: AUDIT_SCOPE, migrations: postgresAuditMigrations },
];
