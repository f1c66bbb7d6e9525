import type { CiVersion } from '../core/ci/ci.types.js';
import { storedJsonOf } from '../core/ci/stored-json.js';

/**
 * The JSON body of a CI as `toCiView` and the route's response schema write it, with the
 * attributes and labels put in as the texts the store read (core/ci/stored-json.ts) instead of
 * being parsed and written again: a third of the CPU Cairn's own code spent on a GET of one CI
 * (issue 14). The same bytes, in the same field order, as the schema's serializer
 * (fast-json-stringify) writes, because the stored texts are JSON.stringify's and writing a parsed
 * JSON.stringify text again gives the same text; strings are escaped as both escape them.
 *
 * Undefined when there is no text to put in (PostgreSQL returns jsonb parsed).
 */
export function ciViewJson(ci: CiVersion): string | undefined {
  const stored = storedJsonOf(ci);
  if (!stored || !Number.isInteger(ci.revFrom)) return undefined;
  return (
    `{"id":${JSON.stringify(ci.id)},"class":${JSON.stringify(ci.class)},"name":${JSON.stringify(ci.name)}` +
    `,"status":${JSON.stringify(ci.status)},"attributes":${stored.attributes},"labels":${stored.labels}` +
    `,"revision":${ci.revFrom}}`
  );
}
