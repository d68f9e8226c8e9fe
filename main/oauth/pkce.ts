// RFC 7636 PKCE and the request's state: what proves the code coming back to the loopback
// redirect is the answer to this sign-in and can only be redeemed by this app.
import { createHash, randomBytes } from 'node:crypto';

export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** 32 random bytes as base64url: a 43-character verifier (RFC 7636 4.1) and its S256 challenge. */
export function newPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: challengeOf(verifier), method: 'S256' };
}

export const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export const newState = () => randomBytes(16).toString('base64url');
