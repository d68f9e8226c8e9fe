import DOMPurify from 'dompurify';
import type { EmailDetails } from '../../../main/api/contract';
import { isData, withoutHandlerAttributes, withoutRemoteCss } from './email-html';

// The email as it looks, in a sandboxed srcdoc frame (no scripts, opaque origin) whose own
// policy lets only inline styles and data: images in. A srcdoc frame also inherits the app's
// policy, so the app allows inline styles too (host/csp.ts); nothing remote is ever fetched:
// remote addresses are taken out here first, so no load is even attempted and blocked (which
// would log a console error per image).
export const FRAME_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

// Attributes that make the browser fetch something (links only navigate, on a click).
const FETCHING = new Set(['src', 'srcset', 'background', 'poster', 'data', 'xlink:href', 'action', 'formaction', 'lowsrc', 'dynsrc']);
const LINKING = new Set(['A', 'AREA']);

const purify = DOMPurify();
purify.addHook('uponSanitizeAttribute', (node, data) => {
  const name = data.attrName;
  if (name === 'style') data.attrValue = withoutRemoteCss(data.attrValue);
  else if (FETCHING.has(name) || (name === 'href' && !LINKING.has(node.nodeName))) {
    if (!isData(data.attrValue)) data.keepAttr = false;
  }
});
purify.addHook('uponSanitizeElement', (node, data) => {
  if (data.tagName === 'style') node.textContent = withoutRemoteCss(node.textContent ?? '');
});

/** The frame's whole document: the email's HTML made safe, or its text. */
export function previewDoc(e: EmailDetails['email']): string {
  const body = e.bodyHtml !== null
    // FORCE_BODY keeps the email's leading <style> blocks, which would otherwise land in a head and be dropped.
    ? purify.sanitize(withoutHandlerAttributes(e.bodyHtml), { FORCE_BODY: true, FORBID_TAGS: ['link', 'meta', 'base'] })
    : `<pre style="white-space:pre-wrap;font:inherit">${(e.bodyText ?? '').replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>`;
  return `<!doctype html><meta http-equiv="Content-Security-Policy" content="${FRAME_POLICY}"><body style="font:14px system-ui;margin:8px">${body}</body>`;
}
