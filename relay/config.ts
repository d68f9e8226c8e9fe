// Relay configuration from command-line flags, falling back to RELAY_* environment variables.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseSecret } from './token';

const secretText = z.string().refine(
  (text) => {
    try {
      parseSecret(text);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be 32 bytes as base64url (43 characters); make one with `npm run relay:url -- --new-secret`' },
);
const count = (min: number) => z.coerce.number().int().min(min);
const flag = z
  .union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'yes', 'no', ''])])
  .transform((v) => v === true || v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  port: count(0).max(65535).default(8787),
  host: z.string().min(1).default('127.0.0.1'),
  db: z.string().min(1).default('relay.db'),
  secret: secretText,
  previousSecret: secretText.optional(),
  previousSecretGraceDays: count(0).default(30),
  retentionDays: count(1).default(30),
  trustedProxy: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((s) => s.trim()).filter((s) => s !== '')),
  truncateIp: flag.default(false),
  maxEventsPerIpPerMinute: count(0).default(600),
});

export type RelayConfig = z.output<typeof schema>;

/** Flag name, environment variable, config key and `--help` line of every setting (documented in README.md). */
export const SETTINGS = [
  ['port', 'RELAY_PORT', 'port', 'port to listen on (default 8787)'],
  ['host', 'RELAY_HOST', 'host', 'address to listen on (default 127.0.0.1; 0.0.0.0 to listen publicly)'],
  ['db', 'RELAY_DB', 'db', 'SQLite database file (default relay.db)'],
  ['secret', 'RELAY_SECRET', 'secret', 'signing secret, required (prefer the variable: flags show in ps)'],
  ['previous-secret', 'RELAY_PREVIOUS_SECRET', 'previousSecret', 'the secret before a rotation (default none)'],
  ['previous-secret-grace-days', 'RELAY_PREVIOUS_SECRET_GRACE_DAYS', 'previousSecretGraceDays', 'days its tokens stay valid (default 30)'],
  ['retention-days', 'RELAY_RETENTION_DAYS', 'retentionDays', 'days events are kept (default 30)'],
  ['trusted-proxy', 'RELAY_TRUSTED_PROXY', 'trustedProxy', 'comma-separated IPs or CIDRs whose X-Forwarded-For is read (default none)'],
  ['truncate-ip', 'RELAY_TRUNCATE_IP', 'truncateIp', 'store client IPs cut to /24 or /48 (default off)'],
  ['max-events-per-ip-per-minute', 'RELAY_MAX_EVENTS_PER_IP_PER_MINUTE', 'maxEventsPerIpPerMinute', 'recorded events per client and minute, 0 = no cap (default 600)'],
] as const;

/** What `npm run relay -- --help` prints. */
export function usage(): string {
  const lines = SETTINGS.map(([name, envName, , help]) => {
    const value = name === 'truncate-ip' ? '' : ' <value>';
    return `  --${name}${value}\n      ${envName}: ${help}`;
  });
  return [
    'usage: npm run relay -- [flags]      (or: node relay.cjs [flags])',
    '',
    'Serves the open pixel, the click redirect and the event feed of Outpost.',
    'Each flag falls back to its environment variable when absent.',
    '',
    ...lines,
    '  -h, --help',
    '      print this and exit',
    '',
  ].join('\n');
}

/** True when the command line asks for the usage (before any validation). */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** Throws an Error listing every bad setting. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): RelayConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        SETTINGS.map(([name]) => [name, { type: name === 'truncate-ip' ? 'boolean' : 'string' }] as const),
      ),
      strict: true,
    }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nsee the flags with --help`);
  }
  const raw: Record<string, unknown> = {};
  for (const [name, envName, key] of SETTINGS) {
    const value = values[name] ?? env[envName];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${String(i.path[0] ?? '')}: ${i.message}`);
    throw new Error(`bad relay configuration:\n${problems.join('\n')}`);
  }
  return parsed.data;
}
