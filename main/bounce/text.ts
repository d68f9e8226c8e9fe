// Whitespace folding shared by every reader of report text.

// Only runs that are not a single plain space need replacing: a plain /\s+/g would rewrite
// every single space of the text as well (most of its matches), at twice the cost.
const LOOSE_SPACE = /[^\S ]\s*| \s+/g;

/** Every run of white space as one space, trimmed. */
export function squeeze(s: string): string {
  return s.replace(LOOSE_SPACE, ' ').trim();
}
