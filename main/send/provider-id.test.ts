import { describe, expect, it } from 'vitest';
import { providerIdKeys, providerIdOf } from './provider-id';

describe('providerIdOf', () => {
  it.each([
    ['250 2.0.0 OK <DM6PR11MB1234.namprd11.prod.outlook.com@DM6PR11MB1234> [Hostname=DM6PR11MB1234]', 'dm6pr11mb1234.namprd11.prod.outlook.com@dm6pr11mb1234'],
    ['250 Ok 0100018c6c3f5d4e-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d-000000', '0100018c6c3f5d4e-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d-000000'],
    ['250 2.0.0 Ok: queued as 4XyZ1B2c3D', '4xyz1b2c3d'],
    ['250 OK id=1rABCd-000123-Xy', '1rabcd-000123-xy'],
  ])('reads %s', (reply, id) => expect(providerIdOf(reply)).toBe(id));

  it('finds nothing in a bare OK, and stays bounded on a huge reply', () => {
    expect(providerIdOf('250 2.0.0 OK')).toBeNull();
    expect(providerIdOf(null)).toBeNull();
    expect(providerIdOf(`250 ${'a '.repeat(500_000)}`)).toBeNull();
  });

  it('names a rewritten Message-ID by its whole id and its local part', () => {
    expect(providerIdKeys('<0100018C-AB@email.amazonses.com>')).toEqual(['0100018c-ab@email.amazonses.com', '0100018c-ab']);
    expect(providerIdKeys('')).toEqual([]);
  });
});
