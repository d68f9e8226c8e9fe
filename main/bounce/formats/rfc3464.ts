// RFC 3464 (and RFC 1894) delivery status notifications: the message/delivery-status body.
import { addressOf, parseFieldGroups, typedValue } from './fields';

export interface DsnRecipient {
  address: string;
  originalRecipient: string;
  action: string;
  status: string;
  diagnostic: string;
  diagnosticType: string;
  remoteMta: string;
  /** A sending platform's own per-recipient verdict (PowerMTA's X-PowerMTA-BounceCategory), as a reason. */
  category: string;
}

export interface DsnReport {
  reportingMta: string;
  envelopeId: string;
  recipients: DsnRecipient[];
}

// PowerMTA writes its bounce category beside the standard fields (documented categories).
const CATEGORY: Record<string, string> = {
  'bad-mailbox': 'userunknown', 'bad-domain': 'hostunknown', 'inactive-mailbox': 'suspend',
  'quota-issues': 'mailboxfull', 'message-expired': 'expired', 'no-answer-from-host': 'networkerror',
  'spam-related': 'spamdetected', 'policy-related': 'policyviolation', 'routing-errors': 'systemerror',
};

const RECIPIENT_FIELDS = ['final-recipient', 'original-recipient', 'action', 'status'];

/** Read a delivery-status body; recipients without any recipient field are dropped. */
export function parseDeliveryStatus(text: string): DsnReport {
  const groups = parseFieldGroups(text);
  const report: DsnReport = { reportingMta: '', envelopeId: '', recipients: [] };
  for (const g of groups) {
    if (g.has('reporting-mta') && !report.reportingMta) report.reportingMta = typedValue(g.get('reporting-mta') ?? '');
    if (g.has('original-envelope-id') && !report.envelopeId) report.envelopeId = (g.get('original-envelope-id') ?? '').trim();
    if (!RECIPIENT_FIELDS.some((f) => g.has(f))) continue;
    const final = addressOf(g.get('final-recipient') ?? '') || addressOf(g.get('original-recipient') ?? '');
    const diag = g.get('diagnostic-code') ?? '';
    const semi = diag.indexOf(';');
    report.recipients.push({
      address: final,
      originalRecipient: addressOf(g.get('original-recipient') ?? ''),
      action: (g.get('action') ?? '').toLowerCase().replace(/[^a-z].*$/, ''),
      status: /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(g.get('status') ?? '')?.[1] ?? '',
      diagnostic: (semi >= 0 && semi < 12 ? diag.slice(semi + 1) : diag).trim(),
      diagnosticType: semi >= 0 && semi < 12 ? diag.slice(0, semi).trim().toLowerCase() : '',
      remoteMta: typedValue(g.get('remote-mta') ?? ''),
      category: CATEGORY[(g.get('x-powermta-bouncecategory') ?? '').trim().toLowerCase()] ?? '',
    });
  }
  return report;
}

/** Some mail systems put DSN fields into a text part; find them there. */
export function looksLikeDeliveryStatus(text: string): boolean {
  return /^(?:final-recipient|original-recipient)\s*:/im.test(text) && /^(?:action|status)\s*:/im.test(text);
}
