import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Only the composition root (src/app) opens the store and wires repositories into services: a face
// (route, command, client) reaches the database through a service method, never a store or its types.
const storeOnlyInApp = {
  group: ['**/store/**'],
  message: 'only src/app opens and wires the store: call a service method instead',
};

const outerLayers = [
  '**/store/**',
  '**/api/**',
  '**/cli/**',
  '**/importers/**',
  'kysely',
  'better-sqlite3',
  'pg',
  'fastify',
  'commander',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', 'coverage/**', 'test-results/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    // The core knows nothing of SQL, HTTP or terminals: dependencies point inward.
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: outerLayers }] },
  },
  {
    // Importers turn outside formats into desired state; they never write.
    files: ['src/importers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/store/**', '**/api/**', '**/cli/**', 'kysely', 'better-sqlite3', 'pg'] },
      ],
    },
  },
  {
    // SQL lives only in the store, and the store only behind src/app: the faces call services.
    files: ['src/api/**/*.ts', 'src/cli/**/*.ts', 'src/client/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['kysely', 'pg', 'better-sqlite3'], patterns: [storeOnlyInApp] }],
    },
  },
  {
    // A command's module is loaded for --help and for every run of the command: it imports only
    // light modules, and the transports, services and heavy libraries inside its action (await
    // import). The composition roots are loaded that way, on demand.
    files: ['src/cli/**/*.ts'],
    ignores: ['src/cli/local-root.ts', 'src/cli/remote-client.ts', 'src/cli/remote/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'kysely',
            'pg',
            'better-sqlite3',
            'fastify',
            'ajv',
            '@sinclair/typebox',
            'csv-parse',
            'cli-progress',
            'ical-generator',
            'rrule',
            '@node-rs/argon2',
          ].map((name) => ({
            name,
            allowTypeImports: true,
            message: 'load it inside the action (await import) so that other commands and --help do not pay for it',
          })),
          patterns: [
            storeOnlyInApp,
            {
              group: [
                '**/api/**',
                '**/app/**',
                '**/importers/**',
                '**/client/local/**',
                '**/client/http/**',
                '**/contracts/**',
              ],
              allowTypeImports: true,
              message:
                'a command imports only types from here; values are loaded inside its action (await import) or through the client',
            },
          ],
        },
      ],
    },
  },
  {
    // The web UI runs in the browser: it knows the API by its contracts (types only, so that neither
    // TypeBox nor the core is bundled) and calls it through the typed client, never server code.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/core/**', '**/src/store/**', '**/src/api/**', '**/src/app/**'],
              message: 'the browser gets this through the API (src/client) or its contracts (src/contracts)',
            },
            {
              group: ['**/src/contracts/**'],
              allowTypeImports: true,
              message:
                'the browser imports only types from the contracts: their values would bundle TypeBox and the core',
            },
            { group: ['**/src/client/local/**'], message: 'the browser uses the HTTP client (createBrowserClient)' },
          ],
        },
      ],
    },
  },
  {
    // The HTTP client is bundled into the web UI too: it imports server code only as types.
    files: ['src/client/*.ts', 'src/client/http/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            storeOnlyInApp,
            {
              group: ['**/core/**', '**/api/**', '**/app/**', '**/contracts/**', '**/local/**'],
              allowTypeImports: true,
              message: 'the HTTP client runs in the browser: only types from here',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Build scripts are plain Node ESM outside the TypeScript project.
    files: ['scripts/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { parserOptions: { projectService: false, project: null } },
  },
);
