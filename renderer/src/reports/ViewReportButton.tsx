import { useState } from 'react';
import { ReportDialog } from './ReportDialog';

/** "View report": opens the stored raw report in a dialog. */
export function ViewReportButton({ id }: { id: number }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>View report</button>
      {open && <ReportDialog id={id} onClose={() => setOpen(false)} />}
    </>
  );
}
