import { expect, it } from 'vitest';
import { plural } from './plural';

it('says one or many, with an irregular plural when given', () => {
  expect([plural(1, 'day'), plural(0, 'day'), plural(3, 'day'), plural(1, 'fetch', 'fetches'), plural(2, 'fetch', 'fetches')])
    .toEqual(['1 day', '0 days', '3 days', '1 fetch', '2 fetches']);
});
