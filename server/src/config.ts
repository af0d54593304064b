/**
 * Configuration from the environment, validated once at start. A bad value stops the server at once with a
 * message that names the variable and says what it accepts (fail fast: never run half-configured).
 */
import { z } from 'zod';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const port = z.coerce.number().int().min(0).max(65535);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const Env = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default('localhost'),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, 'must be a bolt:// or neo4j:// URI (optionally +s / +ssc)')
    .optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[A-Za-z0-9.\-_]*$/, 'must be a database name')
    .default(''),
  PARLEY_NEO4J_PORT: port.default(7687),
  PARLEY_DATA_DIR: z.string().default(path.join(repoRoot, '.neo4j', 'data')),
  PARLEY_NEO4J_HEAP: z
    .string()
    .regex(/^[1-9]\d*[kmg]$/i, 'must be a size such as 512m or 1g')
    .default('1g'),
  PARLEY_NEO4J_PAGECACHE: z
    .string()
    .regex(/^[1-9]\d*[kmg]$/i, 'must be a size such as 256m or 1g')
    .default('256m'),
  PARLEY_JAVA_HOME: z.string().optional(),
  // Restarts of a local Neo4j that died, within 10 minutes, before the server gives up (0 = stop at once).
  PARLEY_NEO4J_RESTARTS: z.coerce.number().int().min(0).max(100).default(5),
  PARLEY_SEED: z.string().default(path.join(repoRoot, 'data', 'seed.json')),
  PARLEY_LOAD_SEED: bool.default(true),
  PARLEY_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
  // Accounts with roles (README "Accounts"): off by default; `on` makes every /api request but health sign in.
  PARLEY_ACCOUNTS: z
    .enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no'])
    .transform((v) => v === 'on' || v === 'true' || v === '1' || v === 'yes')
    .default(false),
  // The secret every password hash is keyed with (accounts/password.ts); created on first use, owner-only.
  PARLEY_ACCOUNTS_SECRET_FILE: z.string().default(path.join(repoRoot, '.neo4j', 'accounts.secret')),
  PARLEY_RATE_LIMIT: z.coerce.number().int().min(1).default(300),
  PARLEY_IMPORT_MAX_MB: z.coerce.number().int().min(1).max(4096).default(256),
  // Above this many entities the explorer opens on an overview (the most connected ones) instead of the whole graph.
  PARLEY_OVERVIEW_ABOVE: z.coerce.number().int().min(0).max(1_000_000).default(5_000),
  PARLEY_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  // The bulkhead (neo4j/admission.ts): how many of Parley's reads run on Neo4j at once (0 = no limit; at most the
  // pool's 50 connections), and how long a read waits for its turn before it is refused with 503 busy.
  PARLEY_DB_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(0)
    .max(50, "must be from 0 to 50 (the connection pool's size)")
    .default(2 * availableParallelism() + 2),
  PARLEY_DB_QUEUE_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  PARLEY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // The request log (server/src/logging.ts): lines per second before requests are aggregated (0 = never),
  // and a file rotated by size instead of stdout.
  PARLEY_LOG_PER_SECOND: z.coerce.number().int().min(0).default(20),
  PARLEY_LOG_FILE: z.string().optional(),
  PARLEY_LOG_MAX_SIZE: z
    .string()
    .regex(/^[1-9]\d*[kmg]$/i, 'must be a size such as 500k, 10m or 1g')
    .default('10m'),
  PARLEY_LOG_FILES: z.coerce.number().int().min(1).max(1000).default(5),
  // Host names Parley answers to (DNS rebinding): comma-separated, `*` for any. Unset = localhost, 127.0.0.1,
  // [::1] and HOST (when HOST is a name or an address other than 0.0.0.0 / ::).
  PARLEY_ALLOWED_HOSTS: z
    .string()
    .regex(/^(\*|[A-Za-z0-9.\-_:[\]]+(\s*,\s*[A-Za-z0-9.\-_:[\]]+)*)$/, 'must be `*` or comma-separated host names')
    .optional(),
  // Parley is reached over https (directly or behind a TLS proxy): turns on HSTS and upgrade-insecure-requests.
  PARLEY_HTTPS: bool.default(false),
});

export type Config = z.infer<typeof Env>;

/** The host names Parley answers to, lower-cased and without port; `null` = any. */
export function allowedHosts(config: Pick<Config, 'HOST' | 'PARLEY_ALLOWED_HOSTS'>): string[] | null {
  if (config.PARLEY_ALLOWED_HOSTS !== undefined) {
    const list = config.PARLEY_ALLOWED_HOSTS.split(',').map((h) => h.trim().toLowerCase());
    return list.includes('*') ? null : list;
  }
  const hosts = ['localhost', '127.0.0.1', '[::1]'];
  const host = config.HOST.toLowerCase();
  if (!['0.0.0.0', '::', '[::]'].includes(host) && !hosts.includes(host)) {
    hosts.push(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
  }
  return hosts;
}

/** Every environment variable Parley reads. */
export const configKeys = Object.keys(Env.shape) as (keyof Config)[];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as a shell `FOO= npm start` user means.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`parley config: invalid environment:\n${lines.join('\n')}\nSee README "Configuration".`);
  }
  if (parsed.data.PARLEY_ACCOUNTS && parsed.data.PARLEY_TOKEN) {
    throw new ConfigError(
      'parley config: PARLEY_ACCOUNTS is on and PARLEY_TOKEN is set: use one or the other (with accounts on, editors and admins sign in; unset PARLEY_TOKEN). See README "Accounts".',
    );
  }
  return parsed.data;
}
