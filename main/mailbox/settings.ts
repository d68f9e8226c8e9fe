// The parts of the preferences (store/preferences.ts withSecrets().imap) the mailbox watcher reads.
import type { ImapSettings } from '../send/settings';

export interface WatchSettings extends ImapSettings {
  watchFolders: string[];
  pollMinutes: number;
  /** Where processed reports go when the server refuses custom keywords; '' leaves them in place. */
  processedFolder: string;
  markReportsRead: boolean;
}
