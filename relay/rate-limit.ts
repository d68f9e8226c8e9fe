// Per-IP cap on recorded events per minute. Fixed one-minute windows: cheap, and exact
// enough to keep one noisy address from filling the database. Answers are served regardless.

/** Distinct addresses tracked per minute; past this, new addresses are not recorded. */
const MAX_KEYS = 100_000;
const WINDOW_MS = 60_000;

export class PerMinuteLimit {
  private counts = new Map<string, number>();
  private windowEnd = 0;

  /** `cap` 0 means no limit. */
  constructor(private readonly cap: number) {}

  /** Counts one event for `key` and says whether it may be recorded. */
  allow(key: string, now: number): boolean {
    if (this.cap === 0) return true;
    if (now >= this.windowEnd) {
      this.counts.clear();
      this.windowEnd = now - (now % WINDOW_MS) + WINDOW_MS;
    }
    const count = this.counts.get(key);
    if (count === undefined) {
      if (this.counts.size >= MAX_KEYS) return false;
      this.counts.set(key, 1);
      return true;
    }
    if (count >= this.cap) return false;
    this.counts.set(key, count + 1);
    return true;
  }
}
