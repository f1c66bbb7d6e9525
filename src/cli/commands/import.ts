import { basename } from 'node:path';
import type { Command } from 'commander';
import { ImportService } from '../../core/import/import.service.js';
import { InputError } from '../../core/shared/errors.js';
import { systemClock } from '../../core/shared/clock.js';
import { withContext, type CliContext } from '../context.js';
import { CliUsageError, print } from '../output.js';
import type { ImportOutcome } from '../../core/import/import.types.js';
import { countWrites, describeCounts } from './write-summary.js';
import { startProgress } from '../progress.js';
import { FORMATS, importInput } from './import-input.js';
import { changeLists, importJson, importText, printProblems } from './import-report.js';

interface ImportOpts {
  mapping?: string;
  source?: string;
  prune?: boolean;
  dryRun?: boolean;
  skipInvalid?: boolean;
  message?: string;
  asChange?: boolean;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(`import files of a format as one revision: ${FORMATS.join(', ')}`)
    .argument('<format>', FORMATS.join(' | '))
    .argument('<files...>', 'input files')
    .option('--mapping <file>', 'mapping file (YAML/JSON) overriding the format\'s default mapping (csv: required unless Cairn\'s layout)')
    .option('--source <name>', 'source recorded on every CI (default FORMAT:first-file-name)')
    .option('--prune', 'retire CIs and relationships of this source that the input no longer has')
    .option('--dry-run', 'show what would change; write nothing')
    .option('--skip-invalid', 'write the good records and report the bad ones (default: any bad record writes nothing)')
    .option('-m, --message <text>', 'why: recorded on the revision')
    .option('--as-change', 'open a change whose plan is what the import would write, instead of writing')
    .action(async (format: string, files: string[], opts: ImportOpts, cmd: Command) => {
      if (opts.asChange && opts.dryRun) throw new CliUsageError('--as-change already writes nothing: leave out --dry-run');
      const input = importInput(format, files, opts.mapping);
      const source = opts.source ?? `${format}:${basename(files[0]!)}`;
      await withContext(cmd, async (ctx) => {
        const service = new ImportService({ store: ctx.store, cmdb: ctx.cmdb, clock: systemClock });
        const progress = startProgress(`import ${format}`, input.totalBytes, 'records');
        const started = Date.now();
        const outcome = await service
          .import(input.batches, ctx.meta(opts.message ?? `import ${format} ${files.map((f) => basename(f)).join(' ')}`, source), {
            prune: opts.prune,
            // --as-change: compute what the import writes, roll back, and put that in a change.
            dryRun: opts.dryRun || opts.asChange,
            collectPlan: opts.asChange,
            skipInvalid: opts.skipInvalid,
            onProgress: (done) => progress.update(input.bytesRead(), done.cis + done.relations),
          })
          .finally(() => progress.stop());
        const summary = { source, files, ms: Date.now() - started };
        if (ctx.format === 'table') printProblems(outcome.problems);
        if (outcome.refused) {
          if (ctx.format !== 'table') print(ctx.format, importJson(outcome, summary), () => '');
          const n = outcome.problems.length;
          throw new InputError('IMPORT_INVALID', `${n} bad record${n === 1 ? '' : 's'} in the input: nothing written (fix ${n === 1 ? 'it' : 'them'}, or pass --skip-invalid to write the good ones)`);
        }
        if (opts.asChange) return openChange(ctx, outcome, opts.message ?? `Import ${format} ${files.map((f) => basename(f)).join(' ')}`, source);
        const lists = outcome.dryRun ? await changeLists(outcome, ctx.cmdb) : undefined;
        print(ctx.format, importJson(outcome, summary, lists), () => importText(outcome, summary, lists));
      });
    });
}

/** Opens a change whose plan is exactly what the import would have written. */
async function openChange(ctx: CliContext, outcome: ImportOutcome, title: string, source: string): Promise<void> {
  const what = describeCounts(countWrites(outcome.writes));
  if (what === '' || !outcome.plan) {
    print(ctx.format, { change: null }, () => `No changes: the import would write nothing (source ${source}); no change opened.`);
    return;
  }
  const description = `Import from ${source}: ${what}.`;
  const change = await ctx.changes.create({ type: 'normal', title, description, justification: description, plan: outcome.plan }, ctx.author);
  print(ctx.format, { change: change.ref, state: change.state, ...countWrites(outcome.writes) }, () => `Opened ${change.ref} (${change.state}): its plan is the import (${what}); nothing written yet.`);
}
