// Enhanced status codes (RFC 3463 and the IANA registry) that name a reason on their own.
// Generic codes (x.0.0, 5.7.1 "not authorized", 5.5.0, ...) are absent on purpose: for those
// the diagnostic text decides. Keys are "subject.detail"; the class digit (4/5) is separate.
const bySubjectDetail: Record<string, string> = {
  '1.1': 'userunknown', // bad destination mailbox address
  '1.2': 'hostunknown', // bad destination system address
  '1.3': 'userunknown', // bad destination mailbox address syntax
  '1.4': 'userunknown', // destination mailbox address ambiguous
  '1.6': 'hasmoved', // destination mailbox has moved
  '1.7': 'rejected', // bad sender's mailbox address syntax
  '1.8': 'rejected', // bad sender's system address
  '1.10': 'notaccept', // recipient address has null MX (RFC 7505)
  '2.1': 'suspend', // mailbox disabled, not accepting messages
  '2.2': 'mailboxfull', // mailbox full
  '2.3': 'exceedlimit', // message length exceeds administrative limit
  '2.4': 'systemerror', // mailing list expansion problem
  '3.0': 'systemerror',
  '3.1': 'systemfull', // mail system full
  '3.2': 'notaccept', // system not accepting network messages
  '3.3': 'systemerror', // system not capable of selected features
  '3.4': 'mesgtoobig', // message too big for system
  '3.5': 'systemerror', // system incorrectly configured
  '4.0': 'networkerror',
  '4.1': 'networkerror', // no answer from host (5.4.1 excepted below: Microsoft's "access denied")
  '4.2': 'networkerror', // bad connection
  '4.3': 'systemerror', // directory server failure
  '4.4': 'hostunknown', // unable to route
  '4.5': 'toomanyconn', // mail system congestion
  '4.6': 'networkerror', // routing loop detected
  '4.7': 'expired', // delivery time expired
  '5.1': 'syntaxerror', // invalid command
  '5.2': 'syntaxerror', // syntax error
  '5.3': 'toomanyconn', // too many recipients
  '5.4': 'syntaxerror', // invalid command arguments
  '5.5': 'syntaxerror', // wrong protocol version
  '6.0': 'contenterror',
  '6.1': 'contenterror', // media not supported
  '6.2': 'contenterror', // conversion required and prohibited
  '6.3': 'contenterror',
  '6.5': 'contenterror', // conversion failed
  '6.6': 'contenterror',
  '6.7': 'contenterror',
  '6.8': 'contenterror',
  '6.9': 'contenterror',
  '7.2': 'securityerror', // mailing list expansion prohibited
  '7.3': 'securityerror', // security conversion required but not possible
  '7.4': 'securityerror', // security features not supported
  '7.5': 'securityerror', // cryptographic failure
  '7.6': 'securityerror', // cryptographic algorithm not supported
  '7.7': 'securityerror', // message integrity failure
  '7.8': 'securityerror', // authentication credentials invalid
  '7.9': 'securityerror', // authentication mechanism is too weak
  '7.10': 'securityerror', // encryption needed
  '7.11': 'securityerror', // encryption required for requested authentication mechanism
  '7.13': 'suspend', // user account disabled
  '7.14': 'securityerror', // trust relationship required
  '7.17': 'hasmoved', // mailbox owner has changed
  '7.18': 'hasmoved', // domain owner has changed
  '7.19': 'notcompliantrfc', // RRVS test cannot be completed
  '7.20': 'authfailure', // no passing DKIM signature found
  '7.21': 'authfailure', // no acceptable DKIM signature found
  '7.22': 'authfailure', // no valid author-matched DKIM signature found
  '7.23': 'authfailure', // SPF validation failed
  '7.24': 'authfailure', // SPF validation error
  '7.25': 'requireptr', // reverse DNS validation failed
  '7.26': 'authfailure', // multiple authentication checks failed
  '7.27': 'rejected', // sender address has null MX: about the sender, not the recipient's domain
  '7.28': 'spamdetected', // mail flood detected
  '7.29': 'authfailure', // ARC validation failure
  '7.30': 'securityerror', // REQUIRETLS support required
};

// Exchange and Microsoft 365 extend the registry with their own detail numbers (three digits,
// documented in Microsoft's "Email non-delivery reports in Exchange Online"). They are unique
// to Microsoft, so they are read wherever they appear (a relay may quote them). Whole codes,
// class digit included, tried before the registry; ranges as [from, to] of the detail number.
const microsoft: ReadonlyArray<readonly [prefix: string, from: number, to: number, reason: string]> = [
  ['4.4.', 7, 7, 'expired'], // message expired in the queue
  ['4.4.', 312, 312, 'networkerror'], // DNS query failed
  ['4.4.', 316, 316, 'expired'], // connection refused or timed out, retried until expiry
  ['5.4.', 300, 300, 'expired'], // message expired
  ['5.4.', 310, 310, 'hostunknown'], // DNS domain does not exist
  ['5.4.', 312, 312, 'networkerror'], // DNS query failed
  ['5.4.', 316, 316, 'expired'], // message expired, connection refused
  ['5.1.', 351, 351, 'userunknown'], // remote server returned unknown recipient
  ['5.1.', 90, 90, 'toomanyconn'], // daily sending limit reached
  ['5.0.', 350, 350, 'contenterror'], // generic content error (x-dg-ref header too large, ...)
  ['5.6.', 11, 11, 'contenterror'], // bare line feeds / invalid characters
  ['5.7.', 124, 124, 'rejected'], // sender not in the group's allowed senders
  ['5.7.', 133, 136, 'rejected'], // group or mailbox accepts only authenticated/listed senders
  ['5.7.', 501, 503, 'spamdetected'], // access denied, spam abuse detected; banned sender
  ['5.7.', 504, 505, 'filtered'], // recipient address rejected: access denied
  ['5.7.', 506, 507, 'blocked'], // bad HELO; rejected by IP
  ['5.7.', 508, 508, 'toomanyconn'], // IP over its limit
  ['5.7.', 509, 509, 'authfailure'], // sending domain does not pass DMARC
  ['5.7.', 510, 510, 'blocked'], // not accepted over IPv6 from this sender: the sending side, not a closed domain
  ['5.7.', 511, 511, 'rejected'], // banned sender
  ['5.7.', 512, 512, 'notcompliantrfc'], // message must be RFC 5322 compliant
  ['5.7.', 606, 649, 'blocked'], // banned sending IP
  ['5.7.', 700, 750, 'toomanyconn'], // tenant or IP over its sending threshold (5.7.705, 5.7.708, ...)
  ['4.7.', 500, 699, 'blocked'], // server busy / poor IP reputation, try later
  ['4.7.', 850, 899, 'blocked'], // PTR / HELO checks of the sending IP
];

function microsoftReason(status: string): string {
  if (status.length < 5) return '';
  const prefix = status.slice(0, 4);
  const detail = Number(status.slice(4));
  for (const [p, from, to, reason] of microsoft) {
    if (p === prefix && detail >= from && detail <= to) return reason;
  }
  return '';
}

/** Reason named by an enhanced status code alone, or '' when the code is generic. */
export function reasonOfStatus(status: string): string {
  const m = /^[245]\.(\d{1,3}\.\d{1,3})$/.exec(status);
  if (!m) return '';
  // Microsoft 365 answers 5.4.1 for "Recipient address rejected: Access denied" and "Relay access
  // denied", far more often than any server means "no answer from host" with a permanent code:
  // the text decides.
  if (status === '5.4.1') return '';
  return microsoftReason(status) || (bySubjectDetail[m[1] ?? ''] ?? '');
}

/**
 * The code says the mailbox does not exist (x.1.0, x.1.1, x.1.3 and Microsoft's 5.1.351), or,
 * with words of an unknown user beside it, Microsoft's 5.4.1: its directory-based edge blocking
 * refuses recipients that are not in the tenant's directory.
 */
export function statusSaysUnknownUser(status: string): boolean {
  return /^[45]\.1\.[013]$/.test(status) || status === '5.4.1' || microsoftReason(status) === 'userunknown';
}
