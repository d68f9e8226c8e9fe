import { spawn } from 'node:child_process';

/** Best effort: a machine without a desktop simply keeps the printed URL. */
export function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]]
    : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]]
    : process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? ['xdg-open', [url]]
    : [null, []];
  if (!cmd) return;
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}
