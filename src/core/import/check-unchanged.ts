import { holdsBadJson, isObject } from '../ci/desired-state-input.js';

/**
 * The check of a record a re-import found unchanged: its content hash equals the stored version's,
 * so its content is the stored version's, which was checked in full when it was written (names,
 * statuses and labels by the schema, text, limits); the class's attribute schema is not applied to
 * unchanged records either way (the plan skips them before validating). What the hash does not
 * cover is checked here, so that a careless record is refused as before: a field the hash leaves
 * out (a misspelt `statuss`), and values canonical JSON drops or writes as `null` (undefined,
 * NaN, a function), which could make a bad record hash like a good one. Anything found here is
 * spelled out by the full check (checkCi, checkRelation).
 */
export function unchangedCiIsSound(ci: object): boolean {
  return (
    onlyFields(ci, CI_FIELDS) &&
    !holdsBadJson((ci as Record<string, unknown>).attributes ?? null) &&
    !holdsBadJson((ci as Record<string, unknown>).labels ?? null)
  );
}

/** unchangedCiIsSound for a relationship. */
export function unchangedRelationIsSound(relation: object): boolean {
  return (
    onlyFields(relation, RELATION_FIELDS) && !holdsBadJson((relation as Record<string, unknown>).attributes ?? null)
  );
}

/** Whether a record is a mapping with these text fields: one a re-import may screen before checking it. */
export function screenable(record: unknown, fields: readonly string[]): record is Record<string, unknown> {
  if (!isObject(record)) return false;
  for (const f of fields) if (typeof record[f] !== 'string') return false;
  return true;
}

// The fields of desired-state.schema.ts's DesiredCiDocument and DesiredRelationDocument (`id` and
// `revision` are accepted and ignored there).
const CI_FIELDS = new Set(['class', 'name', 'status', 'attributes', 'labels', 'id', 'revision']);
const RELATION_FIELDS = new Set(['type', 'from', 'to', 'attributes', 'id', 'revision']);

function onlyFields(record: object, fields: Set<string>): boolean {
  for (const key in record) if (Object.hasOwn(record, key) && !fields.has(key)) return false;
  return true;
}
