// Binds relay/token.ts to one copy's ids: the pixel and click URLs of that recipient only.
import { clickUrl, parseSecret, pixelUrlOf, signOpenToken, type SecretKey } from '../../relay/token';
import type { CopySigner } from '../tracking/instrument';

export interface Relay {
  url: string;
  key: SecretKey;
}

// The last relay read: the sender and the SMTP thread each sign thousands of copies with one.
let last: { config: string; relay: Relay | null } = { config: '', relay: null };

/** The relay to sign with, or null when tracking has no relay (the copy then goes untracked). */
export function relayOf(tracking: { relayUrl: string; relaySecret: string }): Relay | null {
  const config = `${tracking.relayUrl}\n${tracking.relaySecret}`;
  if (config !== last.config) last = { config, relay: parse(tracking.relayUrl, tracking.relaySecret) };
  return last.relay;
}

function parse(url: string, secret: string): Relay | null {
  if (!url || !secret) return null;
  try {
    return { url, key: parseSecret(secret) };
  } catch {
    return null;
  }
}

export const openTokenOf = (relay: Relay, emailId: number, recipientId: number) => signOpenToken(relay.key, { emailId, recipientId });

/** A copy's signer, with its open token (stored on the recipient row as recipients.token). */
export function copySigner(relay: Relay, emailId: number, recipientId: number, openToken = openTokenOf(relay, emailId, recipientId)): CopySigner & { openToken: string } {
  return {
    relayUrl: relay.url,
    openToken,
    pixelUrl: () => pixelUrlOf(relay.url, openToken),
    clickUrl: (linkIndex, target) => clickUrl(relay.url, relay.key, { emailId, recipientId, linkIndex }, target),
  };
}
