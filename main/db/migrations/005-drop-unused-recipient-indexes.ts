// Two indexes of the first schema that no query reads: recipients by address (bounces and events
// find their copy by copy id, token or email) and the failed copies by time (the Outbox filters
// emails, not recipients). Every queued recipient paid to write them, and every answer to move
// them; an index comes back with the query that needs it.
export const sql = /* sql */ `
DROP INDEX recipients_by_address;
DROP INDEX recipients_failed;
`;
