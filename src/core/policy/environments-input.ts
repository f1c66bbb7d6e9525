import { InputError, describeFieldErrors, type FieldError } from '../shared/errors.js';
import { checkShape, type DocumentErrors } from '../shared/document-schema.js';
import { asList } from '../shared/schema-words.js';
import type { Environment, Environments } from './environments.js';
import { EnvironmentsDocument } from './environments.schema.js';
import type { ApprovalRequirement, Policy } from './policy.types.js';
import { readFreezes } from './windows-input.js';

const INVALID = 'environments.yaml is not valid';
/** How environments.yaml's errors read, in the core and on the API's route alike. */
export const ENVIRONMENTS_DOCUMENT: DocumentErrors = { code: 'ENVIRONMENTS_INVALID', summary: INVALID };

/** Environment names are words people type after `--env`: letters, digits, dots, dashes, underscores. */
const NAME = /^[a-z0-9][a-z0-9._-]*$/i;

type EnvironmentDocument = EnvironmentsDocument['environments'][number];

/**
 * Validates a parsed environments.yaml against the policy in force: its shape, then the rules
 * across fields — unique names, approvals naming the policy's groups with a quorum they can meet,
 * freezes naming the policy's freeze windows, windows of its own well formed. Throws one
 * InputError (`ENVIRONMENTS_INVALID`) naming every problem.
 */
export function validateEnvironments(raw: unknown, policy: Policy): Environments {
  const doc = checkShape(EnvironmentsDocument, raw, 'ENVIRONMENTS_INVALID', INVALID);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const environments = doc.environments.map((e, i) => {
    const path = `environments[${i}]`;
    if (!NAME.test(e.name))
      errors.push({
        path: `${path}.name`,
        message: `"${e.name}" is not an environment name: use letters, digits, dots, dashes or underscores`,
      });
    else if (seen.has(e.name.toLowerCase()))
      errors.push({ path: `${path}.name`, message: `"${e.name}" is defined twice` });
    seen.add(e.name.toLowerCase());
    return readEnvironment(e, path, policy, errors);
  });
  if (errors.length > 0) throw new InputError('ENVIRONMENTS_INVALID', describeFieldErrors(INVALID, errors), errors);
  return { environments };
}

function readEnvironment(e: EnvironmentDocument, path: string, policy: Policy, errors: FieldError[]): Environment {
  const env: Environment = {
    name: e.name,
    require: (e.require ?? []).map((r, i) => readRequirement(r, `${path}.require[${i}]`, policy, errors)),
    controlled: e.controlled === true,
    freezes: [...new Set(asList(e.freeze))],
    windows: readWindows(e.windows ?? [], `${path}.windows`, errors),
  };
  if (typeof e.description === 'string') env.description = e.description;
  const known = new Set(policy.freeze.map((f) => f.name));
  env.freezes.forEach((name) => {
    if (!known.has(name))
      errors.push({
        path: `${path}.freeze`,
        message: `names freeze window "${name}", which the policy in force does not define`,
      });
  });
  return env;
}

function readRequirement(
  r: { group: string; quorum?: number },
  path: string,
  policy: Policy,
  errors: FieldError[],
): ApprovalRequirement {
  const quorum = r.quorum ?? 1;
  const group = policy.groups.find((g) => g.name === r.group);
  if (!group)
    errors.push({
      path: `${path}.group`,
      message: `names group "${r.group}", which the policy in force does not define`,
    });
  else if (!group.fromProvider && quorum > group.members.length)
    errors.push({
      path: `${path}.quorum`,
      message: `is ${quorum}, but group "${r.group}" has only ${group.members.length} member(s)`,
    });
  return { group: r.group, quorum };
}

/** An environment's own freeze windows, read like the policy's; their errors named under the environment. */
function readWindows(docs: NonNullable<EnvironmentDocument['windows']>, path: string, errors: FieldError[]) {
  const own: FieldError[] = [];
  const windows = readFreezes(docs, own);
  errors.push(...own.map((e) => ({ ...e, path: e.path.replace(/^freeze/, path) })));
  return windows;
}
