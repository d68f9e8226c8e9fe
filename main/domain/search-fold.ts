// Pure: the one form that searches compare, so "émile" finds "Émile" and "ÅSA" finds "Åsa".
// SQLite's LIKE folds ASCII only; the app writes this form into search columns and folds the
// query the same way, so a plain substring test on the folded text is case-insensitive in
// every script, whatever the machine's locale.

/**
 * Unicode compatibility form (ligatures, full-width letters), then lower case without a locale,
 * then the full case folds lower-casing leaves out: İ's dot, final sigma, sharp s.
 */
export function searchFold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/i\u0307/g, 'i')
    .replace(/ς/g, 'σ')
    .replace(/ß/g, 'ss');
}

/** What a search column holds for these fields: each folded, one per line. */
export function searchText(...fields: readonly string[]): string {
  return fields.map(searchFold).join('\n');
}

/**
 * An email's search column: its shoot's title on the first line (the Outbox sorts by that line
 * and a renamed shoot rewrites only it), then the subject, then every recipient's name and
 * address, To, Cc and Bcc alike.
 */
export function emailSearchText(shootTitle: string, subject: string, recipients: readonly { name: string; address: string }[]): string {
  return searchText(shootTitle.replace(/\s+/g, ' '), subject, ...recipients.flatMap((r) => [r.name, r.address].filter(Boolean)));
}

/** The first line of an email's search column, for its shoot's title (see emailSearchText). */
export const shootLine = (title: string) => searchFold(title.replace(/\s+/g, ' '));
