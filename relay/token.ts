// Signed tracking tokens, shared by the app (signs when sending) and the relay (verifies).
// Pure: node:crypto only, no I/O. The byte format is documented in relay/README.md.
import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';

export const TOKEN_VERSION = 1;
export const PIXEL_PATH = '/o/';
export const CLICK_PATH = '/c/';
/** Query parameter of a click URL that carries the target. */
export const TARGET_PARAM = 'u';
/** Longest click target the app may sign; the relay refuses longer URLs anyway. */
export const MAX_TARGET_LENGTH = 2048;
/** Longest token text: header, three 8-byte varints and the MAC, in base64url. */
export const MAX_TOKEN_LENGTH = 64;

const SECRET_BYTES = 32;
// 128 bits of HMAC-SHA256 keep forgery out of reach while keeping links short.
const MAC_BYTES = 16;
const MAX_VARINT_BYTES = 8;
const KIND_CODES = { open: 1, click: 2 } as const;
const FEED_KEY_LABEL = 'outpost-relay-feed-v1';
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export type TokenKind = keyof typeof KIND_CODES;
export interface OpenIds {
  emailId: number;
  recipientId: number;
}
export interface ClickIds extends OpenIds {
  linkIndex: number;
}

/** A parsed secret, ready for repeated signing or verification. */
export interface SecretKey {
  readonly key: KeyObject;
}
export type Secret = string | SecretKey;

/** A new 256-bit secret as base64url text (how the app and the relay exchange it). */
export function generateSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/** Parses a base64url secret; throws unless it is exactly 32 bytes. */
export function parseSecret(text: string): SecretKey {
  const trimmed = text.trim();
  const bytes = BASE64URL.test(trimmed) ? Buffer.from(trimmed, 'base64url') : Buffer.alloc(0);
  if (bytes.length !== SECRET_BYTES || bytes.toString('base64url') !== trimmed) {
    throw new Error('relay secret must be 32 bytes written as base64url (43 characters)');
  }
  return { key: createSecretKey(bytes) };
}

function toKey(secret: Secret): SecretKey {
  return typeof secret === 'string' ? parseSecret(secret) : secret;
}

/** The Bearer key the app presents to read the relay's event feed. */
export function feedKey(secret: Secret): string {
  return createHmac('sha256', toKey(secret).key).update(FEED_KEY_LABEL).digest('base64url');
}

/** A short fingerprint of a secret, safe to store or log (used to track rotation). */
export function secretFingerprint(secret: Secret): string {
  return createHmac('sha256', toKey(secret).key).update('outpost-relay-fingerprint-v1').digest('base64url').slice(0, 16);
}

export function signOpenToken(secret: Secret, ids: OpenIds): string {
  return seal(toKey(secret), encodePayload('open', [ids.emailId, ids.recipientId]), '');
}

/** The MAC covers the target URL too, so a token cannot be reused for another destination. */
export function signClickToken(secret: Secret, ids: ClickIds, targetUrl: string): string {
  if (redirectTarget(targetUrl) === null) throw new Error(`not a trackable http(s) URL: ${targetUrl.slice(0, 80)}`);
  return seal(toKey(secret), encodePayload('click', [ids.emailId, ids.recipientId, ids.linkIndex]), targetUrl);
}

/** Returns the ids when the token is an open token signed by one of `secrets`, else null. */
export function verifyOpenToken(token: string, secrets: readonly SecretKey[]): OpenIds | null {
  const ids = open(token, secrets, 'open', '');
  return ids && { emailId: ids[0]!, recipientId: ids[1]! };
}

/** Returns the ids when the token is a click token whose MAC covers exactly `targetUrl`, else null. */
export function verifyClickToken(token: string, targetUrl: string, secrets: readonly SecretKey[]): ClickIds | null {
  const ids = open(token, secrets, 'click', targetUrl);
  return ids && { emailId: ids[0]!, recipientId: ids[1]!, linkIndex: ids[2]! };
}

/**
 * The URL to redirect to, or null when `url` is not an absolute http(s) URL of bounded length.
 * Normalised by WHATWG URL so it is always a safe header value.
 */
export function redirectTarget(url: string): string | null {
  if (url.length > MAX_TARGET_LENGTH || !/^https?:\/\//i.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function pixelUrl(baseUrl: string, secret: Secret, ids: OpenIds): string {
  return pixelUrlOf(baseUrl, signOpenToken(secret, ids));
}

/** The pixel URL of an open token signed already (the app also stores the token: one HMAC, not two). */
export function pixelUrlOf(baseUrl: string, openToken: string): string {
  return `${trimBase(baseUrl)}${PIXEL_PATH}${openToken}`;
}

export function clickUrl(baseUrl: string, secret: Secret, ids: ClickIds, targetUrl: string): string {
  const token = signClickToken(secret, ids, targetUrl);
  return `${trimBase(baseUrl)}${CLICK_PATH}${token}?${TARGET_PARAM}=${encodeURIComponent(targetUrl)}`;
}

function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

// Layout: [version << 4 | kind] [varint emailId] [varint recipientId] ([varint linkIndex]) [MAC].
function encodePayload(kind: TokenKind, ids: readonly number[]): Buffer {
  const bytes = [(TOKEN_VERSION << 4) | KIND_CODES[kind]];
  ids.forEach((id, i) => {
    const minimum = kind === 'click' && i === 2 ? 0 : 1;
    if (!Number.isSafeInteger(id) || id < minimum) throw new Error(`token ids must be safe integers >= ${minimum}: ${id}`);
    pushVarint(bytes, id);
  });
  return Buffer.from(bytes);
}

function seal(secret: SecretKey, payload: Buffer, target: string): string {
  return Buffer.concat([payload, mac(secret, payload, target)]).toString('base64url');
}

function mac(secret: SecretKey, payload: Buffer, target: string): Buffer {
  const hmac = createHmac('sha256', secret.key).update(payload);
  if (target !== '') hmac.update(target, 'utf8');
  return hmac.digest().subarray(0, MAC_BYTES);
}

function open(token: string, secrets: readonly SecretKey[], kind: TokenKind, target: string): number[] | null {
  if (token.length > MAX_TOKEN_LENGTH || !BASE64URL.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length <= MAC_BYTES || bytes[0] !== ((TOKEN_VERSION << 4) | KIND_CODES[kind])) return null;
  // One text per token: unused low bits of the last character must not make a second spelling.
  if (bytes.toString('base64url') !== token) return null;
  const payloadEnd = bytes.length - MAC_BYTES;
  const ids: number[] = [];
  let offset = 1;
  const count = kind === 'click' ? 3 : 2;
  for (let i = 0; i < count; i++) {
    const read = readVarint(bytes, offset, payloadEnd);
    if (read === null) return null;
    ids.push(read.value);
    offset = read.next;
  }
  if (offset !== payloadEnd || ids[0] === 0 || ids[1] === 0) return null;
  const payload = bytes.subarray(0, payloadEnd);
  const given = bytes.subarray(payloadEnd);
  // Check every secret so timing does not tell which one matched.
  let valid = false;
  for (const secret of secrets) valid = timingSafeEqual(mac(secret, payload, target), given) || valid;
  return valid ? ids : null;
}

// LEB128 with arithmetic (not bit operators) so ids up to 2^53 survive.
function pushVarint(out: number[], value: number): void {
  let n = value;
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

function readVarint(bytes: Buffer, start: number, end: number): { value: number; next: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = start; i < end && i - start < MAX_VARINT_BYTES; i++) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return Number.isSafeInteger(value) ? { value, next: i + 1 } : null;
    scale *= 0x80;
  }
  return null;
}
