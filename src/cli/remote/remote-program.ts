import { Command } from 'commander';
import { loadConfig } from '../../config.js';
import type { Diff } from '../../core/revision/diff.js';
import type { RevisionView } from '../../core/revision/revision.types.js';
import type { Baseline } from '../../core/revision/revision.types.js';
import { diffText } from '../commands/history.js';
import { describeCounts, type WriteCounts } from '../commands/write-summary.js';
import { CliUsageError, inline, parseFormat, print, renderTable } from '../output.js';
import { ciRefArg, collect, positiveInt } from '../parse-args.js';
import { readYamlFile } from '../read-input.js';
import { CairnClient, ciPath } from './client.js';
import { registerRemoteChange } from './remote-change.js';
import { registerRemoteDrift } from './remote-drift.js';
import { registerRemoteMore } from './remote-more.js';
import { planText, type RemotePlan } from '../plan-format.js';

interface CiView { id: string; class: string; name: string; status: string; attributes: Record<string, unknown>; labels: Record<string, string>; revision: number }
type Outcome = WriteCounts & { revision: number | null; hash: string | null };
interface Impact { root: string; count: number; impacted: { ref: string; depth: number; path: string[]; via: string[] }[] }

/** `--server URL`: the same commands and output as on a local database, through the HTTP API. */
export function buildRemoteProgram(): Command {
  const program = new Command('cairn')
    .option('--server <url>', 'a Cairn server (env CAIRN_SERVER); authenticates with CAIRN_TOKEN')
    .option('--db <url>', 'ignored in remote mode')
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .option('--author <name>', 'ignored in remote mode: the token names the author')
    .showHelpAfterError()
    .exitOverride();
  const ctx = (cmd: Command) => {
    const opts = cmd.optsWithGlobals<{ server?: string; output?: string }>();
    const config = loadConfig();
    const server = opts.server ?? config.server;
    if (!server) throw new CliUsageError('remote mode needs --server URL or CAIRN_SERVER');
    return { client: new CairnClient(server, config.token), format: parseFormat(opts.output) };
  };
  const outcome = (o: Outcome) => (o.revision === null ? 'No changes: nothing written.' : `Revision ${o.revision}: ${describeCounts(o)}.`);
  const noun = (n: string) => {
    if (n !== 'ci' && n !== 'cis') throw new CliUsageError(`unknown noun "${n}": write \`ci\`, e.g. \`cairn get ci server/web-01\``);
  };

  program.command('get').argument('<noun>').argument('<ref>').option('--at <point>').action(async (n: string, ref: string, opts: { at?: string }, cmd: Command) => {
    noun(n);
    ciRefArg(ref);
    const { client, format } = ctx(cmd);
    const ci = await client.get<CiView>(`api/v1/cis/${ciPath(ref)}`, { at: opts.at });
    const rels = await client.get<{ type: string; from: string; to: string }[]>(`api/v1/cis/${ciPath(ref)}/relations`, { at: opts.at });
    print(format, ci, () => {
      const lines = [`${ci.class}/${ci.name}  (${ci.id})`, `status:     ${ci.status}`, `revision:   ${ci.revision}${opts.at === undefined ? '' : `  (as of ${opts.at})`}`, `labels:     ${inline(ci.labels)}`, 'attributes:', ...Object.entries(ci.attributes).map(([k, v]) => `  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)];
      if (rels.length > 0) lines.push('relationships:', ...rels.map((r) => `  ${r.from} ${r.type} ${r.to}`));
      return lines.join('\n');
    });
  });

  program.command('list').argument('<noun>').option('--class <class>').option('--status <status>', '', collect).option('--label <k=v>', '', collect).option('--attr <k=v>', '', collect).option('--at <point>').option('--limit <n>', '', '1000')
    .action(async (n: string, opts: { class?: string; status?: string[]; label?: string[]; attr?: string[]; at?: string; limit: string }, cmd: Command) => {
      noun(n);
      const { client, format } = ctx(cmd);
      const want = positiveInt(opts.limit, '--limit');
      const cis: CiView[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.get<{ items: CiView[]; nextCursor: string | null }>('api/v1/cis', { class: opts.class, status: opts.status, label: opts.label, attr: opts.attr, at: opts.at, limit: Math.min(1000, want - cis.length), cursor });
        cis.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && cis.length < want);
      print(format, cis, () => (cis.length === 0 ? 'No CIs match.' : renderTable(['CI', 'STATUS', 'REV', 'LABELS'], cis.map((c) => [`${c.class}/${c.name}`, c.status, c.revision, inline(c.labels)]))));
    });

  program.command('apply').requiredOption('-f, --file <file>').option('-m, --message <text>').action(async (opts: { file: string; message?: string }, cmd: Command) => {
    const { client, format } = ctx(cmd);
    const doc = readYamlFile(opts.file) as Record<string, unknown>;
    const o = await client.post<Outcome>('api/v1/apply', { ...doc, message: opts.message ?? `apply ${opts.file}` });
    print(format, o, () => outcome(o));
  });

  program.command('plan').requiredOption('-f, --file <file>').option('--depth <n>', '', '6').action(async (opts: { file: string; depth: string }, cmd: Command) => {
    const { client, format } = ctx(cmd);
    const plan = await client.post<RemotePlan>('api/v1/plan', readYamlFile(opts.file), { depth: opts.depth });
    print(format, plan, () => planText(plan));
  });

  program.command('delete').argument('<noun>').argument('<refs...>').option('-m, --message <text>').action(async (n: string, refs: string[], opts: { message?: string }, cmd: Command) => {
    noun(n);
    refs.forEach(ciRefArg);
    const { client, format } = ctx(cmd);
    const o = await client.post<Outcome>('api/v1/delete', { cis: refs, message: opts.message ?? `delete ${refs.join(' ')}` });
    print(format, o, () => outcome(o));
  });

  program.command('log').argument('[ref]').option('-n, --limit <n>', '', '20').action(async (ref: string | undefined, opts: { limit: string }, cmd: Command) => {
    const { client, format } = ctx(cmd);
    const page = await client.get<{ items: RevisionView[] }>('api/v1/revisions', { ci: ref, limit: positiveInt(opts.limit, '--limit') });
    print(format, page.items, () => renderTable(['REV', 'AT', 'AUTHOR', 'SOURCE', 'CHANGE', 'MESSAGE'], page.items.map((r) => [r.rev, r.at, r.author, r.source, r.change, r.message])));
  });

  program.command('diff').argument('<from>').argument('[to]').action(async (from: string, to: string | undefined, _o: unknown, cmd: Command) => {
    const { client, format } = ctx(cmd);
    const diff = await client.get<Diff>('api/v1/diff', { from, to });
    print(format, diff, () => diffText(diff));
  });

  program.command('impact').argument('<refs...>').option('--depth <n>', '', '6').option('--at <point>').action(async (refs: string[], opts: { depth: string; at?: string }, cmd: Command) => {
    const { client, format } = ctx(cmd);
    const r = await client.get<Impact>('api/v1/impact', { ci: refs, depth: opts.depth, at: opts.at });
    const json = { root: r.root, count: r.count, impacted: r.impacted.map((i) => ({ ref: i.ref, depth: i.depth, path: i.path, via: i.via })) };
    print(format, json, () => (r.count === 0 ? `A change to ${r.root} affects no other CI.` : `A change to ${r.root} affects ${r.count} CI${r.count === 1 ? '' : 's'}:\n` + renderTable(['CI', 'DEPTH', 'PATH'], r.impacted.map((i) => [i.ref, i.depth, i.path.join(' → ')]))));
  });

  const baseline = program.command('baseline');
  baseline.command('create').argument('<name>').option('--at <point>').option('-d, --description <text>').action(async (name: string, opts: { at?: string; description?: string }, cmd: Command) => {
    const { client, format } = ctx(cmd);
    const b = await client.post<Baseline>('api/v1/baselines', { name, at: opts.at, description: opts.description });
    print(format, b, () => `Baseline ${b.name} names revision ${b.rev}.`);
  });
  baseline.command('list').action(async (_o: unknown, cmd: Command) => {
    const { client, format } = ctx(cmd);
    const list = await client.get<Baseline[]>('api/v1/baselines');
    print(format, list, () => (list.length === 0 ? 'No baselines.' : renderTable(['NAME', 'REV', 'CREATED', 'AUTHOR', 'DESCRIPTION'], list.map((b) => [b.name, b.rev, b.createdAt, b.author, b.description]))));
  });
  baseline.command('show').argument('<name>').action(async (name: string, _o: unknown, cmd: Command) => {
    const { client, format } = ctx(cmd);
    const b = await client.get<Baseline & { cis: number }>(`api/v1/baselines/${encodeURIComponent(name)}`);
    print(format, b, () => `Baseline ${b.name}: revision ${b.rev}, ${b.cis} CIs, created ${b.createdAt} by ${b.author}${b.description ? ` — ${b.description}` : ''}`);
  });
  registerRemoteChange(program);
  registerRemoteDrift(program);
  registerRemoteMore(program);
  return program;
}

/** True when the command line (or CAIRN_SERVER) asks for remote mode. */
export function wantsRemote(argv: string[]): boolean {
  return argv.some((a) => a === '--server' || a.startsWith('--server=')) || loadConfig().server !== undefined;
}
