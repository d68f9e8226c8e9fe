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

/** Flag name, environment variable and config key of every setting (documented in README.md). */
export const SETTINGS = [
  ['port', 'RELAY_PORT', 'port'],
  ['host', 'RELAY_HOST', 'host'],
  ['db', 'RELAY_DB', 'db'],
  ['secret', 'RELAY_SECRET', 'secret'],
  ['previous-secret', 'RELAY_PREVIOUS_SECRET', 'previousSecret'],
  ['previous-secret-grace-days', 'RELAY_PREVIOUS_SECRET_GRACE_DAYS', 'previousSecretGraceDays'],
  ['retention-days', 'RELAY_RETENTION_DAYS', 'retentionDays'],
  ['trusted-proxy', 'RELAY_TRUSTED_PROXY', 'trustedProxy'],
  ['truncate-ip', 'RELAY_TRUNCATE_IP', 'truncateIp'],
  ['max-events-per-ip-per-minute', 'RELAY_MAX_EVENTS_PER_IP_PER_MINUTE', 'maxEventsPerIpPerMinute'],
] as const;

/** Throws an Error listing every bad setting. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): RelayConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      SETTINGS.map(([name]) => [name, { type: name === 'truncate-ip' ? 'boolean' : 'string' }] as const),
    ),
    strict: true,
  });
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
