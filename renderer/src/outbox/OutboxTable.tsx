import { flexRender, getCoreRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CallInput, OutboxRow } from '../../../main/api/contract';
import type { OUTBOX_SORTS } from '../../../main/api/schemas';
import { call } from '../api/client';
import { asCallError } from '../api/use-call';
import { ErrorBanner } from '../components/form';
import { OUTBOX_COLUMNS, gridTemplate, isLoaded, type OutboxCell } from './outbox-columns';
import { OutboxFilters } from './OutboxFilters';
import { DEFAULT_VIEW, type OutboxView } from './outbox-view';

type Scope = CallInput<'outbox.page'>['scope'];
type SortKey = (typeof OUTBOX_SORTS)[number];
// Words read A to Z first; times and counts newest and most first.
const WORDS_FIRST_ASC = new Set<SortKey>(['subject', 'recipients', 'shoot', 'status', 'viewed', 'lastProgram']);

/** A click on a column's header: the other direction on the sorted column, else that column's first. */
function nextSort(view: OutboxView, sort: SortKey): Pick<OutboxView, 'sort' | 'direction'> {
  if (view.sort === sort) return { sort, direction: view.direction === 'asc' ? 'desc' : 'asc' };
  return { sort, direction: WORDS_FIRST_ASC.has(sort) ? 'asc' : 'desc' };
}
const BLOCK = 100;
const ROW_HEIGHT = 34;

/**
 * The Outbox as one virtual list over the whole result: only the rows in view are rendered, and
 * they are fetched from the core in blocks of 100 as they scroll into view. Sorting and filtering
 * happen in the core (react-table runs in manual mode), so 100,000 emails cost what 100 do.
 */
/**
 * `version`: bump it to read the rows again in place (a sync, a live change): rows stay until their new read arrives. `view` and `onViewChange`: the sort,
 * filters and search when the caller keeps them (the Outbox saves them); without, the table does.
 */
export function OutboxTable({ scope, height, hidden = [], version = 0, ...controlled }: {
  scope: Scope; height: number | string; hidden?: readonly string[]; version?: number; view?: OutboxView; onViewChange?: (view: OutboxView) => void;
}) {
  const [ownView, setOwnView] = useState(DEFAULT_VIEW);
  const view = controlled.view ?? ownView;
  const setView = controlled.onViewChange ?? setOwnView;
  const sorting: SortingState = [{ id: view.sort, desc: view.direction === 'desc' }];
  const [search, setSearch] = useState(view.search);
  const [debounced, setDebounced] = useState(view.search);
  const { statuses, viewed, dispatchId, from, to } = view;
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<Error>();
  const [, setVersion] = useState(0);
  const blocks = useRef(new Map<number, OutboxRow[]>());
  const stale = useRef(new Map<number, OutboxRow[]>());
  const pending = useRef(new Set<number>());
  const scroller = useRef<HTMLDivElement>(null);

  // A link may change the search from outside (the Outbox opened with ?search=).
  useEffect(() => {
    setSearch(view.search);
    setDebounced(view.search);
  }, [view.search]);
  useEffect(() => {
    const t = setTimeout(() => {
      setDebounced(search.trim());
      if (search.trim() !== view.search) setView({ ...view, search: search.trim() });
    }, 250);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  const query = useMemo(
    () => ({ scope, search: debounced, statuses, viewed, dispatchId, from, to, sort: view.sort, direction: view.direction }),
    [scope, debounced, statuses, viewed, dispatchId, from, to, view.sort, view.direction],
  );
  const queryKey = JSON.stringify({ query, version });

  function load(block: number, key: string) {
    if (blocks.current.has(block) || pending.current.has(block)) return;
    pending.current.add(block);
    call('outbox.page', { ...query, offset: block * BLOCK, limit: BLOCK }).then(
      (page) => {
        if (key !== queryKeyRef.current) return; // an answer to a query the user has left
        blocks.current.set(block, page.rows);
        stale.current.delete(block);
        pending.current.delete(block);
        setTotal(page.total);
        setVersion((v) => v + 1);
      },
      (err: unknown) => {
        pending.current.delete(block);
        setError(asCallError(err));
      },
    );
  }

  const queryKeyRef = useRef(queryKey);
  const lastVersion = useRef(version);
  useEffect(() => {
    queryKeyRef.current = queryKey;
    const refresh = version !== lastVersion.current;
    lastVersion.current = version;
    // A new query starts empty at the top; a refresh keeps the rows on show (and so the scroll) as stale.
    stale.current = refresh ? new Map([...stale.current, ...blocks.current]) : new Map();
    blocks.current.clear();
    pending.current.clear();
    setError(undefined);
    if (!refresh) {
      setTotal(null);
      scroller.current?.scrollTo({ top: 0 });
    }
    load(0, queryKey);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryKey]);

  const virtualizer = useVirtualizer({ count: total ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 30 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (total === null) return;
    // One block of read-ahead each way, so a steady scroll finds its rows already there.
    const from = Math.max(0, Math.floor(first / BLOCK) - 1);
    const to = Math.min(Math.floor(Math.max(total - 1, 0) / BLOCK), Math.floor(last / BLOCK) + 1);
    for (let b = from; b <= to; b++) load(b, queryKey);
  });

  const windowRows: OutboxCell[] = [];
  for (let i = first; i <= last; i++) windowRows.push((blocks.current.get(Math.floor(i / BLOCK)) ?? stale.current.get(Math.floor(i / BLOCK)))?.[i % BLOCK] ?? { id: null, index: i });

  const table = useReactTable<OutboxCell>({
    data: windowRows,
    columns: OUTBOX_COLUMNS,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r, i) => (isLoaded(r) ? `e${r.id}` : `p${first + i}`),
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    state: { sorting, columnVisibility: Object.fromEntries(hidden.map((id) => [id, false])) },
  });
  const rows = table.getRowModel().rows;
  const template = gridTemplate(table.getVisibleLeafColumns());

  return (
    <div className="outbox">
      <div className="filters">
        <input type="search" placeholder="Search subject, shoot, names, any address" aria-label="Search emails" value={search} onChange={(e) => setSearch(e.target.value)} />
        <OutboxFilters filters={view} onChange={(filters) => setView({ ...view, ...filters })} />
        <span className="muted" aria-live="polite">{total === null ? 'Loading…' : `${total.toLocaleString()} email${total === 1 ? '' : 's'}`}</span>
      </div>
      <ErrorBanner error={error} />
      <div className="grid" role="table" aria-label="Emails" aria-rowcount={total ?? -1}>
        <div className="grid-wide">
        {table.getHeaderGroups().map((group) => (
          <div key={group.id} role="row" className="grid-row head" style={{ gridTemplateColumns: template }}>
            {group.headers.map((h) => {
              const dir = h.column.getIsSorted();
              return (
                <div key={h.id} role="columnheader" aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}>
                  <button className="sort" onClick={() => setView({ ...view, ...nextSort(view, h.column.id as SortKey) })}>
                    {flexRender(h.column.columnDef.header, h.getContext())}
                    {dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
                  </button>
                </div>
              );
            })}
          </div>
        ))}
        <div ref={scroller} className="grid-body" style={{ height }}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item, i) => {
              const row = rows[i];
              if (!row) return null;
              return (
                <div
                  key={row.id}
                  role="row"
                  aria-rowindex={item.index + 1}
                  data-loaded={isLoaded(row.original) ? 'true' : 'false'}
                  className="grid-row"
                  style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <div key={cell.id} role="cell">{flexRender(cell.column.columnDef.cell, cell.getContext())}</div>
                  ))}
                </div>
              );
            })}
          </div>
          {total === 0 && <p className="muted empty">No emails{debounced || statuses.length || viewed || dispatchId !== null || from !== null || to !== null ? ' match' : ' yet'}.</p>}
        </div>
        </div>
      </div>
    </div>
  );
}
