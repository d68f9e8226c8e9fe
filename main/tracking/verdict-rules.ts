// Who made a tracking event, as reviewable data: one table per verdict, each rule with the
// patterns it matches and why that makes the verdict. verdict.ts applies them in order.
// In the spirit of Sisimai: to see why an event got its verdict, read the rule named in `why`.

export interface UaRule {
  /** Matched against the user agent. */
  ua: RegExp;
  why: string;
}

export interface IpRule {
  /** CIDR ranges, IPv4 or IPv6. */
  ranges: readonly string[];
  why: string;
}

/** Mail services that fetch images on the reader's behalf when a person opens the message. */
export const MAIL_PROXY_AGENTS: readonly UaRule[] = [
  { ua: /GoogleImageProxy/i, why: "Gmail's image proxy fetches the pixel when the reader opens the message" },
  { ua: /YahooMailProxy/i, why: "Yahoo Mail's image proxy fetches the pixel when the reader opens the message" },
];

/**
 * Apple Mail Privacy Protection loads every image through Apple's proxies soon after delivery,
 * whether or not anyone reads the message, and presents itself with a bare "Mozilla/5.0".
 */
export const PRIVACY_PREFETCH_AGENTS: readonly UaRule[] = [
  { ua: /^Mozilla\/5\.0$/, why: 'the bare "Mozilla/5.0" of Apple Mail Privacy Protection, which preloads images without a reader' },
];
export const PRIVACY_PREFETCH_RANGES: readonly IpRule[] = [
  { ranges: ['17.0.0.0/8'], why: "an open from Apple's own network soon after delivery: Mail Privacy Protection preloading" },
];
/** How soon after delivery an open from Apple's network is taken for a preload. */
export const PRIVACY_PREFETCH_WINDOW_MS = 15 * 60_000;

/** Link checkers and other programs: they fetch on behalf of no one. */
export const SCANNER_AGENTS: readonly UaRule[] = [
  { ua: /^\s*$/, why: 'no user agent: mail programs and browsers always send one' },
  { ua: /Barracuda/i, why: 'Barracuda link protection checks links as mail arrives' },
  { ua: /Mimecast/i, why: 'Mimecast URL protection checks links as mail arrives' },
  { ua: /Proofpoint|pphosted/i, why: 'Proofpoint URL defense checks links as mail arrives' },
  { ua: /SafeLinks|Microsoft Defender|MSOffice\s*Protocol Discovery|Microsoft Office Existence Discovery/i, why: 'Microsoft Safe Links / Defender checks links as mail arrives' },
  { ua: /\b(bot|crawler|spider|scanner|preview|slurp)\b|bot\//i, why: 'a robot names itself in its user agent' },
  { ua: /^(curl|wget|python-requests|python-urllib|python|aiohttp|go-http-client|java|okhttp|libwww-perl|apache-httpclient|axios|node-fetch|undici|node|powershell)\b/i, why: 'a programming library or command-line tool, not a mail program or browser' },
  { ua: /HeadlessChrome|PhantomJS|Puppeteer|Playwright/i, why: 'a headless browser driven by a program' },
];
export const SCANNER_RANGES: readonly IpRule[] = [
  { ranges: ['40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17'], why: 'Microsoft Exchange Online Protection (Safe Links) address range' },
  { ranges: ['64.235.144.0/20', '209.222.80.0/21'], why: 'Barracuda Email Security address range' },
  { ranges: ['205.139.110.0/24', '207.211.30.0/24', '207.211.31.0/25'], why: 'Mimecast address range' },
  { ranges: ['148.163.128.0/19', '67.231.144.0/20'], why: 'Proofpoint address range' },
];

/** Behaviour that no person produces, whatever the user agent says. */
export const SCANNER_BEHAVIOUR = {
  head: 'a HEAD request: link checkers ask whether a link works, mail programs and browsers fetch it',
  clickAtDelivery: 'a click within seconds of delivery: checkers follow links as the message arrives, before anyone could read it',
  clickBurst: 'another link of this copy was clicked within seconds: a checker following every link, not a person',
  openWithScanner: 'an open from the address of a link checker seen on this copy moments before',
} as const;
/** A click this soon after SMTP accepted the copy is a checker's. */
export const CLICK_AT_DELIVERY_MS = 30_000;
/** A person's click switches to the browser; clicking another link of the same copy takes longer than this. */
export const CLICK_BURST_MS = 2_000;
/** An open this close to a checker's event from the same address is the checker rendering the message. */
export const SCANNER_COMPANION_MS = 10_000;

export const SELF = {
  ownAddress: "the copy was addressed to the sender's own address: the user's own fetch",
  ownIp: (ip: string) => `from ${ip}, your own address (seen by the relay when this app checked it)`,
} as const;
/**
 * An own address counts this long either side of when the relay saw the app there. Home and
 * office addresses are leased and change hands: the app refreshes one every few minutes while it
 * runs, and an address the user has left behind stops counting a day later.
 */
export const OWN_IP_MARGIN_MS = 24 * 60 * 60_000;

export const PERSON = { why: 'a mail program or browser, with no sign of a machine' } as const;
