// A readable name for the program that fetched a pixel or link, from its user agent. Pure.
// One table, most specific first: mail programs and proxies, then browsers (webmail) by platform.

interface ProgramRule {
  ua: RegExp;
  name: string;
}

const MAIL_PROGRAMS: readonly ProgramRule[] = [
  { ua: /GoogleImageProxy/i, name: "Gmail (via Google's image proxy)" },
  { ua: /YahooMailProxy/i, name: 'Yahoo Mail' },
  { ua: /^Mozilla\/5\.0$/, name: 'Apple Mail (Privacy Protection)' },
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

// Browsers (webmail): order matters, as Edge and Opera also say Chrome, and Chrome says Safari.
const BROWSERS: readonly ProgramRule[] = [
  { ua: /Edg(e|A|iOS)?\//, name: 'Edge' },
  { ua: /OPR\/|Opera/, name: 'Opera' },
  { ua: /SamsungBrowser\//, name: 'Samsung Internet' },
  { ua: /Firefox\/|FxiOS\//, name: 'Firefox' },
  { ua: /Chrome\/|CriOS\//, name: 'Chrome' },
  { ua: /Version\/[\d.]+.*Safari\//, name: 'Safari' },
];

const PLATFORMS: readonly ProgramRule[] = [
  { ua: /iPhone/, name: 'iPhone' },
  { ua: /iPad/, name: 'iPad' },
  { ua: /Android/, name: 'Android' },
  { ua: /Windows/, name: 'Windows' },
  { ua: /Macintosh|Mac OS X/, name: 'Mac' },
  { ua: /CrOS/, name: 'ChromeOS' },
  { ua: /Linux/, name: 'Linux' },
];

const SHORT_LIMIT = 40;

const find = (rules: readonly ProgramRule[], ua: string) => rules.find((r) => r.ua.test(ua))?.name;

/** "Apple Mail", "Chrome on Windows", …; an unknown agent gives its first product token, shortened. */
export function emailProgram(userAgent: string): string {
  const ua = userAgent.trim();
  if (ua === '') return 'Unknown';
  const mail = find(MAIL_PROGRAMS, ua);
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
