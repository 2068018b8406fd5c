/** The audit trail's SQLite migrations, in order: a scope of its own, so any store can add it. */
import type { Migration } from '../../db/migrate.js';
import audit from './0001_audit.js';

export const AUDIT_SCOPE = 'audit';
export const sqliteAuditMigrations: readonly Migration[] = [audit];
