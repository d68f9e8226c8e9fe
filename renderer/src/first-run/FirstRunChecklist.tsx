import { useState } from 'react';
import type { ConnectionTest, SetupKind } from '../../../main/api/contract';
import { call } from '../api/client';
import { asCallError, useCall } from '../api/use-call';
import { ErrorBanner, formatTime } from '../components/form';
import { href } from '../routes';

/**
 * The dashboard's first-run checklist: SMTP, IMAP and the relay, each with its Test button and
 * the last result for the stored account. Gone once all three have passed (setup.checklist).
 */
export function FirstRunChecklist() {
  const list = useCall('setup.checklist', {});
  const [testing, setTesting] = useState<SetupKind | null>(null);
  const [fresh, setFresh] = useState<Partial<Record<SetupKind, ConnectionTest>>>({});
  if (list.error) return <ErrorBanner error={list.error} />;
  if (!list.data || list.data.done) return null;

  async function test(kind: SetupKind) {
    setTesting(kind);
    const result = await call('setup.test', { kind }).catch((e: unknown) => ({ ok: false, message: asCallError(e).message }));
    setFresh((f) => ({ ...f, [kind]: result }));
    setTesting(null);
    list.reload();
  }

  return (
    <section className="checklist" aria-label="First-run checklist">
      <h2>Get started</h2>
      <p className="muted small">Outpost needs these before it can send, see replies and bounces, and track opens.</p>
      <ol>
        {list.data.items.map((item) => {
          const result = fresh[item.kind] ?? item.lastTest;
          return (
            <li key={item.kind} data-testid={`checklist-${item.kind}`} className={item.done ? 'done' : ''}>
              <strong>{item.label}</strong>{' '}
              <span className="small" data-testid={`checklist-${item.kind}-state`}>
                {item.done ? '✓ tested' : item.configured ? 'set up, not tested yet' : 'not set up'}
              </span>{' '}
              {item.configured ? (
                <button type="button" disabled={testing !== null} onClick={() => void test(item.kind)}>
                  {testing === item.kind ? 'Testing…' : 'Test'}
                </button>
              ) : (
                <a href={href('preferences')}>Set up in Preferences</a>
              )}
              {result && (
                <div className={`small ${result.ok ? 'muted' : 'error'}`} data-testid={`checklist-${item.kind}-result`}>
                  {result.ok ? 'OK: ' : 'Failed: '}{result.message}
                  {'at' in result && typeof result.at === 'number' ? <> <time className="muted">{formatTime(result.at)}</time></> : null}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
