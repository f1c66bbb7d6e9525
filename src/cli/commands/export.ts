import { createWriteStream, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { exportPages } from '../../core/import/export-records.js';
import { EXPORT_FORMATS, writeExport, type ExportFormat, type TextSink } from '../../importers/cairn/format-writers.js';
import { withContext } from '../context.js';
import { CliUsageError } from '../output.js';
import { atArg, collect } from '../parse-args.js';

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
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new CliUsageError(`export format "${opts.format}" is not one of ${EXPORT_FORMATS.join(', ')}`);
      const file = takeOutputFile(cmd);
      await withContext(cmd, async (ctx) => {
        const at = await atArg(ctx, opts.at);
        const out = file === undefined ? process.stdout : createWriteStream(file);
        try {
          await writeExport(opts.format as ExportFormat, exportPages({ store: ctx.store, cmdb: ctx.cmdb }, { at, classes: opts.class }), sinkOf(out));
        } catch (e) {
          // CSV refuses a custom model: the user picks another format.
          if (e instanceof Error && e.message.startsWith('the CMDB has classes')) throw new CliUsageError(e.message);
          if ((e as NodeJS.ErrnoException).code === 'EPIPE') return;
          throw e;
        } finally {
          if (out !== process.stdout) await new Promise<void>((resolve, reject) => (out as WriteStream).end((e?: Error | null) => (e ? reject(e) : resolve())));
        }
      });
    });
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

function sinkOf(out: NodeJS.WritableStream): TextSink {
  let failed: Error | undefined;
  // A reader that goes away (`cairn export | head`) fails the next write instead of crashing.
  out.on('error', (e: Error) => (failed = e));
  return (text) =>
    new Promise((resolve, reject) => {
      if (failed) return reject(failed);
      if (text === '') return resolve();
      if (out.write(text, (e) => e && reject(e))) resolve();
      else out.once('drain', resolve);
    });
}
