// The core's clock for sending and reminders. Browser mode reads OUTPOST_CLOCK_OFFSET_MS so an
// end-to-end test can restart the app "days later" on the same data, or send "an hour ago" what a
// relay with the true time then sees opened; the desktop app never reads it.

export function clockFromEnv(env: NodeJS.ProcessEnv): () => number {
  const raw = env.OUTPOST_CLOCK_OFFSET_MS;
  if (raw === undefined || raw === '') return Date.now;
  const offset = Number(raw);
  if (!Number.isSafeInteger(offset)) throw new Error(`OUTPOST_CLOCK_OFFSET_MS must be a whole number of milliseconds, not "${raw}"`);
  return () => Date.now() + offset;
}
