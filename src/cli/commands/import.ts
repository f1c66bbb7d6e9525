import { basename } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../core/shared/errors.js';
import { withClient } from '../client-context.js';
import { CliUsageError, print } from '../output.js';
import { startProgress } from '../progress.js';
import { IMPORT_FORMATS } from './import-formats.js';
import { scopeArgs } from './drift-args.js';
import { joinScopes } from '../../core/import/input-scope.js';
import { asChangeJson, asChangeText, importJson, importText, printProblems, refusalMessage } from './import-report.js';

interface ImportOpts {
  partial?: boolean;
  scopeClass?: string[];
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
    .description(`import files of a format as one revision: ${IMPORT_FORMATS.join(', ')}`)
    .argument('<format>', IMPORT_FORMATS.join(' | '))
    .argument('<files...>', 'input files')
    .option(
      '--mapping <file>',
      "mapping file (YAML/JSON) overriding the format's default mapping (csv: required unless Cairn's layout)",
    )
    .option('--source <name>', 'source recorded on every CI (default FORMAT:first-file-name)')
    .option('--prune', 'retire CIs and relationships of this source that the input no longer has (within its scope)')
    .option('--partial', 'the files hold part of what the source has: --prune keeps CIs of classes they do not hold')
    .option('--scope-class <classes...>', '--prune retires only CIs of these classes (and subclasses)')
    .option('--dry-run', 'show what would change; write nothing')
    .option('--skip-invalid', 'write the good records and report the bad ones (default: any bad record writes nothing)')
    .option('-m, --message <text>', 'why: recorded on the revision')
    .option('--as-change', 'open a change whose plan is what the import would write, instead of writing')
    .action(async (format: string, files: string[], opts: ImportOpts, cmd: Command) => {
      if (opts.asChange && opts.dryRun)
        throw new CliUsageError('--as-change already writes nothing: leave out --dry-run');
      // The files are read and parsed here, whichever the transport: the importers run on the client.
      const { importInput } = await import('./import-input.js');
      const input = await importInput(format, files, opts.mapping);
      const names = files.map((f) => basename(f)).join(' ');
      const source = opts.source ?? `${format}:${basename(files[0]!)}`;
      await withClient(cmd, async ({ client, format: output }) => {
        const progress = startProgress(`import ${format}`, input.totalBytes, 'records');
        const started = Date.now();
        const options = {
          source,
          message: opts.message ?? `import ${format} ${names}`,
          prune: opts.prune,
          // Over HTTP the options carry the scope: an importer's partial input counts as if --partial were given.
          scope: joinScopes(scopeArgs({ partial: opts.partial, scopeClass: opts.scopeClass }), input.scope),
          dryRun: opts.dryRun,
          skipInvalid: opts.skipInvalid,
          asChange: opts.asChange ? { title: opts.message ?? `Import ${format} ${names}` } : undefined,
        };
        const report = await client.imports
          .run(input.batches, options, (done) => progress.update(input.bytesRead(), done.cis + done.relations))
          .finally(() => progress.stop());
        const summary = { files, ms: Date.now() - started };
        if (output === 'table') printProblems(report);
        if (report.refused) {
          if (output !== 'table') print(output, importJson(report, summary), () => '');
          throw new InputError('IMPORT_INVALID', refusalMessage(report));
        }
        if (opts.asChange) print(output, asChangeJson(report), () => asChangeText(report));
        else print(output, importJson(report, summary), () => importText(report, summary));
      });
    });
}
