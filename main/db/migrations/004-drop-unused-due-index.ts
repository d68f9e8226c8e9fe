// The first schema found due copies by status and next_attempt_at; since 002 the outbox finds
// them through recipients_outbox (send_state, next_attempt_at). Nothing reads recipients_due, and
// every queued recipient paid to write it and again to leave it.
export const sql = /* sql */ `
DROP INDEX recipients_due;
`;
