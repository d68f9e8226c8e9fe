// Spreadsheet apps run a cell that starts with one of these as a formula (CSV injection). OWASP's
// advice: prefix a single quote, which the app shows as text and does not run.
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** The cell as text that no spreadsheet app runs. */
export function neutralise(cell: string): string {
  return TRIGGERS.has(cell.charAt(0)) ? `'${cell}` : cell;
}
