// The one dashboard notice for new failures: its count grows until the Failed section is seen.
import type { Db } from '../db/open-database';
import { countingNotice } from '../store/notices';

export const failureNotice = (db: Db) =>
  countingNotice(db, 'failures', 'failed', (n) => `${n.toLocaleString('en')} ${n === 1 ? 'recipient' : 'recipients'} failed: see Failed`);
