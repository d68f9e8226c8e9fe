// A recipient's copy as the sender describes it, built into bytes by the pool where it sends it:
// in the SMTP thread, so a merge's ten thousand MIME builds and link signatures run beside the
// outbox's database work instead of taking turns with it, and only the copies a connection is
// about to carry exist as bytes.
import { buildCopy, type EmailToSend } from './build-copy';
import { copySigner, relayOf, type Relay } from './copy-signer';

/** The relay as the preferences hold it: plain text, so it crosses to the thread as it is. */
export interface RelayConfig {
  relayUrl: string;
  relaySecret: string;
}

export interface CopyRecipe {
  email: EmailToSend;
  fromName: string;
  address: string;
  copyId: string;
  /** Present when this copy carries a pixel; the open token is the sender's, already recorded with the copy. */
  signing: { relay: RelayConfig; emailId: number; recipientId: number; openToken: string } | null;
}

function relayFor(config: RelayConfig): Relay {
  const relay = relayOf(config);
  if (!relay) throw new Error('the relay secret in Preferences cannot be read');
  return relay;
}

export function buildFromRecipe(recipe: CopyRecipe): Buffer {
  const { signing } = recipe;
  const signer = signing && copySigner(relayFor(signing.relay), signing.emailId, signing.recipientId, signing.openToken);
  return buildCopy(recipe.email, recipe.fromName, { address: recipe.address, copyId: recipe.copyId, signer, showBcc: false });
}
