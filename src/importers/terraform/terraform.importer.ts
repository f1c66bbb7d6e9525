import { LineCounter, parseDocument } from 'yaml';
import { isRecord, type JsonValue } from '../common/infra-json.js';
import { declareOverrideClass, readClassOverrides } from '../common/infra-mapping.js';
import { StateBuilder, type Origin } from '../common/infra-state-builder.js';
import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';
import { classForType, indexSuffix, providerName, RESOURCE_TYPE, resourceAddress } from './tf-address.js';
import { safeValues } from './tf-attributes.js';
import { DependencyResolver } from './tf-dependencies.js';
import { unflatten } from './tf-flatmap.js';
import { STATE_CLASS, stateCi } from './tf-outputs.js';
import { stateVersionProblem } from './tf-state-version.js';

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

class TerraformMapper {
  readonly builder = new StateBuilder();
  readonly dependencies = new DependencyResolver();
  private readonly overrides: Map<string, string>;

  constructor(options: ImporterOptions | undefined) {
    this.overrides = readClassOverrides(
      { format: 'terraform', kinds: (key) => RESOURCE_TYPE.test(key), kindWord: 'resource type name' },
      options?.mapping,
    );
  }

  classFor(type: string): string {
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
    const problem = stateVersionProblem(state);
    if (problem !== undefined) return this.builder.issue({ file: file.path, location: 'version' }, problem);
    const resources = state['resources'];
    if (!Array.isArray(resources)) {
      this.builder.issue({ file: file.path, location: 'resources' }, 'the state has no "resources" list');
      return;
    }
    this.builder.addClass(STATE_CLASS);
    this.builder.addCi(stateCi(file.path, state), { file: file.path, location: 'outputs' }, 'replace-with-issue');
    resources.forEach((resource, r) => this.readResource(file, resource, r, state));
  }

  private readResource(file: ImportFile, resource: unknown, r: number, state: Record<string, unknown>): void {
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
    this.dependencies.addResource(address);
    instances.forEach((instance, i) => {
      const origin: Origin = { file: file.path, location: `resources[${r}].instances[${i}] (${address})` };
      if (!isRecord(instance)) return this.builder.issue(origin, 'an instance is not an object; left out');
      const instanceAddress = address + indexSuffix(instance['index_key']);
      // Older version-4 writers (states upgraded from version 3) keep the values flattened.
      const raw = instance['attributes'] ?? unflatten(instance['attributes_flat']);
      const { values, dropped } = safeValues(raw, instance['sensitive_attributes']);
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
      const record = { ref, address: instanceAddress, type, values };
      this.dependencies.addInstance(address, record);
      const deps = instance['dependencies'] ?? instance['depends_on'];
      if (Array.isArray(deps))
        this.dependencies.addPending({
          from: record,
          dependencies: deps.filter((d): d is string => typeof d === 'string'),
          origin,
        });
    });
  }
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
  mapper.dependencies.resolve(mapper.builder, (type) => mapper.classFor(type));
  return mapper.builder.build();
}
