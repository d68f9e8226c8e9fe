// Who made one tracking event, and why: pure. The rules and their order are data in verdict-rules.ts.
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { isbot } from 'isbot';
import type { Verdict } from '../domain/views';
import { afterSending, duration } from '../domain/elapsed-words';
import {
  CLICK_AT_DELIVERY_MS, CLICK_BURST_MS, CRAWLER, MAIL_PROGRAM, MAIL_PROGRAM_AGENTS, MAIL_PROXY, MAIL_PROXY_AGENTS,
  MAIL_PROXY_AT_DELIVERY_MS, OWN_IP_MARGIN_MS, PERSON, PRIVACY_PREFETCH_AGENTS, PRIVACY_PREFETCH_RANGES, PRIVACY_PREFETCH_WINDOW_MS, RULE_ORDER,
  SCANNER_AGENTS, SCANNER_BEHAVIOUR, SCANNER_COMPANION_MS, SCANNER_RANGES, SELF, type IpRule, type NamedAgent, type RuleName, type UaRule,
} from './verdict-rules';

export interface EarlierEvent {
  at: number;
  kind: 'open' | 'click';
  ip: string;
  userAgent: string;
  linkIndex: number | null;
  verdict: Verdict;
}

export interface VerdictInput {
  kind: 'open' | 'click';
  userAgent: string;
  ip: string;
  method: string;
  at: number;
  linkIndex: number | null;
  /** When SMTP accepted this copy; null if unknown. */
  sentAt: number | null;
  /** The copy went to the sender's own address. */
  toSelf: boolean;
  /** When the relay saw this app at the event's IP: one of the user's own addresses (not removed); else null. */
  ownIp: OwnIpSeen | null;
  /** This recipient's events at or before `at`, at least those within LOOKBACK_MS. */
  earlier: readonly EarlierEvent[];
}

export interface OwnIpSeen {
  firstSeenAt: number;
  lastSeenAt: number;
}

export interface VerdictResult {
  verdict: Verdict;
  /** In words, with the timing that decided it: "a HEAD request 2 s after sending: link checkers …". */
  why: string;
}

/** How far back the behaviour rules look: callers need pass no older events. */
export const LOOKBACK_MS = Math.max(CLICK_BURST_MS, SCANNER_COMPANION_MS);

interface CompiledIpRule {
  list: BlockList;
  why: string;
}

function compile(rules: readonly IpRule[]): CompiledIpRule[] {
  return rules.map(({ ranges, why }) => {
    const list = new BlockList();
    for (const range of ranges) {
      const [net, bits] = range.split('/');
      list.addSubnet(net!, Number(bits), net!.includes(':') ? 'ipv6' : 'ipv4');
    }
    return { list, why };
  });
}

const scannerRanges = compile(SCANNER_RANGES);
const prefetchRanges = compile(PRIVACY_PREFETCH_RANGES);

/** A rule's reason before words(): {after} comes from the event, {gap} and {name} from the rule that matched. */
interface Reason {
  template: string;
  said?: Partial<Record<'gap' | 'name' | 'ip', string>>;
}

const matchUa = (rules: readonly UaRule[], ua: string): Reason | null => {
  const rule = rules.find((r) => r.ua.test(ua));
  return rule ? { template: rule.why } : null;
};

function matchNamed(agents: readonly NamedAgent[], template: string, ua: string): Reason | null {
  const agent = agents.find((a) => a.ua.test(ua));
  return agent ? { template, said: { name: agent.name } } : null;
}

function matchIp(rules: readonly CompiledIpRule[], ip: string): Reason | null {
  const family = isIPv4(ip) ? 'ipv4' : isIPv6(ip) ? 'ipv6' : null;
  if (family === null) return null;
  const rule = rules.find((r) => r.list.check(ip, family));
  return rule ? { template: rule.why } : null;
}

/** At or after SMTP accepted the copy and less than `ms` later. */
const within = (e: VerdictInput, ms: number) => e.sentAt !== null && e.at >= e.sentAt && e.at - e.sentAt < ms;

function scannerBehaviour(e: VerdictInput): Reason | null {
  if (e.method.toUpperCase() === 'HEAD') return { template: SCANNER_BEHAVIOUR.head };
  if (e.kind === 'click') {
    if (within(e, CLICK_AT_DELIVERY_MS)) return { template: SCANNER_BEHAVIOUR.clickAtDelivery };
    const burst = e.earlier.find((p) => p.kind === 'click' && p.linkIndex !== e.linkIndex && Math.abs(e.at - p.at) < CLICK_BURST_MS);
    if (burst) return { template: SCANNER_BEHAVIOUR.clickBurst, said: { gap: duration(e.at - burst.at) } };
  } else {
    const companion = e.earlier.find((p) => p.verdict === 'security_scanner' && p.ip === e.ip && Math.abs(e.at - p.at) < SCANNER_COMPANION_MS);
    if (companion) return { template: SCANNER_BEHAVIOUR.openWithScanner, said: { gap: duration(e.at - companion.at) } };
  }
  return null;
}

/** Each rule of RULE_ORDER: its reason when it applies to the event, else null. */
const RULES: Record<RuleName, (e: VerdictInput) => Reason | null> = {
  ownCopy: (e) => (e.toSelf ? { template: SELF.ownAddress } : null),
  ownAddress: (e) =>
    e.ownIp && e.at >= e.ownIp.firstSeenAt - OWN_IP_MARGIN_MS && e.at <= e.ownIp.lastSeenAt + OWN_IP_MARGIN_MS
      ? { template: SELF.ownIp, said: { ip: e.ip } }
      : null,
  scannerAgent: (e) => matchUa(SCANNER_AGENTS, e.userAgent),
  scannerRange: (e) => matchIp(scannerRanges, e.ip),
  scannerBehaviour,
  prefetchAgent: (e) => (e.kind === 'open' ? matchUa(PRIVACY_PREFETCH_AGENTS, e.userAgent.trim()) : null),
  // Apple's network also carries people's own fetches, so only soon after sending.
  prefetchRange: (e) => (e.kind === 'open' && e.sentAt !== null && e.at - e.sentAt < PRIVACY_PREFETCH_WINDOW_MS ? matchIp(prefetchRanges, e.ip) : null),
  proxyAtDelivery: (e) => (e.kind === 'open' && within(e, MAIL_PROXY_AT_DELIVERY_MS) ? matchNamed(MAIL_PROXY_AGENTS, MAIL_PROXY.atDelivery, e.userAgent) : null),
  mailProxy: (e) => (e.kind === 'open' ? matchNamed(MAIL_PROXY_AGENTS, MAIL_PROXY.opened, e.userAgent) : null),
  mailProgram: (e) => matchNamed(MAIL_PROGRAM_AGENTS, MAIL_PROGRAM.why, e.userAgent),
  crawler: (e) => (isbot(e.userAgent) ? { template: CRAWLER.why } : null),
  person: () => ({ template: PERSON.why }),
};

function words({ template, said = {} }: Reason, e: VerdictInput): string {
  const values: Record<string, string> = { after: afterSending(e.at, e.sentAt), ...said };
  return template.replace(/\{(after|gap|name|ip)\}/g, (_, key: string) => values[key] ?? '');
}

/** The first rule of RULE_ORDER that applies decides; the last (person) always does. */
export function judgeEvent(e: VerdictInput): VerdictResult {
  for (const { rule, verdict } of RULE_ORDER) {
    const reason = RULES[rule](e);
    if (reason) return { verdict, why: words(reason, e) };
  }
  throw new Error('verdict rules: the last rule must always apply');
}
