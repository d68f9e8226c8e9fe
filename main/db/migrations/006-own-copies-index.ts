// The user's own copies still to go (BCC-myself, the Sent folder): the sender looks for them at
// every start, which walked every email ever sent. A partial index holds only those few; its
// WHERE is repeated by each query that should use it (OWN_PENDING in send/outbox-store.ts).
export const sql = /* sql */ `
CREATE INDEX emails_own_copies ON emails(id)
  WHERE bcc_self_state IN ('queued', 'sending') OR sent_folder_state IN ('queued', 'sending');
`;
