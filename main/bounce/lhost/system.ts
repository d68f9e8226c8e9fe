// What a mail system module provides. Each file in lhost/ describes one system by the
// structure its reports always have, where its per-recipient text sits, and its own phrases.
import type { Mail } from '../mail';
import type { ReasonRule } from '../reasons/rule';

/** One recipient as read from report text: address and the lines that talk about it. */
export interface TextRecipient {
  address: string;
  text: string;
  /** Set by systems that state these directly (e.g. JSON notifications). */
  status?: string;
  action?: string;
  host?: string;
}

export interface MailSystem {
  name: string;
  /** True when the message has this system's structural signature. */
  detect(mail: Mail): boolean;
  /**
   * The signature is in headers only a mail system writes, so it holds even when the message
   * does not otherwise look like a report (no daemon sender, ordinary subject).
   */
  headerSignature?: boolean;
  /** Text after which the per-recipient section starts (first match). */
  start?: RegExp;
  /** Text where the returned original message starts. */
  end?: RegExp;
  /** A reason the system states for every recipient in a header of its own, or ''. */
  named?(mail: Mail): string;
  /** Phrases this system uses for a reason, tried before the common tables. */
  rules?: readonly ReasonRule[];
  /** Systems whose report is not plain text blocks read it themselves. */
  read?(mail: Mail): TextRecipient[] | null;
}

/** Header-or-body test helpers shared by the modules. */
export const has = {
  header: (mail: Mail, name: string, re?: RegExp): boolean =>
    re ? mail.headers.all(name).some((v) => re.test(v)) : mail.headers.has(name),
  received: (mail: Mail, re: RegExp): boolean => mail.headers.all('received').some((v) => re.test(v)),
  /** Any of these lower-case phrases in the head of the text (a plain search, the fastest test). */
  phrase: (mail: Mail, ...phrases: string[]): boolean => {
    for (const p of phrases) if (mail.headLower.includes(p)) return true;
    return false;
  },
};
