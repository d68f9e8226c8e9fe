import type { ApiResult, OutpostBridge } from '../../../main/api/contract';
import { liveChannel } from '../live/live-channel';

const TOKEN_KEY = 'outpost.token';

/**
 * Browser mode's stand-in for preload: the same `call` over the loopback host, and `subscribe`
 * to its server-sent events (read with fetch, so they carry the token too). The launch token
 * arrives once in the URL fragment; it is moved to sessionStorage and wiped from the address bar.
 */
export function httpBridge(): OutpostBridge {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const authorization = () => `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}`;
  const live = liveChannel(() => fetch('./api/live', { headers: { authorization: authorization() } }));
  return {
    subscribe: live.subscribe,
    subscribeNotifications: live.subscribeNotifications,
    async call(name, input): Promise<ApiResult> {
      try {
        const res = await fetch(`./api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: authorization() },
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as ApiResult;
      } catch (err) {
        return { ok: false, error: { code: 'internal', message: `Outpost's core is not answering (${String(err)}). Is \`npm start\` still running?` } };
      }
    },
  };
}
