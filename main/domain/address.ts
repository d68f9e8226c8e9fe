// Pure rules for email addresses: what we accept, and the one form we compare by.

/** The form every comparison uses (duplicates, blocked list, bounce matching). */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

// Deliberately simpler than RFC 5322: one @, a dot-atom-ish local part, a domain with a dot
// and no empty labels. Quoted local parts are legal but so rare in client mail that a typo is
// the likelier explanation.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** Why an address cannot be sent to, or null when it is well formed. */
export function addressProblem(address: string): string | null {
  const a = address.trim();
  if (a === '') return 'no address';
  if (a.length > 254) return 'address is longer than 254 characters';
  const at = a.lastIndexOf('@');
  if (at <= 0 || at === a.length - 1) return 'address needs a name, an @ and a domain';
  const local = a.slice(0, at);
  const domain = a.slice(at + 1);
  if (local.length > 64) return 'the part before @ is longer than 64 characters';
  if (!LOCAL.test(local)) return 'the part before @ has characters that are not allowed';
  const labels = domain.split('.');
  if (labels.length < 2) return 'the domain has no dot (like example.com)';
  if (!labels.every((l) => LABEL.test(l))) return 'the domain is not valid';
  return null;
}

export function isValidAddress(address: string): boolean {
  return addressProblem(address) === null;
}
