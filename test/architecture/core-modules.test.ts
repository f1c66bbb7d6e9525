import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The core's modules form layers: a module may import a lower one, never a higher one, so that
 * each can be read, tested and changed without the ones above it. A module is the first folder
 * under src/core (core/change, core/policy); a file directly under src/core is a module of its own.
 * This test reads every import of every file (static, type-only, re-exports and `import()`),
 * builds the graph of modules and fails naming each cycle, and each import of a module that the
 * table in docs/architecture.md lists after the importer.
 */

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const coreDir = join(repoDir, 'src/core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The module a file under src/core belongs to: its first folder, or the file itself without `.ts`. */
function moduleOf(file: string): string {
  const parts = relative(coreDir, file).split(sep);
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.ts$/, '');
}

/** Every relative specifier a file imports, including type-only imports, re-exports and `import()`. */
function importsOf(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((f) => f.fileName).filter((name) => name.startsWith('.'));
}

type Graph = Map<string, Map<string, string>>; // module → imported module → one file that does it

function moduleGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(coreDir)) {
    const from = moduleOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(coreDir + sep)) continue;
      const to = moduleOf(target.replace(/\.js$/, '.ts'));
      if (to !== from && !edges.has(to)) edges.set(to, relative(coreDir, file));
    }
  }
  return graph;
}

/** Strongly connected components with more than one module (Tarjan): each is a tangle. */
function cycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** The modules in the order of the table under "The core's modules" in docs/architecture.md. */
function documentedLayers(): string[] {
  const doc = readFileSync(join(repoDir, 'docs/architecture.md'), 'utf8');
  const section = doc.split("## The core's modules")[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/^\| `([a-z-]+)` +\|/gm)].map((m) => m[1]!);
}

describe('the import graph of src/core', () => {
  const graph = moduleGraph();

  it('reads every kind of import', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b/b.js';",
      "export { c } from './c.js';",
      "export type { D } from './d.js';",
      "const e = await import('../e/e.js');",
      "import { f } from 'node:fs';",
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a.js', '../b/b.js', './c.js', './d.js', '../e/e.js']);
  });

  it('has modules and edges to check', () => {
    expect(graph.size).toBeGreaterThan(5);
    expect([...graph.values()].some((edges) => edges.size > 0)).toBe(true);
  });

  it('has no two modules importing each other', () => {
    const pairs: string[] = [];
    for (const [from, edges] of graph) {
      for (const [to, file] of edges) {
        const back = graph.get(to)?.get(from);
        if (back !== undefined && from < to) pairs.push(`${from} ↔ ${to} (${file} / ${back})`);
      }
    }
    expect(pairs.sort()).toEqual([]);
  });

  it('follows the layers docs/architecture.md lists: a module imports only those listed before it', () => {
    const layers = documentedLayers();
    expect([...graph.keys()].filter((m) => !layers.includes(m)).sort()).toEqual([]);
    const upward: string[] = [];
    for (const [from, edges] of graph) {
      for (const [to, file] of edges)
        if (layers.indexOf(to) > layers.indexOf(from)) upward.push(`${from} → ${to} (${file})`);
    }
    expect(upward.sort()).toEqual([]);
  });

  it('has no cycle of modules', () => {
    const described = cycles(graph).map((component) => {
      const edges = component.flatMap((from) =>
        component.filter((to) => graph.get(from)?.has(to)).map((to) => `${from} → ${to} (${graph.get(from)!.get(to)})`),
      );
      return `${component.join(', ')}: ${edges.join('; ')}`;
    });
    expect(described).toEqual([]);
  });
});
