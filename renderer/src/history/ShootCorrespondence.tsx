import { useState } from 'react';
import { href } from '../routes';
import { EmailDetails } from '../outbox/EmailDetails';
import { OutboxTable } from '../outbox/OutboxTable';

const DETAILS = `${href('outbox')}/`;

/** Every email of one shoot in the Outbox's own table; an email's details open here, beside it. */
export function ShootCorrespondence({ shootId }: { shootId: number }) {
  const [open, setOpen] = useState<number | null>(null);
  // The table's subject links lead to the Outbox; on the shoot's page they open the same details in place.
  function openHere(e: React.MouseEvent) {
    const target = (e.target as Element).closest('a')?.getAttribute('href');
    if (!target?.startsWith(DETAILS) || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    setOpen(Number(decodeURIComponent(target.slice(DETAILS.length))));
  }
  return (
    <>
      <div className="correspondence" onClickCapture={openHere}>
        <h3>Correspondence</h3>
        <OutboxTable scope={{ kind: 'shoot', shootId }} height={360} hidden={['shoot']} />
      </div>
      {open !== null && <EmailDetails key={open} id={open} onClose={() => setOpen(null)} />}
    </>
  );
}
