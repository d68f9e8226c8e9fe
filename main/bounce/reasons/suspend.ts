import type { ReasonRule } from './rule';

// The mailbox exists but is disabled, locked or inactive (soft: it may come back).
export const suspend: ReasonRule = {
  reason: 'suspend',
  phrases: [
    'account disabled', 'account has been disabled', 'account is disabled', 'mailbox disabled',
    'mailbox is disabled', 'account is inactive', 'inactive account', 'mailbox is inactive', 'account suspended',
    'account has been suspended', 'account is suspended', 'mailbox suspended', 'account is locked', 'account locked',
    'mailbox is locked', 'account has been deactivated', 'account deactivated', 'disabled mailbox',
    'mailbox not active', 'not an active', 'is not active', 'temporarily disabled', 'account expired',
    'account is expired', 'recipient suspended', 'user suspended', 'is frozen', 'has been frozen',
    'account unavailable', 'currently suspended', 'mailbox has been disabled', 'disabled recipient',
    'user account is unavailable', 'recipient is inactive', 'account inactive', 'temporarily locked',
    'temporary locked',
    'inactive user', 'user inactive', 'user is inactive', 'inactive mailbox', 'mailbox inactive', 'inactive recipient',
    'disabled user', 'user disabled', 'user is disabled', 'recipient disabled', 'recipient is disabled', 'address disabled',
    'address is disabled', 'mailbox has been deactivated', 'account has been deactivated', 'deactivated account', 'deactivated mailbox', 'has been suspended', 'is suspended',
    'mailbox has been suspended', 'account has expired', 'mailbox has expired', 'dormant',
    'temporarily unavailable mailbox', 'mailbox unavailable (disabled)', 'blocked account', 'account blocked',
    // Other languages.
    'deaktiviert', 'postfach gesperrt', 'konto gesperrt', 'vorübergehend gesperrt', 'inaktiv', // de
    'désactivé', 'désactivée', 'suspendu', 'suspendue', 'compte bloqué', 'inactif', 'inactive', // fr
    'desactivada', 'desactivado', 'suspendida', 'suspendido', 'cuenta bloqueada', 'inactiva', // es
    'disattivat', 'sospes', 'casella bloccata', 'account bloccato', 'non attiva', 'non attivo', // it
    'desativad', 'suspens', 'conta bloqueada', 'inativ', // pt
    'gedeactiveerd', 'opgeschort', 'geblokkeerd account', 'niet actief', 'inactief', // nl
    'konto zablokowane', 'konto jest zablokowane', 'konto nieaktywne', 'skrzynka zablokowana', 'nieaktywn', // pl
    'ящик заблокирован', 'аккаунт заблокирован', 'учетная запись отключена', 'ящик отключен', 'отключен', 'неактив', // ru
    'アカウントが停止', '利用停止', '停止されています', '無効になっています', '無効なアカウント', // ja
  ],
  // "The email account that you tried to reach is disabled", "the user's mailbox is currently inactive".
  patterns: [/\b(?:account|mailbox|user|recipient|address)\b[^.\n]{0,60}\bis (?:currently |now |temporarily )?(?:disabled|inactive|suspended|deactivated|locked|frozen)\b/],
};
