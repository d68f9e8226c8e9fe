import type { ReasonRule } from './rule';

// The recipient's domain does not exist or has no mail host (hard).
export const hostunknown: ReasonRule = {
  reason: 'hostunknown',
  phrases: [
    'host unknown', 'domain is not reachable', 'unknown host', 'host not found', 'domain not found', 'no such domain', 'domain does not exist',
    "domain doesn't exist", 'unknown domain', 'unrouteable address', 'unroutable address', 'unrouteable mail domain',
    'domain name not found', 'name or service not known', 'nxdomain', 'host or domain name not found',
    'domain is not found', 'no mx record', 'domain could not be found', 'no route to domain', 'domain not exist',
    'illegal host/domain', 'unknown mail domain', 'domain lookup failed', 'no mail exchanger', 'has no mx', 'invalid domain',
    'recipient domain must exist', 'domain must exist',
    // Other languages.
    'domain existiert nicht', 'unbekannte domain', 'domäne existiert nicht', 'host unbekannt', // de
    'domaine inconnu', "le domaine n'existe pas", 'domaine inexistant', 'hôte inconnu', // fr
    'dominio desconocido', 'el dominio no existe', 'host desconocido', // es
    'dominio sconosciuto', 'dominio inesistente', 'host sconosciuto', // it
    'domínio desconhecido', 'domínio inexistente', 'domínio não existe', // pt
    'onbekend domein', 'domein bestaat niet', // nl
    'ドメインが存在しません', 'ドメインが見つかりません', 'ホストが見つかりません', // ja
    '域名不存在', '网域不存在', // zh
    'домен не существует', 'неизвестный домен', // ru
    'domena nie istnieje', 'nieznana domena', 'nie znaleziono domeny', // pl
  ],
  patterns: [/\bhost [a-z0-9.-]{1,253} not found/, /\bdomain\b[^.\n]{0,40}\b(?:not found|unknown|does not exist|not exist)/],
};
