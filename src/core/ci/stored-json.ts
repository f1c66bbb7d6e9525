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
 * The key a version offers its texts under. Never an own enumerable property: a copy made by
 * spreading (`{ ...ci, attributes }`) must not carry texts that no longer describe it. The
 * store's versions answer it from their prototype (and stop once given new attributes or
 * labels); `rememberStoredJson` sets it as a hidden property of a version built in memory.
 */
export const STORED_JSON = Symbol('stored JSON texts');

/** Offers `json` as the texts of `ci`, a version built in memory. */
export function rememberStoredJson(ci: CiVersion, json: StoredJson): void {
  Object.defineProperty(ci, STORED_JSON, { value: json, configurable: true });
}

/**
 * The texts `ci` was read from, or undefined (read from PostgreSQL, whose driver parses jsonb;
 * built in memory; given new attributes or labels). Valid while the caller has not changed the
 * parsed values in place, as a read that only answers with them does not.
 */
export function storedJsonOf(ci: CiVersion): StoredJson | undefined {
  return (ci as { [STORED_JSON]?: StoredJson })[STORED_JSON];
}
