import { ExportButton, type ExportChoice } from './ExportButton';

const CHOICES: ExportChoice[] = [
  { label: 'Tracking report, past year (tracked emails)', report: { kind: 'tracking-year' } },
  { label: 'All emails', report: { kind: 'all-emails' } },
];

/** The Outbox toolbar's export: the year's tracking report or every email, one row per recipient copy. */
export function OutboxExport() {
  return <ExportButton choices={CHOICES} />;
}
