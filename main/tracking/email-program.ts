// A readable name for the program that fetched a pixel or link, from its user agent. Pure.
// Most specific first: mail proxies and programs (verdict-rules.ts, whose verdicts trust them),
// then browsers (webmail) by platform. Only people's events are named (apply-events.ts).
import { MAIL_PROGRAM_AGENTS, MAIL_PROXY_AGENTS, type NamedAgent } from './verdict-rules';

// Browsers (webmail): order matters, as Edge and Opera also say Chrome, and Chrome says Safari.
const BROWSERS: readonly NamedAgent[] = [
  { ua: /Edg(e|A|iOS)?\//, name: 'Edge' },
  { ua: /OPR\/|Opera/, name: 'Opera' },
  { ua: /SamsungBrowser\//, name: 'Samsung Internet' },
  { ua: /Firefox\/|FxiOS\//, name: 'Firefox' },
  { ua: /Chrome\/|CriOS\//, name: 'Chrome' },
  { ua: /Version\/[\d.]+.*Safari\//, name: 'Safari' },
];

const PLATFORMS: readonly NamedAgent[] = [
  { ua: /iPhone/, name: 'iPhone' },
  { ua: /iPad/, name: 'iPad' },
  { ua: /Android/, name: 'Android' },
  { ua: /Windows/, name: 'Windows' },
  { ua: /Macintosh|Mac OS X/, name: 'Mac' },
  { ua: /CrOS/, name: 'ChromeOS' },
  { ua: /Linux/, name: 'Linux' },
];

const SHORT_LIMIT = 40;

const find = (rules: readonly NamedAgent[], ua: string) => rules.find((r) => r.ua.test(ua))?.name;

/** "Apple Mail", "Chrome on Windows", …; an unknown agent gives its first product token, shortened. */
export function emailProgram(userAgent: string): string {
  const ua = userAgent.trim();
  if (ua === '') return 'Unknown';
  const mail = find(MAIL_PROXY_AGENTS, ua) ?? find(MAIL_PROGRAM_AGENTS, ua);
  if (mail) return mail;
  const browser = find(BROWSERS, ua);
  if (browser) {
    const platform = find(PLATFORMS, ua);
    return platform ? `${browser} on ${platform}` : browser;
  }
  return shortAgent(ua);
}

/** The first product token ("curl/8.4.0"), without control characters, at most SHORT_LIMIT long. */
function shortAgent(ua: string): string {
  const cleaned = ua.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  const first = cleaned.split(/[\s;(]+/)[0] || cleaned;
  return first.length > SHORT_LIMIT ? `${first.slice(0, SHORT_LIMIT - 1)}…` : first;
}
