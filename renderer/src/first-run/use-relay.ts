import { useEffect, useState } from 'react';
import { call } from '../api/client';

/** Why tracking cannot be on, or null when a relay is set up; undefined while Preferences load. */
export type TrackingBlock = string | null | undefined;

export const NO_RELAY = 'Tracking is off: no relay is set up, so a pixel would point nowhere.';

/**
 * Reads Preferences once: the default Track mode, or 'off' with the reason when no relay (URL and
 * secret) is set. The core refuses tracked mail without a relay too; this says so before sending.
 */
export function useTrackingDefault(set: (mode: 'off' | 'opens' | 'opens_clicks') => void): TrackingBlock {
  const [block, setBlock] = useState<TrackingBlock>(undefined);
  useEffect(() => {
    call('preferences.get', {}).then((p) => {
      const relay = Boolean(p.tracking.relayUrl && p.tracking.hasRelaySecret);
      setBlock(relay ? null : NO_RELAY);
      set(relay ? p.tracking.mode : 'off');
    }, () => setBlock(null));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return block;
}
