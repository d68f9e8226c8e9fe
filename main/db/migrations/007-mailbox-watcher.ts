// The return path: what the mailbox watcher reads (checkpoints, reports and how they matched),
// the addresses it stops (hard bounces, complaints), the Failed section and the activities it adds.
export const sql = /* sql */ `
-- Per account and folder: where the watcher stopped. last_uid moves in the same transaction as
-- the reports it covers, so nothing is applied twice and nothing skipped.
CREATE TABLE mailbox_folders (
  account         TEXT NOT NULL,                  -- user@host of the IMAP account
  mailbox         TEXT NOT NULL,
  uidvalidity     INTEGER NOT NULL,
  last_uid        INTEGER NOT NULL DEFAULT 0,
  last_checked_at INTEGER,
  PRIMARY KEY (account, mailbox)
);

ALTER TABLE mail_reports ADD COLUMN content_hash TEXT;          -- sha256 of the raw bytes: dedupe across UIDVALIDITY changes
ALTER TABLE mail_reports ADD COLUMN format TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_reports ADD COLUMN subject TEXT NOT NULL DEFAULT '';        -- the report's own, for lists
ALTER TABLE mail_reports ADD COLUMN from_address TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_reports ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
-- copy header | envelope id | message id | provider id | address; NULL when nothing matched
ALTER TABLE mail_reports ADD COLUMN matched_by TEXT;
ALTER TABLE mail_reports ADD COLUMN error TEXT;                 -- why it was stored but not applied
CREATE UNIQUE INDEX mail_reports_by_hash ON mail_reports(content_hash) WHERE content_hash IS NOT NULL;
CREATE INDEX mail_reports_by_time ON mail_reports(received_at DESC);
-- Reports applied to no copy (matched nothing, or not readable): listed and counted for the user.
CREATE INDEX mail_reports_unmatched ON mail_reports(received_at DESC) WHERE matched_by IS NULL;

ALTER TABLE report_recipients ADD COLUMN host TEXT NOT NULL DEFAULT '';
ALTER TABLE report_recipients ADD COLUMN applied TEXT NOT NULL DEFAULT '';  -- the status the report moved the copy to; '' if none
ALTER TABLE report_recipients ADD COLUMN return_date TEXT;                 -- auto-replies: when the person says they are back

-- The provider's own id for the copy, from its SMTP 250 reply (Outlook and SES rewrite Message-ID).
ALTER TABLE recipients ADD COLUMN provider_id TEXT;
CREATE INDEX recipients_by_provider_id ON recipients(provider_id) WHERE provider_id IS NOT NULL;
-- A report naming only an address is matched to a recent copy to it.
CREATE INDEX recipients_by_address ON recipients(address_norm, last_attempt_at);
-- An auto-reply came back for this copy (it stays Delivered; the Failed section lists it).
ALTER TABLE recipients ADD COLUMN auto_reply_at INTEGER;
-- The Failed section: only failures enter this index, so sending pays nothing for it.
CREATE INDEX recipients_failed ON recipients(updated_at DESC)
  WHERE status IN ('Bounced', 'Soft Bounced', 'Failed', 'Blocked') OR auto_reply_at IS NOT NULL;

-- Addresses Outpost stops sending to, whoever holds them (a contact's or a typed one):
--   deactivated: a hard bounce; nothing is sent until the user reactivates it
--   complained:  the person marked mail as spam (ARF); dispatches skip it
CREATE TABLE suppressions (
  email_norm     TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('deactivated', 'complained')),
  reason         TEXT NOT NULL,
  at             INTEGER NOT NULL,
  recipient_id   INTEGER REFERENCES recipients(id) ON DELETE SET NULL,
  report_id      INTEGER REFERENCES mail_reports(id) ON DELETE SET NULL,
  reactivated_at INTEGER,                         -- the user lifted it; the row stays as the record
  PRIMARY KEY (email_norm, kind)
);
INSERT INTO suppressions (email_norm, kind, reason, at)
  SELECT email_norm, 'deactivated', COALESCE(deactivated_reason, 'hard bounce'), max(deactivated_at)
  FROM addresses WHERE deactivated_at IS NOT NULL GROUP BY email_norm;
ALTER TABLE addresses DROP COLUMN deactivated_at;
ALTER TABLE addresses DROP COLUMN deactivated_reason;

-- One notice per kind may carry a count and a section to open (e.g. failures -> #/failed).
ALTER TABLE notices ADD COLUMN count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notices ADD COLUMN link TEXT;

-- The contact's timeline gains what the mailbox tells and what the user does about it.
CREATE TABLE activities_new (
  id           INTEGER PRIMARY KEY,
  contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('email_sent', 'email_delivered', 'email_opened', 'link_clicked', 'bounced',
                                             'auto_reply', 'complaint', 'deactivated', 'reactivated')),
  at           INTEGER NOT NULL,
  email_id     INTEGER REFERENCES emails(id) ON DELETE CASCADE,
  recipient_id INTEGER REFERENCES recipients(id) ON DELETE CASCADE,
  detail       TEXT NOT NULL DEFAULT ''
);
INSERT INTO activities_new SELECT id, contact_id, kind, at, email_id, recipient_id, detail FROM activities;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;
CREATE INDEX activities_by_contact ON activities(contact_id, at DESC);
`;
