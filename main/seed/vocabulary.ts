// Word lists for believable synthetic data.
export const FIRST = ['Ava', 'Liam', 'Maya', 'Noah', 'Zoe', 'Ethan', 'Chloe', 'Lucas', 'Isla', 'Omar', 'Priya', 'Mateo', 'Hana', 'Jonas', 'Sofia', 'Kwame', 'Elena', 'Ravi', 'Nora', 'Felix'];
export const LAST = ['Nguyen', 'Garcia', 'Smith', 'Okafor', 'Rossi', 'Kim', 'Müller', 'Patel', 'Silva', 'Cohen', 'Dubois', 'Larsen', 'Haddad', 'Novak', 'Tanaka', 'Walsh'];
export const COMPANIES = ['', '', '', 'Bloom & Vine', 'Harbor Events', 'Northlight Venues', 'Juniper Catering', 'Oak Hall'];
export const DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'studio.example', 'example.co.uk'];
export const PLACES = ['Old Mill, Bath', 'Riverside Park', 'St. Mary’s Church', 'Harbor Loft', 'City Hall steps', 'Lakeside Barn', 'Botanic Garden'];
export const SHOOT_KINDS = ['Wedding', 'Engagement', 'Family session', 'Headshots', 'Elopement', 'Brand shoot', 'Newborn session'];
export const SUBJECTS = [
  'Your gallery is ready', 'Timeline for the big day', 'Invoice #{n}', 'Quick question about {shoot}', 'Contract for {shoot}',
  'Thank you!', 'Sneak peek from {shoot}', 'Final details before Saturday', 'Album proofs', 'Booking confirmation',
  'Spring mini-sessions are open', 'Reminder: balance due', 'Location ideas', 'Welcome to the studio',
];
/** People's mail programs and their proxies: every seeded open counts as a view, so none is a machine's. */
export const PROGRAMS: readonly { program: string; ua: string; verdict: 'person' | 'mail_proxy' }[] = [
  { program: 'Apple Mail', verdict: 'person', ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)' },
  { program: 'Gmail', verdict: 'mail_proxy', ua: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)' },
  { program: 'Outlook', verdict: 'person', ua: 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)' },
  { program: 'Thunderbird', verdict: 'person', ua: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.3.0' },
  { program: 'Yahoo Mail', verdict: 'mail_proxy', ua: 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html' },
  { program: 'iPhone Mail', verdict: 'person', ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148' },
];
