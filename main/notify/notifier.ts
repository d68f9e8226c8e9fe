// The core's one source of desktop notifications: people's first opens and clicks after each relay
// sync, and follow-ups as they come due, with Preferences' on/off and quiet hours applied. Electron
// shows them natively (electron-main.ts); browser mode's page with the Notifications API, told
// over the live stream (host/live-stream.ts).
import type { DesktopNotification, DueReminder } from '../api/contract';
import { activityNotifications, type FirstActivity } from './first-activity';
import { isQuiet, type NotificationSettings } from './quiet-hours';
import { reminderNotifications } from './reminder-notifications';

/** How often due follow-ups are looked for while the app runs. */
export const REMINDER_CHECK_MS = 60_000;

export type NotificationListener = (notification: DesktopNotification) => void;

export interface NotifierOptions {
  settings: () => NotificationSettings;
  now: () => number;
  /** The follow-ups that came due since the last call, each once (`reminders-store.ts`). */
  newlyDue: (now: number) => DueReminder[];
  log?: (message: string, err: unknown) => void;
}

export interface Notifier {
  subscribe(listener: NotificationListener): () => void;
  /** A relay sync's firsts (`tracking/relay-sync.ts` onFirsts). */
  firsts(list: readonly FirstActivity[]): void;
  /** Looks for follow-ups that came due; also on the timer and whenever a listener arrives. */
  checkReminders(): void;
  start(): void;
  /** Stops the timer and drops every listener (the core is closing). */
  close(): void;
}

export function createNotifier({ settings, now, newlyDue, log = console.error }: NotifierOptions): Notifier {
  const listeners = new Set<NotificationListener>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  function tell(notes: readonly DesktopNotification[]) {
    for (const listener of [...listeners]) {
      for (const n of notes) {
        // One broken listener (a closed page) must not keep the others from hearing.
        try {
          listener(n);
        } catch (err) {
          log('a notification listener failed', err);
        }
      }
    }
  }

  function checkReminders() {
    const s = settings();
    // During quiet hours, or with nobody to show them, due follow-ups wait and pop up once they can.
    // With notifications off they are taken unshown: turning them on later brings no backlog.
    if (s.enabled && (listeners.size === 0 || isQuiet(s, new Date(now())))) return;
    const due = newlyDue(now());
    if (s.enabled) tell(reminderNotifications(due));
  }

  // Timers must not turn a failing read (a closing database) into a crash.
  const safely = () => {
    try {
      checkReminders();
    } catch (err) {
      log('due follow-ups not checked', err);
    }
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      // Follow-ups that came due while nobody could be told: after this call, so the listener is ready.
      const soon = setTimeout(() => (timers.delete(soon), safely()), 0);
      timers.add(soon);
      return () => void listeners.delete(listener);
    },
    firsts(list) {
      if (listeners.size === 0 || list.length === 0) return;
      const s = settings();
      // An open is news when it happens: during quiet hours it is not kept for later.
      if (!s.enabled || isQuiet(s, new Date(now()))) return;
      tell(activityNotifications(list));
    },
    checkReminders,
    start() {
      const timer = setInterval(safely, REMINDER_CHECK_MS);
      timer.unref();
      timers.add(timer);
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      listeners.clear();
    },
  };
}
