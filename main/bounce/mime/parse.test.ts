import { describe, expect, it } from 'vitest';
import { decodeCharset, decodeQuotedPrintable, decodeWords } from './decode';
import { LIMITS, parseMessage, partText, walk } from './parse';

describe('MIME parser', () => {
  it('unfolds headers and decodes RFC 2047 words', () => {
    const root = parseMessage('Subject: =?UTF-8?Q?Caf=C3=A9?=\r\n =?ISO-8859-1?B?IGNy6G1l?=\r\nX-Long: a\r\n\tb\r\n\r\nbody');
    expect(root.headers.get('subject')).toBe('Café crème');
    expect(root.headers.raw('x-long')).toBe('a b');
    expect(partText(root)).toBe('body');
    // Lone CRs are line ends too, and the caller's bytes are left as they were.
    const raw = Buffer.from('A: 1\rB: 2\r\n\r\nx\ry\r\n');
    expect(partText(parseMessage(raw))).toBe('x\ny\n');
    expect(parseMessage(raw).headers.raw('b')).toBe('2');
    expect(raw.toString()).toBe('A: 1\rB: 2\r\n\r\nx\ry\r\n');
  });

  it('splits multiparts and reads enclosed messages', () => {
    const raw = 'Content-Type: multipart/report; boundary="b1"\n\npre\n--b1\nContent-Type: text/plain\n\none\n--b1\nContent-Type: message/rfc822\n\nMessage-ID: <x@y>\n\ninner\n--b1--\nepilogue';
    const root = parseMessage(raw);
    expect(root.children.map((c) => c.type)).toEqual(['text/plain', 'message/rfc822']);
    expect(root.children[1]?.message?.headers.raw('message-id')).toBe('<x@y>');
  });

  it('recovers a multipart whose declared boundary never occurs', () => {
    const root = parseMessage('Content-Type: multipart/mixed; boundary="declared"\n\n--actual\nContent-Type: text/plain\n\nhello\n--actual--\n');
    expect(root.children).toHaveLength(1);
    expect(partText(root.children[0]!)).toBe('hello');
  });

  it('undoes quoted-printable and base64 with the declared charset', () => {
    const qp = parseMessage('Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nd=E9j=E0 =\nvu');
    expect(partText(qp)).toBe('déjà vu');
    const b64 = parseMessage(`Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n${Buffer.from('配信エラー').toString('base64')}`);
    expect(partText(b64)).toBe('配信エラー');
  });

  it('reads ISO-2022-JP, and 8-bit text with a missing or wrong charset as UTF-8', () => {
    const jis = Buffer.from('1b2442245224691b2842', 'hex').toString('latin1');
    expect(decodeCharset(jis, 'iso-2022-jp')).toBe('ひら');
    expect(decodeCharset(jis, '')).toBe('ひら');
    const utf8 = Buffer.from('Grüße', 'utf8').toString('latin1');
    expect(decodeCharset(utf8, '')).toBe('Grüße');
    expect(decodeCharset(utf8, 'us-ascii')).toBe('Grüße');
    expect(decodeCharset('abc', 'x-no-such-charset')).toBe('abc');
  });

  it('keeps soft line breaks and escapes apart in quoted-printable', () => {
    expect(decodeQuotedPrintable('a=3Db  =\r\nc')).toBe('a=b  c');
    expect(decodeQuotedPrintable('=e3=81=82 =4 =\t\nend=')).toBe('\xe3\x81\x82 =4 end=');
    expect(decodeWords('=?utf-8?q?a_b?= =?utf-8?q?c?=')).toBe('a bc');
  });

  it('stops at the depth and part limits', () => {
    let raw = 'body';
    for (let i = 0; i < 1000; i++) raw = `Content-Type: multipart/mixed; boundary="n${i}"\n\n--n${i}\n${raw}\n--n${i}--\n`;
    const parts = walk(parseMessage(raw));
    expect(parts.length).toBeLessThanOrEqual(LIMITS.depth + 1);
  });
});
