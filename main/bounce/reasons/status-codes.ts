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
  '4.1': 'networkerror', // no answer from host
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
  '7.27': 'notaccept', // sender address has null MX
  '7.28': 'spamdetected', // mail flood detected
  '7.29': 'authfailure', // ARC validation failure
  '7.30': 'securityerror', // REQUIRETLS support required
};

/** Reason named by an enhanced status code alone, or '' when the code is generic. */
export function reasonOfStatus(status: string): string {
  const m = /^[245]\.(\d{1,3}\.\d{1,3})$/.exec(status);
  return m ? bySubjectDetail[m[1] ?? ''] ?? '' : '';
}
