import { RECIPIENT_STATUSES } from '../../../main/api/schemas';
import { useCall } from '../api/use-call';
import { NO_FILTERS, dayAfter, dayBefore, dayOf, dayStart, type OutboxFilters as Filters } from './outbox-view';

/** The Outbox's filter controls, and the active filters each with a way to clear it. */
export function OutboxFilters({ filters, onChange }: { filters: Filters; onChange: (next: Filters) => void }) {
  const dispatches = useCall('dispatches.list', {});
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const toggle = (status: (typeof RECIPIENT_STATUSES)[number]) =>
    set({ statuses: filters.statuses.includes(status) ? filters.statuses.filter((s) => s !== status) : [...filters.statuses, status] });
  const dispatchName = dispatches.data?.find((d) => d.id === filters.dispatchId)?.name ?? `dispatch ${filters.dispatchId}`;
  const active: { label: string; clear: Partial<Filters> }[] = [
    ...(filters.statuses.length ? [{ label: `Status: ${filters.statuses.join(', ')}`, clear: { statuses: [] } }] : []),
    ...(filters.viewed ? [{ label: `Viewed: ${filters.viewed}`, clear: { viewed: '' as const } }] : []),
    ...(filters.dispatchId !== null ? [{ label: `Dispatch: ${dispatchName}`, clear: { dispatchId: null } }] : []),
    ...(filters.from !== null ? [{ label: `From ${dayOf(filters.from)}`, clear: { from: null } }] : []),
    ...(filters.to !== null ? [{ label: `To ${dayBefore(filters.to)}`, clear: { to: null } }] : []),
  ];
  return (
    <>
      <details className="status-filter">
        <summary>Status{filters.statuses.length ? ` (${filters.statuses.length})` : ''}</summary>
        <fieldset aria-label="Status">
          {RECIPIENT_STATUSES.map((s) => (
            <label key={s}><input type="checkbox" checked={filters.statuses.includes(s)} onChange={() => toggle(s)} /> {s}</label>
          ))}
        </fieldset>
      </details>
      <select aria-label="Viewed" value={filters.viewed} onChange={(e) => set({ viewed: e.target.value as Filters['viewed'] })}>
        <option value="">Read or not</option>
        {(['Read', 'Unread', 'Failed', 'Untracked'] as const).map((v) => <option key={v}>{v}</option>)}
      </select>
      <select aria-label="Dispatch" value={filters.dispatchId ?? ''} onChange={(e) => set({ dispatchId: e.target.value ? Number(e.target.value) : null })}>
        <option value="">Any dispatch</option>
        {filters.dispatchId !== null && !dispatches.data?.some((d) => d.id === filters.dispatchId) && <option value={filters.dispatchId}>{dispatchName}</option>}
        {dispatches.data?.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
      </select>
      <label className="inline">From <input type="date" aria-label="From" value={dayOf(filters.from)} onChange={(e) => set({ from: dayStart(e.target.value) })} /></label>
      <label className="inline">To <input type="date" aria-label="To" value={dayBefore(filters.to)} onChange={(e) => set({ to: dayAfter(e.target.value) })} /></label>
      {active.length > 0 && (
        <div className="active-filters" role="group" aria-label="Active filters">
          {active.map((f) => (
            <button key={f.label} type="button" className="chip" aria-label={`Clear ${f.label}`} onClick={() => set(f.clear)}>{f.label} ×</button>
          ))}
          <button type="button" className="link" onClick={() => onChange(NO_FILTERS)}>Clear filters</button>
        </div>
      )}
    </>
  );
}
