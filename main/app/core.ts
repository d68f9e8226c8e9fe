import path from 'node:path';
import type { AppInfo } from '../api/contract';
import type { Handlers } from '../api/invoke';
import { openDatabase, type Db, type OpenOptions } from '../db/open-database';
import { schemaVersion } from '../db/migrate';
import type { SecretBox } from '../secrets/secret-box';
import { contactsStore } from '../store/contacts';
import { shootsStore } from '../store/shoots';
import { preferencesStore } from '../store/preferences';
import { outboxPage } from '../store/outbox';
import { outboxViewStore } from '../store/outbox-view';
import { dashboardStore } from '../store/dashboard';
import { setupChecks, setupTargets } from '../store/setup-checks';
import { APP_VERSION } from './version';
import { outboxDetails } from '../store/outbox-details';
import { emailAggregates } from '../store/email-aggregates';
import { composer } from '../compose/compose';
import { dispatches } from '../compose/dispatch';
import { createRelaySync } from '../tracking/relay-sync';
import { testRelay, type RelayTestInput } from '../tracking/test-relay';
import { ownIpsStore } from '../tracking/own-ips-store';
import { extractLinks } from '../tracking/instrument';
import { createSender } from '../send/sender';
import { unknownCopies } from '../send/unknown-copies';
import { testImap, testSmtp } from '../send/test-connection';
import { PROVIDERS } from '../send/providers';
import { accountOf } from '../send/settings';
import { mailboxWatcher, type MailboxWatcher, type MailboxWatcherOptions } from '../mailbox/mailbox-watcher';
import { reportsView } from '../mailbox/reports-view';
import { failedList } from '../failed/failed-list';
import { failureNotice } from '../failed/failure-notice';
import { suppressions } from '../failed/suppressions';
import { liveBus, type LiveBus } from '../live/live-bus';
import { watchChanges } from '../live/change-triggers';
import { contactTimeline } from '../history/contact-timeline';
import { dispatchActivity } from '../history/dispatch-activity';
import { exportJobs } from '../export/export-jobs';
import { remindersStore } from '../reminders/reminders-store';
import { templatesStore } from '../templates/templates-store';
import { templatePreview } from '../templates/template-preview';
import { oauthAccount } from '../oauth/oauth-account';
import { createNotifier, type Notifier } from '../notify/notifier';

/** How often relay events are pulled while the app runs (plus on focus and "Sync now"). */
const SYNC_INTERVAL_MS = 5 * 60_000;

export interface CoreOptions extends OpenOptions {
  dataDir: string;
  mode: AppInfo['mode'];
  secretBox: (dataDir: string) => SecretBox;
  /** Start the sender, the relay sync timers and the mailbox watcher (the app does; API tests do not). */
  background?: boolean;
  /** The clock of sending and reminders (browser mode's e2e moves it: reminders/clock.ts). */
  now?: () => number;
  /** Opens "Sign in with …" in the system browser (Electron); without it the page opens it (browser mode). */
  openExternal?: (url: string) => Promise<void>;
  /** Tests: the watcher's clock, chance and IMAP connection. */
  watcher?: Pick<MailboxWatcherOptions, 'now' | 'random' | 'connect' | 'log'>;
  /** Electron: asks where a CSV export goes (a save dialog); null when dismissed. */
  chooseExportFile?: (suggestedName: string) => Promise<string | null>;
}

export interface Core {
  db: Db;
  handlers: Handlers;
  watcher: MailboxWatcher;
  /** What changed, for the UI's live views (SSE in browser mode, IPC in Electron). */
  live: Pick<LiveBus, 'subscribe'>;
  /** Desktop notifications: people's first opens and clicks, follow-ups come due (Electron shows them natively, browser mode's page itself). */
  notifications: Pick<Notifier, 'subscribe'>;
  close(): Promise<void>;
}

/** The app without any window: database, stores and the contract's handlers. Plain Node. */
export function createCore(options: CoreOptions): Core {
  const db = openDatabase(options.dataDir, options);
  const live = liveBus();
  watchChanges(db, live.publish);
  const contacts = contactsStore(db);
  const shoots = shootsStore(db);
  const preferences = preferencesStore(db, options.secretBox(options.dataDir));
  // A new sign-in: the queue and the watcher try again now instead of after their backoff.
  const oauth = oauthAccount({ db, preferences, openExternal: options.openExternal, signedIn: () => (sender.retryNow(), void watcher.checkNow()) });
  const settings = () => {
    const s = preferences.withSecrets();
    return { ...s, smtp: { ...s.smtp, tokens: oauth.tokens }, imap: { ...s.imap, tokens: oauth.tokens } };
  };
  const checks = setupChecks(db);
  const targets = () => setupTargets(preferences.get());
  // The watcher's connection state lives in memory, not in a table: it says when it changes.
  const watcher = mailboxWatcher({ db, settings: () => settings().imap, onChange: () => live.publish({ views: ['mailbox'] }), ...options.watcher });
  const dashboard = dashboardStore(db, () => watcher.status());
  const failed = failedList(db);
  const failures = failureNotice(db);
  const stops = suppressions(db);
  const unknown = unknownCopies(db);
  const reports = reportsView(db);
  const now = options.now ?? Date.now;
  // Beside the database: what began to leave, read after a crash (send/transmit-journal.ts).
  const sender = createSender({ db, preferences: settings, journal: path.join(options.dataDir, 'send-journal'), now });
  const reminders = remindersStore(db);
  const notifier = createNotifier({ settings: preferences.notifications, now, newlyDue: reminders.newlyDue });
  const relaySync = createRelaySync({ db, settings: () => settings().tracking, onFirsts: notifier.firsts });
  const ownIps = ownIpsStore(db);
  // Each accepted Test also tells the app its own address, like each sync.
  const relayTest = (relay: Pick<RelayTestInput, 'relayUrl' | 'relaySecret'>) =>
    testRelay({ relayUrl: relay.relayUrl, relaySecret: relay.relaySecret, learn: (ip) => ownIps.learn(ip, 'test', Date.now()) });
  const composeDeps = { db, settings, extractLinks, now };
  const sendEmail = composer(composeDeps);
  const merges = dispatches({ ...composeDeps, refresh: emailAggregates(db), onQueued: () => sender.kick(), withdraw: (id) => sender.withdraw(id) });
  const details = outboxDetails(db);
  const outboxView = outboxViewStore(db);
  const timeline = contactTimeline(db);
  const dispatchChart = dispatchActivity(db);
  const exports = exportJobs({ open: () => openDatabase(options.dataDir, { nativeBinding: options.nativeBinding, readonly: true }), chooseFile: options.chooseExportFile });
  const templates = templatesStore(db);
  // A blank password in a "test connection" form means: the one already stored.
  const stored = (typed: string | undefined, kept: string) => (typed === undefined || typed === '' ? kept : typed);
  const queued = <T>(result: T) => {
    sender.kick();
    return result;
  };

  const handlers: Handlers = {
    'app.info': () => ({ mode: options.mode, version: APP_VERSION, dataDir: options.dataDir, schemaVersion: schemaVersion(db) }),
    'dashboard.summary': () => dashboard.summary(),
    'notices.markSeen': ({ ids }) => dashboard.markSeen(ids),

    'contacts.list': ({ search }) => contacts.list(search),
    'contacts.get': ({ id }) => contacts.get(id),
    'contacts.create': (input) => contacts.create(input),
    'contacts.update': ({ id, ...input }) => contacts.update(id, input),
    'contacts.delete': ({ id }) => ({ deleted: contacts.delete(id) }),
    'contacts.activity': (query) => timeline(query),

    'shoots.list': ({ search }) => shoots.list(search),
    'shoots.get': ({ id }) => shoots.get(id),
    'shoots.create': (input) => shoots.create(input),
    'shoots.update': ({ id, ...input }) => shoots.update(id, input),
    'shoots.delete': ({ id }) => ({ deleted: shoots.delete(id) }),

    'preferences.get': () => preferences.get(),
    'preferences.save': (input) => {
      const saved = preferences.save(input);
      if (options.background) void watcher.restart();
      return saved;
    },

    'outbox.page': (query) => outboxPage(db, query),
    'outbox.details': ({ id }) => details(id),
    'outbox.resend': ({ recipientIds }) => queued({ queued: sender.resend(recipientIds), deactivated: stops.deactivatedCopies(recipientIds) }),
    'outbox.markSent': ({ recipientIds }) => ({ marked: unknown.markSent(recipientIds, Date.now()) }),
    'outbox.sender': () => sender.status(),
    'outbox.view': () => outboxView.get(),
    'outbox.saveView': (view) => outboxView.save(view),

    'emails.send': (input) => queued(sendEmail(input)),

    'dispatches.preview': ({ filter }) => merges.preview(filter),
    'dispatches.create': (input) => merges.create(input),
    'dispatches.list': () => merges.list(),
    'dispatches.get': ({ id }) => merges.summary(id),
    'dispatches.pause': ({ id }) => merges.pause(id),
    'dispatches.resume': ({ id }) => queued(merges.resume(id)),
    'dispatches.cancel': ({ id }) => merges.cancel(id),
    'dispatches.activity': ({ id }) => dispatchChart(id),

    'failed.list': (query) => failed(query),
    'failed.seen': () => failures.seen(Date.now()),
    'addresses.reactivate': ({ address }) => ({ reactivated: stops.reactivate(address, Date.now()) }),

    'reports.list': (query) => reports.list(query),
    'reports.get': ({ id }) => reports.get(id),

    'export.start': (input) => exports.start(input),
    'export.progress': ({ id }) => exports.progress(id),
    'export.cancel': ({ id }) => exports.cancel(id),

    'mailbox.status': () => watcher.status(),
    'mailbox.checkNow': () => watcher.checkNow(),

    'tracking.syncNow': () => relaySync.syncNow(),
    'tracking.status': () => relaySync.status(),
    'ownIps.list': () => ownIps.list(),
    'ownIps.remove': ({ ip }) => ownIps.remove(ip, Date.now()),

    'templates.list': () => templates.list(),
    'templates.save': (input) => templates.save(input, Date.now()),
    'templates.delete': ({ id }) => ({ deleted: templates.delete(id) }),
    'templates.preview': templatePreview(db),

    'reminders.due': () => reminders.due(now()),
    'reminders.done': ({ id }) => reminders.done(id, now()),
    'reminders.snooze': ({ id, days }) => reminders.snooze(id, days, now()),

    'preferences.providers': () => [...PROVIDERS],
    'setup.checklist': () => checks.checklist(targets()),
    'setup.test': async ({ kind }) => {
      const target = targets()[kind];
      if (!target) return { ok: false, message: 'Not set up yet: fill it in under Preferences first.' };
      const s = settings();
      const result = kind === 'smtp' ? await testSmtp(s.smtp) : kind === 'imap' ? await testImap(s.imap) : await relayTest(s.tracking);
      return checks.record(kind, target, result);
    },
    // The stored password only for the account it was saved for: never to a host typed in the form.
    // Each test is remembered for the account it reached: the dashboard's checklist counts it once that account is saved.
    'preferences.testSmtp': async (input) => checks.record('smtp', accountOf(input), await testSmtp({ ...input, password: stored(input.password, preferences.storedPassword('smtp', input)), tokens: oauth.tokens })),
    'preferences.testImap': async (input) => checks.record('imap', accountOf(input), await testImap({ ...input, password: stored(input.password, preferences.storedPassword('imap', input)), tokens: oauth.tokens })),

    'oauth.start': () => oauth.start(),
    'oauth.finish': () => oauth.finish(),
    'oauth.signOut': () => oauth.signOut(),
    'preferences.testRelay': async (input) => checks.record('relay', input.relayUrl, await relayTest({ relayUrl: input.relayUrl, relaySecret: stored(input.relaySecret, settings().tracking.relaySecret) })),
  };

  if (options.background) {
    sender.start();
    merges.resumeQueuing();
    relaySync.start(SYNC_INTERVAL_MS);
    watcher.start();
    notifier.start();
  }

  return {
    db,
    handlers,
    watcher,
    live,
    notifications: notifier,
    async close() {
      live.close();
      notifier.close();
      await exports.stop();
      oauth.close();
      await watcher.stop();
      relaySync.stop();
      merges.stopQueuing();
      await sender.stop();
      db.close();
    },
  };
}
