import { createColumnHelper } from '@tanstack/react-table';
import type { OutboxRow } from '../../../main/api/contract';
import type { OUTBOX_SORTS } from '../../../main/api/schemas';
import { formatShortTime } from '../components/form';
import { href } from '../routes';
import { viewsTitle } from './tracking-words';

/** A row not fetched yet: it keeps its place in the scroll height while its block loads. */
export type OutboxCell = OutboxRow | { id: null; index: number };
export const isLoaded = (r: OutboxCell): r is OutboxRow => r.id !== null;

const col = createColumnHelper<OutboxCell>();
type SortKey = (typeof OUTBOX_SORTS)[number];

const text = (id: SortKey, header: string, width: string, get: (r: OutboxRow) => React.ReactNode) =>
  col.display({ id, header, meta: { width }, cell: ({ row }) => (isLoaded(row.original) ? get(row.original) : null) });

// The Outbox columns of DESIGN.md; the id of each is the core's sort key for it.
export const OUTBOX_COLUMNS = [
  text('createdAt', 'Date', '8rem', (r) => formatShortTime(r.createdAt)),
  text('subject', 'Subject', 'minmax(6rem, 2fr)', (r) => <a href={href('outbox', r.id)} title="Show details">{r.subject}</a>),
  text('recipients', 'Recipients', 'minmax(5rem, 1.5fr)', (r) => r.recipients),
  text('shoot', 'Shoot', 'minmax(5rem, 1fr)', (r) => (r.shootId ? <a href={href('shoots', r.shootId)}>{r.shootTitle}</a> : '')),
  text('status', 'Status', '6.5rem', (r) => <span className={`status s-${r.status.replace(/\s/g, '-').toLowerCase()}`}>{r.status}</span>),
  // Viewed, first and last viewed and views count people only (machines' fetches are in the tooltip and details).
  text('viewed', 'Viewed (people)', '8.5rem', (r) => <span className={`viewed v-${r.viewed.toLowerCase()}`}>{r.viewed}</span>),
  text('firstViewedAt', 'First viewed', '8rem', (r) => formatShortTime(r.firstViewedAt)),
  text('lastViewedAt', 'Last viewed', '8rem', (r) => formatShortTime(r.lastViewedAt)),
  text('totalViews', 'Views (people)', '8rem', (r) => <span title={viewsTitle(r)}>{r.totalViews}</span>),
  text('lastProgram', 'Email program', 'minmax(5rem, 1fr)', (r) => r.lastProgram ?? ''),
];

/** The CSS grid columns for the columns on show. */
export const gridTemplate = (columns: readonly { columnDef: { meta?: unknown } }[]) =>
  columns.map((c) => (c.columnDef.meta as { width: string }).width).join(' ');
