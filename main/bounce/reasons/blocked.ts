import type { ReasonRule } from './rule';

// The sending server's IP or host is refused (blocklists, connection-level refusals).
export const blocked: ReasonRule = {
  reason: 'blocked',
  phrases: [
    'blacklist', 'blocklist', 'block list', 'black list', 'denylist', 'spamhaus', 'spamcop', 'sorbs',
    'barracudacentral', 'dnsbl', 'client host rejected', 'connection refused by', 'refused to talk',
    'not allowed to connect', 'is not allowed to send', 'mail server ip', 'ip blocked',
    'too many bad', 'not accepting connections', 'refused to talk to me',
  ],
  patterns: [/messages from \d{1,3}(?:\.\d{1,3}){3}/],
  words: [
    'has been blocked',
    ' rbl', 'rbl ', 'listed in', 'listed at', 'listed on', 'blocked', 'banned', 'your ip', 'your host',
    'access denied', 'sender ip', 'ip address', 'refused by', 'deny', 'denied', 'you are not allowed',
    'your network', 'not accepted from', 'your server', 'sending ip',
    // Other languages: "refused"/"rejected"/"blocked", only when nothing more precise matched.
    'abgelehnt', 'blockiert', 'gesperrt', 'refusé', 'rejeté', 'bloqué', 'rechazado', 'bloqueado', 'rifiutato',
    'respinto', 'bloccato', 'rejeitado', 'recusado', 'geweigerd', 'geblokkeerd', '拒否', '受信拒否', '拒绝', '拒收',
    'отклонено', 'заблокирован', 'odrzucon', 'zablokowan',
  ],
};
