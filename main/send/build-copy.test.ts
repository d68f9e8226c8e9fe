import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildCopy, type EmailToSend } from './build-copy';
import type { CopySigner } from '../tracking/instrument';

const email = (over: Partial<EmailToSend> = {}): EmailToSend => ({
  id: 7, messageId: '<outpost.abc@studio.example>', fromAddress: 'sam@studio.example', subject: 'Zoë, your gallery — ready 📷',
  bodyHtml: '<html><body><p>Hi Zoë</p><a href="https://photos.example/g">Gallery</a></body></html>', bodyText: 'Hi Zoë\n.\nSee the gallery',
  tracking: 'opens_clicks', createdAt: Date.UTC(2026, 3, 1, 9, 30), to: [{ name: 'Zoë Ünal', address: 'zoe@jõgeva.ee' }, { name: 'Lee, Ann', address: 'ann@example.com' }],
  cc: [{ name: '', address: 'cy@example.com' }], bcc: [{ name: 'Dee', address: 'dee@example.com' }], attachments: [], ...over,
});
const signer: CopySigner = { relayUrl: 'https://relay.example', pixelUrl: () => 'https://relay.example/o/tok', clickUrl: (i) => `https://relay.example/c/${i}` };
const names = (header: unknown) => (header as { value: { name: string; address: string }[] }).value.map((v) => [v.name, v.address]);

describe('buildCopy', () => {
  it('writes the shared headers in any script, this copy’s id and HTML, and the text as its alternative', async () => {
    const raw = buildCopy(email(), 'Sam Stüdio', { address: 'zoe@jõgeva.ee', copyId: 'copy-1', signer, showBcc: false });
    expect(raw.toString('latin1')).toMatch(/^[\x20-\x7e\r\n\t]*$/); // 7-bit on the wire: no 8BITMIME needed
    const p = await simpleParser(raw);
    expect(p.subject).toBe('Zoë, your gallery — ready 📷');
    expect(names(p.headers.get('from'))).toEqual([['Sam Stüdio', 'sam@studio.example']]);
    expect(names(p.headers.get('to'))).toEqual([['Zoë Ünal', 'zoe@jõgeva.ee'], ['Lee, Ann', 'ann@example.com']]);
    expect(raw.toString()).toContain('<zoe@xn--jgeva-dua.ee>'); // punycode on the wire
    expect(names(p.headers.get('cc'))).toEqual([['', 'cy@example.com']]);
    expect(p.headers.has('bcc')).toBe(false);
    expect(raw.toString()).not.toContain('dee@example.com');
    expect(p.messageId).toBe('<outpost.abc@studio.example>');
    expect(p.date?.toISOString()).toBe('2026-04-01T09:30:00.000Z');
    expect(p.headers.get('x-outpost-copy')).toBe('copy-1');
    expect(p.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(p.text).toBe('Hi Zoë\n.\nSee the gallery');
    expect(p.html).toBe('<html><body><p>Hi Zoë</p><a href="https://relay.example/c/0">Gallery</a><img src="https://relay.example/o/tok" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px;max-height:1px;overflow:hidden"></body></html>');
  });

  it('keeps the user’s own copy untracked, with the Bcc list and no copy id', async () => {
    const p = await simpleParser(buildCopy(email(), 'Sam', { address: 'sam@studio.example', copyId: null, signer: null, showBcc: true }));
    expect(names(p.headers.get('bcc'))).toEqual([['Dee', 'dee@example.com']]);
    expect(p.headers.has('x-outpost-copy')).toBe(false);
    expect(p.html).toBe(email().bodyHtml);
  });

  it('wraps text and HTML around attachments of any name and size, byte for byte', async () => {
    const pdf = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 256));
    const attachments = [{ filename: 'Preisliste für Zoë — 2026, sehr langer Dateiname.pdf', contentType: 'application/pdf', content: pdf },
      { filename: 'notes.txt', contentType: 'text/plain', content: Buffer.from('a\r\nb') }];
    const p = await simpleParser(buildCopy(email({ attachments }), 'Sam', { address: 'ann@example.com', copyId: 'c2', signer: null, showBcc: false }));
    expect(p.headers.get('content-type')).toMatchObject({ value: 'multipart/mixed' });
    expect(p.attachments.map((a) => [a.filename, a.contentType, a.content.equals(attachments.find((x) => x.filename === a.filename)!.content)]))
      .toEqual([[attachments[0]!.filename, 'application/pdf', true], ['notes.txt', 'text/plain', true]]);
    expect(p.text).toBe('Hi Zoë\n.\nSee the gallery');
    expect(p.html).toBe(email().bodyHtml);
  });

  it('keeps a body that quotes the boundary intact', async () => {
    const bodyText = 'before\n--=_outpost_alternative\n--=_outpost_mixed--\nafter';
    const p = await simpleParser(buildCopy(email({ bodyText, attachments: [{ filename: 'a.txt', contentType: 'text/plain', content: Buffer.from(bodyText) }] }),
      'Sam', { address: 'a@example.com', copyId: 'c', signer: null, showBcc: false }));
    expect(p.text).toBe(bodyText);
    expect(p.attachments[0]!.content.toString()).toBe(bodyText);
  });

  it('sends a single part when there is only text or only HTML, long lines kept whole', async () => {
    const long = `${'word '.repeat(60)}end`;
    const text = await simpleParser(buildCopy(email({ bodyHtml: null, bodyText: long, tracking: 'off' }), 'Sam', { address: 'a@example.com', copyId: 'c', signer: null, showBcc: false }));
    expect(text.headers.get('content-type')).toMatchObject({ value: 'text/plain' });
    expect(text.text).toBe(long);
    expect(text.html).toBe(false);
    const html = await simpleParser(buildCopy(email({ bodyText: '', tracking: 'off' }), 'Sam', { address: 'a@example.com', copyId: 'c', signer: null, showBcc: false }));
    expect(html.headers.get('content-type')).toMatchObject({ value: 'text/html' });
    expect(html.html).toBe(email().bodyHtml);
  });
});
