// Bundles the CLI into dist/cli: one file for the command tree, and a chunk for each command's
// module and for each transport, loaded only when a command needs it. Loading one bundled file is
// far cheaper than resolving the ~1 000 files of kysely, TypeBox and the rest one by one.
import { build } from 'esbuild';

await build({
  entryPoints: {
    main: 'src/cli/main.ts',
    'checkpoint.worker': 'src/store/checkpoint.worker.ts',
    'page-reader.worker': 'src/store/page-reader.worker.ts',
  },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Native addons, and packages that read their own files at run time, stay in node_modules.
  external: ['better-sqlite3', 'pg', 'pg-native', '@node-rs/argon2', 'fastify', '@fastify/*'],
  // Bundled CommonJS packages call require(); ESM has none of its own.
  banner: {
    js: "import { createRequire as cairnCreateRequire } from 'node:module'; const require = cairnCreateRequire(import.meta.url);",
  },
});
