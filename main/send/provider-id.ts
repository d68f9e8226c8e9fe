// The id a provider gives a message in its SMTP 250 reply. Some rewrite Message-ID (Amazon SES,
// Outlook) and their bounces then carry only this id, so it is kept per copy to match reports.
//   "250 2.0.0 OK <DM6PR..@DM6PR..prod.outlook.com> [Hostname=...]"  -> the bracketed id
//   "250 Ok 0100018c6c3f...-000000"                                    -> SES's message id
//   "250 2.0.0 Ok: queued as 4Xyz1B2c3"                                -> a queue id (Postfix, Exim "id=")

const BRACKETED = /<([^<>\s@]{1,200}@[^<>\s]{1,200})>/;
const QUEUED = /\b(?:queued as|id=|message id is|ok id=)\s*<?([A-Za-z0-9][A-Za-z0-9._@+-]{5,199})>?/i;
const SES = /^250 Ok ([0-9a-f]{16}-[0-9a-f-]{20,80})\s*$/i;
const LONG_TOKEN = /^250(?:[ -][245]\.\d{1,3}\.\d{1,3})?[ -](?:ok|accepted|queued)[ :]+([A-Za-z0-9][A-Za-z0-9._+-]{11,199})\s*$/i;

/** The provider's id for the message in an accepting reply, or null. Pure, bounded. */
export function providerIdOf(reply: string | null): string | null {
  if (!reply) return null;
  const text = reply.slice(0, 1000).trim();
  const found = BRACKETED.exec(text)?.[1] ?? SES.exec(text)?.[1] ?? QUEUED.exec(text)?.[1] ?? LONG_TOKEN.exec(text)?.[1];
  return found ? found.toLowerCase() : null;
}

/**
 * The forms under which a returned Message-ID may name a provider id: the whole id and its local
 * part (SES writes `<ID@email.amazonses.com>` for the reply's bare `ID`).
 */
export function providerIdKeys(messageId: string): string[] {
  const id = messageId.replace(/^<|>$/g, '').trim().toLowerCase();
  if (!id) return [];
  const local = id.split('@')[0] ?? '';
  return local && local !== id ? [id, local] : [id];
}
