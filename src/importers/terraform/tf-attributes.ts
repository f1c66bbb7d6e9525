import { isRecord, SECRET_NAME, toJsonValue, type JsonValue } from '../common/infra-json.js';

/**
 * The values of a resource instance, made safe to keep in a CMDB: what Terraform marked sensitive
 * (`sensitive_attributes`) and what is named like a credential are dropped, and the paths of what
 * was dropped are returned so the CI says so. Long strings and lists are cut (see toJsonValue).
 */

type Step = string | number;

/** Reads one `sensitive_attributes` path: steps `{type: "get_attr", value: "x"}` and `{type: "index", value: {value: 0}}`. */
function readPath(path: unknown): Step[] | undefined {
  if (!Array.isArray(path)) return undefined;
  const steps: Step[] = [];
  for (const step of path) {
    if (!isRecord(step)) return undefined;
    const value = step['value'];
    if (step['type'] === 'get_attr' && typeof value === 'string') steps.push(value);
    else if (step['type'] === 'index') {
      const key = isRecord(value) ? value['value'] : value;
      if (typeof key === 'string' || typeof key === 'number') steps.push(key);
      else return undefined;
    } else return undefined;
  }
  return steps.length > 0 ? steps : undefined;
}

/** Sensitive paths; Terraform ≥ 1.10 may also write them as `{ "path": […] }` objects. */
export function sensitivePaths(value: unknown): Step[][] {
  if (!Array.isArray(value)) return [];
  return value
    .map((entry) => readPath(isRecord(entry) ? entry['path'] : entry))
    .filter((p): p is Step[] => p !== undefined);
}

function removePath(target: unknown, path: Step[]): boolean {
  let current = target;
  for (let i = 0; i < path.length - 1; i++) {
    const step = path[i] as Step;
    if (Array.isArray(current) && typeof step === 'number') current = current[step] as unknown;
    else if (isRecord(current)) current = current[String(step)];
    else return false;
  }
  const last = path[path.length - 1] as Step;
  if (Array.isArray(current) && typeof last === 'number' && last < current.length) {
    current[last] = null;
    return true;
  }
  if (isRecord(current) && String(last) in current) {
    delete current[String(last)];
    return true;
  }
  return false;
}

function formatPath(path: Step[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Null, empty, boolean or numeric values say nothing secret (`get_password_data: false`); keep them. */
function mayHoldSecret(value: JsonValue | undefined): boolean {
  if (typeof value === 'string') return value !== '';
  if (Array.isArray(value)) return value.length > 0;
  return isRecord(value) && Object.keys(value).length > 0;
}

/** Drops credential-named keys at any depth, recording their paths. */
function dropSecretNames(value: JsonValue, path: string, dropped: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => dropSecretNames(item, `${path}[${i}]`, dropped));
    return;
  }
  if (!isRecord(value)) return;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    const item = value[key];
    if (SECRET_NAME.test(key) && mayHoldSecret(item)) {
      delete value[key];
      dropped.push(here);
    } else if (item !== undefined) dropSecretNames(item, here, dropped);
  }
}

export function safeValues(
  attributes: unknown,
  sensitive: unknown,
): { values: Record<string, JsonValue>; dropped: string[] } {
  const converted = toJsonValue(isRecord(attributes) ? attributes : {});
  const values: Record<string, JsonValue> = isRecord(converted) ? converted : {};
  const dropped: string[] = [];
  for (const path of sensitivePaths(sensitive)) {
    if (removePath(values, path)) dropped.push(formatPath(path));
  }
  dropSecretNames(values, '', dropped);
  return { values, dropped: [...new Set(dropped)].sort() };
}
