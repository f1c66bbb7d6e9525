import { isRecord } from '../common/infra-json.js';
import { declareOverrideClass, readClassOverrides } from '../common/infra-mapping.js';
import { StateBuilder, type Origin } from '../common/infra-state-builder.js';
import { readJsonValues } from '../common/json-values.js';
import { asNumber, asRecord, asText } from '../common/plain-json.js';
import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';

/**
 * npm's `package-lock.json` (lockfile versions 1, 2 and 3) → the application it locks, and a
 * `software` CI per package it installs, which the application `depends_on` with the version it
 * gets. See docs/importers/npm.md.
 */
export const npmLockImporter: Importer = {
  format: 'npm',
  description: 'npm package-lock.json: an application and the packages it depends on, with their versions',
  parse: parseNpmLock,
};

const CLASSES = { application: 'application', package: 'software' } as const;
type Kind = keyof typeof CLASSES;

/** One package the lockfile installs, wherever in the tree. */
interface Installed {
  name: string;
  version?: string;
  scope: 'runtime' | 'dev' | 'optional' | 'peer';
  /** Installed at the top of node_modules: the version the application's own require() gets. */
  top: boolean;
}

function scopeOf(entry: Record<string, unknown>): Installed['scope'] {
  if (entry['dev'] === true || entry['devOptional'] === true) return 'dev';
  if (entry['optional'] === true) return 'optional';
  if (entry['peer'] === true) return 'peer';
  return 'runtime';
}

/** Lockfile 2 and 3: `packages` keyed by install path (`node_modules/a/node_modules/b`). */
function fromPackages(packages: Record<string, unknown>): Installed[] {
  const out: Installed[] = [];
  for (const [path, value] of Object.entries(packages)) {
    const at = path.lastIndexOf('node_modules/');
    const entry = asRecord(value);
    if (at === -1 || !entry) continue; // the root, or a workspace's own folder
    // A link (a workspace) takes its version from the folder it points to.
    const target = entry['link'] === true ? asRecord(packages[asText(entry['resolved']) ?? '']) : entry;
    const version = asText(target?.['version']);
    out.push({
      name: asText(entry['name']) ?? path.slice(at + 'node_modules/'.length),
      ...(version ? { version } : {}),
      scope: scopeOf(entry),
      top: at === 0,
    });
  }
  return out;
}

/** Lockfile 1: `dependencies` nested as node_modules is. */
function fromDependencies(dependencies: Record<string, unknown>, top: boolean, out: Installed[] = []): Installed[] {
  for (const [name, value] of Object.entries(dependencies)) {
    const entry = asRecord(value) ?? {};
    const version = asText(entry['version']);
    out.push({ name, ...(version ? { version } : {}), scope: scopeOf(entry), top });
    const nested = asRecord(entry['dependencies']);
    if (nested) fromDependencies(nested, false, out);
  }
  return out;
}

/** The packages the application names in its package.json (lockfile 2 and 3 copy them). */
function directNames(root: Record<string, unknown>): Set<string> | undefined {
  const lists = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];
  if (!lists.some((key) => key in root)) return undefined;
  return new Set(lists.flatMap((key) => Object.keys(asRecord(root[key]) ?? {})));
}

function parseNpmLock(files: ImportFile[], options?: ImporterOptions): ImportResult {
  const overrides = readClassOverrides(
    { format: 'npm', kinds: Object.keys(CLASSES), kindWord: 'kind of CI' },
    options?.mapping,
  );
  const builder = new StateBuilder();
  const classOf = (kind: Kind): string => overrides.get(kind) ?? CLASSES[kind];
  for (const [kind, className] of overrides)
    declareOverrideClass(builder, className, CLASSES[kind as Kind], `An npm ${kind}`);
  for (const file of files) {
    const read = readJsonValues(file, 'a package-lock.json');
    for (const issue of read.issues) builder.issue(issue, issue.message);
    for (const { value, line } of read.values)
      readLock(builder, value, { file: file.path, location: `line ${line}` }, classOf);
  }
  return builder.build();
}

function readLock(builder: StateBuilder, value: unknown, origin: Origin, classOf: (kind: Kind) => string): void {
  const lock = isRecord(value) ? value : {};
  const lockfileVersion = asNumber(lock['lockfileVersion']);
  const packages = asRecord(lock['packages']);
  const dependencies = asRecord(lock['dependencies']);
  if (lockfileVersion === undefined || (!packages && !dependencies)) {
    const hint =
      isRecord(value) && ('dependencies' in value || 'devDependencies' in value)
        ? 'this looks like a package.json: import the package-lock.json beside it, which says which versions are installed'
        : 'not a package-lock.json: it has no lockfileVersion and no packages';
    return builder.issue(origin, hint);
  }
  const root = asRecord(packages?.['']) ?? {};
  const name = asText(lock['name']) ?? asText(root['name']);
  if (name === undefined) return builder.issue(origin, 'the lockfile names no package (no "name"); left out');
  const version = asText(lock['version']) ?? asText(root['version']);
  const app = builder.addCi(
    {
      class: classOf('application'),
      name,
      attributes: { ...(version ? { version } : {}), package_manager: 'npm', lockfile_version: lockfileVersion },
    },
    origin,
  );
  if (app === undefined) return;
  const installed = packages ? fromPackages(packages) : fromDependencies(dependencies ?? {}, true);
  const direct = directNames(root);
  const byName = new Map<string, Installed[]>();
  for (const item of installed) byName.set(item.name, [...(byName.get(item.name) ?? []), item]);
  for (const [pkg, copies] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
    const main = copies.find((c) => c.top) ?? copies[0]!;
    const versions = [...new Set(copies.map((c) => c.version).filter((v) => v !== undefined))].sort();
    const ref = builder.addCi(
      { class: classOf('package'), name: pkg, attributes: { ecosystem: 'npm', purl: purl(pkg) } },
      origin,
    );
    if (ref === undefined) continue;
    const attributes: Record<string, string | boolean | string[]> = { scope: main.scope };
    if (main.version !== undefined) attributes['version'] = main.version;
    if (versions.length > 1) attributes['versions'] = versions;
    if (direct) attributes['direct'] = direct.has(pkg);
    builder.addRelation({ type: 'depends_on', from: app, to: ref, attributes }, origin);
  }
}

/** The package URL without version (`pkg:npm/%40babel/core`): one name for the package everywhere. */
function purl(name: string): string {
  return `pkg:npm/${name.startsWith('@') ? `%40${name.slice(1)}` : name}`;
}
