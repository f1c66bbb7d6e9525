import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { KyselyCmdbStore } from '../src/store/connect.js';

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ: 100 on Linux). */
const TICKS = 100;

/**
 * CPU seconds (user + system) used so far by the PostgreSQL backends serving this bench's
 * database (each bench run has its own database, so they are all ours), read from /proc: the
 * server runs on this host. Undefined where /proc cannot tell (another host, not Linux).
 * Beside wall time it says what a change costs the server, which a busy machine does not blur.
 */
export async function serverCpu(store: KyselyCmdbStore): Promise<Map<number, number> | undefined> {
  if (store.engine !== 'postgres') return undefined;
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database()`.execute(store.kysely);
  const out = new Map<number, number>();
  try {
    for (const { pid } of rows) {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / TICKS);
    }
  } catch {
    return undefined;
  }
  return out;
}

/** CPU seconds the backends used between two readings (a backend that started between counts whole). */
export function serverCpuBetween(
  before: Map<number, number> | undefined,
  after: Map<number, number> | undefined,
): number | undefined {
  if (!before || !after) return undefined;
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
  return total;
}
