// The per-recipient HTML transform: signed click links and the open pixel. Pure: the caller
// passes the signing functions (relay/token.ts bound to this copy's ids).
import { redirectTarget } from '../../relay/token';
import { escapeHtml, tags, type Tag } from './html-tokens';

export type TrackingMode = 'off' | 'opens' | 'opens_clicks';

export interface CopySigner {
  /** The relay's base URL: links already pointing there are never wrapped again. */
  relayUrl: string;
  pixelUrl(): string;
  clickUrl(linkIndex: number, target: string): string;
}

interface LinkSpot {
  /** Offsets of the href value as written. */
  start: number;
  end: number;
  target: string;
}

const LINK_TAGS = new Set(['a', 'area']);

/**
 * The trackable links in document order: absolute http(s) hrefs of <a> and <area> (relative ones
 * resolved against <base href> when there is one), minus the relay's own URLs. mailto:, tel:,
 * anchors and anything unsignable stay as they are. A link's position here is its link index,
 * so extractLinks and instrument must share this walk. The same walk finds where the last
 * </body> starts (-1 when there is none): the pixel goes there, with no second pass.
 */
function linkSpots(html: string, relayUrl: string): { spots: LinkSpot[]; bodyEnd: number } {
  const spots: LinkSpot[] = [];
  let base: string | null = null;
  let bodyEnd = -1;
  const relay = relayUrl.replace(/\/+$/, '');
  for (const tag of tags(html)) {
    if (tag.kind === 'end' && tag.name === 'body') bodyEnd = tag.start;
    if (tag.kind !== 'start') continue;
    if (tag.name === 'base' && base === null) base = hrefOf(tag)?.value.trim() || null;
    if (!LINK_TAGS.has(tag.name)) continue;
    const href = hrefOf(tag);
    if (!href) continue;
    const target = absoluteTarget(href.value.trim(), base);
    if (target === null || (relay !== '' && (target === relay || target.startsWith(`${relay}/`)))) continue;
    spots.push({ start: href.start, end: href.end, target });
  }
  return { spots, bodyEnd };
}

const hrefOf = (tag: Tag) => tag.attributes.find((a) => a.name === 'href');

function absoluteTarget(href: string, base: string | null): string | null {
  if (href === '' || href.startsWith('#')) return null;
  if (/^https?:\/\//i.test(href)) return redirectTarget(href) === null ? null : href;
  if (base === null || /^[a-z][a-z0-9+.-]*:/i.test(href)) return null; // mailto:, tel:, javascript:, ...
  try {
    const resolved = new URL(href, base).href;
    return redirectTarget(resolved) === null ? null : resolved;
  } catch {
    return null;
  }
}

/** The ordered click targets stored in emails.links: a click event's link index points here. */
export function extractLinks(html: string, relayUrl = ''): string[] {
  return linkSpots(html, relayUrl).spots.map((s) => s.target);
}

/** The 1×1 open pixel, styled so no mail program gives it room. */
export function pixelTag(url: string): string {
  return `<img src="${escapeHtml(url)}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px;max-height:1px;overflow:hidden">`;
}

/**
 * This recipient's HTML: with mode opens_clicks every trackable link points to its signed click
 * URL (the link text and every other byte untouched); with opens or opens_clicks a pixel sits
 * before the last </body>, or at the end when there is none. Mode off returns the HTML as is.
 */
export function instrument(html: string, mode: TrackingMode, signer: CopySigner): string {
  if (mode === 'off') return html;
  const parts: string[] = [];
  let at = 0;
  const { spots, bodyEnd } = linkSpots(html, signer.relayUrl);
  if (mode === 'opens_clicks') {
    spots.forEach((spot, index) => {
      parts.push(html.slice(at, spot.start), escapeHtml(signer.clickUrl(index, spot.target)));
      at = spot.end;
    });
  }
  const pixel = pixelTag(signer.pixelUrl());
  if (bodyEnd >= at) {
    parts.push(html.slice(at, bodyEnd), pixel, html.slice(bodyEnd));
  } else {
    parts.push(html.slice(at), pixel);
  }
  return parts.join('');
}
