import { describe, expect, it } from 'vitest';
import { listenForRedirect, REDIRECT_PATH } from './loopback-redirect';

describe('listenForRedirect', () => {
  it('listens on 127.0.0.1 at a random port and resolves with the code of a request carrying the state', async () => {
    const l = await listenForRedirect('s1', 10_000);
    expect(l.redirectUri).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${REDIRECT_PATH}$`));
    const res = await fetch(`${l.redirectUri}?code=abc&state=s1`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Signed in');
    await expect(l.code).resolves.toBe('abc');
    // One-shot: the port is closed afterwards.
    await expect(fetch(`${l.redirectUri}?code=again&state=s1`)).rejects.toThrow();
  });

  it('turns away a wrong state or path and keeps waiting for the right one', async () => {
    const l = await listenForRedirect('good', 10_000);
    expect((await fetch(`${l.redirectUri}?code=forged&state=bad`)).status).toBe(400);
    expect((await fetch(l.redirectUri.replace(REDIRECT_PATH, '/other') + '?code=x&state=good')).status).toBe(400);
    await fetch(`${l.redirectUri}?code=real&state=good`);
    await expect(l.code).resolves.toBe('real');
  });

  it('rejects with the provider refusal, in words', async () => {
    const l = await listenForRedirect('s', 10_000);
    await fetch(`${l.redirectUri}?error=access_denied&state=s`);
    await expect(l.code).rejects.toThrow('cancelled or access was not granted');
  });

  it('gives up after the timeout', async () => {
    const l = await listenForRedirect('s', 50);
    await expect(l.code).rejects.toThrow('No answer from the sign-in page');
  });
});
