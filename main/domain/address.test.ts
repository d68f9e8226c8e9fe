import { describe, expect, it } from 'vitest';
import { addressProblem, isValidAddress, normalizeAddress } from './address';

describe('addresses', () => {
  it('normalizes case and surrounding space', () => {
    expect(normalizeAddress('  Ann.Lee@Example.COM ')).toBe('ann.lee@example.com');
  });
  it('accepts ordinary addresses', () => {
    for (const a of ['ann@example.com', 'a.b+tag@mail.example.co.uk', "o'brien@x-y.org"]) expect(isValidAddress(a)).toBe(true);
  });
  it('names what is wrong with bad ones', () => {
    expect(addressProblem('')).toBe('no address');
    expect(addressProblem('ann')).toMatch(/@/);
    expect(addressProblem('ann@localhost')).toMatch(/dot/);
    expect(addressProblem('ann..lee@example.com')).toMatch(/before @/);
    expect(addressProblem('ann@-example.com')).toMatch(/domain/);
    expect(addressProblem('ann@exa mple.com')).toMatch(/domain/);
  });
});
