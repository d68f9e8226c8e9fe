// Sending and tracking: the durable outbox lives on the recipient rows, plus relay sync state.
export const sql = /* sql */ `
-- Where each copy stands in the outbox. 'none' is for the never-sent statuses.
--   queued:  waiting to be handed to SMTP (next_attempt_at says when)
--   sending: handed to SMTP, no answer recorded yet
--   done:    SMTP answered; status and smtp_reply say how
--   unknown: was 'sending' when the app stopped; it may or may not have left: the user decides
--   held:    the user (or a paused dispatch) holds it back
ALTER TABLE recipients ADD COLUMN send_state TEXT NOT NULL DEFAULT 'none'
  CHECK (send_state IN ('none', 'queued', 'sending', 'done', 'unknown', 'held'));
-- Opaque id of this recipient's copy, sent as X-Outpost-Copy and matched in bounce reports.
ALTER TABLE recipients ADD COLUMN copy_id TEXT;
CREATE UNIQUE INDEX recipients_by_copy ON recipients(copy_id) WHERE copy_id IS NOT NULL;
CREATE INDEX recipients_outbox ON recipients(send_state, next_attempt_at)
  WHERE send_state IN ('queued', 'sending', 'unknown');

-- The links of the body in order: a click event's link_index points here.
ALTER TABLE emails ADD COLUMN links TEXT NOT NULL DEFAULT '[]';
-- The user's own untracked copies: BCC to themselves and the IMAP Sent folder.
--   none | queued | done | failed: <why>
ALTER TABLE emails ADD COLUMN bcc_self_state TEXT NOT NULL DEFAULT 'none';
ALTER TABLE emails ADD COLUMN sent_folder_state TEXT NOT NULL DEFAULT 'none';
-- Errors that stop the whole email (no connection, login refused), shown in the Outbox.
ALTER TABLE emails ADD COLUMN last_error TEXT;

-- The relay's event ids are unique across relays (they carry its database instance), so an
-- event is stored once even if the user changes how the relay's URL is written.
CREATE UNIQUE INDEX tracking_events_by_source_id ON tracking_events(source_id);

-- One row per relay the app has pulled events from.
CREATE TABLE relay_sync (
  source        TEXT PRIMARY KEY,          -- the relay URL
  cursor        TEXT,                      -- the feed's "next"
  last_try_at   INTEGER,
  last_ok_at    INTEGER,
  last_error    TEXT,
  events_stored INTEGER NOT NULL DEFAULT 0
);

-- A shoot's people beyond its client (second shooter, planner, parents): for dispatches.
CREATE TABLE shoot_contacts (
  shoot_id   INTEGER NOT NULL REFERENCES shoots(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  role       TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (shoot_id, contact_id)
);
`;
