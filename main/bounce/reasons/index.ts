// Deciding a recipient's reason: the diagnostic text first (in the order below, most
// specific first), then the enhanced status code, then what the report's shape implies.
import { attachment } from './attachment';
import { authfailure } from './authfailure';
import { badreputation } from './badreputation';
import { blocked } from './blocked';
import { contenterror } from './contenterror';
import { exceedlimit } from './exceedlimit';
import { expired } from './expired';
import { failedstarttls } from './failedstarttls';
import { filtered } from './filtered';
import { hasmoved } from './hasmoved';
import { hostunknown } from './hostunknown';
import { mailboxfull } from './mailboxfull';
import { mailererror } from './mailererror';
import { mesgtoobig } from './mesgtoobig';
import { networkerror, UNREACHABLE } from './networkerror';
import { norelaying } from './norelaying';
import { notaccept } from './notaccept';
import { notcompliantrfc } from './notcompliantrfc';
import { policyviolation } from './policyviolation';
import { rejected } from './rejected';
import { requireptr } from './requireptr';
import { firstRule, type MatchKind, type ReasonRule } from './rule';
import { classOf } from './classes';
import { stageOf } from './command';
import { securityerror } from './securityerror';
import { spamdetected } from './spamdetected';
import { speeding } from './speeding';
import { providerCode } from './provider-codes';
import { reasonOfStatus, statusSaysUnknownUser } from './status-codes';
import { suppressed } from './suppressed';
import { suspend } from './suspend';
import { syntaxerror } from './syntaxerror';
import { systemerror } from './systemerror';
import { systemfull } from './systemfull';
import { toomanyconn } from './toomanyconn';
import { userunknown } from './userunknown';
import { virusdetected } from './virusdetected';
import { squeeze } from '../text';

/**
 * Order matters: a text that names several reasons gets the first. The mailbox's own state (full,
 * too big, disabled, moved, unknown) comes before refusals that only say how the server judged
 * the message (spam, virus, authentication), which a report often adds around the real cause.
 */
export const RULES: readonly ReasonRule[] = [
  notcompliantrfc, norelaying, requireptr, badreputation, suppressed, attachment,
  mailboxfull, exceedlimit, mesgtoobig, systemfull, suspend, hasmoved, notaccept, hostunknown, userunknown,
  spamdetected, authfailure, virusdetected,
  rejected, filtered, toomanyconn, speeding, failedstarttls,
  expired, mailererror, networkerror, blocked, policyviolation, contenterror, securityerror, systemerror, syntaxerror,
];

export interface ReasonInput {
  /** What the report says about this recipient, most direct words first (any case). */
  texts: readonly string[];
  status: string;
  replycode: string;
  action: string;
  /** Extra rules of the mail system that wrote the report, tried before the common ones. */
  own?: readonly ReasonRule[];
  /** A reason the report states in a structured field of its own (e.g. PowerMTA's bounce category). */
  named?: string;
}

export interface ReasonVerdict {
  reason: string;
  why: string;
  /** The mail system's own phrase decided (it names the reason itself, as Sisimai's lhost modules do). */
  own?: boolean;
}

const MAX_SCAN = 1536;

// Multi-line SMTP replies repeat the codes on every line ("550-5.7.1 ... 550-5.7.1 ..."),
// splitting phrases; codes are read elsewhere, so phrase matching drops them.
// Transcript markers ("<<< ") split phrases the same way.
const REPLY_PREFIX = /(?:^|\s)(?:<<< ?|>>> ?)?[245]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3}\s)?|<<<|>>>/g;

// Footers are not evidence: an antivirus stamp ("scanned for viruses by ...") names a virus, a
// disclaimer names policies and confidentiality. A stamp line is dropped; a signature delimiter
// or a disclaimer ends the text (not at its very start: there it is all the report says).
const STAMP = /\b(?:scanned|checked|protected|cleaned|filtered|verified|swept)\b[^\n]{0,120}?(?:virus|malware|anti-?spam|threats)|\b(?:virus[- ]free|no virus(?:es)? (?:was |were )?found|antivirus|anti-virus)\b/;
// ... unless the line says something was found: then it is the refusal itself.
const FOUND = /infected|detected|(?:virus|malware|worm|trojan) (?:was |has been )?found|found (?:a |the )?(?:virus|malware)|contains? (?:a )?(?:virus|malware)|identified/;
const FOOTER = /^(?:-- ?$|_{10,}\s*$|\*{10,}\s*$|(?:disclaimer|confidentiality notice|legal notice|privileged and confidential)\b|this (?:e-?mail|message|communication) (?:and any|is confidential|contains confidential|may contain|is intended)|the information (?:contained )?in this (?:e-?mail|message|communication))/m;

function isStamp(line: string): boolean {
  return STAMP.test(line) && !FOUND.test(line.replace(/no virus(?:es)? (?:was |were )?found/g, ''));
}

function withoutFooters(lower: string): string {
  const cut = lower.search(FOOTER);
  const text = cut > 0 ? lower.slice(0, cut) : lower;
  if (!text.includes('vir') && !text.includes('scan') && !text.includes('malware')) return text;
  return text.split('\n').filter((line) => !isStamp(line)).join('\n');
}

// A transcript's positive replies (the greeting, "250-STARTTLS", "250-8BITMIME", "354 End data")
// list what went right: only the failure replies are evidence.
const POSITIVE_REPLY = /^[ \t]*(?:out:|<<<|s:)?[ \t]*[23]\d\d[ -][^\n]*/gm;

// Lines quoted from the original message ("> ...", not a transcript's ">>>") are not evidence.
const QUOTED = /^[ \t]*>(?!>)[^\n]*/gm;

function flatten(text: string): string {
  let lower = withoutFooters(text.slice(0, MAX_SCAN).toLowerCase());
  if (lower.includes('250')) lower = lower.replace(POSITIVE_REPLY, ' ');
  if (lower.includes('>')) lower = lower.replace(QUOTED, ' ');
  return squeeze(lower.replace(/[\u2018\u2019]/g, "'"));
}

function withoutReplyCodes(flat: string): string {
  return squeeze(flat.replace(REPLY_PREFIX, ' '));
}

const NONE: readonly ReasonRule[] = [];

/** The server names the sender as what it refuses. */
const SENDER = /sender address rejected|sender address has|sender has|sender domain|sender verify|sender verification|unverified sender|sender unknown|unknown sender/;

/** Words of a refusal ("recipient rejected", "access denied") rather than of a missing mailbox. */
const REFUSAL = /rejected|denied|refused|not allowed|no valid recipients/;

/** The first rule (a mail system's own before the common ones) whose `kind` matches one text. */
function phraseIn(text: string, own: readonly ReasonRule[], kind: MatchKind, common: readonly ReasonRule[] = RULES): ReasonVerdict | null {
  for (const rules of [own, common]) {
    const found = firstRule(rules, text, kind);
    if (found) return { reason: found.rule.reason, why: `${kind}:${found.rule.reason}:${found.hit.trim()}`, own: rules === own };
  }
  return null;
}

/** First text (most direct first) in which a rule's `kind` matches. */
function byPhrase(texts: readonly string[], own: readonly ReasonRule[], kind: MatchKind, common: readonly ReasonRule[] = RULES): ReasonVerdict | null {
  for (const text of texts) {
    const found = phraseIn(text, own, kind, common);
    if (found) return found;
  }
  return null;
}

const NOT_EXPIRED: readonly ReasonRule[] = RULES.filter((r) => r.reason !== 'expired');

/** Each rule alone, to ask whether a text also names the reason a status code names. */
const ALONE = new Map<string, readonly ReasonRule[]>(RULES.map((r) => [r.reason, [r]]));

// Reasons that say only "refused" in some way: a precise status code about the mailbox, its size
// or its host outranks them (a "denied" or "rejected" beside 5.1.1 is the refusal of an unknown user).
const REFUSAL_WORDS = new Set(['rejected', 'blocked', 'filtered', 'policyviolation', 'securityerror', 'contenterror', 'virusdetected', 'spamdetected', 'systemerror', 'syntaxerror', 'networkerror', 'mailererror']);

/** The rules that only say the server refused, and why (policy, blocklist, spam ...). */
const REFUSING: readonly ReasonRule[] = RULES.filter((r) => REFUSAL_WORDS.has(r.reason) && r.reason !== 'systemerror' && r.reason !== 'networkerror' && r.reason !== 'syntaxerror');

/** A precise code about the mailbox, its host or its size outranks words that only say "refused". */
function codeOutranks(byCode: string, phrase: string, temporary: boolean): boolean {
  const c = classOf(byCode, temporary);
  return !temporary && (c === 'hard' || c === 'soft') && REFUSAL_WORDS.has(phrase);
}

export function decideReason(input: ReasonInput): ReasonVerdict {
  const { status, action } = input;
  if (action === 'delivered' || action === 'relayed' || action === 'expanded' || status.startsWith('2.')) {
    return { reason: 'delivered', why: 'status:delivered' };
  }
  if (input.named) return { reason: input.named, why: `field:${input.named}`, own: true };
  const flat = input.texts.map(flatten).filter(Boolean);
  const texts = flat.map(withoutReplyCodes);
  const stage = stageOf(flat.join(' '));
  const temporary = status.startsWith('4') || (!status && input.replycode.startsWith('4'));
  const byCode = reasonOfStatus(status);
  const coded = texts[0] ? providerCode(texts[0]) : null;
  if (coded) return { reason: coded[0], why: `provider-code:${coded[1]}`, own: true };
  const own = input.own ?? NONE;
  // Evidence in order of strength: the server's own words (the first text: Diagnostic-Code, or
  // the reply quoted for this recipient), the enhanced status code, the phrases of the report's
  // surrounding text, broad words. A weaker one never overrides a stronger one of another class.
  // A server that answered with a permanent refusal (5xx) did not let the message expire: "giving
  // up" beside it is the reporting system's boilerplate ("Giving up on 192.0.2.1."), not the cause.
  const common = input.replycode.startsWith('5') ? NOT_EXPIRED : RULES;
  let found = texts[0] ? phraseIn(texts[0], own, 'phrase', common) : null;
  // Two phrases in the server's words ("user unknown ... rejected by our spam filter"): the one
  // the permanent status code agrees with wins over a mere refusal.
  if (found && byCode && !found.own && codeOutranks(byCode, found.reason, temporary)) {
    const agreed = ALONE.get(byCode);
    const hit = agreed && firstRule(agreed, texts[0] ?? '', 'phrase');
    if (hit) found = { reason: byCode, why: `phrase:${byCode}:${hit.hit.trim()}+status:${status}` };
  }
  if (!found) {
    const around = byPhrase(texts.slice(1), own, 'phrase', common);
    // A permanent code outranks the report's other words; temporary codes are used loosely.
    found = around && byCode && !temporary && classOf(byCode, temporary) !== classOf(around.reason, temporary) ? null : around;
  }
  if (!found) {
    const word = byPhrase(texts, own, 'word', common);
    found = word && byCode && codeOutranks(byCode, word.reason, temporary) ? null : word;
  }
  if (found) {
    // Words about "unknown" at MAIL FROM describe the sender; after DATA a filter spoke.
    if (stage === 'MAIL' && (found.reason === 'userunknown' || found.reason === 'hostunknown')) return { reason: 'rejected', why: `${found.why}+stage:mail` };
    // "Sender address rejected: Domain not found": the unknown one is the sender, whatever the stage.
    if ((found.reason === 'userunknown' || found.reason === 'hostunknown' || found.reason === 'notaccept') && SENDER.test(texts[0] ?? '') && !/^[45]\.1\.[0-6]$/.test(status)) {
      return { reason: 'rejected', why: `${found.why}+sender` };
    }
    // The enhanced code is the server's structured word and outranks the stage: "5.1.1 user
    // unknown" after DATA still says the mailbox does not exist.
    if (stage === 'DATA' && found.reason === 'userunknown' && !statusSaysUnknownUser(status)) return { reason: 'filtered', why: `${found.why}+stage:data` };
    // "User unknown" with a code that says the mailbox exists (x.2.0, mailbox status) and no
    // refusal at RCPT: a filter at the mailbox spoke, the address is not proven gone.
    if (found.reason === 'userunknown' && stage !== 'RCPT' && /^[45]\.2\.0$/.test(status)) return { reason: 'filtered', why: `${found.why}+status:${status}` };
    // "User unknown" proves the address is gone only when the refusal came at RCPT TO or the
    // code says so (x.1.0, x.1.1, x.1.3), or the mail system itself names the reason. Generic
    // words under a generic code, at no known stage, are what content filters also answer
    // (Sisimai's rule: such text is "filtered").
    if (found.reason === 'userunknown' && !found.own && stage === '' && !statusSaysUnknownUser(status)) {
      return { reason: 'filtered', why: `${found.why}+stage:unknown` };
    }
    // A security/policy code (x.7.x) is the server's structured word: words like "recipient
    // rejected" under it are a policy refusal, not proof that the mailbox is gone.
    if (found.reason === 'userunknown' && !found.own && /^[45]\.7\./.test(status) && REFUSAL.test(found.why)) {
      return { reason: byCode || 'policyviolation', why: `${found.why}+status:${status}` };
    }
    // The same words beside a reason to refuse ("Recipient rejected: blocked by policy", "address
    // rejected, listed at a DNSBL"): the refusal, unless a code says the mailbox is bad.
    if (found.reason === 'userunknown' && !found.own && REFUSAL.test(found.why) && !statusSaysUnknownUser(status) && texts[0]) {
      const rest = texts[0].replace(found.why.slice(found.why.indexOf(':', 7) + 1), ' ');
      const why = firstRule(REFUSING, rest, 'phrase') ?? firstRule(REFUSING, rest, 'word');
      if (why) return { reason: why.rule.reason, why: `${found.why}+${why.rule.reason}:${why.hit.trim()}` };
    }
    // A temporary DNS failure does not prove the domain is gone.
    if (temporary && found.reason === 'hostunknown') return { reason: 'networkerror', why: `${found.why}+temporary` };
    // A final report that the receiving server could never be reached: retries ran out, it expired.
    if (found.reason === 'networkerror' && action !== 'delayed' && UNREACHABLE.some((p) => found.why.endsWith(p))) {
      return { reason: 'expired', why: `${found.why}+gave-up` };
    }
    // Among the soft reasons the text names the family and a precise status code the member
    // (a "message too large" with 5.2.3 is the recipient's limit, not the system's).
    if (byCode && byCode !== found.reason && classOf(byCode, temporary) === 'soft' && classOf(found.reason, temporary) === 'soft') {
      return { reason: byCode, why: `${found.why}+status:${status}` };
    }
    return found;
  }
  if (action === 'delayed') return { reason: 'expired', why: 'action:delayed' };
  // A 4.x code on a failed recipient means the retries ran out: a network code (4.4.x) explains
  // the last try, the outcome is expiry. Other 4.x codes (4.2.2 mailbox full) keep their reason.
  const gaveUp = temporary && action === 'failed';
  if (byCode && !(gaveUp && /^4\.4\./.test(status))) return { reason: byCode, why: `status:${status}` };
  if (stage === 'MAIL') return { reason: 'rejected', why: 'stage:mail' };
  if (stage === 'CONN' || stage === 'HELO') return { reason: 'blocked', why: `stage:${stage.toLowerCase()}` };
  // Retries ran out: a network code (4.4.x) says why, the outcome is expiry. A bare 4.0.0
  // "temporary failure" that was given up on says nothing: on hold (Sisimai's verdict too).
  if (gaveUp) return /^4\.4\./.test(status) ? { reason: 'expired', why: `gave-up:${status}` } : { reason: 'onhold', why: 'gave-up:unexplained' };
  if (temporary) return { reason: 'systemerror', why: 'temporary' };
  return { reason: 'undefined', why: 'none' };
}
