/** At most this many notifications pop up at once (one sync, one reminder check); the last one then counts the rest. */
export const MAX_PER_BATCH = 4;

/** The items that get a notification of their own, and the rest, summed up in one more. */
export function splitBatch<T>(items: readonly T[], max = MAX_PER_BATCH): { own: T[]; rest: T[] } {
  return items.length <= max ? { own: [...items], rest: [] } : { own: items.slice(0, max - 1), rest: items.slice(max - 1) };
}
