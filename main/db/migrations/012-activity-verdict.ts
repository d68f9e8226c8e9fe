// A contact's timeline says who opened or clicked: a person, or a machine (privacy prefetch,
// link scanner, the user's own copy). Each open and click activity keeps its event's verdict;
// other kinds have none. Machine events were not recorded as activities before this version.
export const sql = /* sql */ `
ALTER TABLE activities ADD COLUMN verdict TEXT
  CHECK (verdict IN ('person', 'mail_proxy', 'privacy_prefetch', 'security_scanner', 'self'));
UPDATE activities SET verdict = coalesce(
  (SELECT t.verdict FROM tracking_events t
   WHERE t.recipient_id = activities.recipient_id AND t.at = activities.at
     AND t.kind = CASE activities.kind WHEN 'email_opened' THEN 'open' ELSE 'click' END
     AND t.verdict IN ('person', 'mail_proxy') LIMIT 1),
  'person')
WHERE kind IN ('email_opened', 'link_clicked');
-- Newest first with a stable order among activities of the same millisecond.
DROP INDEX activities_by_contact;
CREATE INDEX activities_by_contact ON activities(contact_id, at DESC, id DESC);
`;
