import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { ImportBatch } from '../../core/import/import.types.js';
import type { InputScope } from '../../core/import/input-scope.js';
import { CairnError } from '../../core/shared/errors.js';
import type { StreamInput } from '../../importers/cairn/stream.types.js';
import { CliUsageError } from '../output.js';
import { readText, readYamlFile } from '../read-input.js';
import { IMPORT_FORMATS } from './import-formats.js';

/** An import's input as batches, and how far through its files reading has got. */
export interface ImportInput {
  batches: AsyncIterable<ImportBatch> | Iterable<ImportBatch>;
  /** Bytes of all files together, for the progress bar. */
  totalBytes: number;
  bytesRead(): number;
  /** What the input covers, when its importer found it partial (a GLPI inventory marked `partial`). */
  scope?: InputScope;
}

/**
 * Opens the files of `cairn import FORMAT FILE…`: NDJSON and CSV stream from disk in batches;
 * Cairn's JSON/YAML documents and the other formats are read whole and parsed by their importer.
 * The importers (and the libraries they use) are loaded here, by the import alone.
 */
export async function importInput(
  format: string,
  files: string[],
  mappingFile: string | undefined,
): Promise<ImportInput> {
  if (!(IMPORT_FORMATS as readonly string[]).includes(format))
    throw new CliUsageError(`"${format}" is not an import format; use one of: ${IMPORT_FORMATS.join(', ')}`);
  const { DOCUMENT_FORMATS, STREAMING_IMPORTERS } = await import('../../importers/cairn/cairn-formats.js');
  const { readCairnDocument } = await import('../../importers/cairn/document.importer.js');
  const { IMPORTERS } = await import('../../importers/importer-registry.js');
  const sizes = files.map(sizeOf);
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const mapping = mappingFile === undefined ? undefined : readMapping(mappingFile);
  const streaming = STREAMING_IMPORTERS.get(format);
  if (streaming) {
    let read = 0;
    const counted = (path: string): StreamInput => ({
      path,
      chunks: (async function* () {
        for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
          read += Buffer.byteLength(chunk as string);
          yield chunk as string;
        }
      })(),
    });
    return { batches: streaming.stream(files.map(counted), { mapping }), totalBytes, bytesRead: () => read };
  }
  const whole = { totalBytes, bytesRead: () => totalBytes };
  if ((DOCUMENT_FORMATS as readonly string[]).includes(format)) {
    if (mapping) throw new CliUsageError(`the ${format} format takes no --mapping: it is Cairn's own document`);
    return {
      ...whole,
      batches: files.map((path) => readCairnDocument({ path, text: readText(path) }, format as 'json' | 'yaml')),
    };
  }
  const importer = IMPORTERS.get(format);
  if (!importer)
    throw new CliUsageError(`"${format}" is not an import format; use one of: ${IMPORT_FORMATS.join(', ')}`);
  const inputs = files.map((path) => ({ path, text: readText(path) }));
  let result;
  try {
    result = importer.parse(inputs, { mapping, readFile: readNamedFile });
  } catch (e) {
    // Importers throw plain errors for a bad mapping: a usage mistake, not an internal failure.
    if (e instanceof CairnError) throw e;
    throw new CliUsageError(`${format}: ${(e as Error).message}`);
  }
  const label = files.join(', ');
  const { state, issues, skipped, positions, scope } = result;
  const batch: ImportBatch = {
    ...state,
    issues,
    ...(skipped ? { skipped } : {}),
    ...(scope ? { scope } : {}),
    locate: (kind, i) => {
      const known = kind === 'ci' ? positions?.cis[i] : positions?.relations[i];
      if (known) return known;
      const item = kind === 'ci' ? state.cis[i] : state.relations[i];
      const where = item && ('class' in item ? `${item.class}/${item.name}` : `${item.type} ${item.from} → ${item.to}`);
      return { file: label, location: where };
    },
  };
  return { ...whole, batches: [batch], ...(scope ? { scope } : {}) };
}

/** A file the input names (a Backstage Location's target, a Compose include), or undefined when unreadable. */
function readNamedFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function sizeOf(path: string): number {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new CliUsageError(`cannot read ${path}: it is a directory`);
    return stat.size;
  } catch (e) {
    if (e instanceof CliUsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliUsageError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

function readMapping(path: string): Record<string, unknown> {
  const value = readYamlFile(path);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new CliUsageError(`${path} must be a YAML or JSON mapping`);
  return value as Record<string, unknown>;
}
