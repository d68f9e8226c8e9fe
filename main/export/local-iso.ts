const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * ISO 8601 in the machine's time zone with its offset (2026-06-20T14:03:09+02:00): what the user
 * saw in the app, and still one exact instant for a spreadsheet or a script.
 */
export function localIso(ms: number): string {
  const d = new Date(ms);
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
    + `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** The local calendar day (2026-06-20), for file names. */
export const localDay = (ms: number) => localIso(ms).slice(0, 10);
