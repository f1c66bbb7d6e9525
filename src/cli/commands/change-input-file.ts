import { validatePlan } from '../../core/change/change-input.js';
import type { DesiredState } from '../../core/ci/desired-state.js';
import { readYamlFile } from '../read-input.js';

/** Reads a new plan for `replan -f`: a desired-state file, or a change.yaml whose `plan` is taken. */
export function readPlanDocument(path: string): DesiredState {
  const doc = readYamlFile(path);
  const isMapping = typeof doc === 'object' && doc !== null && !Array.isArray(doc);
  const raw = isMapping && 'plan' in doc ? doc.plan : doc;
  return validatePlan(raw, `${path} is not a valid plan`);
}
