import { describe, expect, it } from 'vitest';
import { searchFold, searchText } from './search-fold';

const finds = (query: string, text: string) => searchFold(text).includes(searchFold(query));

describe('search folding', () => {
  it('matches capitals and small letters of every script, both ways', () => {
    for (const [query, text] of [
      ['émile', 'Émile Zola'], ['ÉMILE', 'émile zola'], ['åsa öberg', 'ÅSA ÖBERG'], ['istanbul', 'İstanbul'],
      ['İSTANBUL', 'istanbul'], ['δημήτρης', 'ΔΗΜΉΤΡΗΣ'], ['οδοσ', 'ΟΔΟΣ'], ['ΟΔΟΣ', 'οδος'], ['жанна', 'ЖАННА'],
      ['strasse', 'STRAẞE'], ['straße', 'Strasse'], ['ﬁne', 'FINE'], ['ａｂｃ', 'ABC'], ['ǅ', 'ǆ'],
    ] as const) expect(finds(query, text), `${query} in ${text}`).toBe(true);
  });

  it('does not depend on a locale: dotless ı stays its own letter', () => {
    expect(finds('istanbul', 'ıstanbul')).toBe(false);
    expect(searchFold('I')).toBe('i');
  });

  it('keeps accents apart: a case-insensitive search, not an accent-insensitive one', () => {
    expect(finds('emile', 'Émile')).toBe(false);
  });

  it('writes each field folded on its own line, so a match never spans two fields', () => {
    expect(searchText('Ann LEE', 'Åsa AB')).toBe('ann lee\nåsa ab');
  });
});
