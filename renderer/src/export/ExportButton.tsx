import { useState, type FormEvent } from 'react';
import type { CallInput } from '../../../main/api/contract';
import { useCall } from '../api/use-call';
import { Field } from '../components/form';
import { useExportJob } from './use-export-job';
import './export.css';

type Report = CallInput<'export.start'>['report'];
export interface ExportChoice { label: string; report: Report }

const FOLDER_KEY = 'outpost.exportFolder';

/**
 * "Export CSV" and its panel: which report (when there is a choice), the folder in browser mode
 * (Electron asks with a save dialog), then a progress bar with Cancel, and where the file went.
 */
export function ExportButton({ choices }: { choices: ExportChoice[] }) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState(0);
  const [folder, setFolder] = useState(() => localStorage.getItem(FOLDER_KEY) ?? '');
  const browser = useCall('app.info', {}).data?.mode === 'browser';
  const exporter = useExportJob();
  const { job } = exporter;

  function start(e: FormEvent) {
    e.preventDefault();
    localStorage.setItem(FOLDER_KEY, folder.trim());
    const picked = choices[choice] ?? choices[0]!;
    void exporter.start({ report: picked.report, folder: browser ? folder : '' });
  }

  return (
    <span className="export">
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>Export CSV</button>
      {open && (
        <form className="export-panel" aria-label="Export CSV" onSubmit={start}>
          {choices.length > 1 && (
            <Field label="Report">
              <select value={choice} onChange={(e) => setChoice(Number(e.target.value))} disabled={exporter.running}>
                {choices.map((c, i) => <option key={c.label} value={i}>{c.label}</option>)}
              </select>
            </Field>
          )}
          {browser && (
            <Field label="Folder" hint="Where the file is saved on this computer; blank for Downloads." error={exporter.error?.fieldError('folder')}>
              <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="Downloads" disabled={exporter.running} />
            </Field>
          )}
          {exporter.error && !exporter.error.fieldError('folder') && <p className="error-text small" role="alert">{exporter.error.message}</p>}
          {exporter.running && job ? (
            <div className="export-progress">
              <progress aria-label="Export progress" value={job.written} max={Math.max(job.total, 1)} />
              <span className="small muted">{job.written.toLocaleString()} of {job.total.toLocaleString()} rows</span>
              <button type="button" onClick={() => void exporter.cancel()}>Cancel export</button>
            </div>
          ) : (
            <div className="export-actions">
              <button type="submit" className="primary">Export</button>
              <button type="button" onClick={() => setOpen(false)}>Close</button>
            </div>
          )}
          <p className="small" role="status" aria-label="Export result">
            {job?.state === 'done' && <>Saved {job.total.toLocaleString()} row{job.total === 1 ? '' : 's'} to <code>{job.file}</code></>}
            {job?.state === 'cancelled' && 'Export cancelled: no file was left behind.'}
            {job?.state === 'failed' && <span className="error-text">{job.error}</span>}
          </p>
        </form>
      )}
    </span>
  );
}
