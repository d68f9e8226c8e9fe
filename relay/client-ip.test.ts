import { describe, expect, it } from 'vitest';
import { clientIp, limitKey, parseTrustedProxies, truncateIp } from './client-ip';

describe('clientIp', () => {
  const trusted = parseTrustedProxies(['127.0.0.1', '10.0.0.0/8']);

  it('uses the socket peer when no proxy is trusted', () => {
    expect(clientIp('::ffff:203.0.113.9', '198.51.100.1', null)).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For from an untrusted peer', () => {
    expect(clientIp('203.0.113.9', '198.51.100.1', trusted)).toBe('203.0.113.9');
  });

  it('takes the rightmost untrusted hop behind trusted proxies', () => {
    expect(clientIp('127.0.0.1', '6.6.6.6, 198.51.100.1, 10.1.2.3', trusted)).toBe('198.51.100.1');
  });

  it('stops at a malformed hop', () => {
    expect(clientIp('127.0.0.1', 'garbage', trusted)).toBe('127.0.0.1');
  });

  it('strips an IPv6 zone id from the peer and from forwarded hops', () => {
    expect(clientIp('fe80::1%eth0', undefined, null)).toBe('fe80::1');
    const local = parseTrustedProxies(['fe80::/10']);
    expect(clientIp('fe80::2%lo', 'fe80::9%eth0', local)).toBe('fe80::9');
    expect(clientIp('127.0.0.1', '2001:db8::7%25eth0', trusted)).toBe('2001:db8::7');
  });

  it('never stores an unbounded forwarded hop: an over-long one counts as malformed', () => {
    const long = `fe80::1%${'x'.repeat(5000)}`;
    expect(clientIp('127.0.0.1', long, trusted)).toBe('fe80::1');
    expect(clientIp('127.0.0.1', `${'0'.repeat(100)}:1::1`, trusted)).toBe('127.0.0.1');
    expect(clientIp(`fe80::1%${'y'.repeat(5000)}`, undefined, null)).toBe('fe80::1');
  });

  it('refuses bad proxy entries', () => {
    expect(() => parseTrustedProxies(['nonsense'])).toThrow();
    expect(() => parseTrustedProxies(['10.0.0.0/40'])).toThrow();
  });
});

describe('truncateIp and limitKey', () => {
  it('truncate IPv4 to /24 and IPv6 to /48', () => {
    expect(truncateIp('203.0.113.77')).toBe('203.0.113.0');
    expect(truncateIp('2001:db8:abcd:12:1::7')).toBe('2001:db8:abcd::');
    expect(truncateIp('::1')).toBe('0:0:0::');
  });

  it('count a whole IPv6 /64 as one client', () => {
    expect(limitKey('2001:db8:0:1:aaaa::1')).toBe(limitKey('2001:db8:0:1:bbbb::2'));
    expect(limitKey('2001:db8:0:2::1')).not.toBe(limitKey('2001:db8:0:1::1'));
    expect(limitKey('203.0.113.77')).toBe('203.0.113.77');
  });
});
