import type { Migration } from '../../../core/db/migrate.js';
import consoleTables from './0001_console.js';

export const CONSOLE_SCOPE = 'console';
export const consoleMigrations: readonly Migration[] = [consoleTables];
