// Fixed response bodies and headers, built once. The benchmark's bare server reuses them
// so both servers put the same bytes on the wire.

/** 1x1 transparent GIF, 43 bytes. */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

const NO_STORE = 'no-store, no-cache, must-revalidate, max-age=0';

// Every open must reach us: forbid caches in the mail program and on the way.
export const PIXEL_HEADERS = {
  'content-type': 'image/gif',
  'content-length': String(PIXEL_GIF.length),
  'cache-control': NO_STORE,
  pragma: 'no-cache',
  expires: '0',
} as const;

export function redirectHeaders(location: string): Record<string, string> {
  return { location, 'cache-control': NO_STORE, 'content-length': '0', 'referrer-policy': 'no-referrer' };
}

export function textHeaders(body: string): Record<string, string> {
  return {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': NO_STORE,
    'x-content-type-options': 'nosniff',
  };
}
