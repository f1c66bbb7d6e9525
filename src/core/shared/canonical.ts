import { createHash, hash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

/**
 * Canonical JSON: keys sorted at every level, no whitespace. Every hash in Cairn (version content,
 * revision chain, plan) is taken over this encoding, so that the same content always hashes the
 * same whatever order its keys arrived in or which database returned it.
 */
const stringify = configure({ deterministic: true, circularValue: Error, bigint: false });

export function canonicalJson(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new TypeError('value cannot be encoded as JSON');
  return text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A compact content hash (base64url of SHA-256), stored on every version row. */
export function contentHash(value: unknown): string {
  return contentHashOfText(canonicalJson(value));
}

/** contentHash of a value whose canonical JSON is already written out (ci/content-hash.ts). */
export function contentHashOfText(canonical: string): string {
  // The one-shot hash avoids a Hash object per version: imports hash every CI they read.
  return hash('sha256', canonical, 'base64url');
}
