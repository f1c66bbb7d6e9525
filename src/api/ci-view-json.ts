import type { CiVersion } from '../core/ci/ci.types.js';
import { storedJsonOf } from '../core/ci/stored-json.js';

/**
 * A key that holds a line terminator, as it appears in JSON.stringify's text: `\n` and `\r` escaped,
 * U+2028 and U+2029 as they are. It may also find one in a value, or an escaped backslash before
 * an `n`: those only send the CI the slower way.
 */
const LINE_TERMINATOR = /\\[nr]|[\u2028\u2029]/;

/**
 * The JSON body of a CI as `toCiView` and the route's response schema write it, with the
 * attributes and labels put in as the texts the store read (core/ci/stored-json.ts) instead of
 * being parsed and written again: a third of the CPU Cairn's own code spent on a GET of one CI
 * (issue 14). The same bytes, in the same field order, as the schema's serializer
 * (fast-json-stringify) writes, because the stored texts are JSON.stringify's and writing a parsed
 * JSON.stringify text again gives the same text; strings are escaped as both escape them.
 *
 * Undefined when there is no text to put in (PostgreSQL returns jsonb parsed), or when a key may
 * hold a line terminator: the schema's `^(.*)$` for attribute and label names does not match
 * one, so its serializer leaves such a key out, and the answer must stay what it was.
 */
export function ciViewJson(ci: CiVersion): string | undefined {
  const stored = storedJsonOf(ci);
  if (!stored || !Number.isInteger(ci.revFrom)) return undefined;
  if (LINE_TERMINATOR.test(stored.attributes) || LINE_TERMINATOR.test(stored.labels)) return undefined;
  return (
    `{"id":${JSON.stringify(ci.id)},"class":${JSON.stringify(ci.class)},"name":${JSON.stringify(ci.name)}` +
    `,"status":${JSON.stringify(ci.status)},"attributes":${stored.attributes},"labels":${stored.labels}` +
    `,"revision":${ci.revFrom}}`
  );
}
