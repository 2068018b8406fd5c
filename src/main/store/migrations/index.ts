import type { Migration } from '../../../core/db/migrate.js';
import consoleTables from './0001_console.js';
import statements from './0002_statements.js';
import reconciliation from './0003_reconciliation.js';
import reconLookups from './0004_recon_lookups.js';
import offlineCredentials from './0005_offline_credentials.js';
import overviewFigures from './0006_overview_figures.js';

export const CONSOLE_SCOPE = 'console';
export const consoleMigrations: readonly Migration[] = [consoleTables, statements, reconciliation, reconLookups, offlineCredentials, overviewFigures];
