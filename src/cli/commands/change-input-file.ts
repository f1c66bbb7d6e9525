import { readPlan } from '../../core/change/change-input.js';
import { FieldChecks, isRecord } from '../../core/shared/field-checks.js';
import type { DesiredState } from '../../core/ci/desired-state.js';
import { readYamlFile } from '../read-input.js';

/** Reads a new plan for `replan -f`: a desired-state file, or a change.yaml whose `plan` is taken. */
export function readPlanDocument(path: string): DesiredState {
  const doc = readYamlFile(path);
  const raw = isRecord(doc) && doc.plan !== undefined ? doc.plan : doc;
  const c = new FieldChecks();
  const plan = readPlan(c, raw, 'plan');
  c.throwIfAny('CHANGE_INVALID', `${path} is not a valid plan`);
  return plan;
}
