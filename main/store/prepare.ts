import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database';

/** Prepares a file's named queries once, so each store reads as its SQL table plus plain functions. */
export function prepareAll<K extends string>(db: Db, sql: Record<K, string>): Record<K, Statement> {
  const out = {} as Record<K, Statement>;
  for (const key of Object.keys(sql) as K[]) out[key] = db.prepare(sql[key]);
  return out;
}
