// Opens counted honestly: every verdict keeps its reason in words (NULL for events judged before
// this version, which the UI says), only people's events name an email program, and each email
// counts every fetch of its pixels and links beside the people's views.
export const sql = /* sql */ `
ALTER TABLE tracking_events ADD COLUMN why TEXT;

-- A machine's user agent named no program the user has: a scanner's bare "Mozilla/5.0" is no Apple Mail.
UPDATE tracking_events SET program = NULL WHERE verdict NOT IN ('person', 'mail_proxy');
UPDATE activities SET detail = '' WHERE kind = 'email_opened' AND verdict NOT IN ('person', 'mail_proxy');

-- Every open and click the relay reported, and those of them by machines (privacy prefetch, scanners).
ALTER TABLE emails ADD COLUMN fetches INTEGER NOT NULL DEFAULT 0;
ALTER TABLE emails ADD COLUMN machine_fetches INTEGER NOT NULL DEFAULT 0;
UPDATE emails SET
  fetches = (SELECT count(*) FROM tracking_events t WHERE t.email_id = emails.id),
  machine_fetches = (SELECT count(*) FROM tracking_events t WHERE t.email_id = emails.id AND t.verdict IN ('privacy_prefetch', 'security_scanner'))
WHERE EXISTS (SELECT 1 FROM tracking_events t WHERE t.email_id = emails.id);
`;
