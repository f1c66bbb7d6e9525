import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The store is opened and wired into services in one place, src/app (the composition root). The
 * faces (src/api, src/cli, src/client, web) and everything else reach the database through
 * service methods: no file outside src/app and src/store imports from src/store, not even a type.
 * ESLint says the same file by file; this test reads every import (static, type-only, re-exports
 * and `import()`) so that a rule switched off for one file cannot hide an import.
 */

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const storeDir = join(repoDir, 'src/store');
const allowed = [join(repoDir, 'src/app'), storeDir];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((name) => name.startsWith('.'));
}

/** `file imports specifier` for each import into src/store from outside src/app and src/store. */
function storeImportsOutsideApp(dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    sourceFiles(join(repoDir, dir))
      .filter((file) => !allowed.some((a) => file.startsWith(a + sep)))
      .flatMap((file) =>
        importsOf(readFileSync(file, 'utf8'))
          .filter((specifier) => resolve(dirname(file), specifier).startsWith(storeDir + sep))
          .map((specifier) => `${relative(repoDir, file)} imports ${specifier}`),
      ),
  );
}

describe('the store behind the composition root', () => {
  it.each(['src/api', 'src/cli', 'src/client', 'web'])('%s imports nothing from src/store', (face) => {
    expect(storeImportsOutsideApp([face])).toEqual([]);
  });

  it('no file of src outside src/app and src/store imports from src/store', () => {
    expect(storeImportsOutsideApp(['src'])).toEqual([]);
  });

  it('sees an import into the store when there is one (src/app has them)', () => {
    const appImports = sourceFiles(join(repoDir, 'src/app')).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8')).filter((s) => resolve(dirname(file), s).startsWith(storeDir + sep)),
    );
    expect(appImports.length).toBeGreaterThan(0);
  });
});
