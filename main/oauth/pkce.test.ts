import { describe, expect, it } from 'vitest';
import { challengeOf, newPkce, newState } from './pkce';

describe('pkce', () => {
  it('makes an RFC 7636 verifier and the S256 challenge of it', () => {
    const p = newPkce();
    expect(p.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.challenge).toBe(challengeOf(p.verifier));
    expect(newPkce().verifier).not.toBe(p.verifier);
  });

  it('computes the challenge of RFC 7636 appendix B', () => {
    expect(challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a fresh state each time', () => {
    expect(newState()).not.toBe(newState());
  });
});
