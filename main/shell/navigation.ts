// No frame of the app ever navigates: the UI routes by its URL hash (no navigation), and the
// email preview is an inline srcdoc frame. Any attempt to load another page, in the window or in
// any subframe (a link in an email, a meta refresh, a drag-and-dropped file), is refused. Pure;
// electron-main.ts wires it into will-frame-navigate, will-navigate, will-redirect and
// setWindowOpenHandler.

/** The only loads allowed in a subframe: the inline preview document the app itself writes. */
const INLINE_FRAME_URLS = new Set(['about:srcdoc', 'about:blank']);

/** Whether a frame may navigate to `url`. The main frame: never. A subframe: only to its inline document. */
export function allowNavigation(url: string, isMainFrame: boolean): boolean {
  return !isMainFrame && INLINE_FRAME_URLS.has(url);
}

const MAX_EXTERNAL_URL = 2048;

/**
 * window.open and target=_blank links never open an Electron window. A web link (http or https,
 * e.g. a clicked link in an email's event list) is handed to the user's browser instead.
 */
export function windowOpenPolicy(url: string): { action: 'deny'; openExternally: boolean } {
  let external = false;
  if (url.length <= MAX_EXTERNAL_URL) {
    try {
      const parsed = new URL(url);
      external = (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '';
    } catch {
      external = false;
    }
  }
  return { action: 'deny', openExternally: external };
}
