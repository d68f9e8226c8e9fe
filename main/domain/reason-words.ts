// A bounce reason (the classifier's names, main/bounce/reasons/) in the words users know: a short
// name from the few a user tells apart (user unknown, mailbox full, spam, …) and what it means.
// One table for SMTP refusals at send time and for reports read from the mailbox.

type Words = readonly [name: string, meaning: string];

const WORDS: Record<string, Words> = {
  userunknown: ['user unknown', 'the mailbox does not exist'],
  hostunknown: ['host unknown', 'the domain does not exist or takes no mail'],
  notaccept: ['host unknown', 'the domain accepts no mail'],
  hasmoved: ['moved', 'the address has moved'],
  mailboxfull: ['mailbox full', 'the mailbox is full'],
  exceedlimit: ['message too big', "the message exceeds the mailbox's size limit"],
  systemfull: ['mailbox full', 'the receiving system is out of space'],
  mesgtoobig: ['message too big', 'the message is too large'],
  suspend: ['suspended', 'the mailbox is disabled or inactive'],
  expired: ['expired', 'delivery took too long and was given up'],
  networkerror: ['temporary', 'a network problem on the way'],
  systemerror: ['temporary', 'a temporary problem at the receiving server'],
  toomanyconn: ['temporary', 'the receiving server is busy'],
  mailererror: ['temporary', 'a mail program error at the receiving server'],
  speeding: ['temporary', 'sending too fast for the receiving server'],
  failedstarttls: ['temporary', 'the receiving server requires encryption'],
  spamdetected: ['spam', 'refused as spam'],
  contenterror: ['policy', 'refused for its content'],
  virusdetected: ['policy', 'refused as carrying a virus'],
  policyviolation: ['policy', "refused by the receiving server's policy"],
  filtered: ['policy', 'refused by a filter at the mailbox'],
  rejected: ['policy', 'the sender address was refused'],
  norelaying: ['policy', 'the server refused to relay it'],
  securityerror: ['policy', 'refused for security reasons'],
  notcompliantrfc: ['policy', 'refused as not standards-compliant'],
  suppressed: ['policy', "the address is on the provider's suppression list"],
  blocked: ['reputation', 'the receiving server blocks the sender'],
  badreputation: ['reputation', "refused for the sender's reputation"],
  requireptr: ['reputation', 'refused: the sending server has no reverse DNS'],
  authfailure: ['authentication', 'refused: the sender failed SPF/DKIM/DMARC checks'],
  vacation: ['auto-reply', 'an automatic reply: the message reached the mailbox'],
  delivered: ['delivered', 'delivered to the mailbox'],
  feedback: ['complaint', 'the recipient marked the message as spam'],
};
const REFUSED: Words = ['refused', 'refused by the receiving server'];

const TEMPORARY: Words = ['temporary', 'refused for now; it may pass later'];
// Reasons whose words depend on the code: a 4xx refusal may pass later, whatever it says.
const CODE_DECIDES = new Set(['notaccept', 'undefined', 'onhold', 'syntaxerror']);

/** "user unknown: the mailbox does not exist"; `temporary` for a 4xx refusal. */
export function reasonWords(reason: string, temporary = false): string {
  const [name, meaning] = temporary && (CODE_DECIDES.has(reason) || !WORDS[reason]) ? TEMPORARY : WORDS[reason] ?? REFUSED;
  return `${name}: ${meaning}`;
}
