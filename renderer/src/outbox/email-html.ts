// Pure string steps before an email's HTML is parsed in the app (see email-preview.ts).

export const isData = (url: string) => /^\s*data:/i.test(url);

/** CSS with every remote url() and @import taken out (data: images stay). Linear: split, not a backtracking regex. */
export function withoutRemoteCss(css: string): string {
  const [head, ...rest] = css.replace(/@import\b[^;]*;?/gi, '').split(/url\(/i);
  return head + rest.map((part) => {
    // An unterminated url( runs to the end, as CSS reads it.
    const end = part.includes(')') ? part.indexOf(')') : part.length;
    const url = part.slice(0, end).trim().replace(/^['"]|['"]$/g, '');
    return (isData(url) ? `url(${part.slice(0, end)})` : 'none') + part.slice(end + 1);
  }).join('');
}

/**
 * Renames every on…= attribute inside a tag to data-blocked-on…= before the HTML is parsed:
 * parsing one in the app's page reports a blocked inline handler to the console, even though
 * DOMPurify would drop it. One linear pass (no regex backtracking on hostile input).
 */
export function withoutHandlerAttributes(html: string): string {
  let out = '';
  let inTag = false;
  let quote = '';
  for (let i = 0; i < html.length; i++) {
    const c = html[i]!;
    if (quote) { if (c === quote) quote = ''; }
    else if (!inTag) { if (c === '<' && /[a-zA-Z]/.test(html[i + 1] ?? '')) inTag = true; }
    else if (c === '>') inTag = false;
    else if (c === '"' || c === "'") { if (/=\s*$/.test(html.slice(Math.max(0, i - 8), i))) quote = c; }
    else if ((c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '/' || c === '\f') && /^on[a-z]/i.test(html.slice(i + 1, i + 4))) {
      out += `${c}data-blocked-`;
      continue;
    }
    out += c;
  }
  return out;
}
