import { describe, expect, it } from 'vitest';
import { isLoopbackHost, plaintextRefusal } from './plaintext-rule';

const use = (over = {}) => ({ host: 'mail.example.com', security: 'none', username: 'me', password: 'pw', plaintextPasswordHost: '', ...over });

describe('plaintext password rule', () => {
  it('refuses a password over a connection without TLS unless confirmed for that exact host', () => {
    expect(plaintextRefusal(use(), 'SMTP')).toMatch(/did not send your SMTP password to mail\.example\.com/);
    expect(plaintextRefusal(use({ plaintextPasswordHost: 'other.example.com' }), 'SMTP')).not.toBeNull();
    expect(plaintextRefusal(use({ plaintextPasswordHost: 'MAIL.example.com ' }), 'SMTP')).toBeNull();
  });
  it('allows TLS, STARTTLS, no password, and loopback', () => {
    expect(plaintextRefusal(use({ security: 'tls' }), 'IMAP')).toBeNull();
    expect(plaintextRefusal(use({ security: 'starttls' }), 'IMAP')).toBeNull();
    expect(plaintextRefusal(use({ password: '' }), 'IMAP')).toBeNull();
    for (const h of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['127.0.0.1.example.com', '10.0.0.1', 'mail.example.com', '::ffff:7f00:1x']) expect(isLoopbackHost(h)).toBe(false);
  });
});
