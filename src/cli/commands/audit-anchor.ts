import type { Command } from 'commander';
import type { AnchorReport } from '../../app/audit-anchors.js';
import type { CairnClient } from '../../client/client.js';
import { withClient } from '../client-context.js';
import { globalsOf } from '../global-options.js';
import { print } from '../output.js';

/** `cairn audit anchor-key FILE` and `cairn audit anchor --key FILE [--to FILE|URL]…`. */
export function registerAnchor(audit: Command): void {
  audit
    .command('anchor-key')
    .argument('<file>', 'where to write the private key (FILE.pub gets the public key); must not exist')
    .description('generate an Ed25519 key for signing anchors; keep it off the database host')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const { writeAnchorKey } = await import('../../app/audit-anchors.js');
      const written = await writeAnchorKey(file);
      print(
        globalsOf(cmd).format,
        written,
        () =>
          `Wrote the private key to ${written.privateFile} (mode 0600) and the public key to ${written.publicFile}.\n` +
          `Key id ${written.keyId}. Keep the private key outside the database and its backups.`,
      );
    });
  audit
    .command('anchor')
    .requiredOption('--key <file>', 'the private key that signs (from `cairn audit anchor-key`)')
    .option('--to <target...>', 'append to a file (JSON lines) and/or POST to an http(s) URL; default: print the line')
    .description('write a signed checkpoint of the head revision (number, hash, time) outside the database')
    .action(async (opts: { key: string; to?: string[] }, cmd: Command) =>
      withClient(cmd, async ({ client, format }) => {
        const { readKeyFile, publishCheckpoint } = await import('../../app/audit-anchors.js');
        const { signCheckpoint } = await import('../../core/audit/anchor.js');
        const key = await readKeyFile(opts.key);
        const head = await client.history.head();
        const cp = signCheckpoint({ rev: head.rev, hash: head.hash, at: new Date().toISOString() }, key);
        if (opts.to && opts.to.length > 0) await publishCheckpoint(cp, opts.to);
        else process.stdout.write(`${JSON.stringify(cp)}\n`);
        if (opts.to && opts.to.length > 0)
          print(format, cp, () => `Anchored revision ${cp.rev} (${cp.hash.slice(0, 12)}…) to ${opts.to!.join(', ')}.`);
      }),
    );
}

/** `audit verify --anchors FILE [--key FILE]`: every checkpoint in the file held against the database. */
export async function verifyAnchors(client: CairnClient, file: string, keyFile?: string): Promise<AnchorReport> {
  const { readFile } = await import('node:fs/promises');
  const { checkAnchors, readKeyFile } = await import('../../app/audit-anchors.js');
  const { publicKeyOf } = await import('../../core/audit/anchor.js');
  const trusted = keyFile === undefined ? undefined : publicKeyOf(await readKeyFile(keyFile));
  const text = await readFile(file, 'utf8');
  const head = (await client.history.head()).rev;
  return checkAnchors(
    text,
    file,
    head,
    async (rev) => {
      try {
        return (await client.history.revision(rev)).hash;
      } catch (e) {
        if ((e as { code?: string }).code === 'REVISION_NOT_FOUND') return undefined;
        throw e;
      }
    },
    trusted,
  );
}

/** The anchors part of `audit verify` for people. */
export function anchorText(r: AnchorReport): string {
  const lines = r.problems.map((p) => `FAILED: ${p.record}: ${p.reason}.`);
  if (r.ok)
    lines.push(
      `OK: ${r.checkpoints} checkpoint${r.checkpoints === 1 ? '' : 's'} in ${r.file} hold (newest anchored revision ${r.newest ?? 0}).`,
    );
  return lines.join('\n');
}
