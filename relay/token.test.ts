import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  clickUrl,
  feedKey,
  generateSecret,
  parseSecret,
  pixelUrl,
  redirectTarget,
  signClickToken,
  signOpenToken,
  verifyClickToken,
  verifyOpenToken,
} from './token';

const secret = parseSecret(generateSecret());
const other = parseSecret(generateSecret());
const ids = { emailId: 4821, recipientId: 99_123 };
const target = 'https://example.com/gallery?album=smith&x=1#top';

function flipChar(token: string, at: number): string {
  const c = token[at] === 'A' ? 'B' : 'A';
  return token.slice(0, at) + c + token.slice(at + 1);
}

describe('open tokens', () => {
  it('verify with the signing secret and return the ids', () => {
    expect(verifyOpenToken(signOpenToken(secret, ids), [secret])).toEqual(ids);
  });

  it('carry the largest safe ids', () => {
    const big = { emailId: Number.MAX_SAFE_INTEGER, recipientId: 1 };
    expect(verifyOpenToken(signOpenToken(secret, big), [secret])).toEqual(big);
  });

  it('are refused when any character is changed, truncated or extended', () => {
    const token = signOpenToken(secret, ids);
    for (let i = 0; i < token.length; i++) expect(verifyOpenToken(flipChar(token, i), [secret])).toBeNull();
    for (let n = 0; n < token.length; n++) expect(verifyOpenToken(token.slice(0, n), [secret])).toBeNull();
    expect(verifyOpenToken(`${token}A`, [secret])).toBeNull();
    expect(verifyOpenToken(`${token}=`, [secret])).toBeNull();
  });

  it('are refused under another secret, accepted when that secret is in the list', () => {
    const token = signOpenToken(other, ids);
    expect(verifyOpenToken(token, [secret])).toBeNull();
    expect(verifyOpenToken(token, [secret, other])).toEqual(ids);
  });

  it('are not click tokens', () => {
    expect(verifyClickToken(signOpenToken(secret, ids), target, [secret])).toBeNull();
  });

  it('refuse ids that are not positive safe integers', () => {
    expect(() => signOpenToken(secret, { emailId: 0, recipientId: 1 })).toThrow();
    expect(() => signOpenToken(secret, { emailId: 1.5, recipientId: 1 })).toThrow();
    expect(() => signOpenToken(secret, { emailId: 2 ** 53, recipientId: 1 })).toThrow();
  });
});

describe('click tokens', () => {
  const clickIds = { ...ids, linkIndex: 0 };

  it('verify only with the exact target they were signed for', () => {
    const token = signClickToken(secret, clickIds, target);
    expect(verifyClickToken(token, target, [secret])).toEqual(clickIds);
    expect(verifyClickToken(token, 'https://evil.example/', [secret])).toBeNull();
    expect(verifyClickToken(token, `${target}x`, [secret])).toBeNull();
    expect(verifyOpenToken(token, [secret])).toBeNull();
  });

  it('cannot be signed for targets that are not http(s)', () => {
    expect(() => signClickToken(secret, clickIds, 'javascript:alert(1)')).toThrow();
    expect(() => signClickToken(secret, clickIds, `https://example.com/${'a'.repeat(3000)}`)).toThrow();
  });
});

describe('URLs', () => {
  it('stay short', () => {
    const pixel = pixelUrl('https://relay.example.com/', secret, ids);
    expect(pixel).toMatch(/^https:\/\/relay\.example\.com\/o\/[A-Za-z0-9_-]+$/);
    expect(pixel.length).toBeLessThan(70);
    const click = clickUrl('https://relay.example.com', secret, { ...ids, linkIndex: 7 }, target);
    expect(click.length).toBeLessThan(70 + encodeURIComponent(target).length);
  });

  it('carry the target so that the relay can check it', () => {
    const click = new URL(clickUrl('https://r.example', secret, { ...ids, linkIndex: 3 }, target));
    const token = click.pathname.slice('/c/'.length);
    expect(verifyClickToken(token, click.searchParams.get('u')!, [secret])).toEqual({ ...ids, linkIndex: 3 });
  });
});

describe('secrets and keys', () => {
  it('are 32 bytes of base64url', () => {
    expect(generateSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(() => parseSecret('short')).toThrow();
    expect(() => parseSecret(Buffer.alloc(31).toString('base64url'))).toThrow();
  });

  it('derive the feed key as HMAC(secret, "outpost-relay-feed-v1")', () => {
    const text = generateSecret();
    const expected = createHmac('sha256', Buffer.from(text, 'base64url')).update('outpost-relay-feed-v1').digest('base64url');
    expect(feedKey(text)).toBe(expected);
    expect(feedKey(generateSecret())).not.toBe(expected);
  });
});

describe('redirect targets', () => {
  it('accept http(s) and normalise them into safe header values', () => {
    expect(redirectTarget('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(redirectTarget('HTTP://Example.com')).toBe('http://example.com/');
  });

  it('refuse everything else', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,x', '//evil.example/', '/relative', 'ftp://x.example/', 'https://']) {
      expect(redirectTarget(url)).toBeNull();
    }
  });
});
