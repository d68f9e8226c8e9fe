import { describe, expect, it } from 'vitest';
import { judgeEvent, type EarlierEvent, type VerdictInput } from './verdict';
import { OWN_IP_MARGIN_MS } from './verdict-rules';
import { MAIL_PROXY_AT_DELIVERY_MS, RULE_ORDER } from './verdict-rules';

const SENT = Date.parse('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
const CHROME_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const APPLE_MAIL = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';

function event(over: Partial<VerdictInput> = {}): VerdictInput {
  return {
    kind: 'open', userAgent: APPLE_MAIL, ip: '198.51.100.20', method: 'GET', at: SENT + HOUR, linkIndex: null,
    sentAt: SENT, toSelf: false, ownIp: null, earlier: [], ...over,
  };
}

const GMAIL_PROXY = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const YAHOO_PROXY = 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html';

const click = (at: number, linkIndex: number, over: Partial<EarlierEvent> = {}): EarlierEvent => ({
  at, kind: 'click', ip: '40.107.1.1', userAgent: CHROME_WIN, linkIndex, verdict: 'security_scanner', ...over,
});

describe('judgeEvent', () => {
  it('a mail program opening an hour after delivery is a person, named with when', () => {
    expect(judgeEvent(event())).toEqual({ verdict: 'person', why: 'Apple Mail 1 h after sending: a mail program, with no sign of a machine' });
  });

  it('a browser with no sign of a machine is a person', () => {
    expect(judgeEvent(event({ kind: 'click', linkIndex: 0, userAgent: CHROME_WIN, at: SENT + 3 * HOUR }))).toEqual({
      verdict: 'person', why: 'a mail program or browser 3 h after sending, with no sign of a machine',
    });
  });

  it("the sender's own copy is self, whatever fetched it", () => {
    expect(judgeEvent(event({ toSelf: true })).verdict).toBe('self');
    expect(judgeEvent(event({ toSelf: true, userAgent: 'curl/8.4.0' })).verdict).toBe('self');
  });

  describe("an open from the user's own address, near when the relay saw the app there, is self", () => {
    const seen = { firstSeenAt: SENT - 3 * HOUR, lastSeenAt: SENT + 2 * HOUR };

    it('inside the seen period or the margin either side: self, naming the address', () => {
      for (const at of [SENT + HOUR, seen.firstSeenAt - OWN_IP_MARGIN_MS, seen.lastSeenAt + OWN_IP_MARGIN_MS]) {
        expect(judgeEvent(event({ ip: '203.0.113.9', at, ownIp: seen }))).toEqual({
          verdict: 'self', why: 'from 203.0.113.9, your own address (seen by the relay when this app checked it)',
        });
      }
    });

    it('before a scanner rule: a HEAD or a click at delivery from the own address is still the user', () => {
      expect(judgeEvent(event({ ip: '203.0.113.9', method: 'HEAD', ownIp: seen })).verdict).toBe('self');
      expect(judgeEvent(event({ kind: 'click', linkIndex: 0, ip: '203.0.113.9', at: SENT + 1_000, ownIp: seen })).verdict).toBe('self');
    });

    it('outside the margin the address may be someone else\'s by now: judged as anyone', () => {
      expect(judgeEvent(event({ at: seen.lastSeenAt + OWN_IP_MARGIN_MS + 1, ownIp: seen })).verdict).toBe('person');
      expect(judgeEvent(event({ at: seen.firstSeenAt - OWN_IP_MARGIN_MS - 1, ownIp: seen })).verdict).toBe('person');
    });

    it('a removed address (the store gives null) is judged as anyone', () => {
      expect(judgeEvent(event({ ip: '203.0.113.9', ownIp: null })).verdict).toBe('person');
    });
  });

  describe('mail proxies stand for a person', () => {
    it("Gmail's image proxy, which isbot also calls a bot", () => {
      const r = judgeEvent(event({ userAgent: GMAIL_PROXY, ip: '66.249.84.1', at: SENT + 2 * HOUR }));
      expect(r).toEqual({ verdict: 'mail_proxy', why: expect.stringMatching(/^Gmail \(via Google's image proxy\) fetched the pixel 2 h after sending/) });
    });
    it("Yahoo's proxy", () => {
      expect(judgeEvent(event({ userAgent: YAHOO_PROXY })).verdict).toBe('mail_proxy');
    });
  });

  describe("a mail proxy's fetch as the message arrives is a preload, not a reader", () => {
    it.each([['Yahoo', YAHOO_PROXY], ['Gmail', GMAIL_PROXY]])('%s within seconds of sending', (_name, userAgent) => {
      const r = judgeEvent(event({ userAgent, at: SENT + 3_000 }));
      expect(r).toEqual({ verdict: 'privacy_prefetch', why: expect.stringMatching(/fetched the pixel 3 s after sending, as the message arrived: proxies such as Yahoo's cache images on delivery/) });
    });
    it('the window is data: at its end the proxy stands for a reader again', () => {
      expect(judgeEvent(event({ userAgent: YAHOO_PROXY, at: SENT + MAIL_PROXY_AT_DELIVERY_MS - 1 })).verdict).toBe('privacy_prefetch');
      expect(judgeEvent(event({ userAgent: YAHOO_PROXY, at: SENT + MAIL_PROXY_AT_DELIVERY_MS })).verdict).toBe('mail_proxy');
    });
    it('without a known send time it is the reader\'s', () => {
      expect(judgeEvent(event({ userAgent: YAHOO_PROXY, at: SENT + 3_000, sentAt: null })).verdict).toBe('mail_proxy');
    });
  });

  describe('Apple Mail Privacy Protection is a privacy prefetch', () => {
    it('the bare "Mozilla/5.0" user agent', () => {
      const r = judgeEvent(event({ userAgent: 'Mozilla/5.0', ip: '17.58.1.2', at: SENT + 5_000 }));
      expect(r).toEqual({ verdict: 'privacy_prefetch', why: expect.stringContaining('Privacy Protection') });
    });
    it("an Apple Mail open from Apple's network within minutes of delivery", () => {
      expect(judgeEvent(event({ ip: '17.58.1.2', at: SENT + 3_000 }))).toEqual({
        verdict: 'privacy_prefetch', why: "fetched 3 s after sending from Apple's network: Mail Privacy Protection preloading",
      });
    });
    it("but not a later open from Apple's network with a real mail program's agent", () => {
      expect(judgeEvent(event({ ip: '17.58.1.2', at: SENT + 5 * HOUR })).verdict).toBe('person');
    });
  });

  describe('security scanners', () => {
    it.each([
      ['Barracuda', 'Mozilla/5.0 (compatible; Barracuda Sentinel)'],
      ['Mimecast', 'Mimecast URL Protect'],
      ['Proofpoint', 'Proofpoint URL Defense'],
      ['a bot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
      ['curl', 'curl/8.4.0'],
      ['python', 'python-requests/2.31.0'],
      ['Go', 'Go-http-client/1.1'],
      ['no agent', ''],
    ])('%s by its user agent', (_name, userAgent) => {
      expect(judgeEvent(event({ kind: 'click', linkIndex: 0, userAgent })).verdict).toBe('security_scanner');
    });

    it("Microsoft's Exchange Online Protection range, even with a browser's agent", () => {
      const r = judgeEvent(event({ kind: 'click', linkIndex: 0, userAgent: CHROME_WIN, ip: '40.107.22.5' }));
      expect(r).toEqual({ verdict: 'security_scanner', why: expect.stringContaining('Microsoft') });
    });

    it('a HEAD request, with when it came', () => {
      const r = judgeEvent(event({ kind: 'click', linkIndex: 0, userAgent: CHROME_WIN, method: 'HEAD', at: SENT + 2_000 }));
      expect(r).toEqual({ verdict: 'security_scanner', why: expect.stringMatching(/^a HEAD request 2 s after sending: checkers ask whether a link or image is there/) });
    });

    it('a HEAD request with a bare "Mozilla/5.0" is a scanner, not Apple\'s prefetch', () => {
      const r = judgeEvent(event({ userAgent: 'Mozilla/5.0', method: 'HEAD', ip: '17.58.1.2', at: SENT + 3_000 }));
      expect(r).toEqual({ verdict: 'security_scanner', why: expect.stringContaining('a HEAD request 3 s after sending') });
    });

    it('a click within seconds of delivery', () => {
      const r = judgeEvent(event({ kind: 'click', linkIndex: 0, userAgent: CHROME_WIN, at: SENT + 4_000 }));
      expect(r).toEqual({ verdict: 'security_scanner', why: expect.stringMatching(/^a click 4 s after sending: checkers follow links as the message arrives/) });
    });

    it('a click on another link within a second of the last', () => {
      const t = SENT + HOUR;
      const r = judgeEvent(event({ kind: 'click', linkIndex: 2, userAgent: CHROME_WIN, at: t + 600, earlier: [click(t, 1, { verdict: 'person' })] }));
      expect(r).toEqual({ verdict: 'security_scanner', why: expect.stringMatching(/^another link of this copy was clicked 0\.6 s before/) });
    });

    it("an open from a scanner's address right after its clicks", () => {
      const t = SENT + HOUR;
      const r = judgeEvent(event({ userAgent: CHROME_WIN, ip: '198.51.100.9', at: t + 3_000, earlier: [click(t, 0, { ip: '198.51.100.9', verdict: 'security_scanner' })] }));
      expect(r).toEqual({ verdict: 'security_scanner', why: expect.stringMatching(/^an open 3 s after a link checker/) });
    });
  });

  it("a person's click well after a scanner's burst is the person's", () => {
    const burst = [click(SENT + 2_000, 0), click(SENT + 2_300, 1), click(SENT + 2_500, 2)];
    const r = judgeEvent(event({ kind: 'click', linkIndex: 1, userAgent: CHROME_WIN, ip: '203.0.113.50', at: SENT + 2 * HOUR, earlier: burst }));
    expect(r.verdict).toBe('person');
  });

  it('a person clicking the same link twice is still a person', () => {
    const t = SENT + HOUR;
    const r = judgeEvent(event({ kind: 'click', linkIndex: 1, userAgent: CHROME_WIN, at: t + 500, earlier: [click(t, 1, { verdict: 'person', ip: '198.51.100.20' })] }));
    expect(r.verdict).toBe('person');
  });

  describe('isbot, after our own tables', () => {
    it('is tried after prefetch, proxies and mail programs, and only before the person', () => {
      const rules = RULE_ORDER.map((r) => r.rule);
      for (const ours of ['prefetchAgent', 'prefetchRange', 'proxyAtDelivery', 'mailProxy', 'mailProgram'] as const) {
        expect(rules.indexOf(ours)).toBeLessThan(rules.indexOf('crawler'));
      }
      expect(rules.slice(-2)).toEqual(['crawler', 'person']);
    });
    it('a crawler by its user agent is a scanner', () => {
      for (const userAgent of ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', 'curl/8.4.0', 'Mozilla/5.0 (compatible; YandexImages/3.0)']) {
        expect(judgeEvent(event({ userAgent }))).toEqual({ verdict: 'security_scanner', why: 'a crawler by its user agent (isbot)' });
      }
    });
    it("a bare \"Mozilla/5.0\" open stays Apple's prefetch, though isbot calls it a bot", () => {
      expect(judgeEvent(event({ userAgent: 'Mozilla/5.0', at: SENT + HOUR })).verdict).toBe('privacy_prefetch');
    });
    it('but a bare "Mozilla/5.0" click, which no prefetch makes, is a crawler', () => {
      expect(judgeEvent(event({ kind: 'click', linkIndex: 0, userAgent: 'Mozilla/5.0' })).verdict).toBe('security_scanner');
    });
    it('a mail program isbot would take for a bot stays a person', () => {
      expect(judgeEvent(event({ userAgent: 'Outlook-Android/2.0' }))).toEqual({ verdict: 'person', why: expect.stringMatching(/^Outlook for Android 1 h after sending/) });
    });
  });

  it('every reason is filled in: no placeholder left', () => {
    const t = SENT + HOUR;
    const events = [
      event({ toSelf: true }), event({ userAgent: '' }), event({ ip: '40.107.22.5' }), event({ method: 'HEAD' }),
      event({ kind: 'click', linkIndex: 0, at: SENT + 1_000 }), event({ kind: 'click', linkIndex: 2, at: t + 600, earlier: [click(t, 1)] }),
      event({ ip: '40.107.1.1', at: t + 1_000, earlier: [click(t, 0)] }), event({ userAgent: 'Mozilla/5.0' }), event({ ip: '17.1.1.1', at: SENT + 1_000 }),
      event({ userAgent: YAHOO_PROXY, at: SENT + 1_000 }), event({ userAgent: YAHOO_PROXY }), event(), event({ userAgent: 'curl/8.4.0' }),
      event({ userAgent: CHROME_WIN, sentAt: null }),
    ];
    const whys = events.map((e) => judgeEvent(e).why);
    for (const why of whys) expect(why).not.toMatch(/[{}]|undefined/);
    expect(whys.at(-1)).toContain('at an unknown time after sending');
  });
});
