import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import type { CairnClient } from '../../client/client.js';
import type { ExportPage } from '../../core/import/export-records.js';
import type { TextSink } from '../../importers/cairn/format-writers.js';
import { withClient } from '../client-context.js';
import { CliUsageError, LIST_PAGE } from '../output.js';
import { collect } from '../parse-args.js';
import { EXPORT_FORMATS, type ExportFormatName } from './import-formats.js';

interface ExportOpts {
  format: string;
  at?: string;
  class?: string[];
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write the CMDB, or its state at a point, in a format `cairn import` reads back')
    .option('--format <format>', EXPORT_FORMATS.join(' | '), 'ndjson')
    .option('--at <point>', 'revision, baseline, change or ISO time (default: now)')
    .option('--class <class>', 'only CIs of this class and its subclasses (repeatable)', collect)
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (opts: ExportOpts, cmd: Command) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format))
        throw new CliUsageError(`export format "${opts.format}" is not one of ${EXPORT_FORMATS.join(', ')}`);
      const file = takeOutputFile(cmd);
      const { writeExport } = await import('../../importers/cairn/format-writers.js');
      await withClient(cmd, async ({ client }) => {
        const pages = exportPages(client, { at: opts.at, classes: opts.class });
        // The first chunk is read before the file is created: a bad --at or --class leaves no empty file behind.
        const first = await pages.next();
        // A file is written beside its name and renamed once complete: a failed export leaves
        // no file behind (and an earlier file of that name as it was).
        const partial = file === undefined ? undefined : `${file}.partial-${process.pid}`;
        const out = partial === undefined ? process.stdout : createWriteStream(partial);
        const { sink, release } = sinkOf(out);
        let done = false;
        try {
          await writeExport(opts.format as ExportFormatName, resume(first, pages), sink);
          done = true;
        } catch (e) {
          // CSV refuses a custom model: the user picks another format.
          if (e instanceof Error && e.message.startsWith('the CMDB has classes')) throw new CliUsageError(e.message);
          if ((e as NodeJS.ErrnoException).code === 'EPIPE') return;
          throw e;
        } finally {
          release();
          if (partial !== undefined) {
            await new Promise<void>((resolve, reject) =>
              (out as WriteStream).end((e?: Error | null) => (e ? reject(e) : resolve())),
            )
              .catch((e: unknown) => {
                done = false;
                throw e;
              })
              .finally(() => {
                if (done) renameSync(partial, file!);
                else rmSync(partial, { force: true });
              });
          }
        }
      });
    });
}

/** The export's chunks, read through the client one after the other, as the format writers take them. */
async function* exportPages(
  client: CairnClient,
  query: { at?: string; classes?: string[] },
): AsyncGenerator<ExportPage> {
  let cursor: string | undefined;
  do {
    const chunk = await client.exports.chunk({ ...query, limit: LIST_PAGE, cursor });
    if (chunk.model)
      yield { kind: 'model', ...(chunk.model as unknown as Omit<Extract<ExportPage, { kind: 'model' }>, 'kind'>) };
    if (chunk.cis.length > 0) yield { kind: 'cis', cis: chunk.cis };
    if (chunk.relations.length > 0) yield { kind: 'relations', relations: chunk.relations };
    cursor = chunk.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

async function* resume<T>(first: IteratorResult<T>, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  if (first.done) return;
  yield first.value;
  yield* rest;
}

/**
 * The program's global `-o/--output` (table|json|yaml) takes `--output` wherever it appears, so
 * for export the file is read from the raw arguments and the global option put back to its
 * default before the context parses it.
 */
function takeOutputFile(cmd: Command): string | undefined {
  // commander keeps the raw arguments on the program; its type declarations do not list them.
  const raw = (cmd.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? [];
  let file: string | undefined;
  raw.forEach((arg, i) => {
    if (arg === '--output') file = raw[i + 1];
    else if (arg.startsWith('--output=')) file = arg.slice('--output='.length);
  });
  if (file !== undefined) cmd.parent?.setOptionValue('output', 'table');
  return file;
}

function sinkOf(out: NodeJS.WritableStream): { sink: TextSink; release: () => void } {
  let failed: Error | undefined;
  // A reader that goes away (`cairn export | head`) fails the next write instead of crashing.
  const onError = (e: Error) => (failed = e);
  out.on('error', onError);
  const sink: TextSink = (text) =>
    new Promise((resolve, reject) => {
      if (failed) return reject(failed);
      if (text === '') return resolve();
      if (out.write(text, (e) => e && reject(e))) resolve();
      else out.once('drain', resolve);
    });
  return { sink, release: () => void out.off('error', onError) };
}
