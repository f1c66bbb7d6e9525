import BetterSqlite3 from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { expect } from 'vitest';
import { cairnInProcess } from './cli.js';
import { startDemoServer, type DemoServer } from './demo-server.js';

/** Every output format a command has: parity is checked in each. */
export const FORMATS = ['table', 'json', 'yaml', 'ndjson'] as const;

export interface Twins {
  demo: DemoServer;
  /** The name the server gives the token's caller (`token:cli`): local runs write as this author. */
  principal: string;
  close(): Promise<void>;
}

/** A demo server with a token of `role`: one twin runs commands through it, the other on a copy of its database. */
export async function startTwins(role = 'admin'): Promise<Twins> {
  const demo = await startDemoServer(role);
  return { demo, principal: 'token:cli', close: () => demo.close() };
}

/** Ids, times and hashes differ between two databases that did the same thing at different moments. */
export function normalize(text: string): string {
  return (
    text
      .replace(/\b[a-z]+_[0-9A-HJKMNP-TV-Z]{26}\b/g, '<id>')
      .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b/g, '<time>')
      .replace(/\b[0-9a-f]{64}\b/g, '<hash>')
      // API tokens (`cairn_<id>_<secret>`) and their ids are random; so is how long an import took.
      .replace(/\bcairn_[0-9a-f]{12}_[A-Za-z0-9_-]{43}\b/g, '<token>')
      // (YAML quotes an id that happens to be all digits.)
      .replace(
        /(Token \S+ \(|"id": ?"|\bid: "?)[0-9a-f]{12}\b"?/g,
        (_m, before: string) => `${before.replace(/"$/, '')}<token-id>`,
      )
      .replace(/ in \d+\.\d s \([\d ]+\/s\)/g, ' in <seconds>')
      .replace(/ in \d+\.\d s \([\d ]+ records\/s,/g, ' in <seconds> (')
      .replace(/("seconds": ?|seconds: )[\d.e-]+/g, '$1<seconds>')
  );
}

let copies = 0;

/**
 * Runs `args` through the server and, in-process, on a copy of the server's database taken just
 * before, in every output format, and expects the same exit status, stdout and stderr (ids,
 * times and hashes normalised). Both twins start from the same state each time, so writes are
 * compared as well as reads. Returns the remote runs' outputs by format.
 */
export async function expectSame(
  twins: Twins,
  args: string[],
  formats: readonly string[] = FORMATS,
): Promise<Record<string, { code: number; out: string; err: string }>> {
  const results: Record<string, { code: number; out: string; err: string }> = {};
  for (const format of formats) {
    const copy = `${twins.demo.db}.twin-${++copies}.db`;
    snapshot(twins.demo.db, copy);
    try {
      const remote = await cairnInProcess(['--server', twins.demo.server.url, '-o', format, ...args]);
      const local = await cairnInProcess(['--db', copy, '--author', twins.principal, '-o', format, ...args]);
      const label = `cairn -o ${format} ${args.join(' ')}`;
      expect({ code: remote.code, out: normalize(remote.out), err: normalize(remote.err) }, label).toEqual({
        code: local.code,
        out: normalize(local.out),
        err: normalize(local.err),
      });
      results[format] = remote;
    } finally {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
    }
  }
  return results;
}

/** A consistent copy of a SQLite database that a server has open (VACUUM INTO reads one snapshot). */
function snapshot(from: string, to: string): void {
  const db = new BetterSqlite3(from, { readonly: true });
  try {
    db.prepare('vacuum into ?').run(to);
  } finally {
    db.close();
  }
}
