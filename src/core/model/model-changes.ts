import { contentHash } from '../shared/canonical.js';
import type { FieldError } from '../shared/errors.js';
import type { ModelVersion } from './model-version.types.js';
import { ModelRegistry } from './model-registry.js';
import { patternProblems } from './attribute-patterns.js';
import type { ClassDefinition, ImpactDirection, RelationTypeDefinition } from './model.types.js';

export const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
const IMPACTS: ImpactDirection[] = ['source-to-target', 'target-to-source', 'both', 'none'];

export interface ModelChange {
  /** The current version this replaces, if any. */
  before?: ModelVersion;
  after: ModelVersion;
}

/**
 * Compares wanted class and relationship type definitions with the current ones and returns the
 * registry they make together, the versions to write (unchanged definitions write nothing), and
 * the problems found, each naming its field.
 */
export function planModelChanges(
  current: ModelVersion[],
  classes: ClassDefinition[],
  relationTypes: RelationTypeDefinition[],
  rev: number,
): { changes: ModelChange[]; registry: ModelRegistry; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const byKey = new Map(current.map((v) => [`${v.kind}:${v.name}`, v]));
  const changes: ModelChange[] = [];
  const seen = new Set<string>();

  classes.forEach((c, i) => {
    const def = normaliseClass(c);
    const path = `classes[${i}]`;
    if (seen.has(`class:${def.name}`)) errors.push({ path: `${path}.name`, message: `"${def.name}" is defined twice` });
    seen.add(`class:${def.name}`);
    const hash = contentHash(def);
    const before = byKey.get(`class:${def.name}`);
    if (before?.hash !== hash) {
      changes.push({
        before,
        after: { kind: 'class', name: def.name, definition: def, revFrom: rev, revTo: null, hash },
      });
    }
  });
  relationTypes.forEach((t, i) => {
    const def: RelationTypeDefinition = { ...t };
    const path = `relationTypes[${i}]`;
    if (seen.has(`relation_type:${def.name}`))
      errors.push({ path: `${path}.name`, message: `"${def.name}" is defined twice` });
    seen.add(`relation_type:${def.name}`);
    const hash = contentHash(def);
    const before = byKey.get(`relation_type:${def.name}`);
    if (before?.hash !== hash) {
      changes.push({
        before,
        after: { kind: 'relation_type', name: def.name, definition: def, revFrom: rev, revTo: null, hash },
      });
    }
  });

  for (const ch of changes) byKey.set(`${ch.after.kind}:${ch.after.name}`, ch.after);
  const all = [...byKey.values()];
  const registry = registryOf(all);
  classes.forEach((c, i) => errors.push(...classProblems(c, `classes[${i}]`, registry)));
  relationTypes.forEach((t, i) => errors.push(...relationTypeProblems(t, `relationTypes[${i}]`, registry)));
  return { changes, registry, errors };
}

export function registryOf(versions: ModelVersion[]): ModelRegistry {
  const classes: ClassDefinition[] = [];
  const types: RelationTypeDefinition[] = [];
  for (const v of versions) {
    if (v.kind === 'class') classes.push(v.definition);
    else types.push(v.definition);
  }
  return new ModelRegistry(classes, types);
}

function normaliseClass(c: ClassDefinition): ClassDefinition {
  // Drop absent optional keys so that `controlled: undefined` and no key hash the same.
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as ClassDefinition;
}

const CLASS_KEYS = new Set(['name', 'parent', 'description', 'attributes', 'identify', 'statuses', 'controlled']);
const TYPE_KEYS = new Set(['name', 'inverse', 'impact', 'description']);

function classProblems(c: ClassDefinition, path: string, registry: ModelRegistry): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(c))
    if (!CLASS_KEYS.has(key)) errors.push({ path: `${path}.${key}`, message: 'is not a known class field' });
  if (typeof c.name !== 'string' || !NAME_PATTERN.test(c.name) || c.name.length > 64) {
    errors.push({
      path: `${path}.name`,
      message: 'must be lower case letters, digits and underscores, starting with a letter, at most 64 characters',
    });
    return errors;
  }
  if (c.parent !== undefined) {
    if (typeof c.parent !== 'string' || !registry.getClass(c.parent)) {
      errors.push({ path: `${path}.parent`, message: `names class "${String(c.parent)}", which does not exist` });
    } else if (registry.lineage(c.parent).some((a) => a.name === c.name)) {
      errors.push({ path: `${path}.parent`, message: `makes a cycle: ${c.name} would be its own ancestor` });
    }
  }
  if (c.attributes !== undefined) {
    if (typeof c.attributes !== 'object' || c.attributes === null || Array.isArray(c.attributes)) {
      errors.push({ path: `${path}.attributes`, message: 'must be a JSON Schema object' });
    } else {
      const problem = registry.schemaProblem(c.attributes);
      if (problem) errors.push({ path: `${path}.attributes`, message: `is not a valid JSON Schema: ${problem}` });
      else errors.push(...patternProblems(c.attributes, `${path}.attributes`));
    }
  }
  for (const key of ['identify', 'statuses'] as const) {
    const v = c[key];
    if (v !== undefined && (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s === ''))) {
      errors.push({ path: `${path}.${key}`, message: 'must be a list of non-empty strings' });
    }
  }
  if (c.controlled !== undefined && typeof c.controlled !== 'boolean') {
    errors.push({ path: `${path}.controlled`, message: 'must be true or false' });
  }
  return errors;
}

function relationTypeProblems(t: RelationTypeDefinition, path: string, registry: ModelRegistry): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(t))
    if (!TYPE_KEYS.has(key)) errors.push({ path: `${path}.${key}`, message: 'is not a known relationship type field' });
  for (const key of ['name', 'inverse'] as const) {
    const v = t[key];
    if (typeof v !== 'string' || !NAME_PATTERN.test(v) || v.length > 64) {
      errors.push({
        path: `${path}.${key}`,
        message: 'must be lower case letters, digits and underscores, starting with a letter',
      });
    }
  }
  if (!IMPACTS.includes(t.impact))
    errors.push({ path: `${path}.impact`, message: `must be one of ${IMPACTS.join(', ')}` });
  if (errors.length === 0) {
    const clash = registry.relationType(t.inverse);
    if (clash && clash.definition.name !== t.name) {
      errors.push({
        path: `${path}.inverse`,
        message: `"${t.inverse}" is already a name of relationship type ${clash.definition.name}`,
      });
    }
  }
  return errors;
}
