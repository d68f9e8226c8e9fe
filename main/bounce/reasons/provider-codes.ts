// Providers whose replies carry a fixed marker of their own name the reason with it, whatever
// the SMTP stage. The tables follow the providers' published lists (as Sisimai's Rhost modules
// do); a marker that is not in its table decides nothing.

/** A provider's marker: where it is in the (lower-case) text, and the reason it names. */
interface Marker {
  re: RegExp;
  reason(m: RegExpExecArray): string | undefined;
}

// Orange and Wanadoo end with a documented error number ("Mail rejete. Mail rejected. OFR_506
// [506]"), La Poste likewise ("Invalid recipient. LPN007_416").
const orange: Record<string, string> = {
  '101': 'blocked', '102': 'blocked', '103': 'blocked', '104': 'toomanyconn',
  '305': 'securityerror', '401': 'blocked', '402': 'securityerror', '403': 'rejected', '405': 'rejected',
  '415': 'rejected', '416': 'userunknown', '417': 'mailboxfull', '418': 'userunknown', '420': 'suspend',
  '421': 'rejected', '426': 'suspend', '505': 'systemerror', '506': 'spamdetected', '510': 'blocked',
  '514': 'mesgtoobig', '517': 'policyviolation', '630': 'policyviolation',
};

// Cox (www.cox.com, "email error codes"): "AUP#CXBL"; the IPBL (sending IP on a DNS blocklist)
// and URLBL (a URL of the message on one) families by prefix.
const cox: Record<string, string> = {
  cxbl: 'blocked', cdrbl: 'blocked', cxdns: 'blocked', ipbl: 'blocked', urlbl: 'spamdetected',
  cxthrt: 'securityerror', cxmj: 'securityerror', cxsndr: 'rejected', cxsmtp: 'rejected',
  cxcnct: 'toomanyconn', cxmxrt: 'toomanyconn',
};

// Spectrum / Charter ("understanding email error codes"): "AUP#I-1310" (incoming) or "AUP#O-..."
// (outgoing), four digits in documented ranges.
const spectrum: ReadonlyArray<readonly [from: number, to: number, reason: string]> = [
  [1000, 1000, 'blocked'], // sending IP blocked for suspicious activity
  [1010, 1080, 'rejected'], // sending account blocked or limited
  [1090, 1090, 'systemerror'],
  [1100, 1150, 'blocked'], // sending IP's DNS
  [1160, 1190, 'policyviolation'], // the domain's security policies
  [1200, 1250, 'blocked'], // sending IP on Cloudmark CSI or Spamhaus
  [1260, 1260, 'networkerror'], // IPv6 not accepted
  [1300, 1490, 'toomanyconn'], // concurrent connections, message and recipient rates
  [1500, 1520, 'rejected'], // sending as another address or domain
  [1530, 1530, 'mesgtoobig'],
  [1540, 1550, 'toomanyconn'], // too many messages in a session, recipients in a message
  [1560, 1560, 'policyviolation'], // too many invalid recipients
];

const MARKERS: readonly Marker[] = [
  { re: /\b(?:ofr|lpn)[a-z0-9]{0,4}_(\d{3})\b/, reason: (m) => orange[m[1] ?? ''] },
  { re: /\baup#([a-z]{2,8})[0-9]{0,5}\b/, reason: (m) => cox[m[1] ?? ''] },
  {
    re: /\baup#[a-z]{0,3}-?(\d{4})\b/,
    reason: (m) => spectrum.find(([from, to]) => Number(m[1]) >= from && Number(m[1]) <= to)?.[2],
  },
  // Yahoo prefixes its refusals with "delivery error: dd" and a fixed sentence. It refuses unknown
  // users only after DATA, so the stage would otherwise make them look like a filter's answer.
  {
    re: /\bdelivery error: dd (?:this user doesn't have an? [^\s()]{1,255} account|not a valid recipient|sorry,? your message to [^\s()]{1,255} cannot be delivered\. this account has been disabled or discontinued)/,
    reason: (m) => (m[0].includes('disabled') ? 'suspend' : 'userunknown'),
  },
];

/** [reason, the marker as written] when the (lower-case) text carries a provider's own marker. */
export function providerCode(text: string): [string, string] | null {
  for (const { re, reason } of MARKERS) {
    const m = re.exec(text);
    const named = m ? reason(m) : undefined;
    if (m && named) return [named, m[0]];
  }
  return null;
}
