import { useEffect } from 'react';
import type { DesktopNotification } from '../../../main/api/contract';
import { subscribeNotifications } from '../api/client';
import { href, outboxHref } from '../routes';

/** Where a notification leads: the email's details, a dispatch's copies in the Outbox, or a section. */
export function notificationHref({ opens }: DesktopNotification): string {
  if ('emailId' in opens) return href('outbox', opens.emailId);
  if ('dispatchId' in opens) return outboxHref({ dispatchId: opens.dispatchId });
  return href(opens.section);
}

/**
 * The core's desktop notifications: browser mode shows them with the Notifications API; in
 * Electron the main process shows them natively and this opens what a clicked one is about.
 */
export function useDesktopNotifications(): void {
  useEffect(() => subscribeNotifications(({ action, notification }) => {
    const open = () => {
      window.focus();
      location.hash = notificationHref(notification);
    };
    if (action === 'open') return open();
    // Without the browser's permission (asked in Preferences) nothing pops up; the views still show everything.
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    // The tag: several open tabs show it once.
    const shown = new Notification(notification.title, { body: notification.body, tag: notification.id });
    shown.onclick = () => {
      shown.close();
      open();
    };
  }), []);
}
