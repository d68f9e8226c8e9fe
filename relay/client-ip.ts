// Who sent a request: the socket peer, or the client named by a trusted reverse proxy.
// Also the privacy truncation and the key used for per-IP limits. Pure, no I/O.
import { BlockList, isIP, isIPv6 } from 'node:net';

/** Parses "10.0.0.1, ::1, 172.16.0.0/12" into a BlockList; throws on a bad entry. */
export function parseTrustedProxies(list: readonly string[]): BlockList | null {
  if (list.length === 0) return null;
  const blocks = new BlockList();
  for (const entry of list) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`trusted proxy is not an IP address or CIDR: ${entry}`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) {
      blocks.addAddress(address, type);
      continue;
    }
    const bits = Number(prefix);
    if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) {
      throw new Error(`bad prefix length in trusted proxy: ${entry}`);
    }
    blocks.addSubnet(address, bits, type);
  }
  return blocks;
}

/** Longest textual IP address: "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255". */
export const MAX_IP_TEXT = 45;

/**
 * "::ffff:1.2.3.4" (dual-stack sockets) becomes "1.2.3.4"; an IPv6 zone id ("fe80::1%eth0",
 * also "%25eth0" as URLs write it) is dropped: it names an interface of the sender's host, not
 * the client, and Node's isIP accepts any text after the "%". Anything longer than an address
 * can be is returned as "" (not an IP), so a stored address is never longer than 45 characters.
 */
export function normalizeIp(ip: string): string {
  const zone = ip.indexOf('%');
  const bare = zone < 0 ? ip : ip.slice(0, zone);
  if (bare.length > MAX_IP_TEXT) return '';
  return bare.startsWith('::ffff:') && isIP(bare.slice(7)) === 4 ? bare.slice(7) : bare;
}

function isTrusted(trusted: BlockList, ip: string): boolean {
  const family = isIP(ip);
  return family !== 0 && trusted.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client address. X-Forwarded-For is read only when the peer is a trusted proxy, from the
 * right, skipping trusted hops: entries further left were written by the client and prove nothing.
 */
export function clientIp(peer: string | undefined, forwardedFor: string | undefined, trusted: BlockList | null): string {
  let ip = normalizeIp(peer ?? '');
  if (trusted === null || forwardedFor === undefined || !isTrusted(trusted, ip)) return ip;
  const hops = forwardedFor.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeIp(hops[i]!.trim());
    if (isIP(hop) === 0) return ip;
    ip = hop;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return ip;
}

/** Privacy truncation: IPv4 to its /24, IPv6 to its /48. */
export function truncateIp(ip: string): string {
  if (isIP(ip) === 4) return ip.replace(/\.\d+$/, '.0');
  const groups = ipv6Groups(ip);
  return groups ? `${groups.slice(0, 3).join(':')}::` : ip;
}

/** Key for per-IP limits: one IPv6 host usually owns a whole /64, so it counts as one. */
export function limitKey(ip: string): string {
  const groups = ip.includes(':') ? ipv6Groups(ip) : null;
  return groups ? groups.slice(0, 4).join(':') : ip;
}

/** The eight 16-bit groups of an IPv6 address, in lowercase hex without leading zeros. */
function ipv6Groups(ip: string): string[] | null {
  if (!isIPv6(ip)) return null;
  const [head = '', tail] = ip.toLowerCase().split('::');
  const part = (s: string) => (s === '' ? [] : s.split(':').flatMap(hexGroups));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const zeros = Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16).toString(16));
}

// An embedded dotted IPv4 tail ("::ffff:1.2.3.4") stands for two groups.
function hexGroups(group: string): string[] {
  if (!group.includes('.')) return [group];
  const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
