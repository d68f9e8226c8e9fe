// Who made a tracking event, as reviewable data: the order the rules are tried in, then one table
// per verdict, each rule with the patterns it matches and why that makes the verdict. verdict.ts
// applies them. In the spirit of Sisimai: to see why an event got its verdict, read its reason.
//
// A reason may name when the event came: {after} becomes "3 s after sending", {gap} the time to
// the related event before it, {name} the proxy or mail program matched, {ip} the event's address.
import type { Verdict } from '../domain/views';

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

/**
 * The order the rules are tried in: the first that gives a reason decides. The user's own copy
 * and own addresses first; then machines that give themselves away (scanners' names, ranges and behaviour, which
 * also catch a scanner faking a browser); then preloads and proxies, whose agents isbot would
 * also call bots; then known mail programs; only then isbot's list of crawlers; anything else is
 * a person.
 */
export const RULE_ORDER = [
  { rule: 'ownCopy', verdict: 'self' },
  { rule: 'ownAddress', verdict: 'self' },
  { rule: 'scannerAgent', verdict: 'security_scanner' },
  { rule: 'scannerRange', verdict: 'security_scanner' },
  { rule: 'scannerBehaviour', verdict: 'security_scanner' },
  { rule: 'prefetchAgent', verdict: 'privacy_prefetch' },
  { rule: 'prefetchRange', verdict: 'privacy_prefetch' },
  // A proxy's fetch as the message arrives stands for no reader: a preload, like Apple's.
  { rule: 'proxyAtDelivery', verdict: 'privacy_prefetch' },
  { rule: 'mailProxy', verdict: 'mail_proxy' },
  { rule: 'mailProgram', verdict: 'person' },
  { rule: 'crawler', verdict: 'security_scanner' },
  { rule: 'person', verdict: 'person' },
] as const satisfies readonly { rule: string; verdict: Verdict }[];
export type RuleName = (typeof RULE_ORDER)[number]['rule'];

export const SELF = {
  ownAddress: "the copy was addressed to the sender's own address: the user's own fetch",
  ownIp: 'from {ip}, your own address (seen by the relay when this app checked it)',
} as const;
/**
 * An own address counts this long either side of when the relay saw the app there. Home and
 * office addresses are leased and change hands: the app refreshes one every few minutes while it
 * runs, and an address the user has left behind stops counting a day later.
 */
export const OWN_IP_MARGIN_MS = 24 * 60 * 60_000;

/**
 * Link checkers that name themselves: they fetch on behalf of no one. Libraries, headless browsers
 * and crawlers are isbot's (CRAWLER); a robot naming itself is caught here too, before a mail
 * program's pattern could take it for a person.
 */
export const SCANNER_AGENTS: readonly UaRule[] = [
  { ua: /^\s*$/, why: 'no user agent: mail programs and browsers always send one' },
  { ua: /Barracuda/i, why: 'Barracuda link protection checks links as mail arrives' },
  { ua: /Mimecast/i, why: 'Mimecast URL protection checks links as mail arrives' },
  { ua: /Proofpoint|pphosted/i, why: 'Proofpoint URL defense checks links as mail arrives' },
  { ua: /SafeLinks|Microsoft Defender|MSOffice\s*Protocol Discovery|Microsoft Office Existence Discovery/i, why: 'Microsoft Safe Links / Defender checks links as mail arrives' },
  { ua: /\b(bot|crawler|spider|scanner|preview|slurp)\b|bot\//i, why: 'a robot names itself in its user agent' },
];
export const SCANNER_RANGES: readonly IpRule[] = [
  { ranges: ['40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17'], why: 'Microsoft Exchange Online Protection (Safe Links) address range' },
  { ranges: ['64.235.144.0/20', '209.222.80.0/21'], why: 'Barracuda Email Security address range' },
  { ranges: ['205.139.110.0/24', '207.211.30.0/24', '207.211.31.0/25'], why: 'Mimecast address range' },
  { ranges: ['148.163.128.0/19', '67.231.144.0/20'], why: 'Proofpoint address range' },
];

/** Behaviour that no person produces, whatever the user agent says. */
export const SCANNER_BEHAVIOUR = {
  head: 'a HEAD request {after}: checkers ask whether a link or image is there, mail programs and browsers fetch it',
  clickAtDelivery: 'a click {after}: checkers follow links as the message arrives, before anyone could read it',
  clickBurst: 'another link of this copy was clicked {gap} before: a checker following every link, not a person',
  openWithScanner: 'an open {gap} after a link checker on this copy, from its address: the checker rendering the message',
} as const;
/** A click this soon after SMTP accepted the copy is a checker's. */
export const CLICK_AT_DELIVERY_MS = 30_000;
/** A person's click switches to the browser; clicking another link of the same copy takes longer than this. */
export const CLICK_BURST_MS = 2_000;
/** An open this close to a checker's event from the same address is the checker rendering the message. */
export const SCANNER_COMPANION_MS = 10_000;

/**
 * Apple Mail Privacy Protection loads every image through Apple's proxies soon after delivery,
 * whether or not anyone reads the message, and presents itself with a bare "Mozilla/5.0".
 */
export const PRIVACY_PREFETCH_AGENTS: readonly UaRule[] = [
  { ua: /^Mozilla\/5\.0$/, why: 'the bare "Mozilla/5.0" of Apple Mail Privacy Protection {after}: it preloads images without a reader' },
];
export const PRIVACY_PREFETCH_RANGES: readonly IpRule[] = [
  { ranges: ['17.0.0.0/8'], why: "fetched {after} from Apple's network: Mail Privacy Protection preloading" },
];
/** How soon after delivery an open from Apple's network is taken for a preload. */
export const PRIVACY_PREFETCH_WINDOW_MS = 15 * 60_000;

/** A user agent that names who fetched: a mail service's proxy or a mail program. */
export interface NamedAgent {
  ua: RegExp;
  /** As the Program column shows it (email-program.ts). */
  name: string;
}

/** Mail services that fetch images on the reader's behalf when a person opens the message. */
export const MAIL_PROXY_AGENTS: readonly NamedAgent[] = [
  { ua: /GoogleImageProxy/i, name: "Gmail (via Google's image proxy)" },
  { ua: /YahooMailProxy/i, name: 'Yahoo Mail' },
];
export const MAIL_PROXY = {
  opened: '{name} fetched the pixel {after}: its proxy fetches images when the reader opens the message',
  atDelivery: "{name} fetched the pixel {after}, as the message arrived: proxies such as Yahoo's cache images on delivery, before anyone reads them",
} as const;
/** A proxy's fetch this soon after SMTP accepted the copy caches the images on arrival: no reader yet. */
export const MAIL_PROXY_AT_DELIVERY_MS = 30_000;

/**
 * Mail programs known by their own user agent: people, whatever isbot says of them. Also the
 * Program column's names for them (email-program.ts).
 */
export const MAIL_PROGRAM_AGENTS: readonly NamedAgent[] = [
  { ua: /Outlook-iOS/i, name: 'Outlook for iOS' },
  { ua: /Outlook-Android/i, name: 'Outlook for Android' },
  // The Windows 10 Mail app (now "Outlook (Windows Mail)") renders in a WebView with an old Edge token.
  { ua: /WebView\/\d.*Edge\/1\d/, name: 'Outlook (Windows Mail)' },
  { ua: /Microsoft Outlook|MSOffice|Microsoft Office\//i, name: 'Outlook' },
  { ua: /Thunderbird\//, name: 'Thunderbird' },
  { ua: /SamsungEmail|Samsung ?Email/i, name: 'Samsung Email' },
  { ua: /\bSpark\/|Readdle/i, name: 'Spark' },
  { ua: /Airmail/i, name: 'Airmail' },
  { ua: /Superhuman/i, name: 'Superhuman' },
  { ua: /YandexMail|Yandex\.Mail/i, name: 'Yandex Mail' },
  // Apple's mail app is WebKit without a browser's "Version/… Safari/…" tokens.
  { ua: /^(?!.*(Safari|Version|CriOS|FxiOS|EdgiOS)\/).*\(iPhone;.*AppleWebKit\//, name: 'iPhone Mail' },
  { ua: /^(?!.*(Safari|Version|CriOS|FxiOS|EdgiOS)\/).*\(iPad;.*AppleWebKit\//, name: 'iPad Mail' },
  { ua: /^(?!.*(Safari|Version|Chrome)\/).*\(Macintosh;.*AppleWebKit\//, name: 'Apple Mail' },
];
export const MAIL_PROGRAM = { why: '{name} {after}: a mail program, with no sign of a machine' } as const;

/** isbot's list of crawlers, tried after every table above. */
export const CRAWLER = { why: 'a crawler by its user agent (isbot)' } as const;

export const PERSON = { why: 'a mail program or browser {after}, with no sign of a machine' } as const;
