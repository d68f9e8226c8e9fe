// The sending engine: takes due copies from the durable outbox, hands each to the SMTP pool as
// its own message, and records what the server said. A copy is marked 'sending' in a committed
// transaction before it is handed over; after a crash the transmit journal tells which of those
// began to leave. The others go back to the queue; a copy that began and has no answer becomes
// 'unknown', which nothing automatic re-sends.
import type { Db } from '../db/open-database';
import { buildCopy, sizeOf } from './build-copy';
import type { CopyRecipe, RelayConfig } from './copy-recipe';
import { openTokenOf, relayOf, type Relay } from './copy-signer';
import { outboxStore, type AttemptRecord, type ClaimedCopy, type CopyResult, type StoredEmail } from './outbox-store';
import { nextDelay, PRODUCTION_RETRY, queueDelay, type RetryPolicy } from './retry-policy';
import { appendToSentFolder } from './sent-folder';
import type { SendSettings } from './settings';
import { describeSmtpError, outcomeOfError, type Outcome, type SmtpError } from './smtp-outcome';
import { smtpPool } from './smtp-thread';
import { readJournal, resetJournal, type CopyEvidence, type Untrusted } from './transmit-journal';
import { WITHDRAWN, type SendTransport, type TransportFactory } from './transport';

export interface SenderOptions {
  db: Db;
  preferences: () => SendSettings;
  now?: () => number;
  log?: (message: string) => void;
  transportFactory?: TransportFactory;
  retry?: RetryPolicy;
  appendToSent?: typeof appendToSentFolder;
  /** The transmit journal's file (in the data folder). Without one, every copy a crash interrupts is 'unknown'. */
  journal?: string;
}

export interface SenderStatus {
  state: 'idle' | 'sending' | 'waiting' | 'error';
  queued: number;
  message: string | null;
}

export interface Sender {
  start(): void;
  stop(): Promise<void>;
  /** Something was queued (or released): look at the outbox now. */
  kick(): void;
  /** What held the whole queue may be fixed (a new sign-in): try now instead of after the wait. */
  retryNow(): void;
  /** The user's say: send these copies again ('unknown', or a send-time bounce or block). Returns how many were queued. */
  resend(recipientIds: readonly number[]): number;
  /** A dispatch was paused or cancelled: the pool gives back its copies no connection has started. */
  withdraw(dispatchId: number): void;
  status(): SenderStatus;
}

type Result = {
  copy: ClaimedCopy; outcome: Outcome; transmitted: boolean; withdrawn: boolean; token: string | null; tracked: boolean; bytes: number;
  /** Found in flight at start, with no answer: why it may or may not have left. */
  interrupted?: string;
};

/** Why a copy found in flight at start, that began to leave (or may have), has no answer. */
const INTERRUPTED: Record<'began' | Untrusted, string> = {
  began: 'Outpost stopped after its message began to go to the server, before the server answered',
  restarted: 'Outpost stopped while sending it, and the computer restarted since, so its record of what began to leave may be incomplete',
  missing: 'Outpost stopped while sending it, and has no record of whether it began to leave',
};

/** What a user can do about a copy that may or may not have left. */
const HOW_TO_CHECK = 'Outpost settles it by itself if a delivery report, an open or a click arrives for it. Otherwise look for it in your provider\'s sent mail or ask the recipient, then choose "Mark as sent" or "Resend".';

const EMAIL_CACHE = 512;
const CACHE_BYTES = 32 * 1024 * 1024;
const IN_FLIGHT_BYTES = 64 * 1024 * 1024;
const STOP_WAIT_MS = 30_000;
// Longest an answer waits for its group commit; a crash in between only makes those copies 'unknown'.
const FLUSH_MS = 50;
const MAX_WINDOW = 512;

/**
 * Copies handed to the pool at a time: about one second of sending at the configured pace, at
 * least a few per connection. Claimed copies wait in the pool's queue, and a crash turns them
 * 'unknown' even if they never left, so the window stays small when the pace is slow.
 */
export function windowOf(settings: SendSettings): number {
  const perSecond = Math.ceil(settings.smtp.messagesPerMinute / 60);
  return Math.min(MAX_WINDOW, Math.max(4 * settings.smtp.maxConnections, perSecond));
}

/**
 * Answers recorded, and the window refilled, a quarter window at a time (one commit each). With
 * half-window batches the pool ran dry while this thread queued a merge chunk and then wrote a
 * long batch: all its connections waited about a tenth of a 10,000-copy merge.
 */
const batchOf = (settings: SendSettings) => Math.max(1, Math.floor(windowOf(settings) / 4));

export function createSender(options: SenderOptions): Sender {
  const store = outboxStore(options.db);
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const factory = options.transportFactory ?? smtpPool;
  const policy = options.retry ?? PRODUCTION_RETRY;
  const recordAndClaim = options.db.transaction((records: CopyResult[], t: number, n: number) => {
    store.record(records, t);
    return n > 0 ? store.claim(t, n) : [];
  });
  const append = options.appendToSent ?? appendToSentFolder;
  const journal = options.journal ?? null;

  let running = false;
  let inFlight = 0;
  let timer: NodeJS.Timeout | null = null;
  let kickPending = false;
  let flushTimer: NodeJS.Timeout | null = null;
  let results: Result[] = [];
  let transport: SendTransport | null = null;
  let transportKey = '';
  // Whole-queue trouble (no connection, login refused): wait until `blockedUntil`.
  let failures = 0;
  let blockedUntil = 0;
  let lastError: string | null = null;
  const emails = new Map<number, StoredEmail | null>();
  let cachedBytes = 0;
  // Message bytes handed to the pool and not yet answered, and the recent size of a copy: the
  // pool holds every claimed message in memory, so big messages are claimed fewer at a time.
  let inFlightBytes = 0;
  let copyBytes = 64 * 1024;
  const background = new Set<Promise<void>>();
  let drained: (() => void) | null = null;

  function transportFor(settings: SendSettings): SendTransport {
    const key = JSON.stringify(settings.smtp);
    if (key !== transportKey || !transport) {
      transport?.close();
      transport = factory(settings.smtp, journal);
      transportKey = key;
    }
    return transport;
  }

  /** The relay parsed (for open tokens here) and as its settings (the recipes', one object a batch, for the SMTP thread). */
  function relayFor(settings: SendSettings): { relay: Relay; config: RelayConfig } | null {
    const { relayUrl, relaySecret } = settings.tracking;
    const relay = relayOf(settings.tracking);
    return relay && { relay, config: { relayUrl, relaySecret } };
  }

  /** Reads the emails of a claim that are not cached yet, in one go. */
  function loadEmails(ids: readonly number[]): void {
    const missing = [...new Set(ids)].filter((id) => !emails.has(id));
    if (missing.length === 0) return;
    const found = store.emails(missing);
    for (const id of missing) {
      const email = found.get(id) ?? null;
      emails.set(id, email);
      cachedBytes += email ? sizeOf(email) : 0;
    }
    // Oldest out first, within a count and a byte budget (attachments can be large); never this claim's.
    const keep = new Set(missing);
    for (const [oldId, old] of emails) {
      if ((emails.size <= EMAIL_CACHE && cachedBytes <= CACHE_BYTES) || keep.has(oldId)) break;
      emails.delete(oldId);
      cachedBytes -= old ? sizeOf(old) : 0;
    }
  }

  function emailOf(id: number): StoredEmail | null {
    if (!emails.has(id)) loadEmails([id]);
    return emails.get(id) ?? null;
  }

  function schedule(ms: number): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      pump();
    }, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
  }

  function kick(): void {
    if (!running || kickPending) return;
    kickPending = true;
    setImmediate(() => {
      kickPending = false;
      pump();
    });
  }

  /** How many copies to claim now (0: wait), scheduling the next look when nothing is due. */
  function room(settings: SendSettings, t: number): number {
    if (!running) return 0;
    if (t < blockedUntil) {
      schedule(blockedUntil - t);
      return 0;
    }
    if (!settings.smtp.host || !settings.smtp.fromAddress) {
      lastError = 'No SMTP account is set up: add it in Preferences.';
      return 0;
    }
    // New settings take effect between copies: the old pool finishes what it holds first.
    if (transport && JSON.stringify(settings.smtp) !== transportKey && inFlight > 0) return 0;
    const size = windowOf(settings);
    if (inFlight > size - batchOf(settings)) return 0;
    const byBytes = Math.floor((IN_FLIGHT_BYTES - inFlightBytes) / copyBytes);
    return inFlight === 0 ? Math.max(1, Math.min(size, byBytes)) : Math.max(0, Math.min(size - inFlight, byBytes));
  }

  /** Whole-queue trouble: nothing is claimed until a backoff that grows with each failure in a row. */
  function holdQueue(t: number, message: string): void {
    failures++;
    blockedUntil = t + queueDelay(policy, failures);
    lastError = message;
    log(`send: ${message}`);
  }

  function pump(): void {
    // A kick or timer queued just before stop() must not read a database the app has closed.
    if (!running) return;
    const settings = options.preferences();
    const t = now();
    const n = room(settings, t);
    if (n === 0) return;
    let claimed: ClaimedCopy[];
    try {
      claimed = store.claim(t, n);
    } catch (err) {
      // The database refused (full disk, locked): nothing was claimed; look again later, as after an outage.
      holdQueue(t, `The outbox could not be read: ${(err as Error).message}.`);
      schedule(blockedUntil - t);
      return;
    }
    handOver(claimed, settings, t);
  }

  function handOver(claimed: ClaimedCopy[], settings: SendSettings, t: number): void {
    if (claimed.length === 0) {
      if (inFlight === 0) {
        const next = store.nextDue();
        if (next !== null) schedule(next - t);
      }
      return;
    }
    const pool = transportFor(settings);
    const relayNow = relayFor(settings);
    loadEmails(claimed.map((c) => c.emailId));
    for (const copy of claimed) dispatch(copy, settings, pool, relayNow);
  }

  function dispatch(copy: ClaimedCopy, settings: SendSettings, pool: SendTransport, relayNow: ReturnType<typeof relayFor>): void {
    inFlight++;
    const token = copy.tracked && relayNow ? openTokenOf(relayNow.relay, copy.emailId, copy.id) : null;
    const email = emailOf(copy.emailId);
    const bytes = email ? sizeOf(email) : 0;
    inFlightBytes += bytes;
    copyBytes = Math.max(1024, 0.8 * copyBytes + 0.2 * bytes);
    const result: Result = {
      copy, outcome: { kind: 'failed', message: '' }, transmitted: false, withdrawn: false, tracked: token !== null, bytes, token,
    };
    (async () => {
      if (!email) throw new Error('the email was deleted');
      // Built by the pool when a connection is ready for it (in the SMTP thread).
      const message: CopyRecipe = {
        email, fromName: settings.smtp.fromName, address: copy.address, copyId: copy.copyId,
        signing: token === null ? null : { relay: relayNow!.config, emailId: copy.emailId, recipientId: copy.id, openToken: token },
      };
      try {
        const accepted = await pool.send({
          envelope: { from: settings.smtp.fromAddress, to: [copy.address] },
          message,
          key: copy.copyId,
          dsn: { id: copy.copyId, return: 'headers', notify: ['success', 'failure'], recipient: copy.address },
          // A connection lost after this may have delivered it: the copy becomes 'unknown', not queued.
          onTransmitted: () => (result.transmitted = true),
        });
        result.outcome = { kind: 'accepted', reply: accepted.response };
      } catch (err) {
        // Taken back unseen by any server: no answer to read, and no trouble of the queue's.
        if ((err as SmtpError).code === WITHDRAWN) result.withdrawn = true;
        else result.outcome = outcomeOfError(err as SmtpError);
      }
    })()
      .catch((err: Error) => (result.outcome = { kind: 'failed', message: err.message }))
      .finally(() => {
        results.push(result);
        // Answers are written in groups: one commit (one fsync) per group instead of per copy. A
        // crash before the commit leaves the group 'sending', which start() turns into 'unknown'.
        if (results.length >= batchOf(settings)) {
          if (flushTimer) clearTimeout(flushTimer);
          flushTimer = null;
          setImmediate(flush);
        } else if (!flushTimer) {
          flushTimer = setTimeout(flush, FLUSH_MS);
        }
      });
  }

  function resultOf(r: Result, t: number): CopyResult {
    const { copy, outcome } = r;
    const base = { id: copy.id, emailId: copy.emailId, contactId: copy.contactId, token: r.token, tracked: r.tracked, attempts: copy.attempts, accepted: false,
      subject: emailOf(copy.emailId)?.subject ?? '', attempt: null };
    if (r.withdrawn) {
      return { ...base, withdrawn: true, state: 'queued', status: 'Unsent', reason: '', bounceClass: null, reply: null, nextAttemptAt: t };
    }
    const result = resultOfAnswer(r, base, t);
    return { ...result, attempt: attemptOf(result, outcome.kind) };
  }

  function resultOfAnswer(r: Result, base: Omit<CopyResult, 'state' | 'status' | 'reason' | 'bounceClass' | 'reply' | 'nextAttemptAt'>, t: number): CopyResult {
    const { copy, outcome } = r;
    switch (outcome.kind) {
      case 'accepted':
        return { ...base, state: 'done', status: 'Sent', reason: '', bounceClass: null, reply: outcome.reply, nextAttemptAt: null, accepted: true };
      case 'deferred': {
        const delay = nextDelay(policy, copy.attempts);
        if (delay === null) {
          return { ...base, state: 'done', status: 'Bounced', bounceClass: 'transient', reply: outcome.reply, nextAttemptAt: null,
            reason: `gave up after ${copy.attempts} attempts: ${outcome.reason}` };
        }
        return { ...base, state: 'queued', status: 'Soft Bounced', bounceClass: outcome.bounceClass, reply: outcome.reply, nextAttemptAt: t + delay,
          reason: `temporarily refused: ${outcome.reason} (attempt ${copy.attempts} of ${policy.maxAttempts}, will retry)` };
      }
      case 'rejected':
        return { ...base, state: 'done', status: outcome.blocked ? 'Blocked' : 'Bounced', fallback: 'Bounced', bounceClass: outcome.bounceClass,
          reply: outcome.reply, nextAttemptAt: null, reason: outcome.reason };
      case 'connection':
        if (r.interrupted) {
          return { ...base, state: 'unknown', status: 'Unsent', bounceClass: null, reply: null, nextAttemptAt: null,
            reason: `It may or may not have arrived: ${r.interrupted}. ${HOW_TO_CHECK}` };
        }
        if (r.transmitted) {
          return { ...base, state: 'unknown', status: 'Unsent', bounceClass: null, reply: null, nextAttemptAt: null, emailError: outcome.message,
            reason: `It may or may not have arrived: the connection failed after the message was handed over (${outcome.message}). ${HOW_TO_CHECK}` };
        }
        // Not an attempt against this recipient: back in the queue, attempt not counted.
        return { ...base, state: 'queued', status: 'Unsent', bounceClass: null, reply: null, nextAttemptAt: t, attempts: copy.attempts - 1,
          reason: '', emailError: outcome.message };
      case 'failed':
        return { ...base, state: 'done', status: 'Failed', fallback: 'Bounced', bounceClass: null, reply: null, nextAttemptAt: null,
          reason: `not sent: the message cannot be sent as it is (${outcome.message})` };
    }
  }

  /** The history row of an answer; none for a copy that went back to the queue unsent (no attempt). */
  function attemptOf(result: CopyResult, kind: Outcome['kind']): AttemptRecord | null {
    if (result.state === 'queued' && result.status === 'Unsent') return null;
    const outcome: AttemptRecord['outcome'] = result.state === 'unknown' ? 'unknown'
      : kind === 'accepted' ? 'accepted' : kind === 'deferred' ? 'deferred'
      : kind === 'rejected' ? 'refused' : 'failed';
    return { outcome, reply: result.reply, reason: result.reason };
  }

  function flush(): void {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (results.length === 0) return;
    const batch = results;
    results = [];
    const t = now();
    const records = batch.map((r) => resultOf(r, t));
    inFlight -= batch.length;
    for (const r of batch) inFlightBytes -= r.bytes;
    const settings = options.preferences();
    let claimed: ClaimedCopy[] = [];
    try {
      // The answers and the next claim share one commit: half the fsyncs.
      claimed = recordAndClaim(records, t, batch.some((r) => r.outcome.kind === 'connection') ? 0 : room(settings, t));
    } catch (err) {
      // The answers are lost to the database; the copies stay 'sending' and come back 'unknown'.
      log(`send: could not record ${batch.length} answers: ${(err as Error).message}`);
    }
    const connection = batch.filter((r) => r.outcome.kind === 'connection');
    if (connection.length) {
      holdQueue(t, (connection[0]!.outcome as { message: string }).message);
      store.notice('smtp_connection', `Sending is paused: ${lastError} Outpost keeps the emails queued and retries.`, t);
    } else if (batch.some((r) => r.outcome.kind === 'accepted')) {
      failures = 0;
      lastError = null;
    }
    // Own copies are asked for at compose or never: an email without them needs no look (most of a merge).
    for (const emailId of new Set(batch.map((r) => r.copy.emailId))) if (emails.get(emailId)?.ownCopies !== false) ownCopies(emailId);
    if (claimed.length) handOver(claimed, settings, t);
    else pump();
    if (inFlight === 0) {
      // Every line the journal holds is settled in the database now: start it afresh (it would grow with each merge).
      if (journal) resetJournal(journal);
      drained?.();
    }
  }

  /**
   * The copies a stopped app left 'sending', settled by the journal: answered ones as the server
   * said, never-begun ones back to the queue (no attempt), begun ones without an answer 'unknown'.
   */
  function recoverInFlight(t: number): { requeued: number; unknown: number } {
    const copies = store.inFlight();
    if (copies.length === 0) return { requeued: 0, unknown: 0 };
    const evidence = journal ? readJournal(journal, new Set(copies.map((c) => c.copyId))) : 'missing';
    const relayNow = relayFor(options.preferences());
    loadEmails(copies.map((c) => c.emailId));
    const records = copies.map((copy) => {
      const token = copy.tracked && relayNow ? openTokenOf(relayNow.relay, copy.emailId, copy.id) : null;
      const found = typeof evidence === 'string' ? evidence : evidence.get(copy.copyId);
      return resultOf({ copy, token, tracked: token !== null, bytes: 0, ...recovered(found) }, t);
    });
    store.record(records, t);
    return { requeued: records.filter((r) => r.withdrawn).length, unknown: records.filter((r) => r.state === 'unknown').length };
  }

  function recovered(found: CopyEvidence | Untrusted | undefined): Pick<Result, 'outcome' | 'transmitted' | 'withdrawn' | 'interrupted'> {
    const none = { transmitted: false, withdrawn: false };
    if (found === undefined) return { ...none, withdrawn: true, outcome: { kind: 'failed', message: '' } };
    if (typeof found === 'string' || found.kind === 'began') {
      const interrupted = INTERRUPTED[typeof found === 'string' ? found : 'began'];
      return { ...none, transmitted: true, interrupted, outcome: { kind: 'connection', message: interrupted } };
    }
    if (found.kind === 'accepted') return { ...none, transmitted: true, outcome: { kind: 'accepted', reply: found.response } };
    // A refusal after the message: the server said so, it did not take it.
    return { ...none, outcome: outcomeOfError({ code: 'EMESSAGE', responseCode: found.responseCode, response: found.response, message: found.response }) };
  }

  /** BCC-myself and the Sent folder copy, once the recipients' first answers are in. Never blocks them. */
  function ownCopies(emailId: number): void {
    if (!running) return;
    const due = store.ownDue(emailId);
    if (!due) return;
    const email = emailOf(emailId);
    if (!email) return;
    const settings = options.preferences();
    const skip = due.anyAccepted ? null : 'failed: no recipient copy was accepted';
    const work = async () => {
      const raw = buildCopy(email, settings.smtp.fromName, { address: email.fromAddress, copyId: null, signer: null, showBcc: true });
      if (due.bcc === 'queued' && store.setBcc(emailId, 'queued', skip ?? 'sending') && !skip) {
        let state = 'done';
        try {
          // The pool in use, even if settings changed: replacing it here would cut off recipients' copies.
          await (transport ?? transportFor(settings)).send({ envelope: { from: email.fromAddress, to: [email.fromAddress] }, message: raw });
        } catch (err) {
          state = `failed: ${describeSmtpError(err as SmtpError)}`;
        }
        store.setBcc(emailId, 'sending', state);
      }
      if (due.sentFolder === 'queued' && store.setSentFolder(emailId, 'queued', skip ?? 'sending') && !skip) {
        let state = 'done';
        try {
          await append(settings.imap, raw, new Date(email.createdAt));
        } catch (err) {
          state = `failed: ${(err as Error).message}`;
          // Not silent: the email was sent, but the user's mail program will not show it.
          store.notice('sent_folder', `A sent email could not be added to your Sent folder ("${email.subject}"): ${(err as Error).message}. Show details in the Outbox says which.`, now(), emailId);
        }
        store.setSentFolder(emailId, 'sending', state);
      }
    };
    const job = work().catch((err: Error) => log(`send: own copies of email ${emailId}: ${err.message}`));
    background.add(job);
    void job.finally(() => background.delete(job));
  }

  return {
    start() {
      if (running) return;
      running = true;
      const t = now();
      const { requeued, unknown } = recoverInFlight(t);
      store.recoverOwnCopies(t);
      if (journal) resetJournal(journal);
      if (requeued + unknown) log(`send: the app had stopped while sending: ${requeued} copies had not begun to leave and are queued again; ${unknown} may or may not have left (unknown)`);
      for (const emailId of store.ownQueued()) ownCopies(emailId);
      pump();
    },

    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      if (inFlight > 0) {
        // Let what the pool holds finish and be recorded; anything left stays 'sending' → 'unknown'.
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, STOP_WAIT_MS).unref();
        });
        drained = null;
      }
      await Promise.allSettled([...background]);
      transport?.close();
      transport = null;
      transportKey = '';
    },

    kick,

    retryNow() {
      blockedUntil = 0;
      kick();
    },

    withdraw(dispatchId) {
      if (!transport) return;
      const keys = store.inFlightOf(dispatchId);
      if (keys.length) transport.withdraw(keys);
    },

    resend(recipientIds) {
      const queued = store.resend(recipientIds, now());
      if (queued) {
        blockedUntil = 0;
        kick();
      }
      return queued;
    },

    status() {
      const queued = store.queuedCount();
      const t = now();
      if (lastError && queued > 0) {
        const retry = blockedUntil > t ? ` Retrying in ${Math.ceil((blockedUntil - t) / 1000)} s.` : '';
        return { state: 'error', queued, message: lastError + retry };
      }
      if (inFlight > 0) return { state: 'sending', queued, message: null };
      if (queued > 0) {
        const next = store.nextDue();
        return { state: 'waiting', queued, message: next !== null && next > t ? `Next retry in ${Math.ceil((next - t) / 1000)} s.` : null };
      }
      return { state: 'idle', queued: 0, message: null };
    },
  };
}
