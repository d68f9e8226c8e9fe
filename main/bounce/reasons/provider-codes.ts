// Providers whose replies carry a fixed marker of their own name the reason with it, whatever
// the SMTP stage: Orange and Wanadoo end with a documented error number ("Mail rejete. Mail
// rejected. OFR_506 [506]"), La Poste likewise ("Invalid recipient. LPN007_416"), and Yahoo
// prefixes its refusals with "delivery error: dd" and a fixed sentence (it refuses unknown users
// only after DATA, so the stage would otherwise make them look like a filter's answer). The
// tables follow the providers' published lists (as Sisimai's Rhost modules do).
const ORANGE = /\b(?:ofr|lpn)[a-z0-9]{0,4}_(\d{3})\b/;

const orange: Record<string, string> = {
  '101': 'blocked', '102': 'blocked', '103': 'blocked', '104': 'toomanyconn',
  '305': 'securityerror', '401': 'blocked', '402': 'securityerror', '403': 'rejected', '405': 'rejected',
  '415': 'rejected', '416': 'userunknown', '417': 'mailboxfull', '418': 'userunknown', '420': 'suspend',
  '421': 'rejected', '426': 'suspend', '505': 'systemerror', '506': 'spamdetected', '510': 'blocked',
  '514': 'mesgtoobig', '517': 'policyviolation', '630': 'policyviolation',
};

const YAHOO = /\bdelivery error: dd (?:this user doesn't have an? [^\s()]{1,255} account|not a valid recipient|sorry,? your message to [^\s()]{1,255} cannot be delivered\. this account has been disabled or discontinued)/;

/** [reason, the marker as written] when the (lower-case) text carries a provider's own marker. */
export function providerCode(text: string): [string, string] | null {
  const m = ORANGE.exec(text);
  const reason = m ? orange[m[1] ?? ''] : undefined;
  if (m && reason) return [reason, m[0]];
  const y = YAHOO.exec(text);
  if (!y) return null;
  return [y[0].includes('disabled') ? 'suspend' : 'userunknown', y[0]];
}
