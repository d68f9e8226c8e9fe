// A plain-text email sent tracked needs an HTML part to carry the pixel: this is that part,
// kept as plain as the text (paragraphs, line breaks, clickable URLs). Pure.
import { escapeHtml } from './html-tokens';

// A URL runs to whitespace or a character that cannot end one in prose; linear (no nesting).
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/gi;
// Punctuation that ends a sentence rather than the URL ("see https://x.test/a.").
const SENTENCE_END = '.,;:!?';

function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0 && SENTENCE_END.includes(url[end - 1]!)) end--;
  // "(see https://x.test/a)": the parenthesis is the prose's unless the URL opened one.
  if (url[end - 1] === ')' && !url.slice(0, end).includes('(')) end--;
  while (end > 0 && SENTENCE_END.includes(url[end - 1]!)) end--;
  return url.slice(0, end);
}

function linkify(line: string): string {
  let out = '';
  let at = 0;
  for (const match of line.matchAll(URL_IN_TEXT)) {
    const url = trimUrl(match[0]);
    const start = match.index;
    out += escapeHtml(line.slice(at, start)) + `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    at = start + url.length;
  }
  return out + escapeHtml(line.slice(at));
}

/** Paragraphs at blank lines, <br> at single line breaks, URLs as links, everything escaped. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    // Unambiguous repetition ([ \t]* cannot match \n), so no backtracking blow-up.
    .split(/\n(?:[ \t]*\n)+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const body = paragraphs.map((p) => `<p>${p.split('\n').map(linkify).join('<br>\n')}</p>`).join('\n');
  return `<!doctype html>\n<html><head><meta charset="utf-8"></head><body style="font-family:sans-serif;line-height:1.5">\n${body}\n</body></html>\n`;
}
