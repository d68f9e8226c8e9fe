// Preferences' "Test" button for the relay: is it reachable, is it an Outpost relay, does it
// accept this secret. Each failure has its own message.
import type { ConnectionTest } from '../api/contract';
import { fetchFeedPage, relayGet, RelayError, trimRelayUrl, type Fetch } from './relay-feed-client';

export interface RelayTestInput {
  relayUrl: string;
  relaySecret: string;
  fetch?: Fetch;
  timeoutMs?: number;
  /** Told this app's address as the relay saw it, once the relay has accepted the secret. */
  learn?: (clientIp: string) => void;
}

export async function testRelay(input: RelayTestInput): Promise<ConnectionTest> {
  const base = trimRelayUrl(input.relayUrl);
  if (base === '') return { ok: false, message: 'enter the relay URL first' };
  if (input.relaySecret.trim() === '') return { ok: false, message: 'enter the relay secret first' };
  try {
    const health = await relayGet(`${base}/healthz`, base, { fetch: input.fetch, timeoutMs: input.timeoutMs });
    const text = health.status === 200 ? (await health.text()).trim() : '';
    if (text !== 'ok') {
      const problem = health.status === 200 ? '/healthz does not answer "ok"' : `/healthz answered HTTP ${health.status}`;
      return { ok: false, message: `${base} does not look like an Outpost relay (${problem})` };
    }
    const { clientIp } = await fetchFeedPage({ relayUrl: base, relaySecret: input.relaySecret, after: null, limit: 1, fetch: input.fetch, timeoutMs: input.timeoutMs });
    if (clientIp !== null) input.learn?.(clientIp);
    return { ok: true, message: `the relay at ${base} is reachable and accepts the secret` };
  } catch (err) {
    if (err instanceof RelayError) return { ok: false, message: err.message };
    throw err;
  }
}
