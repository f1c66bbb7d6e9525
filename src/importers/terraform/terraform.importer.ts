import { LineCounter, parseDocument } from 'yaml';
import { isRecord, type JsonValue } from '../common/infra-json.js';
import { declareOverrideClass, readClassOverrides } from '../common/infra-mapping.js';
import { StateBuilder, type Origin } from '../common/infra-state-builder.js';
import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';
import {
  classForType,
  configAddress,
  indexSuffix,
  providerName,
  RESOURCE_TYPE,
  resourceAddress,
} from './tf-address.js';
import { safeValues } from './tf-attributes.js';

/**
 * Terraform state (format version 4) → desired state. See docs/importers/terraform.md.
 *
 * One CI per instance of a managed resource, named by its address; class `tf_<type>` (child of
 * `cloud_resource`, declared in the output) unless the mapping says otherwise. Data sources are
 * lookups, not things the state owns, and are skipped. `dependencies` become `depends_on`.
 */
export const terraformImporter: Importer = {
  format: 'terraform',
  description: 'Terraform state files (format version 4): managed resource instances and their dependencies',
  parse: parseTerraform,
};

interface PendingDependency {
  from: string;
  dependencies: string[];
  origin: Origin;
}

class TerraformMapper {
  readonly builder = new StateBuilder();
  private readonly overrides: Map<string, string>;

  constructor(options: ImporterOptions | undefined) {
    this.overrides = readClassOverrides(
      { format: 'terraform', kinds: (key) => RESOURCE_TYPE.test(key), kindWord: 'resource type name' },
      options?.mapping,
    );
  }

  private classFor(type: string): string {
    const override = this.overrides.get(type);
    if (override !== undefined) {
      declareOverrideClass(this.builder, override, 'cloud_resource', `Terraform resource type ${type}`);
      return override;
    }
    const name = classForType(type);
    this.builder.addClass({ name, parent: 'cloud_resource', description: `Terraform resource type ${type}.` });
    return name;
  }

  readFile(file: ImportFile): void {
    const state = parseJson(file, this.builder);
    if (state === undefined) return;
    const version = state['version'];
    if (version !== 4) {
      const seen = typeof version === 'number' || typeof version === 'string' ? `version ${version}` : 'no version';
      this.builder.issue(
        { file: file.path, location: 'version' },
        `not a Terraform state of format version 4 (${seen}): Cairn reads version 4, written by Terraform 0.12 and later; run \`terraform state pull\` with a current Terraform to upgrade it`,
      );
      return;
    }
    const resources = state['resources'];
    if (!Array.isArray(resources)) {
      this.builder.issue({ file: file.path, location: 'resources' }, 'the state has no "resources" list');
      return;
    }
    const byConfigAddress = new Map<string, string[]>();
    const pending: PendingDependency[] = [];
    resources.forEach((resource, r) => this.readResource(file, resource, r, byConfigAddress, pending, state));
    this.addDependencies(pending, byConfigAddress);
  }

  private readResource(
    file: ImportFile,
    resource: unknown,
    r: number,
    byConfigAddress: Map<string, string[]>,
    pending: PendingDependency[],
    state: Record<string, unknown>,
  ): void {
    const where: Origin = { file: file.path, location: `resources[${r}]` };
    if (!isRecord(resource)) return this.builder.issue(where, 'a resource is not an object; left out');
    const { mode, type, name, provider } = resource;
    const module = typeof resource['module'] === 'string' && resource['module'] !== '' ? resource['module'] : undefined;
    if (typeof type !== 'string' || typeof name !== 'string' || (mode !== 'managed' && mode !== 'data')) {
      return this.builder.issue(where, 'a resource needs a mode (managed or data), a type and a name; left out');
    }
    if (mode === 'data') return;
    const address = resourceAddress(module, mode, type, name);
    const instances = resource['instances'];
    if (!Array.isArray(instances)) return this.builder.issue(where, `${address} has no "instances" list; left out`);
    const refs = byConfigAddress.get(configAddress(address)) ?? [];
    byConfigAddress.set(configAddress(address), refs);
    instances.forEach((instance, i) => {
      const origin: Origin = { file: file.path, location: `resources[${r}].instances[${i}] (${address})` };
      if (!isRecord(instance)) return this.builder.issue(origin, 'an instance is not an object; left out');
      const instanceAddress = address + indexSuffix(instance['index_key']);
      const { values, dropped } = safeValues(
        instance['attributes'] ?? instance['attributes_flat'],
        instance['sensitive_attributes'],
      );
      const attributes: Record<string, JsonValue> = {
        address: instanceAddress,
        type,
        resource_name: name,
        provider: typeof provider === 'string' ? providerName(provider) : null,
        module: module ?? null,
        index_key:
          typeof instance['index_key'] === 'string' || typeof instance['index_key'] === 'number'
            ? instance['index_key']
            : null,
        schema_version: typeof instance['schema_version'] === 'number' ? instance['schema_version'] : null,
        terraform_version: typeof state['terraform_version'] === 'string' ? state['terraform_version'] : null,
        values,
      };
      if (typeof values['id'] === 'string') attributes['id'] = values['id'];
      if (dropped.length > 0) attributes['sensitive_dropped'] = dropped;
      const ci = { class: this.classFor(type), name: instanceAddress, attributes };
      const ref = this.builder.addCi(ci, origin, 'replace-with-issue');
      if (ref === undefined) return;
      refs.push(ref);
      const deps = instance['dependencies'] ?? instance['depends_on'];
      if (Array.isArray(deps))
        pending.push({ from: ref, dependencies: deps.filter((d): d is string => typeof d === 'string'), origin });
    });
  }

  /**
   * Dependencies name resources by their configuration address; each instance of the target is
   * depended on. A resource this state does not hold (another state's, through a remote state or
   * a data source elsewhere) is still depended on, by its address: the import keeps the reference
   * unresolved until a state holding it is imported.
   */
  private addDependencies(pending: PendingDependency[], byConfigAddress: Map<string, string[]>): void {
    for (const { from, dependencies, origin } of pending) {
      for (const dependency of new Set(dependencies)) {
        if (/(^|\.)data\./.test(dependency)) continue;
        const targets = byConfigAddress.get(configAddress(dependency));
        if (targets && targets.length > 0) {
          for (const to of targets) this.builder.addRelation({ type: 'depends_on', from, to }, origin);
          continue;
        }
        const type = typeOfAddress(dependency);
        if (type === undefined) {
          this.builder.issue(origin, `depends on "${dependency}", which is not a resource address; relation left out`);
          continue;
        }
        this.builder.addRelation({ type: 'depends_on', from, to: `${this.classFor(type)}/${dependency}` }, origin);
      }
    }
  }
}

/** The resource type of a configuration address (`module.vpc.aws_vpc.this` → `aws_vpc`). */
function typeOfAddress(address: string): string | undefined {
  const parts = configAddress(address).split('.');
  while (parts[0] === 'module' && parts.length > 3) parts.splice(0, 2);
  return parts.length === 2 && RESOURCE_TYPE.test(parts[0]!) ? parts[0] : undefined;
}

function parseJson(file: ImportFile, builder: StateBuilder): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(file.text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const line = jsonErrorLine(file.text, message);
    const location = line === undefined ? undefined : `line ${line}`;
    builder.issue(
      location === undefined ? { file: file.path } : { file: file.path, location },
      `not valid JSON: ${message}`,
    );
    return undefined;
  }
  if (!isRecord(value)) {
    builder.issue({ file: file.path }, 'not a Terraform state: the file is not a JSON object');
    return undefined;
  }
  return value;
}

/**
 * The line of a JSON syntax error. Node 22 names it, Node 20 sometimes gives an offset and often
 * nothing; then the YAML parser (JSON is YAML) is asked where it stumbles.
 */
function jsonErrorLine(text: string, message: string): number | undefined {
  const named = /line (\d+)/.exec(message)?.[1];
  if (named !== undefined) return Number(named);
  const position = /position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return text.slice(0, Number(position)).split('\n').length;
  const lineCounter = new LineCounter();
  const error = parseDocument(text, { lineCounter }).errors[0];
  return error ? lineCounter.linePos(error.pos[0]).line : undefined;
}

function parseTerraform(files: ImportFile[], options?: ImporterOptions): ImportResult {
  const mapper = new TerraformMapper(options);
  for (const file of files) mapper.readFile(file);
  return mapper.builder.build();
}
