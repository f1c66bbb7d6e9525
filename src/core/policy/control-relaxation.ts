import { ModelRegistry } from '../model/model-registry.js';
import type { ClassDefinition } from '../model/model.types.js';
import type { PendingWrites } from '../revision/pending-writes.js';
import { NotAllowedError } from '../shared/errors.js';
import type { Policy } from './policy.types.js';

/**
 * Taking CIs out of change control is itself controlled: otherwise a configuration manager
 * re-applies `database` with `controlled: false`, then writes production databases directly. A
 * change's plan holds CIs and relationships only, so the way to relax control is an admin's act,
 * recorded where it is made (the revision for a class, the policy version for the scope).
 */

/** Classes controlled before these model writes and not after (inheritance counted). */
export function classesLeavingControl(before: ModelRegistry, model: PendingWrites['model']): string[] {
  const changed = new Map<string, ClassDefinition | undefined>();
  for (const w of model) {
    const v = w.after ?? w.before;
    if (v?.kind === 'class') changed.set(v.name, w.after?.kind === 'class' ? w.after.definition : undefined);
  }
  if (changed.size === 0) return [];
  const classes = new Map(before.allClasses().map((c) => [c.name, c]));
  for (const [name, def] of changed) {
    if (def) classes.set(name, def);
    else classes.delete(name);
  }
  const after = new ModelRegistry(classes.values(), before.allRelationTypes());
  return before
    .allClasses()
    .map((c) => c.name)
    .filter((name) => before.isControlled(name) && !after.isControlled(name));
}

/** Environments the current policy controls that the new one does not (compared case-insensitively). */
export function environmentsLeavingControl(current: Pick<Policy, 'control'>, next: Pick<Policy, 'control'>): string[] {
  const kept = new Set(next.control.environments.map((e) => e.toLowerCase()));
  return current.control.environments.filter((e) => !kept.has(e.toLowerCase()));
}

/** The refusal of a relaxation by someone who is not an admin, naming what would leave control. */
export function relaxationRefusal(what: string): NotAllowedError {
  return new NotAllowedError(
    'CONTROL_RELAXATION',
    `${what} would leave change control: only an admin may take CIs out of change control, and the act is recorded`,
  );
}
