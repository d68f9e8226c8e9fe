// A mail merge is queued in chunks after create() returns: what the merge is, so any later
// chunk (or a restart) can carry on, and how many of its list wait to be queued.
export const sql = /* sql */ `
-- The dispatch's input as JSON: subject and body templates, format, tracking, filter, attachments.
ALTER TABLE dispatches ADD COLUMN merge_input TEXT;
-- Contacts of the list not queued yet; 0 once all are, or when the dispatch is cancelled.
ALTER TABLE dispatches ADD COLUMN to_queue INTEGER NOT NULL DEFAULT 0;
`;
