// Tests and benches that watch real servers: wait until a condition holds, bounded in time.

/** Resolves once `check` holds; rejects naming `what` after `ms`. Looks every `everyMs`. */
export async function until(check: () => boolean | Promise<boolean>, what = 'the condition', ms = 15_000, everyMs = 25): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
