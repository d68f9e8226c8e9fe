// The whole schema of DESIGN.md, readable top to bottom. Times are Unix milliseconds (UTC).
// Addresses are compared by `*_norm` (trimmed, lower-cased): see domain/address.ts.
export const sql = /* sql */ `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL                 -- JSON
);

-- Passwords and the relay secret, encrypted by the SecretBox (safeStorage or key file).
CREATE TABLE secrets (
  name       TEXT PRIMARY KEY,
  scheme     TEXT NOT NULL,           -- which box sealed it: 'safe-storage' | 'key-file-v1'
  ciphertext BLOB NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE contacts (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  company    TEXT NOT NULL DEFAULT '',
  phone      TEXT NOT NULL DEFAULT '',
  notes      TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX contacts_by_name ON contacts(name COLLATE NOCASE);

CREATE TABLE addresses (
  id                 INTEGER PRIMARY KEY,
  contact_id         INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  position           INTEGER NOT NULL DEFAULT 0,
  email              TEXT NOT NULL,
  email_norm         TEXT NOT NULL,
  purposes           TEXT NOT NULL DEFAULT '[]',   -- JSON array: "client mail", "newsletter", ...
  consent            TEXT NOT NULL DEFAULT 'unknown' CHECK (consent IN ('granted', 'denied', 'unknown')),
  deactivated_at     INTEGER,                      -- set by a hard bounce, cleared by "reactivate"
  deactivated_reason TEXT
);
CREATE INDEX addresses_by_contact ON addresses(contact_id, position);
CREATE INDEX addresses_by_email ON addresses(email_norm);

-- The blocked list holds addresses, not contacts: a blocked address is never sent to.
CREATE TABLE blocked (
  email_norm TEXT PRIMARY KEY,
  reason     TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);

CREATE TABLE shoots (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL,
  client_id  INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  shoot_date TEXT,                                 -- ISO date (YYYY-MM-DD), local to the user
  location   TEXT NOT NULL DEFAULT '',
  status     TEXT NOT NULL DEFAULT 'inquiry' CHECK (status IN ('inquiry', 'booked', 'completed', 'cancelled')),
  notes      TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX shoots_by_date ON shoots(shoot_date DESC);
CREATE INDEX shoots_by_client ON shoots(client_id);

CREATE TABLE templates (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  subject    TEXT NOT NULL,
  body_html  TEXT,
  body_text  TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- A mail merge or broadcast: one email row per contact, grouped here.
CREATE TABLE dispatches (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,                       -- from subject and dispatch date
  subject     TEXT NOT NULL,
  template_id INTEGER REFERENCES templates(id) ON DELETE SET NULL,
  filter      TEXT NOT NULL DEFAULT '{}',          -- JSON: how the list was chosen
  status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sending', 'paused', 'cancelled', 'done')),
  created_at  INTEGER NOT NULL,
  started_at  INTEGER,
  finished_at INTEGER
);
CREATE INDEX dispatches_by_created ON dispatches(created_at DESC);

CREATE TABLE emails (
  id              INTEGER PRIMARY KEY,
  message_id      TEXT NOT NULL UNIQUE,
  shoot_id        INTEGER REFERENCES shoots(id) ON DELETE SET NULL,
  dispatch_id     INTEGER REFERENCES dispatches(id) ON DELETE SET NULL,
  from_address    TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body_html       TEXT,
  body_text       TEXT,
  tracking        TEXT NOT NULL CHECK (tracking IN ('off', 'opens', 'opens_clicks')),
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER,
  -- Derived from recipients and events, kept on the row so an Outbox page is one index walk.
  recipients_label TEXT NOT NULL DEFAULT '',
  recipient_count  INTEGER NOT NULL DEFAULT 0,
  status           TEXT NOT NULL DEFAULT 'Unsent',
  viewed           TEXT NOT NULL DEFAULT 'Unread' CHECK (viewed IN ('Read', 'Unread', 'Failed', 'Untracked')),
  first_viewed_at  INTEGER,
  last_viewed_at   INTEGER,
  total_views      INTEGER NOT NULL DEFAULT 0,
  last_program     TEXT
);
CREATE INDEX emails_by_created ON emails(created_at DESC, id DESC);
CREATE INDEX emails_by_shoot ON emails(shoot_id, created_at DESC, id DESC);
CREATE INDEX emails_by_dispatch ON emails(dispatch_id);

CREATE TABLE attachments (
  id           INTEGER PRIMARY KEY,
  email_id     INTEGER NOT NULL REFERENCES emails(id) ON DELETE CASCADE,
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL,
  content      BLOB NOT NULL
);
CREATE INDEX attachments_by_email ON attachments(email_id);

CREATE TABLE recipients (
  id              INTEGER PRIMARY KEY,
  email_id        INTEGER NOT NULL REFERENCES emails(id) ON DELETE CASCADE,
  contact_id      INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('to', 'cc', 'bcc')),
  display_name    TEXT NOT NULL DEFAULT '',
  address         TEXT NOT NULL,                   -- as given; '' for "No Email Selected"
  address_norm    TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'Unsent' CHECK (status IN
                    ('Unsent', 'Sent', 'Soft Bounced', 'Bounced', 'Delivered', 'Opened',
                     'Failed', 'Blocked', 'Duplicate', 'No Email Selected')),
  status_reason   TEXT NOT NULL DEFAULT '',        -- why it failed / bounced, in words
  bounce_class    TEXT,                            -- hard, soft, transient, blocked, ... (bounce/README)
  tracked         INTEGER NOT NULL DEFAULT 0,      -- this copy carries a pixel
  token           TEXT,                            -- the signed open token of this copy
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_attempt_at INTEGER,
  next_attempt_at INTEGER,
  smtp_reply      TEXT,
  first_viewed_at INTEGER,
  last_viewed_at  INTEGER,
  views           INTEGER NOT NULL DEFAULT 0,
  clicks          INTEGER NOT NULL DEFAULT 0,
  last_program    TEXT,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX recipients_by_email ON recipients(email_id);
CREATE INDEX recipients_by_address ON recipients(address_norm);
CREATE INDEX recipients_by_contact ON recipients(contact_id);
CREATE INDEX recipients_failed ON recipients(updated_at DESC)
  WHERE status IN ('Bounced', 'Soft Bounced', 'Failed', 'Blocked');
CREATE INDEX recipients_due ON recipients(next_attempt_at)
  WHERE status IN ('Unsent', 'Soft Bounced');

-- Every open and click exactly as the relay saw it, with our verdict on who made it.
CREATE TABLE tracking_events (
  id           INTEGER PRIMARY KEY,
  source       TEXT NOT NULL,                      -- the relay (its URL) the event came from
  source_id    TEXT NOT NULL,                      -- the relay's stable event id
  email_id     INTEGER NOT NULL REFERENCES emails(id) ON DELETE CASCADE,
  recipient_id INTEGER REFERENCES recipients(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('open', 'click')),
  at           INTEGER NOT NULL,
  ip           TEXT NOT NULL DEFAULT '',
  user_agent   TEXT NOT NULL DEFAULT '',
  method       TEXT NOT NULL DEFAULT 'GET',
  link_index   INTEGER,
  url          TEXT,
  verdict      TEXT NOT NULL CHECK (verdict IN ('person', 'mail_proxy', 'privacy_prefetch', 'security_scanner', 'self')),
  program      TEXT,
  UNIQUE (source, source_id)
);
CREATE INDEX tracking_events_by_recipient ON tracking_events(recipient_id, at);
CREATE INDEX tracking_events_by_email ON tracking_events(email_id, at);

-- Bounces, delay and success reports, auto-replies and complaints read from IMAP, raw kept.
CREATE TABLE mail_reports (
  id           INTEGER PRIMARY KEY,
  account      TEXT NOT NULL,
  mailbox      TEXT NOT NULL,
  uidvalidity  INTEGER NOT NULL,
  uid          INTEGER NOT NULL,
  message_id   TEXT,
  received_at  INTEGER NOT NULL,
  kind         TEXT NOT NULL,                      -- failure, delay, success, autoreply, complaint, not-report
  raw          BLOB NOT NULL,
  parsed       TEXT NOT NULL DEFAULT '{}',         -- the classifier's verdict, JSON
  email_id     INTEGER REFERENCES emails(id) ON DELETE SET NULL,
  processed_at INTEGER,
  UNIQUE (account, mailbox, uidvalidity, uid)
);
CREATE INDEX mail_reports_by_email ON mail_reports(email_id);

CREATE TABLE report_recipients (
  report_id    INTEGER NOT NULL REFERENCES mail_reports(id) ON DELETE CASCADE,
  recipient_id INTEGER REFERENCES recipients(id) ON DELETE SET NULL,
  address      TEXT NOT NULL,
  class        TEXT NOT NULL,
  reason       TEXT NOT NULL DEFAULT '',
  status_code  TEXT NOT NULL DEFAULT '',
  diagnostic   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_recipients_by_recipient ON report_recipients(recipient_id);

-- A contact's timeline: email sent, email opened, link clicked, bounced.
CREATE TABLE activities (
  id           INTEGER PRIMARY KEY,
  contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('email_sent', 'email_opened', 'link_clicked', 'bounced')),
  at           INTEGER NOT NULL,
  email_id     INTEGER REFERENCES emails(id) ON DELETE CASCADE,
  recipient_id INTEGER REFERENCES recipients(id) ON DELETE CASCADE,
  detail       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activities_by_contact ON activities(contact_id, at DESC);

-- Dashboard notices (failures, connection trouble) shown until the user has seen them.
CREATE TABLE notices (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  message    TEXT NOT NULL,
  email_id   INTEGER REFERENCES emails(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  seen_at    INTEGER
);
CREATE INDEX notices_unseen ON notices(created_at DESC) WHERE seen_at IS NULL;
`;
