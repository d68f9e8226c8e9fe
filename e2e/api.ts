import { expect } from '@playwright/test';

/** One call of the app's API as the page makes it (the launch token from its URL); fails the test unless ok. */
export async function api<T = unknown>(appUrl: string, name: string, input: unknown): Promise<T> {
  const token = new URL(appUrl).hash.replace('#token=', '');
  const res = await fetch(new URL(`/api/call/${name}`, appUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T };
  expect(body).toMatchObject({ ok: true });
  return body.value;
}
