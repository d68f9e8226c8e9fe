// The relay's whole schema, one migration per entry; PRAGMA user_version counts those applied.
export const MIGRATIONS: readonly string[] = [
  `
  -- Small facts that must survive restarts: this database's instance id, when a previous
  -- secret was first seen (its grace period runs from there).
  CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  -- One row per recorded open or click. AUTOINCREMENT: ids are never reused, even after
  -- pruning empties the table, so the app's cursor (the last id it saw) stays valid.
  CREATE TABLE events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT    NOT NULL CHECK (kind IN ('open', 'click')),
    email_id     INTEGER NOT NULL,
    recipient_id INTEGER NOT NULL,
    link_index   INTEGER,          -- clicks only
    url          TEXT,             -- clicks only: the signed target
    at           INTEGER NOT NULL, -- ms since the Unix epoch, when the request arrived
    ip           TEXT    NOT NULL, -- possibly truncated (--truncate-ip)
    user_agent   TEXT    NOT NULL,
    method       TEXT    NOT NULL CHECK (method IN ('GET', 'HEAD'))
  ) STRICT;
  `,
];
