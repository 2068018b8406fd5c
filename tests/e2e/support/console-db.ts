/**
 * Reads the journey's console database (`<world.dir>/console/console.db`) while the console
 * runs, read-only: a journey picks real ids and names out of the seeded data instead of
 * hard-coding what the simulator happens to generate.
 */
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import type { World } from './world.js';

export function consoleDbPath(world: World): string {
  return join(world.dir, 'console', 'console.db');
}

/** The rows of one query, the connection closed afterwards. */
export async function queryConsoleDb<T>(world: World, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened = new sqlite3.Database(consoleDbPath(world), sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)));
  });
  try {
    return await new Promise<T[]>((resolve, reject) => db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** The first row of a query; fails the journey when the seeded data has none. */
export async function firstRow<T>(world: World, sql: string, params: readonly unknown[] = []): Promise<T> {
  const [row] = await queryConsoleDb<T>(world, sql, params);
  if (!row) throw new Error(`the seeded console database has no row for: ${sql}`);
  return row;
}
