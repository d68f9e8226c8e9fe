import type { ReasonRule } from './rule';

// The receiving system failed internally (transient).
export const systemerror: ReasonRule = {
  reason: 'systemerror',
  phrases: [
    'system error', 'internal error', 'server error', 'local error in processing', 'temporary local problem',
    'i/o error', 'resources temporarily unavailable', 'internal server error', 'configuration error',
    'system problem', 'system is unavailable', 'too many recursive', 'routing error', 'mail system error',
    'server misconfiguration', 'local problem', 'service currently unavailable', 'upstream error',
    // Other languages.
    'vorübergehender fehler', 'interner fehler', // de
    'erreur temporaire', 'erreur interne', // fr
    'error temporal', 'error interno', // es
    'errore temporaneo', 'errore interno', // it
    'erro temporário', 'erro interno', // pt
    'tijdelijke fout', 'interne fout', // nl
    'błąd tymczasowy', 'błąd wewnętrzny', // pl
    'временная ошибка', 'внутренняя ошибка', // ru
    '一時的なエラー', '内部エラー', // ja
  ],
  words: [
    'service not available', 'temporarily unavailable', 'try again later', 'try later',
  ],
};
