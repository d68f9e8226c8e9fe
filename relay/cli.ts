// `npm run relay`: runs the relay with flags or RELAY_* environment variables (see README.md).
// Bundled (dist/relay/relay.cjs) this file is also the checkpoint thread's entry.
import { loadConfig, usage, wantsHelp } from './config';
import { startRelay } from './relay';
import { isCheckpointerThread, runCheckpointerThread } from './checkpointer';

async function main(): Promise<void> {
  if (wantsHelp(process.argv.slice(2))) {
    process.stdout.write(usage());
    return;
  }
  const config = loadConfig(process.argv.slice(2), process.env);
  const relay = await startRelay(config);
  console.log(`outpost relay listening on ${relay.url} (database ${config.db})`);
  void relay.failed.then((error) => {
    console.error(`outpost relay: cannot record events any more: ${error.message}`);
    process.exit(1);
  });
  const stop = (signal: string) => {
    console.log(`outpost relay: ${signal}, closing`);
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (isCheckpointerThread()) {
  runCheckpointerThread();
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
