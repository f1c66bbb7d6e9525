import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { ImportService } from '../../src/core/import/import.service.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { openStore } from '../../src/store/connect.js';
import { Estate } from '../estate.js';
import { percentile } from '../measure.js';

/**
 * `npm run bench:cli`: how long the CLI takes, as a person or a pipeline runs it, beside `node -e 0`
 * measured in the same run. Each command runs as a whole process N times on a SQLite file holding
 * an estate of --size CIs (100 000 by default); prints median, p95 and the ratio to Node itself.
 */
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '20' },
    // Keep the estate in this file (built when missing) to measure again without rebuilding it.
    db: { type: 'string' },
  },
});
const size = Number(values.size);
const runs = Number(values.runs);
const log = (m: string) => process.stderr.write(`[bench:cli] ${m}\n`);
const bin = resolve(import.meta.dirname, '../../../bin/cairn');

interface Row {
  what: string;
  median: number;
  p95: number;
  target?: number;
}

/** Runs a command `runs` times (after two warm-up runs for the file cache); `args(i)` may vary per run. */
function time(command: string, args: string[] | ((i: number) => string[])): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, typeof args === 'function' ? args(i) : args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr.toString()}`);
    if (i >= 2) out.push(ms);
  }
  return out.sort((a, b) => a - b);
}

async function estateDatabase(url: string): Promise<string> {
  if (existsSync(url)) return url;
  log(`building a SQLite estate of ${size} CIs in ${url}`);
  const store = await openStore(url);
  try {
    const services = createCmdbServices(store);
    await services.cmdb.initialize('bench');
    const estate = new Estate(size);
    const importer = new ImportService({ store, cmdb: services.cmdb, clock: systemClock });
    function* batches() {
      for (const cis of estate.ciBatches(5000)) yield { cis, relations: [] };
      for (const relations of estate.relationBatches(5000)) yield { cis: [], relations };
    }
    await importer.import(batches(), { author: 'bench', message: 'estate', source: 'bench' });
  } finally {
    await store.close();
  }
  return url;
}

const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-cli-'));
try {
  const db = await estateDatabase(values.db ?? join(dir, 'cairn.db'));
  const estate = new Estate(size);
  const one = estate.refOf(Math.floor(size / 2));
  // `apply` of one changed CI (outside change control): alternate two values so that every run writes a revision.
  const docs = [0, 1].map((n) => {
    const file = join(dir, `one-${n}.yaml`);
    writeFileSync(file, `cis:\n  - { class: software, name: bench-app, attributes: { version: "${n}" } }\n`);
    return file;
  });
  const cairn = (...args: string[]) => [bin, '--db', db, ...args];
  const node = time(process.execPath, ['-e', '0']);
  const rows: Row[] = [];
  const add = (what: string, ms: number[], target?: number) =>
    rows.push({ what, median: percentile(ms, 0.5), p95: percentile(ms, 0.95), target });
  add('node -e 0', node);
  add('cairn --version', time(process.execPath, [bin, '--version']), 150);
  add('cairn --help', time(process.execPath, [bin, '--help']), 150);
  add(`cairn get ci ${one}`, time(process.execPath, cairn('get', 'ci', one)), 300);
  add('cairn list ci --limit 50', time(process.execPath, cairn('list', 'ci', '--limit', '50')), 300);
  add('cairn log -n 10', time(process.execPath, cairn('log', '-n', '10')), 300);
  add(
    'cairn apply (one changed CI)',
    time(process.execPath, (i) => cairn('apply', '-f', docs[i % 2]!)),
    400,
  );
  const base = rows[0]!.median;
  const table = [
    ['COMMAND', 'MEDIAN ms', 'P95 ms', '× node -e 0', 'TARGET ms'],
    ...rows.map((r) => [
      r.what,
      r.median.toFixed(0),
      r.p95.toFixed(0),
      (r.median / base).toFixed(2),
      r.target === undefined ? '' : `≤ ${r.target}${r.median <= r.target ? '' : '  (missed)'}`,
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  process.stdout.write(`CLI start-up, ${size} CIs on SQLite, ${runs} runs each\n`);
  for (const row of table)
    process.stdout.write(
      `${row
        .map((c, i) => c.padEnd(widths[i]!))
        .join('   ')
        .trimEnd()}\n`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
