// Follow-up reminders (one per email, chosen when sending) and saved templates with merge fields.
export const sql = /* sql */ `
CREATE TABLE reminders (
  id          INTEGER PRIMARY KEY,
  email_id    INTEGER NOT NULL UNIQUE REFERENCES emails(id) ON DELETE CASCADE,
  -- What clears it by itself: a person's open ('opened') or a reply ('replied'); a reply clears both.
  unless      TEXT NOT NULL CHECK (unless IN ('opened', 'replied')),
  due_at      INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  cleared_at  INTEGER,
  cleared_by  TEXT CHECK (cleared_by IN ('open', 'reply', 'done')),
  -- When the user was told it came due (desktop notification); NULL until then, and again after a snooze.
  notified_at INTEGER
);
CREATE INDEX reminders_open_by_due ON reminders(due_at) WHERE cleared_at IS NULL;

-- The templates table of the first schema, never used until now: it gains its format and unique names.
ALTER TABLE templates ADD COLUMN format TEXT NOT NULL DEFAULT 'text' CHECK (format IN ('text', 'html'));
CREATE UNIQUE INDEX templates_by_name ON templates(name COLLATE NOCASE);
`;
