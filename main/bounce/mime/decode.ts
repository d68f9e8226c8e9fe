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

/** Bytes (as a binary string) in a declared charset to Unicode; never throws. */
export function decodeCharset(binary: string, charset: string): string {
  // Pure ASCII needs no decoding, and is by far the common case in reports.
  if (!/[^\x00-\x7f]/.test(binary) && !/\x1b/.test(binary)) return binary;
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

export function decodeQuotedPrintable(s: string): string {
  if (!s.includes('=')) return s;
  // Soft line breaks (with any trailing white space before them) and =XX escapes, in one pass.
  return s.replace(/=[ \t]*\r?\n|=([0-9A-Fa-f]{2})/g, (m, h: string | undefined) => (h ? String.fromCharCode(parseInt(h, 16)) : ''));
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
