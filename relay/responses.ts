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

/** The same, as the flat [name, value, ...] list `res.writeHead` takes without walking an object. */
export const PIXEL_HEADER_LIST: readonly string[] = Object.entries(PIXEL_HEADERS).flat();

export function redirectHeaders(location: string): Record<string, string> {
  return { location, 'cache-control': NO_STORE, 'content-length': '0', 'referrer-policy': 'no-referrer' };
}

const REDIRECT_HEADER_LIST = Object.entries(redirectHeaders('')).slice(1).flat();

/** `redirectHeaders(location)` as a flat [name, value, ...] list. */
export function redirectHeaderList(location: string): string[] {
  return ['location', location, ...REDIRECT_HEADER_LIST];
}

export function textHeaders(body: string): Record<string, string> {
  return {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': NO_STORE,
    'x-content-type-options': 'nosniff',
  };
}
