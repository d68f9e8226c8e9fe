// A small, bounded MIME parser: enough structure to read reports, nothing more.
// Works on binary strings; every loop is capped so hostile input costs bounded time.
import { isAscii } from 'node:buffer';
import { decodeCharset, decodeTransfer } from './decode';
import { Headers, parseParams } from './headers';

export const LIMITS = {
  /** Bytes of input read at all; reports put what matters first. */
  inputBytes: 4 * 1024 * 1024,
  /** Nesting of multiparts and enclosed messages. */
  depth: 12,
  /** Parts in the whole tree. */
  parts: 256,
  /** Bytes of a header block read; the rest of a longer block is dropped. */
  headerBytes: 256 * 1024,
  /** Bytes of a part decoded to text; a report's own words come first. */
  textBytes: 64 * 1024,
};

export interface Part {
  headers: Headers;
  /** Lower-cased media type, e.g. "text/plain"; "text/plain" when absent. */
  type: string;
  params: Record<string, string>;
  /** Body as transferred (binary string, transfer encoding not yet undone). */
  body: string;
  children: Part[];
  /** For message/rfc822 and text/rfc822-headers: the enclosed message. */
  message: Part | null;
}

interface Budget {
  parts: number;
}

/** Parse raw bytes of one message. Never throws on malformed input. */
export function parseMessage(raw: Uint8Array | string): Part {
  // A string is taken as the message text and encoded as UTF-8, so both inputs read alike.
  const bytes = typeof raw === 'string' ? Buffer.from(raw.slice(0, LIMITS.inputBytes), 'utf8') : raw;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, LIMITS.inputBytes));
  // Same string either way for 7-bit bytes; V8 builds a big one-byte string from "ascii" several
  // times faster than from "latin1" (4 MB: 2 ms instead of 13 to 20).
  let text = view.byteLength > 128 * 1024 && isAscii(view) ? view.toString('ascii') : view.toString('latin1');
  // One regex over the text beats a byte loop here: CRLF mail has many short lines.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return parseEntity(text, 0, { parts: 0 }, 'text/plain');
}

function splitHead(text: string): [string, string] {
  if (text.startsWith('\n')) return ['', text.slice(1)];
  const end = text.indexOf('\n\n');
  // A header block is read up to its cap: what matters (type, identity) comes first.
  const head = end < 0 ? text : text.slice(0, end);
  return [head.length > LIMITS.headerBytes ? head.slice(0, LIMITS.headerBytes) : head, end < 0 ? '' : text.slice(end + 2)];
}

function parseEntity(text: string, depth: number, budget: Budget, defaultType: string): Part {
  budget.parts++;
  const [head, body] = splitHead(text);
  const headers = new Headers(head);
  const ct = parseParams(headers.raw('content-type') || defaultType);
  const type = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(ct.value) ? ct.value : 'text/plain';
  const part: Part = { headers, type, params: ct.params, body, children: [], message: null };
  if (depth >= LIMITS.depth || budget.parts >= LIMITS.parts) return part;

  if (type.startsWith('multipart/')) {
    let chunks = ct.params.boundary ? splitMultipart(body, ct.params.boundary) : [];
    // A boundary that is missing or never occurs (mangled by a relay or by hand): use the one the body shows.
    const seen = chunks.length ? '' : /^--([^\s]{1,200}?)(?:--)?[ \t]*$/m.exec(body)?.[1] ?? '';
    if (seen) chunks = splitMultipart(body, seen);
    const childDefault = type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    for (const chunk of chunks) {
      if (budget.parts >= LIMITS.parts) break;
      part.children.push(parseEntity(chunk, depth + 1, budget, childDefault));
    }
  } else if (type === 'message/rfc822' || type === 'message/global' || type === 'message/rfc822-headers'
    || type === 'text/rfc822-headers' || type === 'message/global-headers') {
    // The returned message is read for its headers only: its own parts are never needed, so only
    // as much as a capped header block can take is decoded (base64 is 4/3 the size of its content).
    const enc = headers.raw('content-transfer-encoding');
    const room = Math.ceil((LIMITS.headerBytes + 2) * 1.34) + 4;
    const inner = decodeTransfer(body.length > room ? body.slice(0, room) : body, enc);
    part.message = parseEntity(inner.replace(/^\n+/, ''), LIMITS.depth, budget, 'text/plain');
  }
  return part;
}

/** Bodies between "--boundary" lines; preamble and epilogue dropped. */
function splitMultipart(body: string, boundary: string): string[] {
  // Searched in the body itself: prepending the "\n" the first delimiter lacks would copy the
  // whole body (megabytes for a big attachment) for each multipart.
  const delim = '\n--' + boundary;
  const chunks: string[] = [];
  // pos: where "--boundary" starts.
  let pos = body.startsWith(delim.slice(1)) ? 0 : body.indexOf(delim);
  if (pos > 0 || (pos === 0 && body.charCodeAt(0) === 10)) pos++;
  while (pos >= 0 && chunks.length < LIMITS.parts) {
    const after = pos + delim.length - 1;
    if (body.startsWith('--', after)) break; // close delimiter
    const lineEnd = body.indexOf('\n', after);
    if (lineEnd < 0) break;
    const next = body.indexOf(delim, lineEnd);
    chunks.push(body.slice(lineEnd + 1, next < 0 ? body.length : next));
    pos = next < 0 ? -1 : next + 1;
  }
  return chunks;
}

const texts = new WeakMap<Part, string>();

/** A part's body as Unicode text, transfer encoding and charset undone, size capped (memoized). */
export function partText(part: Part): string {
  let text = texts.get(part);
  if (text === undefined) texts.set(part, (text = decodePart(part)));
  return text;
}

function decodePart(part: Part): string {
  const enc = part.headers.raw('content-transfer-encoding');
  const isB64 = enc.trim().toLowerCase() === 'base64';
  // Base64 is 4/3 the size of its content: cap before decoding so the cap means decoded bytes.
  const body = part.body.length > LIMITS.textBytes * (isB64 ? 1.34 : 1)
    ? part.body.slice(0, Math.floor(LIMITS.textBytes * (isB64 ? 1.34 : 1)))
    : part.body;
  return decodeCharset(decodeTransfer(body, enc), part.params.charset ?? '');
}

/** The part and its descendants, depth first (enclosed messages are not entered). */
export function walk(part: Part, into: Part[] = []): Part[] {
  into.push(part);
  for (const c of part.children) walk(c, into);
  return into;
}
