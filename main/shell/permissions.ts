// Which web permissions the renderer gets: none that Outpost does not use. The UI needs no
// camera, microphone, location, notifications, MIDI, HID, serial, USB, clipboard reading,
// fullscreen, pointer lock or clipboard access; any request or check for them (or from another origin, such as
// the email preview's opaque srcdoc frame) is refused. Pure; electron-main.ts wires it into the
// session's request and check handlers.
import { isAppUrl } from './app-protocol';

/**
 * Permissions the app's own pages may have: none today. A feature that needs one adds it here,
 * and it is then granted to the app origin (app://outpost) only.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

/** Whether `permission`, asked for by a page at `origin` (URL or origin), is granted. */
export function allowPermission(permission: string, origin: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(origin);
}
