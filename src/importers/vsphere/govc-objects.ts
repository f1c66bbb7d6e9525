import { isRecord } from '../common/infra-json.js';
import type { Origin } from '../common/infra-state-builder.js';
import { readJsonValues } from '../common/json-values.js';
import { asArray, asRecord, asText } from '../common/plain-json.js';
import type { ImportFile, ImportIssue } from '../importer.types.js';

/** A managed object reference: `VirtualMachine` `vm-48`. */
export interface MoRef {
  type: string;
  value: string;
}

/** One vSphere managed object as govc printed it, in the API's property names. */
export interface VsphereObject {
  ref: MoRef;
  /**
   * Its properties in the vSphere API's names (`config.hardware.numCPU`), whichever govc wrote
   * them: govc before 0.30 prints Go's field names (`Config.Hardware.NumCPU`), later ones the
   * API's; both read the same.
   */
  props: Record<string, unknown>;
  /** The inventory path `govc ls` gives (`/DC0/vm/web-01`), when the output had one. */
  path?: string;
  origin: Origin;
}

export const moRefKey = (ref: MoRef): string => `${ref.type}:${ref.value}`;

/** A reference read from JSON, or undefined when the value is none. */
export function moRef(value: unknown): MoRef | undefined {
  const record = asRecord(value);
  const type = asText(record?.['type']);
  const id = asText(record?.['value']);
  return type !== undefined && id !== undefined ? { type, value: id } : undefined;
}

/** Go field names → the API's (`NumCPU` → `numCPU`, `Self` → `self`), at every depth. */
function apiNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(apiNames);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key.charAt(0).toLowerCase() + key.slice(1)] = apiNames(item);
  return out;
}

/**
 * A property value of `object.collect`: a list comes wrapped in its `ArrayOf…` type
 * (`{"ManagedObjectReference": […]}` before govc 0.30, `{"_value": […]}` after); unwrapped here.
 */
function unwrapArray(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const entries = Object.entries(value);
  if (entries.length !== 1) return value;
  // No data object of the API has a list as its only property: one that seems to is a wrapper.
  const item = entries[0]![1];
  return Array.isArray(item) || item === null ? asArray(item) : value;
}

/** Sets `config.hardware.numCPU` in a nested record. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = target;
  for (const key of keys.slice(0, -1)) {
    const next = asRecord(at[key]) ?? {};
    at[key] = next;
    at = next;
  }
  at[keys[keys.length - 1]!] = value;
}

/** Merges what a second output says of an object into what a first said. */
function mergeProps(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(from)) {
    const there = asRecord(into[key]);
    const here = asRecord(value);
    if (there && here && moRef(here) === undefined) mergeProps(there, here);
    else into[key] = value;
  }
}

const NOT_GOVC =
  'not govc JSON output: read `govc ls -json PATH…` or `govc object.collect -json -type TYPE ROOT PROPERTY…`';

/**
 * Reads govc's JSON output into managed objects, by reference: `govc ls -json` (`{"elements":
 * [{"path", "object"}]}`), and `govc object.collect -json -type …` (one `{"kind", "obj",
 * "changeSet"}` update per object, one after another). What several files say of one object is
 * merged, so that VMs from `ls` and hosts from `object.collect` give one inventory.
 */
export function readGovcObjects(files: ImportFile[], issues: ImportIssue[]): Map<string, VsphereObject> {
  const objects = new Map<string, VsphereObject>();
  const add = (object: VsphereObject): void => {
    const key = moRefKey(object.ref);
    const known = objects.get(key);
    if (!known) objects.set(key, object);
    else {
      mergeProps(known.props, object.props);
      known.path ??= object.path;
    }
  };
  for (const file of files) {
    const read = readJsonValues(file, 'govc JSON output');
    issues.push(...read.issues);
    for (const { value: raw, line } of read.values) {
      const origin = { file: file.path, location: `line ${line}` };
      const problem = readValue(apiNames(raw), origin, add);
      if (problem !== undefined) issues.push({ ...origin, message: problem });
    }
  }
  return objects;
}

/** Reads one JSON value; returns the sentence to report when it is no govc output. */
function readValue(value: unknown, origin: Origin, add: (object: VsphereObject) => void): string | undefined {
  const record = asRecord(value);
  if (record && 'elements' in record) {
    asArray(record['elements']).forEach((element, i) => {
      const item = asRecord(element);
      const props = asRecord(item?.['object']);
      const ref = moRef(props?.['self']);
      if (!props || !ref) return;
      const path = asText(item?.['path']);
      add({
        ref,
        props,
        ...(path ? { path } : {}),
        origin: { ...origin, location: `${origin.location}, elements[${i}]` },
      });
    });
    return undefined;
  }
  if (record && 'changeSet' in record) return readUpdate(record, origin, add);
  if (Array.isArray(value) && value.length > 0 && value.every((v) => isRecord(v) && 'changeSet' in v)) {
    for (const update of value as Record<string, unknown>[]) readUpdate(update, origin, add);
    return undefined;
  }
  if (Array.isArray(value) && value.length > 0 && value.every((v) => isRecord(v) && 'op' in v && 'name' in v))
    return 'govc object.collect prints no object reference without -type: run it with -type (for example `-type m /` for every virtual machine)';
  return NOT_GOVC;
}

function readUpdate(
  update: Record<string, unknown>,
  origin: Origin,
  add: (object: VsphereObject) => void,
): string | undefined {
  const ref = moRef(update['obj']);
  if (!ref) return NOT_GOVC;
  // An object that left the view is no longer there: nothing of it is read.
  if (update['kind'] === 'leave') return undefined;
  const props: Record<string, unknown> = {};
  for (const change of asArray(update['changeSet'])) {
    const item = asRecord(change);
    const name = asText(item?.['name']);
    if (name === undefined || item?.['op'] !== 'assign') continue;
    setPath(props, name, unwrapArray(item['val']));
  }
  add({ ref, props, origin });
  return undefined;
}
