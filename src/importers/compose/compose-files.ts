import { dirname, isAbsolute, join } from 'node:path';
import { isRecord } from '../common/infra-json.js';
import type { Origin, StateBuilder } from '../common/infra-state-builder.js';
import { parseYamlFile } from '../common/infra-yaml.js';
import type { ImportFile } from '../importer.types.js';
import { interpolateTree, parseEnvFile, type Unresolved } from './compose-interpolate.js';
import { mergeProject, mergeService, normalizeService } from './compose-merge.js';
import { isStoredPath } from './compose-stored.js';

type Obj = Record<string, unknown>;
export type Lookup = (name: string) => string | undefined;

/** What reading a project's files needs: where issues go, how to read a named file, the variables. */
export interface FileReader {
  builder: StateBuilder;
  readFile: ((path: string) => string | undefined) | undefined;
  lookup: Lookup;
}

/** A Compose file read: its content, and where each service, network, volume, secret and config was declared. */
export interface ComposeFile {
  project: Obj;
  origins: Map<string, Origin>;
}

export function unresolvedMessage(u: Unresolved): string {
  if (u.required !== undefined)
    return `required variable ${u.name} is not set (${u.required}); an empty string was used`;
  return `variable ${u.name} is not set; an empty string was used (set it in an env file such as .env, or in mapping.variables)`;
}

/** A path named by a file (an include, an extends), relative to that file's folder. */
export function relativeTo(file: string, target: string): string {
  return isAbsolute(target) ? target : join(dirname(file), target);
}

const SECTIONS = ['services', 'networks', 'volumes', 'secrets', 'configs'];

/**
 * Reads one Compose file: its first document, interpolated (a variable that is not set is an
 * issue only where its value is stored), with list forms normalised, and the files its `include`
 * names merged in.
 */
export function readComposeFile(
  file: ImportFile,
  reader: FileReader,
  including: string[] = [],
): ComposeFile | undefined {
  const { builder } = reader;
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
  const reported = new Set<string>();
  const missing = (u: Unresolved, path: string): void => {
    if (reported.has(u.name) || !isStoredPath(path)) return;
    reported.add(u.name);
    builder.issue({ file: file.path, location: path }, unresolvedMessage(u));
  };
  const value = interpolateTree(doc.value, reader.lookup, missing) as Obj;
  const services = value['services'];
  if (services !== undefined && services !== null && !isRecord(services)) {
    builder.issue({ file: file.path, location: 'services' }, '"services" must be a mapping of service names');
    return undefined;
  }
  const normalized: Obj = {};
  for (const [name, service] of Object.entries(services ?? {})) {
    if (isRecord(service)) normalized[name] = normalizeService(service);
    else if (service === null) normalized[name] = {};
    else builder.issue({ file: file.path, location: `services.${name}` }, `service ${name} is not a mapping; left out`);
  }
  const origins = new Map<string, Origin>();
  const own: Obj = { ...value, services: normalized };
  delete own['include'];
  for (const section of SECTIONS) {
    const entries = own[section];
    if (isRecord(entries))
      for (const key of Object.keys(entries))
        origins.set(`${section}.${key}`, { file: file.path, location: `${section}.${key}` });
  }
  const included = readIncludes(file, value['include'], reader, [...including, file.path]);
  return included
    ? mergeIncluded(included, { project: own, origins }, reader.builder, file.path)
    : { project: own, origins };
}

/** The paths an `include` entry names: `- a.yaml`, `- path: a.yaml`, `- path: [a.yaml, b.yaml]`. */
function includePaths(entry: unknown): { paths: string[]; envFiles: string[] } {
  const list = (v: unknown): string[] =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
  if (typeof entry === 'string') return { paths: [entry], envFiles: [] };
  if (!isRecord(entry)) return { paths: [], envFiles: [] };
  return { paths: list(entry['path']), envFiles: list(entry['env_file']) };
}

/**
 * The files an `include` names, each a Compose application of its own read from its folder (its
 * `.env` there, or the entry's `env_file`, under the variables already set), layered in order.
 */
function readIncludes(
  file: ImportFile,
  include: unknown,
  reader: FileReader,
  chain: string[],
): ComposeFile | undefined {
  if (include === undefined || include === null) return undefined;
  const where: Origin = { file: file.path, location: 'include' };
  if (reader.readFile === undefined) {
    reader.builder.issue(where, '"include" is not followed here: pass the included files too');
    return undefined;
  }
  let merged: ComposeFile | undefined;
  for (const entry of Array.isArray(include) ? include : [include]) {
    const { paths, envFiles } = includePaths(entry);
    const lookup = includeLookup(file, paths[0], envFiles, reader);
    let layered: ComposeFile | undefined;
    for (const target of paths) {
      const path = relativeTo(file.path, target);
      if (chain.includes(path)) {
        reader.builder.issue(
          where,
          `include of ${target} makes a cycle (${[...chain, path].join(' → ')}); not followed`,
        );
        continue;
      }
      const text = reader.readFile(path);
      if (text === undefined) {
        reader.builder.issue(where, `the included file ${target} is not there (${path})`);
        continue;
      }
      const read = readComposeFile({ path, text }, { ...reader, lookup }, chain);
      if (!read) continue;
      layered = layered
        ? {
            project: mergeProject(layered.project, read.project),
            origins: new Map([...layered.origins, ...read.origins]),
          }
        : read;
    }
    if (layered) merged = merged ? mergeIncluded(merged, layered, reader.builder, file.path) : layered;
  }
  return merged;
}

function includeLookup(file: ImportFile, first: string | undefined, envFiles: string[], reader: FileReader): Lookup {
  const names =
    envFiles.length > 0
      ? envFiles.map((f) => relativeTo(file.path, f))
      : first
        ? [join(dirname(relativeTo(file.path, first)), '.env')]
        : [];
  const variables = new Map<string, string>();
  for (const path of names) {
    const text = reader.readFile?.(path);
    if (text === undefined) continue;
    for (const [key, value] of parseEnvFile(text, reader.lookup, () => undefined).variables) variables.set(key, value);
  }
  return (name) => reader.lookup(name) ?? variables.get(name);
}

/**
 * The including file over what it includes. Compose refuses a service, network or volume that
 * both declare; here it is an issue, and the including file's declaration is kept.
 */
function mergeIncluded(base: ComposeFile, own: ComposeFile, builder: StateBuilder, file: string): ComposeFile {
  const project: Obj = { ...own.project };
  for (const section of SECTIONS) {
    const mine = isRecord(own.project[section]) ? own.project[section] : {};
    const theirs = isRecord(base.project[section]) ? base.project[section] : {};
    for (const key of Object.keys(theirs).filter((k) => k in mine)) {
      const first = base.origins.get(`${section}.${key}`);
      builder.issue(
        { file, location: `${section}.${key}` },
        `${section}.${key} is also declared by the included file ${first?.file ?? ''}; this declaration is kept`,
      );
    }
    if (Object.keys(theirs).length > 0 || section === 'services') project[section] = { ...theirs, ...mine };
  }
  for (const [key, value] of Object.entries(base.project)) if (!(key in project)) project[key] = value;
  return { project, origins: new Map([...base.origins, ...own.origins]) };
}

/**
 * Resolves every service's `extends` (`extends: base`, or `{ service, file }` with the file
 * relative to the one declaring the service), recursively: the extended service is the base,
 * the extending one merged over it, as Compose merges files.
 */
export function resolveExtends(file: ComposeFile, reader: FileReader): void {
  const services = isRecord(file.project['services']) ? file.project['services'] : {};
  const resolved = new Map<string, Obj>();
  const resolve = (name: string, chain: string[]): Obj | undefined => {
    const done = resolved.get(name);
    if (done) return done;
    const service = services[name];
    if (!isRecord(service)) return undefined;
    const result = extendService(name, service, file.origins.get(`services.${name}`), services, reader, chain, resolve);
    resolved.set(name, result);
    return result;
  };
  for (const name of Object.keys(services)) services[name] = resolve(name, []) ?? services[name];
}

type Resolve = (name: string, chain: string[]) => Obj | undefined;

function extendService(
  name: string,
  service: Obj,
  origin: Origin | undefined,
  services: Obj,
  reader: FileReader,
  chain: string[],
  resolveLocal: Resolve,
): Obj {
  const spec = service['extends'];
  if (spec === undefined) return service;
  const own: Obj = { ...service };
  delete own['extends'];
  const where: Origin = { file: origin?.file ?? '', location: `services.${name}.extends` };
  const target = typeof spec === 'string' ? spec : isRecord(spec) ? spec['service'] : undefined;
  const fromFile = isRecord(spec) && typeof spec['file'] === 'string' ? spec['file'] : undefined;
  if (typeof target !== 'string') {
    reader.builder.issue(where, `service ${name} extends no service: "extends" needs a service name`);
    return own;
  }
  const key = `${fromFile ?? origin?.file ?? ''}#${target}`;
  if (chain.includes(key)) {
    reader.builder.issue(where, `service ${name} extends ${target} in a cycle; extends left out`);
    return own;
  }
  const base =
    fromFile === undefined
      ? resolveLocal(target, [...chain, key])
      : serviceOfFile(relativeTo(origin?.file ?? '', fromFile), target, reader, [...chain, key], where);
  if (base === undefined) {
    // serviceOfFile said why; a local service that is not there is said here.
    if (fromFile === undefined)
      reader.builder.issue(
        where,
        `service ${name} extends ${target}, which is not a service of the project; extends left out`,
      );
    return own;
  }
  return mergeService(base, own);
}

/** A service of another file, itself extended. */
function serviceOfFile(
  path: string,
  name: string,
  reader: FileReader,
  chain: string[],
  where: Origin,
): Obj | undefined {
  if (reader.readFile === undefined) {
    reader.builder.issue(where, `"extends" of a service in ${path} is not followed here: pass that file too`);
    return undefined;
  }
  const text = reader.readFile(path);
  if (text === undefined) {
    reader.builder.issue(where, `the extended file ${path} is not there`);
    return undefined;
  }
  const other = readComposeFile({ path, text }, reader);
  const services = other && isRecord(other.project['services']) ? other.project['services'] : {};
  const service = services[name];
  if (!other || !isRecord(service)) {
    reader.builder.issue(where, `${path} has no service ${name}; extends left out`);
    return undefined;
  }
  const local: Resolve = (n, c) => {
    const s = services[n];
    return isRecord(s)
      ? extendService(n, s, other.origins.get(`services.${n}`), services, reader, c, local)
      : undefined;
  };
  return extendService(name, service, other.origins.get(`services.${name}`), services, reader, chain, local);
}
