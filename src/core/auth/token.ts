import { hash, randomBytes } from 'node:crypto';
import { parseRealTime } from '../shared/calendar.js';

/**
 * API tokens and session secrets. A token reads `cairn_<id>_<secret>`: the id names it in lists
 * and logs, the secret is 32 random bytes. Only the SHA-256 of the whole token is stored, so a
 * leaked database does not leak usable tokens; a fast hash is right here because the secret
 * has 256 bits of entropy (passwords, which have little, use argon2id).
 */
export const TOKEN_PREFIX = 'cairn_';

export function newTokenId(): string {
  return randomBytes(6).toString('hex');
}

export function newToken(id: string = newTokenId()): { id: string; token: string } {
  return { id, token: `${TOKEN_PREFIX}${id}_${randomBytes(32).toString('base64url')}` };
}

export function looksLikeToken(value: string): boolean {
  return /^cairn_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/.test(value);
}

/**
 * One-shot: every authenticated request hashes its token to find it in the credential cache, and a
 * Hash object per call cost 4.7 µs of a GET's CPU where this costs about 1 (issue 14).
 */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

/** A random opaque value: session ids, CSRF tokens, webhook secrets. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Compares two secrets in constant time: every code unit is looked at, whatever differs, so the
 * time tells only the length (as timingSafeEqual's does). Compared as the strings' own UTF-16
 * code units rather than through two UTF-8 buffers and timingSafeEqual: the auth hook compares
 * the credential header of every request on a kept-alive connection, and the two buffers cost
 * 1 µs of a GET's CPU (issue 14); the buffers also turned every lone surrogate into the same
 * U+FFFD, so two different ones compared equal.
 */
export function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The latest expiry a token may have. Times are stored and compared as ISO text, which sorts
 * correctly only up to year 9999 (later years are written `+010000-…`), and a Date cannot go
 * much beyond; a lifetime past this is refused rather than failing (or wrapping) later.
 */
const LATEST_EXPIRY_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Parses a token lifetime: `30d`, `12h`, `90m`, `never`, or an ISO time. Returns the expiry as
 * ISO text, or null for a token that never expires; undefined when it is malformed, past, or
 * later than year 9999.
 */
export function parseExpiry(text: string, now: Date): string | null | undefined {
  if (text === 'never') return null;
  const m = /^(\d+)([mhdw])$/.exec(text);
  let t = Number.NaN;
  if (m) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2] as 'm' | 'h' | 'd' | 'w'];
    t = now.getTime() + Number(m[1]) * unit;
  } else if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    t = parseRealTime(text);
  }
  if (!Number.isFinite(t) || t <= now.getTime() || t > LATEST_EXPIRY_MS) return undefined;
  return new Date(t).toISOString();
}
