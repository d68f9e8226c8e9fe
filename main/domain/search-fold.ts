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
