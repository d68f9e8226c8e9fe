// Whitespace folding shared by every reader of report text.

// Only runs of two or more, or a single tab or line break, need replacing: a plain /\s+/g would
// rewrite every single space of the text as well (most of its matches), at twice the cost.
const LOOSE_SPACE = /\s{2,}|[^\S ]/g;

/** Every run of white space as one space, trimmed. */
export function squeeze(s: string): string {
  return s.replace(LOOSE_SPACE, ' ').trim();
}
