import type { LiveEvent, LiveView } from '../../../main/api/contract';

/** Whether an event concerns a view showing `views` (and, given `emailId`, that one email). */
export function touches(event: LiveEvent, views: readonly LiveView[], emailId?: number): boolean {
  if (!event.views.some((v) => views.includes(v))) return false;
  return emailId === undefined || event.emailIds === null || event.emailIds.includes(emailId);
}

/**
 * Runs `refresh` soon after a poke: at once after a quiet spell, and at most once per `gapMs`
 * while pokes keep coming, always once more after the last, so the final state is read and a
 * busy merge cannot turn into a read per event.
 */
export function refreshGate(refresh: () => void, gapMs: number, now = () => Date.now()) {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    poke() {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        last = now();
        refresh();
      }, Math.max(0, last + gapMs - now()));
    },
    cancel: () => clearTimeout(timer),
  };
}
