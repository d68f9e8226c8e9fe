import type { ReasonRule } from './rule';

// The server refused to relay for the sender.
export const norelaying: ReasonRule = {
  reason: 'norelaying',
  phrases: [
    'relay access denied', 'relaying denied', 'relay denied', 'relay not permitted', 'unable to relay',
    'not permitted to relay', 'relaying not allowed', 'we do not relay', 'relaying is prohibited', 'no relaying',
    'relay not allowed', 'relaying disallowed', 'open relay', 'cannot relay', 'relay prohibited',
    'relay access', 'relay not authorized', 'relaying not authorized', 'relay is not allowed', 'relay is not permitted',
    'relay forbidden', 'relay rejected', 'relaying rejected', 'relaying not permitted', 'relaying is not allowed',
    "we don't relay", 'no relay', 'not a gateway', 'allowed rcpthosts', 'not in my list of allowed', 'will not relay',
    'does not relay', 'relaying to', 'not relay for', 'relay attempt', 'relaying mail to',
    // Other languages.
    'relaying verweigert', 'relay verweigert', 'weiterleitung nicht erlaubt', 'kein relay', // de
    'relais refusé', 'relayage refusé', 'relais interdit', 'relais non autorisé', // fr
    'relay no permitido', 'retransmisión denegada', 'reenvío no permitido', 'relay denegado', // es
    'relay non permesso', 'relay non consentito', 'inoltro non consentito', 'relay negato', // it
    'relay não permitido', 'retransmissão negada', 'relay negado', // pt
    'relay niet toegestaan', 'relaying niet toegestaan', // nl
    'przekazywanie zabronione', 'relay zabroniony', // pl
    'релей запрещен', 'релей запрещён', 'пересылка запрещена', 'ретрансляция запрещена', // ru
    '中継拒否', '中継は許可されていません', 'リレーは許可されていません', // ja
  ],
  patterns: [/not (?:configured|permitted|allowed) to relay/],
};
