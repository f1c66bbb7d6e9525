import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/samples.js';

/**
 * A command loads only what it uses (issue: start-up). Runs the compiled, unbundled CLI with a
 * module-resolution hook that names every file it loads, and checks which packages came along.
 */
const hooks = `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('LOADED ' + r.url + '\\n'); return r; }`;
const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;

async function modulesLoaded(args: string[]): Promise<string[]> {
  const main = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
  const { stderr } = await promisify(execFile)(process.execPath, [
    '--import',
    `data:text/javascript,${encodeURIComponent(register)}`,
    main,
    ...args,
  ]).catch((e: { stderr: string }) => e);
  return [...stderr.matchAll(/^LOADED (.*)$/gm)].map((m) => m[1]!);
}

async function packagesLoaded(args: string[]): Promise<Set<string>> {
  const names = (await modulesLoaded(args)).flatMap(
    (url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? [],
  );
  return new Set(names);
}

const heavy = [
  'kysely',
  'better-sqlite3',
  'pg',
  'fastify',
  '@sinclair/typebox',
  'ajv',
  'csv-parse',
  'ical-generator',
  'rrule',
  '@node-rs/argon2',
  'cli-progress',
];

describe('cairn start-up', () => {
  let db: string;
  beforeAll(async () => {
    db = join(mkdtempSync(join(tmpdir(), 'cairn-startup-')), 'c.db');
    await promisify(execFile)(join(repoRoot, 'bin', 'cairn'), ['--db', db, 'init']);
  });

  it.each([[['--version']], [['--help']], [['change', '--help']], [['drift', '--help']]])(
    '%j loads no database driver, server, schema or importer',
    async (args) => {
      const loaded = await packagesLoaded(args);
      expect(loaded.has('commander')).toBe(true);
      for (const name of heavy) expect(loaded.has(name), `${name} was loaded`).toBe(false);
    },
  );

  it.each([
    [['--help']],
    [['import', '--help']],
    [['export', '--help']],
    [['token', '--help']],
    [['webhook', '--help']],
    [['class', '--help']],
  ])('%j loads no importer, contract or transport', async (args) => {
    // Paths inside dist/src only: the checkout's own folder may be called anything, even `contracts`.
    const ours = (await modulesLoaded(args)).flatMap((url) => /\/dist\/src(\/.*)$/.exec(url)?.[1] ?? []);
    expect(ours.some((url) => url.endsWith('/cli/main.js'))).toBe(true);
    for (const layer of ['/importers/', '/contracts/', '/client/http/', '/client/local/', '/store/', '/api/'])
      expect(
        ours.filter((url) => url.includes(layer)),
        layer,
      ).toEqual([]);
  });

  it('a read on SQLite loads its driver and kysely, but no server, PostgreSQL driver or importer', async () => {
    const loaded = await packagesLoaded(['--db', db, 'get', 'ci', 'server/none']);
    expect(loaded.has('better-sqlite3')).toBe(true);
    for (const name of ['fastify', 'pg', 'csv-parse', '@node-rs/argon2', 'cli-progress'])
      expect(loaded.has(name), `${name} was loaded`).toBe(false);
  });

  it('through a server, a command loads no database driver at all', async () => {
    const loaded = await packagesLoaded(['--server', 'http://127.0.0.1:9', 'get', 'ci', 'server/none']);
    for (const name of ['kysely', 'better-sqlite3', 'pg', 'fastify'])
      expect(loaded.has(name), `${name} was loaded`).toBe(false);
  });
});
