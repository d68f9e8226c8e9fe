// Each recipient copy's first counted open and first counted click (main/notify/), written in the
// transaction that applies the event: the desktop notification is decided once, never again on a
// re-sync, a restart or a repeat.
export const sql = /* sql */ `
CREATE TABLE first_activity (
  recipient_id INTEGER NOT NULL REFERENCES recipients(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('open', 'click')),
  at           INTEGER NOT NULL,
  PRIMARY KEY (recipient_id, kind)
) WITHOUT ROWID;

-- Copies opened or clicked before this version are past news: no notification for them now.
-- views and clicks count only what people did (main/domain/views.ts).
INSERT INTO first_activity (recipient_id, kind, at)
  SELECT id, 'open', COALESCE(first_viewed_at, updated_at) FROM recipients WHERE views > 0;
INSERT INTO first_activity (recipient_id, kind, at)
  SELECT id, 'click', COALESCE(first_viewed_at, updated_at) FROM recipients WHERE clicks > 0;
`;
