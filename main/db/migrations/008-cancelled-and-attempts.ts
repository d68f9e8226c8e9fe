// 'Cancelled' (never sent: the user cancelled the dispatch before this copy left) joins the
// statuses. SQLite cannot change a CHECK constraint in place, so recipients is rebuilt as
// sqlite.org/lang_altertable.html#otheralter describes, with every column and index as before
// (migrate() runs this step with foreign keys off, so the rebuild fires no ON DELETE action).
// copy_attempts keeps every attempt of a copy and the server's answer: a resend adds one.
export const sql = /* sql */ `
CREATE TABLE recipients_new (
  id              INTEGER PRIMARY KEY,
  email_id        INTEGER NOT NULL REFERENCES emails(id) ON DELETE CASCADE,
  contact_id      INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('to', 'cc', 'bcc')),
  display_name    TEXT NOT NULL DEFAULT '',
  address         TEXT NOT NULL,                   -- as given; '' for "No Email Selected"
  address_norm    TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'Unsent' CHECK (status IN
                    ('Unsent', 'Sent', 'Soft Bounced', 'Bounced', 'Delivered', 'Opened',
                     'Failed', 'Blocked', 'Duplicate', 'No Email Selected', 'Cancelled')),
  status_reason   TEXT NOT NULL DEFAULT '',        -- why it failed / bounced, in words
  bounce_class    TEXT,                            -- hard, soft, transient, blocked, ... (bounce/README)
  tracked         INTEGER NOT NULL DEFAULT 0,      -- this copy carries a pixel
  token           TEXT,                            -- the signed open token of this copy
  attempts        INTEGER NOT NULL DEFAULT 0,      -- of the retry policy's count (a resend starts it over)
  last_attempt_at INTEGER,
  next_attempt_at INTEGER,
  smtp_reply      TEXT,                            -- the latest attempt's; every one is in copy_attempts
  first_viewed_at INTEGER,
  last_viewed_at  INTEGER,
  views           INTEGER NOT NULL DEFAULT 0,
  clicks          INTEGER NOT NULL DEFAULT 0,
  last_program    TEXT,
  updated_at      INTEGER NOT NULL,
  send_state      TEXT NOT NULL DEFAULT 'none'
                    CHECK (send_state IN ('none', 'queued', 'sending', 'done', 'unknown', 'held')),
  copy_id         TEXT,
  provider_id     TEXT,
  auto_reply_at   INTEGER
);
INSERT INTO recipients_new SELECT id, email_id, contact_id, kind, display_name, address, address_norm, status, status_reason,
  bounce_class, tracked, token, attempts, last_attempt_at, next_attempt_at, smtp_reply, first_viewed_at, last_viewed_at, views,
  clicks, last_program, updated_at, send_state, copy_id, provider_id, auto_reply_at FROM recipients;
DROP TABLE recipients;
ALTER TABLE recipients_new RENAME TO recipients;
CREATE INDEX recipients_by_email ON recipients(email_id);
CREATE INDEX recipients_by_contact ON recipients(contact_id);
CREATE UNIQUE INDEX recipients_by_copy ON recipients(copy_id) WHERE copy_id IS NOT NULL;
CREATE INDEX recipients_outbox ON recipients(send_state, next_attempt_at)
  WHERE send_state IN ('queued', 'sending', 'unknown');
CREATE INDEX recipients_by_provider_id ON recipients(provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX recipients_by_address ON recipients(address_norm, last_attempt_at);
CREATE INDEX recipients_failed ON recipients(updated_at DESC)
  WHERE status IN ('Bounced', 'Soft Bounced', 'Failed', 'Blocked') OR auto_reply_at IS NOT NULL;

-- One row per attempt of a copy, written with its answer; never updated. outcome: accepted,
-- deferred (4xx), refused (5xx), failed (never reached a server), unknown (may have left).
CREATE TABLE copy_attempts (
  id           INTEGER PRIMARY KEY,
  recipient_id INTEGER NOT NULL REFERENCES recipients(id) ON DELETE CASCADE,
  attempt      INTEGER NOT NULL,
  at           INTEGER NOT NULL,
  outcome      TEXT NOT NULL CHECK (outcome IN ('accepted', 'deferred', 'refused', 'failed', 'unknown')),
  reply        TEXT,
  reason       TEXT NOT NULL DEFAULT '',
  UNIQUE (recipient_id, attempt)
);
`;
