import { describe, expect, it } from 'vitest';
import { countBy, expectConsistent } from '../../../test/helpers/import-checks.js';
import { readSample } from '../../../test/helpers/samples.js';
import { npmLockImporter } from './npm-lock.importer.js';

const v2 = readSample('npm-lockfiles', 'package-lock.json');
const lock = JSON.parse(v2) as { packages: Record<string, { version?: string; dev?: boolean }> };
/** Package names installed, counted in the file: the last path segment of each node_modules key. */
const installedNames = new Set(
  Object.keys(lock.packages)
    .filter((path) => path !== '')
    .map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
);

describe('npm importer on lockfiles from npm’s own test fixtures', () => {
  const result = npmLockImporter.parse([{ path: 'package-lock.json', text: v2 }]);

  it('makes the application and one package CI per package installed, each a dependency with its version', () => {
    expect(result.issues).toEqual([]);
    expectConsistent(result);
    expect(installedNames.size).toBe(109);
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({ application: 1, software: installedNames.size });
    expect(result.state.cis[0]).toEqual({
      class: 'application',
      name: 'carbonium',
      attributes: { version: '1.0.1', package_manager: 'npm', lockfile_version: 2 },
    });
    expect(result.state.relations).toHaveLength(installedNames.size);
    expect(result.state.relations.find((r) => r.to === 'software/eslint')).toEqual({
      type: 'depends_on',
      from: 'application/carbonium',
      to: 'software/eslint',
      attributes: { scope: 'dev', version: lock.packages['node_modules/eslint']!.version!, direct: true },
    });
    expect(result.state.cis.find((ci) => ci.name === '@babel/code-frame')?.attributes).toEqual({
      ecosystem: 'npm',
      purl: 'pkg:npm/%40babel/code-frame',
    });
  });

  it('gives the version the application itself gets, and every version installed when there are several', () => {
    const nested = Object.keys(lock.packages).filter((p) => p.endsWith('node_modules/ansi-styles'));
    expect(nested.length).toBeGreaterThan(2);
    expect([...new Set(nested.map((p) => lock.packages[p]!.version))].sort()).toEqual(['3.2.1', '4.3.0']);
    expect(result.state.relations.find((r) => r.to === 'software/ansi-styles')?.attributes).toEqual({
      scope: 'dev',
      version: lock.packages['node_modules/ansi-styles']!.version!,
      versions: ['3.2.1', '4.3.0'],
      direct: false,
    });
  });

  it('reads lockfile 3 (packages only) like 2, and lockfile 1 (nested dependencies)', () => {
    const { dependencies: _legacy, ...v3 } = JSON.parse(v2) as Record<string, unknown>;
    const three = npmLockImporter.parse([{ path: 'v3.json', text: JSON.stringify({ ...v3, lockfileVersion: 3 }) }]);
    expect(three.state.relations).toEqual(result.state.relations);
    const v1 = readSample('npm-lockfiles', 'package-lock-v1.json');
    const one = npmLockImporter.parse([{ path: 'v1.json', text: v1 }]);
    expect(one.issues).toEqual([]);
    const names = new Set(
      [...v1.matchAll(/^\s+"([^"]+)": \{$/gm)].map((m) => m[1]).filter((n) => n !== 'dependencies' && n !== 'requires'),
    );
    expect(one.state.relations).toHaveLength(names.size);
    expect(one.state.relations.find((r) => r.to === 'software/abbrev')?.attributes).toEqual({
      scope: 'runtime',
      version: '1.1.1',
    });
  });

  it('says a package.json is not its lockfile', () => {
    const out = npmLockImporter.parse([{ path: 'package.json', text: '{"name": "x", "dependencies": {"a": "^1"}}' }]);
    expect(out.issues.map((i) => i.message)).toEqual([
      'this looks like a package.json: import the package-lock.json beside it, which says which versions are installed',
    ]);
  });
});
