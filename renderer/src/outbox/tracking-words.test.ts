import { describe, expect, it } from 'vitest';
import { fetchesInAll, viewsByPeople, viewsTitle } from './tracking-words';

describe('tracking words', () => {
  it("say whom the views count and what else fetched", () => {
    expect(viewsByPeople(1)).toBe('1 view by people');
    expect(viewsByPeople(2)).toBe('2 views by people');
    expect(fetchesInAll(5, 3)).toBe('5 fetches in all (3 by machines)');
    expect(fetchesInAll(1, 0)).toBe('1 fetch in all (none by machines)');
    expect(fetchesInAll(6, 3, 1)).toBe('6 fetches in all (3 by machines, 1 by you)');
    expect(viewsTitle({ totalViews: 2, fetches: 5, machineFetches: 3 })).toBe('2 views by people · 5 fetches in all (3 by machines)');
  });
});
