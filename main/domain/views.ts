// Which tracking events count as "viewed". Every event is kept with its verdict; only these
// count toward Read, views and first/last viewed. Machines (Apple's privacy prefetch, link
// scanners, our own fetches) are shown in Show details but never make an email "Read".
export const VERDICTS = ['person', 'mail_proxy', 'privacy_prefetch', 'security_scanner', 'self'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A mail proxy (Gmail, Yahoo) fetches the pixel when a person opens the message. */
export const COUNTED_VERDICTS: readonly Verdict[] = ['person', 'mail_proxy'];
export const isCounted = (v: Verdict) => COUNTED_VERDICTS.includes(v);

/** Machines fetching for no reader; with the people's verdicts and 'self' they make up every fetch. */
export const MACHINE_VERDICTS: readonly Verdict[] = ['privacy_prefetch', 'security_scanner'];
