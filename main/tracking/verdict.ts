// Who made one tracking event: pure. The rules themselves are data in verdict-rules.ts.
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { Verdict } from '../domain/views';
import {
  CLICK_AT_DELIVERY_MS, CLICK_BURST_MS, MAIL_PROXY_AGENTS, OWN_IP_MARGIN_MS, PERSON, PRIVACY_PREFETCH_AGENTS, PRIVACY_PREFETCH_RANGES,
  PRIVACY_PREFETCH_WINDOW_MS, SCANNER_AGENTS, SCANNER_BEHAVIOUR, SCANNER_COMPANION_MS, SCANNER_RANGES, SELF,
  type IpRule, type UaRule,
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

function matchUa(rules: readonly UaRule[], ua: string): string | null {
  return rules.find((r) => r.ua.test(ua))?.why ?? null;
}

function matchIp(rules: readonly CompiledIpRule[], ip: string): string | null {
  const family = isIPv4(ip) ? 'ipv4' : isIPv6(ip) ? 'ipv6' : null;
  if (family === null) return null;
  return rules.find((r) => r.list.check(ip, family))?.why ?? null;
}

function scannerBehaviour(e: VerdictInput): string | null {
  if (e.method.toUpperCase() === 'HEAD') return SCANNER_BEHAVIOUR.head;
  if (e.kind === 'click') {
    if (e.sentAt !== null && e.at >= e.sentAt && e.at - e.sentAt < CLICK_AT_DELIVERY_MS) return SCANNER_BEHAVIOUR.clickAtDelivery;
    const burst = e.earlier.some((p) => p.kind === 'click' && p.linkIndex !== e.linkIndex && Math.abs(e.at - p.at) < CLICK_BURST_MS);
    if (burst) return SCANNER_BEHAVIOUR.clickBurst;
  } else {
    const companion = e.earlier.some((p) => p.verdict === 'security_scanner' && p.ip === e.ip && Math.abs(e.at - p.at) < SCANNER_COMPANION_MS);
    if (companion) return SCANNER_BEHAVIOUR.openWithScanner;
  }
  return null;
}

function privacyPrefetch(e: VerdictInput): string | null {
  if (e.kind !== 'open') return null;
  const bare = matchUa(PRIVACY_PREFETCH_AGENTS, e.userAgent.trim());
  if (bare) return bare;
  const soon = e.sentAt !== null && e.at - e.sentAt < PRIVACY_PREFETCH_WINDOW_MS;
  return soon ? matchIp(prefetchRanges, e.ip) : null;
}

/**
 * Order matters: the user's own copy or own address first; then machines that give themselves away (scanners'
 * names, ranges and behaviour, which also catch a scanner faking a browser); then proxies that
 * stand for a person; anything else is a person.
 */
export function judgeEvent(e: VerdictInput): VerdictResult {
  if (e.toSelf) return { verdict: 'self', why: SELF.ownAddress };
  if (e.ownIp && e.at >= e.ownIp.firstSeenAt - OWN_IP_MARGIN_MS && e.at <= e.ownIp.lastSeenAt + OWN_IP_MARGIN_MS) {
    return { verdict: 'self', why: SELF.ownIp(e.ip) };
  }
  const scanner = matchUa(SCANNER_AGENTS, e.userAgent) ?? matchIp(scannerRanges, e.ip) ?? scannerBehaviour(e);
  if (scanner) return { verdict: 'security_scanner', why: scanner };
  const prefetch = privacyPrefetch(e);
  if (prefetch) return { verdict: 'privacy_prefetch', why: prefetch };
  const proxy = e.kind === 'open' ? matchUa(MAIL_PROXY_AGENTS, e.userAgent) : null;
  if (proxy) return { verdict: 'mail_proxy', why: proxy };
  return { verdict: 'person', why: PERSON.why };
}
