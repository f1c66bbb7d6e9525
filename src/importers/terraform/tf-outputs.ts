import { basename } from 'node:path';
import type { DesiredCi } from '../../core/ci/desired-state.js';
import type { ClassDefinition } from '../../core/model/model.types.js';
import { isRecord, SECRET_NAME, toJsonValue, type JsonValue } from '../common/infra-json.js';

/** The class of the CI a state file becomes, holding what belongs to no resource: its outputs. */
export const STATE_CLASS: ClassDefinition = {
  name: 'tf_state',
  description: 'A Terraform state (one workspace): its lineage and outputs.',
  attributes: {
    type: 'object',
    properties: { lineage: { type: 'string' }, outputs: { type: 'object' } },
  },
};

/**
 * The state's own CI, named by its lineage (the id Terraform gives a state for its whole life,
 * kept across applies and backends), or by the file's name when it has none. Outputs marked
 * `sensitive`, or named like a credential, keep their name in `sensitive_outputs` but not their
 * value. The serial is left out: it moves on every refresh, and the CI would change with it.
 */
export function stateCi(path: string, state: Record<string, unknown>): DesiredCi {
  const lineage = typeof state['lineage'] === 'string' && state['lineage'] !== '' ? state['lineage'] : undefined;
  const outputs: Record<string, JsonValue> = {};
  const sensitive: string[] = [];
  const declared = isRecord(state['outputs']) ? state['outputs'] : {};
  for (const [name, output] of Object.entries(declared)) {
    if (!isRecord(output)) continue;
    if (output['sensitive'] === true || SECRET_NAME.test(name)) sensitive.push(name);
    else outputs[name] = toJsonValue(output['value']) ?? null;
  }
  const attributes: Record<string, JsonValue> = { outputs };
  if (lineage !== undefined) attributes['lineage'] = lineage;
  if (typeof state['terraform_version'] === 'string') attributes['terraform_version'] = state['terraform_version'];
  if (sensitive.length > 0) attributes['sensitive_outputs'] = sensitive.sort();
  return { class: STATE_CLASS.name, name: lineage ?? basename(path), attributes };
}
