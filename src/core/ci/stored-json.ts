import type { CiVersion } from './ci.types.js';

/**
 * The JSON texts a CI version's attributes and labels were read from, as the store keeps them
 * (`JSON.stringify` of the values written). A face that answers with the version can put them
 * into its answer as they are instead of parsing and writing them again: a third of the CPU
 * Cairn's own code spent on `GET /api/v1/cis/{class}/{name}` (issue 14).
 */
export interface StoredJson {
  attributes: string;
  labels: string;
}

/**
 * Kept beside the version object, not on it: a copy made by spreading (`{ ...ci, attributes }`)
 * must not carry texts that no longer describe it. Weak, so a version nobody holds is let go.
 */
const texts = new WeakMap<CiVersion, StoredJson>();

/** Called by the store for a version it has just read whose JSON it holds as text. */
export function rememberStoredJson(ci: CiVersion, json: StoredJson): void {
  texts.set(ci, json);
}

/** Called when a version's attributes or labels are given new values: its texts are stale. */
export function forgetStoredJson(ci: CiVersion): void {
  texts.delete(ci);
}

/**
 * The texts `ci` was read from, or undefined (read from PostgreSQL, whose driver parses jsonb;
 * built in memory; given new attributes or labels). Valid while the caller has not changed the
 * parsed values in place, as a read that only answers with them does not.
 */
export function storedJsonOf(ci: CiVersion): StoredJson | undefined {
  return texts.get(ci);
}
