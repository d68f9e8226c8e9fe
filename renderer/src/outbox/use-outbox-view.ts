import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../main/api/contract';
import { call } from '../api/client';
import { asCallError } from '../api/use-call';
import { DEFAULT_VIEW, filtersOfLink, type OutboxView } from './outbox-view';

type Period = CallOutput<'outbox.view'>['period'];

/**
 * The Outbox's period, sort and filters: read from the core once (kept across restarts), with a
 * link's filters (`#/outbox?dispatch=…`) applied over them, and saved at every change. The search
 * is not saved: it is what the user is looking for now.
 */
export function useOutboxView(link: URLSearchParams) {
  const [saved, setSaved] = useState<{ period: Period; view: OutboxView } | null>(null);
  const [error, setError] = useState<Error>();
  const linkKey = link.toString();

  useEffect(() => {
    let live = true;
    call('outbox.view', {}).then(
      ({ period, ...kept }) => live && setSaved({ period, view: { ...DEFAULT_VIEW, ...kept, ...filtersOfLink(new URLSearchParams(linkKey)) } }),
      (err: unknown) => live && (setError(asCallError(err)), setSaved({ period: 'recent', view: DEFAULT_VIEW })),
    );
    return () => {
      live = false;
    };
  }, [linkKey]);

  function change(next: { period: Period; view: OutboxView }) {
    setSaved(next);
    const { search: _search, ...kept } = next.view;
    call('outbox.saveView', { period: next.period, ...kept }).catch((err: unknown) => setError(asCallError(err)));
  }

  return {
    ready: saved !== null,
    period: saved?.period ?? 'recent',
    view: saved?.view ?? DEFAULT_VIEW,
    error,
    setPeriod: (period: Period) => saved && change({ ...saved, period }),
    setView: (view: OutboxView) => saved && change({ ...saved, view }),
  };
}
