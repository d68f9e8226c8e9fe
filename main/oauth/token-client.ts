// The token endpoint's conversation (RFC 6749 4.1.3, 6; RFC 7009): a code redeemed with its
// PKCE verifier, an access token refreshed, a grant revoked. Every call is bounded in time and
// in the size of what it reads.
import { z } from 'zod';
import type { OAuthEndpoints } from './providers';

const TIMEOUT_MS = 30_000;
const MAX_ANSWER_CHARS = 64 * 1024;

export interface Client {
  clientId: string;
  clientSecret: string;
}

export interface Tokens {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Absent when the provider keeps the one it issued before (refreshes without rotation). */
  refreshToken?: string;
}

/** The grant is gone (revoked, expired, password changed): only a new sign-in helps. */
export class GrantRevoked extends Error {
  readonly code = 'EOAUTHGRANT';
}

/** Anything else: a network fault or a provider's passing trouble; trying later may help. */
export class TokenError extends Error {
  readonly code = 'EOAUTH';
}

const answer = z.object({
  access_token: z.string().min(1).max(8192),
  expires_in: z.coerce.number().positive().max(366 * 86_400).optional(),
  refresh_token: z.string().min(1).max(8192).optional(),
  token_type: z.string().max(40).optional(),
});
const refusal = z.object({ error: z.string().max(200), error_description: z.string().max(1000).optional() });

// Providers say what a token lasts; an hour when they do not (Google's and Microsoft's figure).
const DEFAULT_LIFETIME_S = 3600;

async function post(url: string, form: Record<string, string>, client: Client): Promise<{ status: number; body: unknown }> {
  const params = new URLSearchParams({ ...form, client_id: client.clientId });
  if (client.clientSecret) params.set('client_secret', client.clientSecret);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: params,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (err) {
    throw new TokenError(`${new URL(url).host} could not be reached: ${(err as Error).message}`);
  }
  const text = (await res.text()).slice(0, MAX_ANSWER_CHARS);
  try {
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  } catch {
    throw new TokenError(`${new URL(url).host} answered ${res.status} with something that is not JSON`);
  }
}

async function tokenRequest(endpoints: OAuthEndpoints, client: Client, form: Record<string, string>, now: number): Promise<Tokens> {
  const { status, body } = await post(endpoints.tokenUrl, form, client);
  const refused = refusal.safeParse(body);
  if (status !== 200 || refused.success) {
    const why = refused.success ? `${refused.data.error}${refused.data.error_description ? `: ${refused.data.error_description}` : ''}` : `HTTP ${status}`;
    // invalid_grant: the code or refresh token is no good any more; invalid_client: the app was deleted or its secret changed.
    if (refused.success && (refused.data.error === 'invalid_grant' || refused.data.error === 'invalid_client' || refused.data.error === 'unauthorized_client')) {
      throw new GrantRevoked(`The sign-in is no longer valid (${why}).`);
    }
    throw new TokenError(`The token request was refused (${why}).`);
  }
  const parsed = answer.safeParse(body);
  if (!parsed.success) throw new TokenError('The token answer has no usable access token.');
  const { access_token, expires_in, refresh_token } = parsed.data;
  return { accessToken: access_token, expiresAt: now + (expires_in ?? DEFAULT_LIFETIME_S) * 1000, ...(refresh_token ? { refreshToken: refresh_token } : {}) };
}

export function exchangeCode(endpoints: OAuthEndpoints, client: Client, code: string, verifier: string, redirectUri: string, now = Date.now()): Promise<Tokens> {
  return tokenRequest(endpoints, client, { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri }, now);
}

export function refreshTokens(endpoints: OAuthEndpoints, client: Client, refreshToken: string, now = Date.now()): Promise<Tokens> {
  return tokenRequest(endpoints, client, { grant_type: 'refresh_token', refresh_token: refreshToken }, now);
}

/** Tells the provider to forget the grant where it can; a failure here does not keep it stored. */
export async function revokeGrant(endpoints: OAuthEndpoints, client: Client, refreshToken: string): Promise<boolean> {
  if (!endpoints.revokeUrl) return false;
  try {
    const { status } = await post(endpoints.revokeUrl, { token: refreshToken, token_type_hint: 'refresh_token' }, client);
    return status === 200;
  } catch {
    return false;
  }
}
