import type { HubStorage } from './types.js';

/** PostgreSQL storage: being written. */
export const PostgresHubStorage = {
  open(_url: string): Promise<HubStorage> {
    return Promise.reject(new Error('PostgreSQL storage is not built yet'));
  },
};
