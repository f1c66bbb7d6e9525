import { basename, dirname } from 'node:path';
import type { ClassDefinition } from '../../core/model/model.types.js';
import { isRecord } from '../common/infra-json.js';
import {
  declareOverrideClass,
  readClassOverrides,
  readMappingString,
  readMappingStrings,
} from '../common/infra-mapping.js';
import { StateBuilder } from '../common/infra-state-builder.js';
import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';
import {
  readComposeFile,
  resolveExtends,
  unresolvedMessage,
  type ComposeFile,
  type FileReader,
  type Lookup,
} from './compose-files.js';
import { interpolate, isEnvFile, parseEnvFile, type Unresolved } from './compose-interpolate.js';
import {
  addResources,
  addService,
  COMPOSE_CLASSES,
  serviceNetworks,
  type ComposeContext,
  type ComposeKind,
} from './compose-map.js';
import { mergeProject } from './compose-merge.js';
import { predefinedVariables } from './compose-stored.js';

/**
 * Docker Compose files → desired state. See docs/importers/compose.md for the mapping table.
 *
 * The files of one folder are one project, layered in the order given like
 * `docker compose -f a -f b` (files of other folders are other projects); files named `.env`,
 * `dot-env` or `*.env` are env files whose variables interpolate `${VAR}` in the others. The
 * files an `include` or `extends` names are read through `options.readFile`. CI names are
 * `project/name`; external networks and volumes are named by their real names.
 */
export const composeImporter: Importer = {
  format: 'compose',
  description:
    'Docker Compose files, layered in order (+ .env files, include, extends): services, networks, volumes, secrets, configs, depends_on',
  parse: parseCompose,
};

type Obj = Record<string, unknown>;

/** The classes of secrets and configs, which the default model does not hold. */
const RESOURCE_CLASSES: Record<'secret' | 'config', ClassDefinition> = {
  secret: {
    name: 'secret',
    description: 'A secret given to services: its name and where its value comes from, never the value.',
  },
  config: {
    name: 'config',
    description: 'A configuration file or value given to services: its name and where it comes from.',
  },
};

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

/** Compose files grouped by folder: each folder is one project, its files layered in the order given. */
function byFolder(files: ImportFile[]): ImportFile[][] {
  const groups = new Map<string, ImportFile[]>();
  for (const file of files) {
    const dir = dirname(file.path);
    groups.set(dir, [...(groups.get(dir) ?? []), file]);
  }
  return [...groups.values()];
}

/** `name:` as written in the last file that sets it, before interpolation (it may name the project's variables). */
function declaredName(files: ImportFile[], lookup: Lookup): string | undefined {
  let name: string | undefined;
  for (const file of files) {
    const match = /^name:[ \t]*["']?([^"'#\n]*?)["']?[ \t]*(?:#.*)?$/m.exec(file.text);
    const raw = match?.[1]?.trim();
    if (raw) name = raw.includes('$') ? interpolate(raw, lookup, () => undefined) : raw;
  }
  return name || undefined;
}

/**
 * The project's name, as Compose chooses it: the mapping's `project` (Compose's `-p`), else
 * `COMPOSE_PROJECT_NAME` from the env files or mapping variables, else the files' `name:`, else
 * the folder of the first file — lower-cased, [a-z0-9_-] only.
 */
function projectName(override: string | undefined, files: ImportFile[], lookup: Lookup): string {
  const chosen = override ?? lookup('COMPOSE_PROJECT_NAME') ?? declaredName(files, lookup);
  if (chosen) return chosen;
  const dir = files[0] ? basename(dirname(files[0].path)) : '';
  const cleaned = dir.toLowerCase().replace(/[^a-z0-9_-]/g, '');
  return cleaned === '' ? 'compose' : cleaned;
}

interface Common {
  builder: StateBuilder;
  classOf: (kind: ComposeKind) => string;
  readFile: ((path: string) => string | undefined) | undefined;
  lookup: Lookup;
}

/** Reads one project's files, layered, with includes and extends resolved, and adds what it holds. */
function addProject(common: Common, project: string, files: ImportFile[]): void {
  const predefined = predefinedVariables(
    project,
    files.map((f) => f.path),
  );
  const reader: FileReader = {
    builder: common.builder,
    readFile: common.readFile,
    lookup: (name) => common.lookup(name) ?? predefined.get(name),
  };
  let merged: ComposeFile = { project: { services: {} }, origins: new Map() };
  for (const file of files) {
    const read = readComposeFile(file, reader);
    if (!read) continue;
    merged = {
      project: mergeProject(merged.project, read.project),
      origins: new Map([...merged.origins, ...read.origins]),
    };
  }
  resolveExtends(merged, reader);
  const services = isRecord(merged.project['services']) ? merged.project['services'] : {};
  const ctx: ComposeContext = {
    builder: common.builder,
    project,
    classOf: common.classOf,
    origins: merged.origins,
    fallback: { file: files[0]?.path ?? '' },
    resources: new Map(),
  };
  for (const kind of ['secret', 'config'] as const)
    if (isRecord(merged.project[`${kind}s`]) && common.classOf(kind) === COMPOSE_CLASSES[kind])
      common.builder.addClass(RESOURCE_CLASSES[kind]);
  const serviceEntries = Object.entries(services).filter((entry): entry is [string, Obj] => isRecord(entry[1]));
  const usesDefault = serviceEntries.some(([, s]) => serviceNetworks(s).includes('default'));
  addResources(ctx, merged.project, usesDefault);
  const declared = new Set(serviceEntries.map(([name]) => name));
  for (const [name, service] of serviceEntries) addService(ctx, name, service, declared);
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
  const common: Common = { builder, classOf, readFile: options?.readFile, lookup };
  const composeFiles = files.filter((f) => !isEnvFile(f.path));
  // The mapping's project layers every file into it, like `docker compose -p NAME -f … -f …`.
  const groups = projectOverride === undefined ? byFolder(composeFiles) : [composeFiles];
  const named = new Map<string, ImportFile[]>();
  for (const group of groups) {
    const project = projectName(projectOverride, group, lookup);
    const earlier = named.get(project);
    if (earlier) {
      builder.issue(
        { file: group[0]?.path ?? '' },
        `this is a second Compose project named ${project} (the first is ${earlier[0]?.path ?? ''}, in another folder); its services were left out rather than merged into the first: give one of them a "name:" of its own, or import them one at a time`,
      );
      continue;
    }
    named.set(project, group);
    addProject(common, project, group);
  }
  return builder.build();
}
