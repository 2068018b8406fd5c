import type { Migration } from '../../../core/db/migrate.js';
import hub from './0001_hub.js';
import attachments from './0002_attachments.js';

export const HUB_SCOPE = 'hub';
export const sqliteHubMigrations: readonly Migration[] = [hub, attachments];
