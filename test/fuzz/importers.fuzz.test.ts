import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportBatch } from '../../src/core/import/import.types.js';
import { CairnError } from '../../src/core/shared/errors.js';
import { STREAMING_IMPORTERS } from '../../src/importers/cairn/cairn-formats.js';
import { readCairnDocument } from '../../src/importers/cairn/document.importer.js';
import { IMPORTERS } from '../../src/importers/importer-registry.js';
import type { Services } from '../../src/app/services.js';
import { engines } from '../helpers/engines.js';
import { freshServices } from '../property/store-state.js';
import { FUZZ_SEED, runs, SUITE_TIMEOUT_MS } from './fuzz-settings.js';
import { hostileJson, hostileString, malformedBodyText, toJsonText } from './hostile-values.js';

/** Words the importers look for, so that generated documents reach past their first checks. */
const KEYS = [
  ...['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'labels', 'annotations', 'spec', 'selector', 'template'],
  ...['containers', 'image', 'ports', 'volumes', 'services', 'depends_on', 'networks', 'links', 'environment'],
  ...['resources', 'instances', 'type', 'mode', 'provider', 'module', 'attributes', 'index_key', 'version'],
  ...['all', 'hosts', 'children', 'vars', 'ansible_host', 'relations', 'dependsOn', 'owner', 'system', 'lifecycle'],
  ...['cis', 'class', 'status', 'from', 'to', 'delete', 'classes', 'id', 'serial', 'device_type', 'site', 'rack'],
  ...['interfaces', 'ip_addresses', 'cables', 'a_terminations', 'b_terminations', 'device', 'results', 'items'],
  ...['computers', 'networkports', 'softwares', 'entities_id', 'states_id', 'x-cairn', 'deploy', 'build'],
];
const KINDS = ['Deployment', 'Service', 'Pod', 'Ingress', 'Component', 'System', 'API', 'Resource', 'Group', 'List'];

/** A document made of the importers' own words, hostile below them. */
const wordy: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileJson,
    fc.constantFrom(...KINDS),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...KEYS) }, hostileString), tie('node'), {
      maxKeys: 6,
    }),
  ),
})).node;

/** A value as the text of a file: JSON, YAML, several YAML documents, CSV or INI-like lines. */
const fileText: fc.Arbitrary<string> = fc.oneof(
  wordy.map(toJsonText),
  wordy.map((v) => toYaml(v, { aliasDuplicateObjects: false })),
  fc.array(wordy, { maxLength: 3 }).map((docs) => docs.map((d) => toYaml(d)).join('---\n')),
  fc
    .array(
      fc.array(
        hostileString.filter((s) => s.length < 200),
        { maxLength: 5 },
      ),
      { maxLength: 5 },
    )
    .map((rows) => ['class,name,status,attributes', ...rows.map((r) => r.join(','))].join('\n')),
  fc
    .array(
      fc.oneof(
        hostileString.map((s) => `[${s}]`),
        hostileString,
        hostileString.map((s) => `${s} a=${s}`),
      ),
      {
        maxLength: 6,
      },
    )
    .map((lines) => lines.join('\n')),
  malformedBodyText,
  // YAML that expands exponentially through aliases (a "billion laughs").
  fc.constant(
    [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${`*${'abcdefghi'[i]}, `.repeat(9)}*${'abcdefghi'[i]}]`),
    ].join('\n'),
  ),
);

const PATHS = [
  'x.json',
  'x.yaml',
  'x.yml',
  'hosts',
  'inventory.ini',
  'x.csv',
  'terraform.tfstate',
  'docker-compose.yml',
];
const files = fc.array(fc.record({ path: fc.constantFrom(...PATHS), text: fileText }), { minLength: 1, maxLength: 2 });

/**
 * Parsing failed in a way a user can read: Cairn's own error, or the plain Error importers throw
 * for a bad mapping (the CLI prints it as one line). A TypeError, RangeError (stack overflow) or
 * the like is a crash in the importer.
 */
function expectClearError(e: unknown, what: string): void {
  const clear = e instanceof CairnError || (e instanceof Error && e.constructor === Error);
  expect(clear, `${what}: ${String(e)}\n${(e as Error).stack ?? ''}`).toBe(true);
}

async function* chunksOf(text: string): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += 777) yield text.slice(i, i + 777);
}

/**
 * Every importer (the outside formats, and Cairn's own JSON, YAML, NDJSON and CSV), fed malformed,
 * huge, deeply nested, unicode-heavy and SQL-metacharacter files and mappings: each parse ends
 * with a result or a clear error, never a crash; and whatever the importer produced is imported,
 * or refused with Cairn's error and nothing written.
 */
const harness = engines()[0]!;

describe('importer fuzzing', () => {
  let s: Services;
  beforeAll(async () => {
    s = (await freshServices(harness)).s;
  });
  afterAll(() => harness.cleanup());

  async function importOrRefuse(batches: ImportBatch[] | AsyncIterable<ImportBatch>, what: string) {
    const before = await s.history.headRev();
    try {
      await s.imports.import(batches, { author: 'fuzz', source: 'fuzz' });
    } catch (e) {
      expect(e instanceof CairnError, `${what}: ${String(e)}\n${(e as Error).stack ?? ''}`).toBe(true);
      expect(await s.history.headRev(), what).toBe(before);
    }
  }

  for (const [format, importer] of IMPORTERS) {
    it(
      `${format}: parses or refuses clearly, and imports or refuses without writing`,
      async () => {
        await fc.assert(
          fc.asyncProperty(
            files,
            fc.option(fc.dictionary(fc.constantFrom(...KEYS), wordy, { maxKeys: 3 })),
            async (input, mapping) => {
              const what = `${format} ${JSON.stringify(input).slice(0, 400)} mapping ${JSON.stringify(mapping)?.slice(0, 200)}`;
              let result;
              try {
                result = importer.parse(input, mapping === null ? {} : { mapping });
              } catch (e) {
                expectClearError(e, what);
                return;
              }
              // As the CLI does (src/cli/commands/import-input.ts): the result is one batch.
              await importOrRefuse([{ ...result.state, issues: result.issues }], what);
            },
          ),
          { numRuns: runs(15), seed: FUZZ_SEED },
        );
      },
      SUITE_TIMEOUT_MS,
    );
  }

  for (const format of ['json', 'yaml'] as const) {
    it(
      `cairn ${format}: reads or refuses clearly, and imports or refuses without writing`,
      async () => {
        await fc.assert(
          fc.asyncProperty(fileText, async (text) => {
            const what = `${format} ${text.slice(0, 400)}`;
            let batch;
            try {
              batch = readCairnDocument({ path: `x.${format}`, text }, format);
            } catch (e) {
              expectClearError(e, what);
              return;
            }
            await importOrRefuse([batch], what);
          }),
          { numRuns: runs(15), seed: FUZZ_SEED },
        );
      },
      SUITE_TIMEOUT_MS,
    );
  }

  for (const [format, importer] of STREAMING_IMPORTERS) {
    it(
      `cairn ${format}: streams or refuses clearly, and imports or refuses without writing`,
      async () => {
        await fc.assert(
          fc.asyncProperty(fileText, async (text) => {
            const what = `${format} ${text.slice(0, 400)}`;
            const batches = importer.stream([{ path: `x.${format}`, chunks: chunksOf(text) }], { batchSize: 2 });
            await importOrRefuse(batches, what);
          }),
          { numRuns: runs(15), seed: FUZZ_SEED },
        );
      },
      SUITE_TIMEOUT_MS,
    );
  }
});
