import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseClaimMapping, type ClaimMapping } from './core/auth/claim-mapping.js';

/**
 * The one place that reads process.env. Flags override these; these override the defaults.
 */
export interface CairnConfig {
  /** `--db`: a SQLite file path or a postgres:// URL. */
  db: string;
  /** `--author`: who revisions are attributed to when not given. */
  author?: string;
  /** `--server` (env CAIRN_SERVER): run CLI commands against this Cairn server instead of a database. */
  server?: string;
  /** CAIRN_TOKEN: the API token the CLI sends in remote mode. */
  token?: string;
  /** CAIRN_ADMIN_PASSWORD: the password `cairn init` gives the first admin (generated when absent). */
  adminPassword?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CairnConfig {
  const value = (name: string) => (env[name] && env[name] !== '' ? env[name] : undefined);
  return {
    db: value('CAIRN_DB') ?? './cairn.db',
    author: value('CAIRN_AUTHOR'),
    server: value('CAIRN_SERVER'),
    token: value('CAIRN_TOKEN'),
    adminPassword: value('CAIRN_ADMIN_PASSWORD'),
  };
}

/** Settings of `cairn serve`. */
export interface ServerConfig {
  db: string;
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Mark cookies Secure: 'auto' when the request came over https (behind a proxy: set trustProxy). */
  secureCookies: 'auto' | boolean;
  trustProxy: boolean;
  /** How long shutdown waits for requests in flight before giving up. */
  shutdownTimeoutMs: number;
  /** Load the sample estate into an empty database. */
  demo: boolean;
  /** How often each process polls the job queue. */
  jobPollMs: number;
  /** The Ed25519 private key (PEM file) that signs scheduled anchors; absent: no scheduled anchoring. */
  anchorKey?: string;
  /** Where scheduled anchors go: file paths (JSON lines appended) and/or http(s) URLs. */
  anchorTo?: string[];
  /** Seconds between scheduled anchors (and one at start); 0 turns them off. */
  anchorIntervalS?: number;
  /** Sign-in with a password kept by Cairn (POST /session; absent: on); false leaves single sign-on only. */
  localLogin?: boolean;
  /** Single sign-on with an OpenID Connect provider (docs/sso.md); absent: passwords only. */
  sso?: SsoSettings;
}

/** The OpenID Connect provider users sign in at, and how its claims map to Cairn. */
export interface SsoSettings {
  /** Shown on the login page: "Sign in with <name>". */
  name: string;
  /** The issuer URL; its /.well-known/openid-configuration is read at the first sign-in. */
  issuer: string;
  clientId: string;
  /** Absent: a public client, authenticated by PKCE alone. */
  clientSecret?: string;
  /** The callback URL registered at the provider; default: this server's own, as the browser reached it. */
  redirectUrl?: string;
  scopes: string[];
  mapping: ClaimMapping;
}

/** Every bad setting, each named with where it came from; thrown before anything starts. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

type Raw = Record<string, unknown>;
const KEYS: Record<keyof ServerConfig, string> = {
  db: 'CAIRN_DB',
  port: 'CAIRN_PORT',
  host: 'CAIRN_HOST',
  logLevel: 'CAIRN_LOG_LEVEL',
  secureCookies: 'CAIRN_SECURE_COOKIES',
  trustProxy: 'CAIRN_TRUST_PROXY',
  shutdownTimeoutMs: 'CAIRN_SHUTDOWN_TIMEOUT_MS',
  demo: 'CAIRN_DEMO',
  jobPollMs: 'CAIRN_JOB_POLL_MS',
  anchorKey: 'CAIRN_ANCHOR_KEY',
  anchorTo: 'CAIRN_ANCHOR_TO',
  anchorIntervalS: 'CAIRN_ANCHOR_INTERVAL_S',
  localLogin: 'CAIRN_LOCAL_LOGIN',
  sso: 'CAIRN_SSO_*',
};

/**
 * Server settings from flags, then CAIRN_* environment variables, then the config file (YAML or
 * JSON: the same keys as ServerConfig, at the top level or under `server:`), then defaults.
 */
export function loadServerConfig(flags: Raw, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const configPath = typeof flags.config === 'string' ? flags.config : env.CAIRN_CONFIG;
  const problems: string[] = [];
  const file = configPath !== undefined && configPath !== '' ? readConfigFile(configPath, problems) : {};
  const pick = (key: keyof ServerConfig): { value: unknown; from: string } | undefined => {
    if (flags[key] !== undefined)
      return { value: flags[key], from: `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` };
    const e = env[KEYS[key]];
    if (e !== undefined && e !== '') return { value: e, from: KEYS[key] };
    if (file[key] !== undefined) return { value: file[key], from: `${configPath}: ${key}` };
    return undefined;
  };
  const read = <T>(
    key: keyof ServerConfig,
    fallback: T,
    convert: (v: unknown) => T | undefined,
    expected: string,
  ): T => {
    const found = pick(key);
    if (!found) return fallback;
    const v = convert(found.value);
    if (v === undefined) problems.push(`${found.from}: ${JSON.stringify(found.value)} is not ${expected}`);
    return v ?? fallback;
  };
  const config: ServerConfig = {
    db: read(
      'db',
      './cairn.db',
      (v) => (typeof v === 'string' && v !== '' ? v : undefined),
      'a database path or postgres:// URL',
    ),
    port: read('port', 4000, (v) => int(v, 0, 65535), 'a port number (0-65535)'),
    host: read(
      'host',
      '127.0.0.1',
      (v) => (typeof v === 'string' && /^[A-Za-z0-9.:[\]-]+$/.test(v) ? v : undefined),
      'a host name or address',
    ),
    logLevel: read(
      'logLevel',
      'info',
      (v) =>
        typeof v === 'string' && ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(v)
          ? (v as ServerConfig['logLevel'])
          : undefined,
      'one of fatal, error, warn, info, debug, trace, silent',
    ),
    secureCookies: read('secureCookies', 'auto', (v) => (v === 'auto' ? 'auto' : bool(v)), 'auto, true or false'),
    trustProxy: read('trustProxy', false, bool, 'true or false'),
    shutdownTimeoutMs: read(
      'shutdownTimeoutMs',
      10_000,
      (v) => int(v, 0, 600_000),
      'a number of milliseconds up to 600000',
    ),
    demo: read('demo', false, bool, 'true or false'),
    jobPollMs: read('jobPollMs', 1000, (v) => int(v, 10, 60_000), 'a number of milliseconds from 10 to 60000'),
    ...anchorSettings(read, problems),
    localLogin: read('localLogin', true, bool, 'true or false'),
    sso: ssoSettings(file.sso, env, problems, configPath),
  };
  if (!config.localLogin && !config.sso)
    problems.push('localLogin is false but single sign-on is not configured (CAIRN_SSO_ISSUER): nobody could sign in');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * Scheduled anchoring, on by default once a key is given: every hour, to the targets given
 * (a comma-separated list in the environment). A key without a target is an error.
 */
function anchorSettings(
  read: <T>(key: keyof ServerConfig, fallback: T, convert: (v: unknown) => T | undefined, expected: string) => T,
  problems: string[],
): Pick<ServerConfig, 'anchorKey' | 'anchorTo' | 'anchorIntervalS'> {
  const anchorKey = read<string | undefined>(
    'anchorKey',
    undefined,
    (v) => (typeof v === 'string' && v !== '' ? v : undefined),
    'a key file path',
  );
  if (anchorKey === undefined) return {};
  const anchorTo = read<string[]>(
    'anchorTo',
    [],
    (v) => {
      const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : undefined;
      const items = list?.map((x) => (typeof x === 'string' ? x.trim() : '')).filter((x) => x !== '');
      return items && items.length > 0 ? items : undefined;
    },
    'a file path or http(s) URL (several: comma-separated)',
  );
  if (anchorTo.length === 0) problems.push('anchorKey is set but anchorTo (CAIRN_ANCHOR_TO) names no file or URL');
  const anchorIntervalS = read('anchorIntervalS', 3600, (v) => int(v, 0, 604_800), 'a number of seconds up to 604800');
  return { anchorKey, anchorTo, anchorIntervalS };
}

const SSO_ENV = {
  name: 'CAIRN_SSO_NAME',
  issuer: 'CAIRN_SSO_ISSUER',
  clientId: 'CAIRN_SSO_CLIENT_ID',
  clientSecret: 'CAIRN_SSO_CLIENT_SECRET',
  redirectUrl: 'CAIRN_SSO_REDIRECT_URL',
  scopes: 'CAIRN_SSO_SCOPES',
} as const;
const SSO_FILE_KEYS = [...Object.keys(SSO_ENV), 'usernameClaim', 'defaultRoles', 'map'];

/**
 * Single sign-on: on when an issuer is given (CAIRN_SSO_ISSUER or `sso.issuer` in the config
 * file). The environment overrides the file key by key; the claim mapping is read from the file
 * only (it is a list of rules).
 */
function ssoSettings(
  section: unknown,
  env: NodeJS.ProcessEnv,
  problems: string[],
  configPath: string | undefined,
): SsoSettings | undefined {
  const file = typeof section === 'object' && section !== null && !Array.isArray(section) ? (section as Raw) : {};
  if (section !== undefined && section !== file) problems.push(`${configPath}: sso must be a mapping of settings`);
  const unknown = Object.keys(file).filter((k) => !SSO_FILE_KEYS.includes(k));
  if (unknown.length > 0)
    problems.push(`${configPath}: unknown setting sso.${unknown.join(', sso.')} (known: ${SSO_FILE_KEYS.join(', ')})`);
  const text = (key: keyof typeof SSO_ENV): string | undefined => {
    const e = env[SSO_ENV[key]];
    if (e !== undefined && e !== '') return e;
    const v = file[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    problems.push(`${configPath}: sso.${key} must be a non-empty string`);
    return undefined;
  };
  const issuer = text('issuer');
  if (issuer === undefined) {
    if (Object.keys(file).length > 0 || env.CAIRN_SSO_CLIENT_ID)
      problems.push('single sign-on needs the issuer URL (CAIRN_SSO_ISSUER or sso.issuer)');
    return undefined;
  }
  const from = (key: keyof typeof SSO_ENV) => (env[SSO_ENV[key]] ? SSO_ENV[key] : `sso.${key}`);
  if (!isHttpUrl(issuer)) problems.push(`${from('issuer')}: "${issuer}" is not an http(s) URL`);
  const clientId = text('clientId');
  if (clientId === undefined) problems.push('single sign-on needs the client id (CAIRN_SSO_CLIENT_ID or sso.clientId)');
  const redirectUrl = text('redirectUrl');
  if (redirectUrl !== undefined && !isHttpUrl(redirectUrl))
    problems.push(`${from('redirectUrl')}: "${redirectUrl}" is not an http(s) URL`);
  const rawScopes = env[SSO_ENV.scopes] ? env[SSO_ENV.scopes]!.split(/[\s,]+/) : file.scopes;
  const scopes =
    rawScopes === undefined
      ? ['openid', 'profile', 'email']
      : Array.isArray(rawScopes) && rawScopes.every((s) => typeof s === 'string')
        ? rawScopes.filter((s) => s !== '')
        : (problems.push(`${from('scopes')}: must be a list of scope names`), []);
  if (scopes.length > 0 && !scopes.includes('openid')) scopes.unshift('openid');
  const { mapping, problems: mappingProblems } = parseClaimMapping(file, 'sso');
  problems.push(...mappingProblems.map((p) => `${configPath}: ${p}`));
  return {
    name: text('name') ?? 'single sign-on',
    issuer,
    clientId: clientId ?? '',
    ...(text('clientSecret') !== undefined ? { clientSecret: text('clientSecret') } : {}),
    ...(redirectUrl !== undefined ? { redirectUrl } : {}),
    scopes,
    mapping,
  };
}

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function readConfigFile(path: string, problems: string[]): Raw {
  try {
    const doc: unknown = parseYaml(readFileSync(path, 'utf8'));
    if (doc === null || doc === undefined) return {};
    if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error('it must hold a mapping of settings');
    const raw = doc as Raw;
    const section = typeof raw.server === 'object' && raw.server !== null ? { ...raw, ...(raw.server as Raw) } : raw;
    const unknown = Object.keys(section).filter((k) => k !== 'server' && !(k in KEYS));
    if (unknown.length > 0)
      problems.push(`${path}: unknown setting ${unknown.join(', ')} (known: ${Object.keys(KEYS).join(', ')})`);
    return section;
  } catch (e) {
    problems.push(`${path}: cannot be read: ${(e as Error).message.split('\n')[0]}`);
    return {};
  }
}

function int(v: unknown, min: number, max: number): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === '1' || v === 'yes') return true;
  if (v === 'false' || v === '0' || v === 'no') return false;
  return undefined;
}

/** Where notifications are sent from and link to (docs/notifications.md). */
export interface NotifyConfig {
  /** CAIRN_SMTP_URL: `smtp://user:password@host:587` or `smtps://…`; absent: no email is sent. */
  smtpUrl?: string;
  /** CAIRN_MAIL_FROM: the sender, e.g. `Cairn <cairn@example.org>`. */
  mailFrom: string;
  /** CAIRN_PUBLIC_URL: the web UI's address as people reach it, for links in emails and chat. */
  publicUrl: string;
  /** CAIRN_DIGEST_HOUR: the UTC hour (0–23) at which daily digests go out. */
  digestHour: number;
}

/** Notification settings from the environment; a bad value is a ConfigError naming it. */
export function loadNotifyConfig(env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const value = (name: string) => (env[name] && env[name] !== '' ? env[name] : undefined);
  const problems: string[] = [];
  const smtpUrl = value('CAIRN_SMTP_URL');
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/]/.test(smtpUrl))
    problems.push(`CAIRN_SMTP_URL: ${JSON.stringify(smtpUrl)} is not an smtp:// or smtps:// URL`);
  const publicUrl = value('CAIRN_PUBLIC_URL') ?? 'http://localhost:4000';
  if (!/^https?:\/\/[^/]/.test(publicUrl))
    problems.push(`CAIRN_PUBLIC_URL: ${JSON.stringify(publicUrl)} is not an http(s) URL`);
  const hour = value('CAIRN_DIGEST_HOUR');
  const digestHour = hour === undefined ? 7 : int(hour, 0, 23);
  if (digestHour === undefined) problems.push(`CAIRN_DIGEST_HOUR: ${JSON.stringify(hour)} is not an hour from 0 to 23`);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...(smtpUrl ? { smtpUrl } : {}),
    mailFrom: value('CAIRN_MAIL_FROM') ?? 'Cairn <cairn@localhost>',
    publicUrl,
    digestHour: digestHour ?? 7,
  };
}
