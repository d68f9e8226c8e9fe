// Every SQL statement the relay runs, by name.
export const QUERIES = {
  /** One multi-row INSERT for `rows` events, nine parameters per row (in this column order). */
  insertEvents: (rows: number) =>
    `INSERT INTO events (kind, email_id, recipient_id, link_index, url, at, ip, user_agent, method) VALUES ${Array<string>(rows).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
  eventsAfter: `
    SELECT id, kind, email_id, recipient_id, link_index, url, at, ip, user_agent, method
    FROM events WHERE id > ? ORDER BY id LIMIT ?`,
  // Ids grow with arrival time, so everything below the first recent id is old.
  firstIdAtOrAfter: `SELECT id FROM events WHERE at >= ? ORDER BY id LIMIT 1`,
  lastId: `SELECT coalesce(max(id), 0) AS id FROM events`,
  deleteIdRange: `DELETE FROM events WHERE id >= ? AND id < ?`,
  firstId: `SELECT coalesce(min(id), 0) AS id FROM events`,
  getMeta: `SELECT value FROM meta WHERE key = ?`,
  insertMetaIfAbsent: `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
  // Copies committed WAL frames into the database without blocking the connection that writes.
  checkpoint: `PRAGMA wal_checkpoint(PASSIVE)`,
} as const;
