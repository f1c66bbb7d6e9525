import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The README's architecture section is the newcomer's map of the tree. This test holds the map to
 * the territory both ways: every folder under src/ (and web/) has a row, every row names a folder
 * that exists, and the line of core modules names exactly the folders under src/core, in the
 * layer order docs/architecture.md's table gives.
 */

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(join(repoDir, 'README.md'), 'utf8');

function architectureSection(): string {
  const start = readme.indexOf('\n## Architecture\n');
  expect(start, 'README.md has an "## Architecture" section').toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

function folders(dir: string): string[] {
  return readdirSync(join(repoDir, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

describe("the README's architecture section", () => {
  it('has one row for each folder of src/ and for web/, and no row for a folder that is gone', () => {
    const rows = [...architectureSection().matchAll(/^\| `([^`]+)\/` +\|/gm)].map((m) => m[1]);
    const tree = [...folders('src').map((name) => `src/${name}`), 'web'];
    expect([...rows].sort()).toEqual(tree.sort());
  });

  it('lists the core modules that exist, in the layer order of docs/architecture.md', () => {
    const section = architectureSection();
    const line = section.slice(section.indexOf("The core's modules"));
    const listed = [...line.slice(0, line.indexOf('.\n')).matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
    expect([...listed].sort()).toEqual(folders('src/core'));

    const architecture = readFileSync(join(repoDir, 'docs/architecture.md'), 'utf8');
    const tableOrder = [...architecture.matchAll(/^\| `([a-z-]+)` +\|/gm)].map((m) => m[1]);
    expect(listed).toEqual(tableOrder);
  });
});
