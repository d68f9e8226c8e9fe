import { useState } from 'react';
import type { Preferences } from '../../../main/api/contract';
import { useCall } from '../api/use-call';
import { Field } from '../components/form';

type NotificationPrefs = Preferences['notifications'];

interface Props {
  value: NotificationPrefs;
  onChange: (patch: Partial<NotificationPrefs>) => void;
  errors: Record<string, string>;
}

/** Browser mode only: the page shows notifications with the browser's permission, asked on a click (Electron's are native). */
function useBrowserPermission() {
  const info = useCall('app.info', {});
  const supported = info.data?.mode === 'browser' && typeof Notification !== 'undefined';
  const [permission, setPermission] = useState<NotificationPermission>(() => (typeof Notification === 'undefined' ? 'denied' : Notification.permission));
  const ask = () => void Notification.requestPermission().then(setPermission);
  return supported ? { permission, ask } : null;
}

/** Desktop notifications on or off, and quiet hours (main/notify/). */
export function NotificationsFieldset({ value: n, onChange, errors }: Props) {
  const browser = useBrowserPermission();
  return (
    <fieldset>
      <legend>Notifications</legend>
      <label className="inline">
        <input type="checkbox" checked={n.enabled} onChange={(e) => {
          onChange({ enabled: e.target.checked });
          // Turning them on is the click a browser wants before it asks.
          if (e.target.checked && browser?.permission === 'default') browser.ask();
        }} />
        {' Desktop notifications: a person’s first open of an email and first click, and follow-ups as they come due (never for machines: privacy prefetch, mail proxies, link scanners)'}
      </label>
      {n.enabled && browser?.permission === 'default' && (
        <p role="note">
          This browser has not allowed Outpost’s notifications yet.{' '}
          <button type="button" onClick={browser.ask}>Allow notifications</button>
        </p>
      )}
      {n.enabled && browser?.permission === 'denied' && (
        <p className="error-text" role="note">This browser blocks Outpost’s notifications: allow them in its settings for this page.</p>
      )}
      <label className="inline">
        <input type="checkbox" checked={n.quietHours} onChange={(e) => onChange({ quietHours: e.target.checked })} /> Quiet hours
      </label>
      <div className="row">
        <Field label="Quiet from" error={errors['notifications.quietFrom']}>
          <input type="time" aria-label="Quiet from" value={n.quietFrom} disabled={!n.quietHours} onChange={(e) => onChange({ quietFrom: e.target.value })} />
        </Field>
        <Field label="Quiet until" error={errors['notifications.quietTo']}>
          <input type="time" aria-label="Quiet until" value={n.quietTo} disabled={!n.quietHours} onChange={(e) => onChange({ quietTo: e.target.value })} />
        </Field>
      </div>
      <p className="muted small">
        During quiet hours nothing pops up: opens and clicks in them are not told later, and due follow-ups wait until
        they end. The Outbox, Show details and the dashboard still show everything.
      </p>
    </fieldset>
  );
}
