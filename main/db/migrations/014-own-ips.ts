// The user's own IP addresses, as the relay saw this app when it synced or tested it
// (x-outpost-client-ip): opens from one of them near when it was seen count as the user's own.
export const sql = /* sql */ `
CREATE TABLE own_ips (
  ip            TEXT PRIMARY KEY,               -- exactly as the relay stores an event's ip (truncated if it truncates)
  first_seen_at INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  learned_from  TEXT NOT NULL CHECK (learned_from IN ('sync', 'test')),  -- how it was first seen
  -- "Not mine": set by the user. The row stays so that a later sync cannot learn the address again.
  removed_at    INTEGER
);
`;
