// Providers that end their replies with a documented error number name the reason with it:
// Orange and Wanadoo ("Mail rejete. Mail rejected. OFR_506 [506]") and La Poste
// ("Invalid recipient. LPN007_416"). The number is the provider's, not the sample's; the table
// follows the providers' published lists (as Sisimai's Rhost::FrancePTT does).
const ORANGE = /\b(?:ofr|lpn)[a-z0-9]{0,4}_(\d{3})\b/;

const orange: Record<string, string> = {
  '101': 'blocked', '102': 'blocked', '103': 'blocked', '104': 'toomanyconn',
  '305': 'securityerror', '401': 'blocked', '402': 'securityerror', '403': 'rejected', '405': 'rejected',
  '415': 'rejected', '416': 'userunknown', '417': 'mailboxfull', '418': 'userunknown', '420': 'suspend',
  '421': 'rejected', '426': 'suspend', '505': 'systemerror', '506': 'spamdetected', '510': 'blocked',
  '514': 'mesgtoobig', '517': 'policyviolation', '630': 'policyviolation',
};

/** [reason, the code as written] when the (lower-case) text ends with a provider's error number. */
export function providerCode(text: string): [string, string] | null {
  const m = ORANGE.exec(text);
  const reason = m ? orange[m[1] ?? ''] : undefined;
  return m && reason ? [reason, m[0]] : null;
}
