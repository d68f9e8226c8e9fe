// Transfer encodings and charsets. Bodies travel as "binary strings" (one char per byte,
// latin1) so slicing is cheap; text is decoded to Unicode only when a part is read.

const decoders = new Map<string, TextDecoder | null>();

// Labels that mail uses but the WHATWG encoding list spells differently or lacks.
const aliases: Record<string, string> = {
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'iso-2022-jp-ms': 'iso-2022-jp',
  'x-sjis': 'shift_jis',
  'shift-jis': 'shift_jis',
  'x-euc-jp': 'euc-jp',
  'ks_c_5601-1987': 'euc-kr',
  unicode: 'utf-16le',
  utf8: 'utf-8',
  cp1252: 'windows-1252',
  cp932: 'shift_jis',
};

function decoderFor(charset: string): TextDecoder | null {
  const label = charset.trim().toLowerCase().replace(/^["']|["']$/g, '');
  const cached = decoders.get(label);
  if (cached !== undefined) return cached;
  let dec: TextDecoder | null = null;
  try {
    dec = new TextDecoder(aliases[label] ?? label, { fatal: false });
  } catch {
    dec = null; // unknown charset: caller falls back to UTF-8, then latin1
  }
  if (decoders.size < 64) decoders.set(label, dec);
  return dec;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Loose = new TextDecoder('utf-8', { fatal: false });

// An 8-bit byte, or ESC (ISO-2022 escape sequences are 7-bit but still need decoding).
const NOT_PLAIN = /[^\x00-\x1a\x1c-\x7f]/;

/** Bytes (as a binary string) in a declared charset to Unicode; never throws. */
export function decodeCharset(binary: string, charset: string): string {
  // Pure ASCII without escape sequences needs no decoding, and is by far the common case in reports.
  if (!NOT_PLAIN.test(binary)) return binary;
  const bytes = Buffer.from(binary, 'latin1');
  // Japanese mail often leaves ISO-2022-JP unlabeled (e.g. in a Diagnostic-Code); its escapes say so.
  const label = charset || (/\x1b\$[@B]/.test(binary) ? 'iso-2022-jp' : '');
  const dec = label ? decoderFor(label) : null;
  if (dec && dec.encoding !== 'windows-1252') return dec.decode(bytes);
  // Missing, unknown or "us-ascii" label with 8-bit bytes: most such mail is really UTF-8.
  try {
    return utf8.decode(bytes);
  } catch {
    return dec ? dec.decode(bytes) : utf8Loose.decode(bytes);
  }
}

export function decodeBase64(s: string): string {
  return Buffer.from(s.replace(/[^A-Za-z0-9+/]/g, ''), 'base64').toString('latin1');
}

/** Value of a hex digit's character code, or -1. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** Quoted-printable (a binary string) to bytes: =XX escapes and soft line breaks, in one pass. */
export function decodeQuotedPrintable(s: string): string {
  if (!s.includes('=')) return s;
  // Decoded in place in a byte buffer (the output is never longer), copying the runs between
  // "=" signs whole: several times faster than a replace() with a callback per escape.
  const buf = Buffer.from(s, 'latin1');
  let n = 0;
  let i = 0;
  while (i < buf.length) {
    const eq = buf.indexOf(61 /* = */, i);
    const stop = eq < 0 ? buf.length : eq;
    if (n !== i) buf.copyWithin(n, i, stop);
    n += stop - i;
    if (eq < 0) break;
    const hi = hexValue(buf[eq + 1] ?? -1);
    const lo = hi < 0 ? -1 : hexValue(buf[eq + 2] ?? -1);
    if (lo >= 0) {
      buf[n++] = hi * 16 + lo;
      i = eq + 3;
      continue;
    }
    // Soft line break: "=", any trailing white space, then the line end.
    let j = eq + 1;
    while (buf[j] === 32 || buf[j] === 9) j++;
    if (buf[j] === 13) j++;
    if (buf[j] === 10) {
      i = j + 1;
      continue;
    }
    buf[n++] = 61;
    i = eq + 1;
  }
  return buf.toString('latin1', 0, n);
}

export function decodeTransfer(body: string, encoding: string): string {
  const enc = encoding.trim().toLowerCase();
  if (enc === 'base64') return decodeBase64(body);
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** RFC 2047 encoded words in a header value (input is a binary string). */
export function decodeWords(value: string): string {
  if (!value.includes('=?')) return decodeCharset(value, '');
  // Adjacent encoded words separated only by whitespace are joined (RFC 2047 §6.2).
  const joined = value.replace(/(\?=)[ \t\r\n]+(?==\?)/g, '$1');
  return joined.replace(/=\?([^?\s]{1,40})\?([bBqQ])\?([^?\s]{0,2000})\?=/g, (_, cs: string, enc: string, text: string) => {
    const bin = enc.toLowerCase() === 'b'
      ? decodeBase64(text)
      : text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return decodeCharset(bin, cs.replace(/\*.*$/, ''));
  });
}
