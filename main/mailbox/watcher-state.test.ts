import { describe, expect, it } from 'vitest';
import { BACKOFF, backoffMs, describe as words, LOGIN_RETRY_MS, transition, type Event, type State } from './watcher-state';

const clock = { now: 1_000_000, random: 0.5, pollMs: 120_000 };
const run = (events: Event[], from: State = { kind: 'off', why: '' }, c = clock) => events.reduce((s, e) => transition(s, e, c), from);

describe('the watcher state machine', () => {
  it('connects, then idles where the server has IDLE and polls where it has not', () => {
    expect(run([{ kind: 'start' }, { kind: 'connected', idle: true }])).toEqual({ kind: 'idle' });
    expect(run([{ kind: 'start' }, { kind: 'connected', idle: false }])).toEqual({ kind: 'polling', nextAt: clock.now + clock.pollMs });
    const checking = run([{ kind: 'start' }, { kind: 'connected', idle: true }, { kind: 'pass started' }]);
    expect(checking.kind).toBe('checking');
    expect(transition(checking, { kind: 'pass done' }, clock)).toEqual({ kind: 'idle' });
  });

  it('backs off exponentially with jitter, capped at 30 s, and never retries at once', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** attempt);
      expect(backoffMs(attempt, 0)).toBe(ceiling / 2);
      expect(backoffMs(attempt, 0.999)).toBeLessThanOrEqual(ceiling);
      expect(backoffMs(attempt, 0)).toBeGreaterThanOrEqual(BACKOFF.baseMs / 2);
    }
    // Failures in a row climb the backoff; a connection that came up starts it over.
    let s = run([{ kind: 'start' }]);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      s = transition(s, { kind: 'dropped', error: 'refused' }, clock);
      if (s.kind !== 'reconnecting') throw new Error(s.kind);
      waits.push(s.retryAt - clock.now);
      s = transition(s, { kind: 'retry due' }, clock);
    }
    expect(waits).toEqual([750, 1500, 3000, 6000, 12000, 22500, 22500, 22500]);
    const up = run([{ kind: 'connected', idle: true }, { kind: 'dropped', error: 'reset' }], s);
    expect(up).toMatchObject({ kind: 'reconnecting', attempt: 1, retryAt: clock.now + 750 });
  });

  it('a refused login waits minutes, not seconds, and says what to do', () => {
    const s = run([{ kind: 'start' }, { kind: 'login refused', error: 'AUTHENTICATIONFAILED' }]);
    expect(s).toMatchObject({ kind: 'login_failed', retryAt: clock.now + 0.75 * LOGIN_RETRY_MS });
    expect(words(s, clock.now)).toMatch(/^Login failed: AUTHENTICATIONFAILED\. Check the IMAP user name and password in Preferences; trying again in 4 min\.$/);
  });

  it('says the state in words with the time left', () => {
    const s = run([{ kind: 'start' }, { kind: 'dropped', error: 'cannot connect to imap.example.com:993: connect ECONNREFUSED' }]);
    expect(words(s, clock.now)).toBe('Cannot connect to imap.example.com:993: connect ECONNREFUSED. Reconnecting in 1 s.');
    expect(words(run([{ kind: 'stop', why: 'Off.' }], s), clock.now)).toBe('Off.');
  });
});
