import { basename, dirname } from 'node:path';
import { isRecord } from '../common/infra-json.js';
import {
  declareOverrideClass,
  readClassOverrides,
  readMappingString,
  readMappingStrings,
} from '../common/infra-mapping.js';
import { StateBuilder, type Origin } from '../common/infra-state-builder.js';
import { parseYamlFile } from '../common/infra-yaml.js';
import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';
import { interpolateTree, isEnvFile, parseEnvFile, type Unresolved } from './compose-interpolate.js';
import {
  addResources,
  addService,
  COMPOSE_CLASSES,
  serviceNetworks,
  type ComposeContext,
  type ComposeKind,
} from './compose-map.js';
import { mergeProject, normalizeService } from './compose-merge.js';

/**
 * Docker Compose files → desired state. See docs/importers/compose.md for the mapping table.
 *
 * Files are layered in the order given, like `docker compose -f a -f b`; files named `.env`,
 * `dot-env` or `*.env` are env files whose variables interpolate `${VAR}` in the others.
 * CI names are `project/name`.
 */
export const composeImporter: Importer = {
  format: 'compose',
  description: 'Docker Compose files, layered in order (+ .env files): services, networks, volumes, depends_on',
  parse: parseCompose,
};

type Obj = Record<string, unknown>;
type Lookup = (name: string) => string | undefined;

function readEnvFiles(files: ImportFile[], shell: Map<string, string>, builder: StateBuilder): Lookup {
  const variables = new Map<string, string>();
  const lookup: Lookup = (name) => shell.get(name) ?? variables.get(name);
  for (const file of files) {
    const missing = (u: Unresolved, line: number): void =>
      builder.issue({ file: file.path, location: `line ${line}` }, unresolvedMessage(u));
    const parsed = parseEnvFile(file.text, lookup, missing);
    for (const bad of parsed.bad)
      builder.issue({ file: file.path, location: `line ${bad.line}` }, `${bad.message}; line skipped`);
    for (const [key, value] of parsed.variables) variables.set(key, value);
  }
  return lookup;
}

function unresolvedMessage(u: Unresolved): string {
  if (u.required !== undefined)
    return `required variable ${u.name} is not set (${u.required}); an empty string was used`;
  return `variable ${u.name} is not set; an empty string was used (set it in an env file such as .env, or in mapping.variables)`;
}

/** Reads one Compose file: its first document, interpolated, with list forms normalised. */
function readComposeFile(file: ImportFile, lookup: Lookup, builder: StateBuilder): Obj | undefined {
  const parsed = parseYamlFile(file.path, file.text);
  builder.issues.push(...parsed.issues);
  const [doc, ...extra] = parsed.documents;
  if (extra.length > 0)
    builder.issue(
      { file: file.path, location: `document ${extra[0]?.index ?? 2}` },
      'a Compose file holds one YAML document; the others are ignored',
    );
  if (!doc) return undefined;
  if (!isRecord(doc.value)) {
    builder.issue(
      { file: file.path, location: `document ${doc.index}` },
      'not a Compose file: the document is not a mapping',
    );
    return undefined;
  }
  if (
    doc.value['services'] === undefined &&
    Object.values(doc.value).some((v) => isRecord(v) && ('image' in v || 'build' in v))
  ) {
    builder.issue(
      { file: file.path },
      'Compose file format 1 (services at the top level) is not supported: put them under "services:"',
    );
    return undefined;
  }
  if (doc.value['include'] !== undefined)
    builder.issue({ file: file.path, location: 'include' }, '"include" is not followed: pass the included files too');
  const reported = new Set<string>();
  const missing = (u: Unresolved, path: string): void => {
    if (reported.has(u.name)) return;
    reported.add(u.name);
    builder.issue({ file: file.path, location: path }, unresolvedMessage(u));
  };
  const value = interpolateTree(doc.value, lookup, missing) as Obj;
  const services = value['services'];
  if (services !== undefined && services !== null && !isRecord(services)) {
    builder.issue({ file: file.path, location: 'services' }, '"services" must be a mapping of service names');
    return undefined;
  }
  const normalized: Obj = {};
  for (const [name, service] of Object.entries(services ?? {})) {
    if (isRecord(service)) normalized[name] = normalizeService(service);
    else builder.issue({ file: file.path, location: `services.${name}` }, `service ${name} is not a mapping; left out`);
  }
  return { ...value, services: normalized };
}

function projectName(override: string | undefined, merged: Obj, files: ImportFile[]): string {
  if (override) return override;
  if (typeof merged['name'] === 'string' && merged['name'] !== '') return merged['name'];
  const dir = files[0] ? basename(dirname(files[0].path)) : '';
  // Compose names a project after the folder of its first file, lower-cased, [a-z0-9_-] only.
  const cleaned = dir.toLowerCase().replace(/[^a-z0-9_-]/g, '');
  return cleaned === '' ? 'compose' : cleaned;
}

function recordOrigins(origins: Map<string, Origin>, file: ImportFile, project: Obj): void {
  for (const section of ['services', 'networks', 'volumes']) {
    const entries = project[section];
    if (isRecord(entries))
      for (const key of Object.keys(entries))
        origins.set(`${section}.${key}`, { file: file.path, location: `${section}.${key}` });
  }
}

function parseCompose(files: ImportFile[], options?: ImporterOptions): ImportResult {
  const mapping = options?.mapping;
  const overrides = readClassOverrides(
    {
      format: 'compose',
      kinds: Object.keys(COMPOSE_CLASSES),
      kindWord: 'Compose element',
      otherKeys: ['project', 'variables'],
    },
    mapping,
  );
  const projectOverride = readMappingString('compose', mapping, 'project');
  const shell = readMappingStrings('compose', mapping, 'variables');
  const builder = new StateBuilder();
  const classOf = (kind: ComposeKind): string => overrides.get(kind) ?? COMPOSE_CLASSES[kind];
  for (const [kind, className] of overrides)
    declareOverrideClass(builder, className, COMPOSE_CLASSES[kind as ComposeKind], `Compose ${kind}`);

  const lookup = readEnvFiles(
    files.filter((f) => isEnvFile(f.path)),
    shell,
    builder,
  );
  const composeFiles = files.filter((f) => !isEnvFile(f.path));
  let merged: Obj = { services: {} };
  const origins = new Map<string, Origin>();
  for (const file of composeFiles) {
    const project = readComposeFile(file, lookup, builder);
    if (!project) continue;
    recordOrigins(origins, file, project);
    merged = mergeProject(merged, project);
  }
  const services = isRecord(merged['services']) ? merged['services'] : {};
  const fallback: Origin = { file: composeFiles[0]?.path ?? files[0]?.path ?? '' };
  const ctx: ComposeContext = {
    builder,
    project: projectName(projectOverride, merged, composeFiles),
    classOf,
    origins,
    fallback,
  };
  const serviceEntries = Object.entries(services).filter((entry): entry is [string, Obj] => isRecord(entry[1]));
  const usesDefault = serviceEntries.some(([, s]) => serviceNetworks(s).includes('default'));
  addResources(ctx, merged, usesDefault);
  const declared = new Set(serviceEntries.map(([name]) => name));
  for (const [name, service] of serviceEntries) addService(ctx, name, service, declared);
  return builder.build();
}
