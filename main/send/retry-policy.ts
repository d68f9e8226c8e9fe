// When to try a deferred copy again, and when the whole queue waits after a connection failure.
// Pure; tests pass milliseconds where production waits hours.

export interface RetryPolicy {
  /** Attempts per copy for 4xx replies, the first included; after the last one it is Bounced. */
  maxAttempts: number;
  /** Wait after the first 4xx; each further wait is `factor` times longer. */
  firstDelayMs: number;
  factor: number;
  /** Wait of the whole queue after a connection or login failure, doubling up to the maximum. */
  queueFirstDelayMs: number;
  queueMaxDelayMs: number;
}

/** 5 attempts over about a day: 30 min, 1.5 h, 4.5 h, 13.5 h. */
export const PRODUCTION_RETRY: RetryPolicy = {
  maxAttempts: 5,
  firstDelayMs: 30 * 60_000,
  factor: 3,
  queueFirstDelayMs: 30_000,
  queueMaxDelayMs: 15 * 60_000,
};

/** The wait after attempt number `attempts` (1-based) was deferred, or null when none is left. */
export function nextDelay(policy: RetryPolicy, attempts: number): number | null {
  if (attempts >= policy.maxAttempts) return null;
  return policy.firstDelayMs * policy.factor ** (attempts - 1);
}

/** The queue's wait after `failures` connection failures in a row (1-based). */
export function queueDelay(policy: RetryPolicy, failures: number): number {
  return Math.min(policy.queueFirstDelayMs * 2 ** (failures - 1), policy.queueMaxDelayMs);
}
