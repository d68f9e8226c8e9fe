/**
 * The last line of defence of a long-running app: a promise rejection nobody handled is a bug
 * to log, not a reason to end the process (Node's default) and drop every open conversation.
 */
export function keepRunningOnRejection(log: { error(message: string, err: unknown): void } = console): void {
  process.on('unhandledRejection', (reason) => {
    log.error('Outpost: a background task failed without being handled (the app keeps running):', reason);
  });
}
