import { describe, expect, it } from 'vitest';
import { clickUrl, generateSecret, parseSecret, pixelUrl, verifyClickToken, verifyOpenToken } from '../../relay/token';
import { extractLinks, instrument, type CopySigner } from './instrument';
import { tags } from './html-tokens';

const RELAY = 'https://relay.example.com';
const secret = parseSecret(generateSecret());
const ids = { emailId: 7, recipientId: 9 };
const signer: CopySigner = {
  relayUrl: RELAY,
  pixelUrl: () => pixelUrl(RELAY, secret, ids),
  clickUrl: (linkIndex, target) => clickUrl(RELAY, secret, { ...ids, linkIndex }, target),
};

/** The hrefs of every <a>, decoded, as a mail program would follow them. */
const hrefs = (html: string) =>
  [...tags(html)].filter((t) => t.kind === 'start' && t.name === 'a').map((t) => t.attributes.find((a) => a.name === 'href')?.value ?? '');

/** What the relay would do with a click URL: verify the token and return [linkIndex, target]. */
function followed(url: string): [number, string] {
  const u = new URL(url);
  expect(u.origin).toBe(RELAY);
  const target = u.searchParams.get('u')!;
  const ids = verifyClickToken(u.pathname.slice(3), target, [secret]);
  expect(ids).not.toBeNull();
  return [ids!.linkIndex, target];
}

describe('extractLinks', () => {
  it('lists http(s) targets in document order, duplicates kept, others skipped', () => {
    const html = `<p><a href="https://a.test/1">one</a> <a href='mailto:x@y.test'>m</a> <a href=tel:123>t</a>
      <a href="#top">top</a> <A HREF=HTTP://B.test/2?x=1&amp;y=2>two</A> <a href="https://a.test/1">again</a>
      <a href="${RELAY}/c/abc?u=x">ours</a> <a href="javascript:alert(1)">js</a> <a href="/relative">rel</a>
      <area href="https://c.test/map"> <a>no href</a>`;
    expect(extractLinks(html, RELAY)).toEqual(['https://a.test/1', 'HTTP://B.test/2?x=1&y=2', 'https://a.test/1', 'https://c.test/map']);
  });

  it('resolves relative links against <base href>', () => {
    const html = `<head><base href="https://site.test/dir/"></head><a href="page.html">p</a><a href="/root">r</a><a href="mailto:a@b.test">m</a>`;
    expect(extractLinks(html)).toEqual(['https://site.test/dir/page.html', 'https://site.test/root']);
  });

  it('ignores links inside comments, scripts, styles and titles', () => {
    const html = `<!-- <a href="https://hidden.test/">x</a> --><script>var s = '<a href="https://js.test/">'; </SCRIPT >
      <style>a[href="https://css.test/"]{}</style><title><a href="https://t.test/"></title><a href="https://real.test/">r</a>`;
    expect(extractLinks(html)).toEqual(['https://real.test/']);
  });

  it('stays linear on hostile markup', () => {
    const hostile = '<a href='.repeat(20_000) + '<!--' + '<'.repeat(50_000) + '&#'.repeat(20_000) + '<a x="'.repeat(20_000);
    const started = performance.now();
    extractLinks(hostile);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('instrument', () => {
  const html = `<html><body><p>Hi! <a class="btn" href="https://shop.test/prices?a=1&amp;b=2">See <b>prices</b></a>
    <a href='https://shop.test/book'>Book</a> <a href=mailto:me@studio.test>mail me</a></p></body></html>`;

  it('wraps every trackable link in its signed click URL and keeps the link text', () => {
    const out = instrument(html, 'opens_clicks', signer);
    const links = hrefs(out);
    expect(followed(links[0]!)).toEqual([0, 'https://shop.test/prices?a=1&b=2']);
    expect(followed(links[1]!)).toEqual([1, 'https://shop.test/book']);
    expect(links[2]).toBe('mailto:me@studio.test');
    expect(out).toContain('>See <b>prices</b></a>');
    expect(out).toContain('class="btn"');
    // The index used when signing is the index compose stored.
    expect(extractLinks(html, RELAY)).toEqual(['https://shop.test/prices?a=1&b=2', 'https://shop.test/book']);
  });

  it('puts one pixel for this copy just before </body>', () => {
    const out = instrument(html, 'opens_clicks', signer);
    const imgs = [...tags(out)].filter((t) => t.name === 'img');
    expect(imgs).toHaveLength(1);
    const src = imgs[0]!.attributes.find((a) => a.name === 'src')!.value;
    expect(verifyOpenToken(new URL(src).pathname.slice(3), [secret])).toEqual(ids);
    expect(out.endsWith('</body></html>')).toBe(true);
    expect(out.indexOf('<img')).toBeLessThan(out.lastIndexOf('</body>'));
  });

  it('appends the pixel at the end of a fragment without <body>', () => {
    const out = instrument('<p>Hello <a href="https://x.test/">x</a></p>', 'opens', signer);
    expect(out.startsWith('<p>Hello <a href="https://x.test/">x</a></p><img ')).toBe(true);
  });

  it('tracks opens only: links untouched', () => {
    const out = instrument(html, 'opens', signer);
    expect(hrefs(out)).toEqual(['https://shop.test/prices?a=1&b=2', 'https://shop.test/book', 'mailto:me@studio.test']);
    expect(out).toContain('<img src="https://relay.example.com/o/');
  });

  it('leaves the HTML untouched when tracking is off', () => {
    expect(instrument(html, 'off', signer)).toBe(html);
  });

  it('never wraps the relay\'s own URLs again', () => {
    const once = instrument(html, 'opens_clicks', signer);
    const links = hrefs(once).slice(0, 2);
    expect(extractLinks(once, RELAY)).toEqual([]);
    const twice = instrument(once, 'opens_clicks', signer);
    expect(hrefs(twice).slice(0, 2)).toEqual(links);
  });

  it('gives each recipient its own pixel and links', () => {
    const other: CopySigner = { ...signer, pixelUrl: () => pixelUrl(RELAY, secret, { emailId: 7, recipientId: 10 }),
      clickUrl: (linkIndex, target) => clickUrl(RELAY, secret, { emailId: 7, recipientId: 10, linkIndex }, target) };
    expect(instrument(html, 'opens_clicks', other)).not.toBe(instrument(html, 'opens_clicks', signer));
  });
});
