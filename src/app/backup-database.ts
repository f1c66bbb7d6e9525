import { verifyChain, type VerifyResult } from '../core/audit/verify.js';
import { backupDatabase, restoreDatabase, type BackupProgress, type TableRows } from '../store/backup.js';
import type { CopyProgress } from '../store/copy/copy-database.js';

export type { BackupProgress, CopyProgress };

/** What `cairn backup` and `cairn restore` report: what the copy holds, and its chain verified. */
export interface BackupReport {
  /** The newest revision in the copy. */
  head: number;
  /** Rows per table in the copy. */
  tables: TableRows[];
  chain: VerifyResult;
  /** The chain holds (and, for a restore, every table has as many rows as the backup). */
  ok: boolean;
}

/** Backs the database at `fromUrl` up to `file` (see `backupDatabase`), verifying the copy's chain before it is named. */
export async function backUp(
  fromUrl: string,
  file: string,
  onProgress?: (p: BackupProgress) => void,
): Promise<BackupReport> {
  return await backupDatabase(
    fromUrl,
    file,
    async (copy, tables) => {
      const chain = await verifyChain(copy);
      return { head: chain.revisions, tables, chain, ok: chain.ok };
    },
    onProgress,
  );
}

/** Restores `file` into the empty database at `toUrl`, then verifies the restored chain. */
export async function restore(
  file: string,
  toUrl: string,
  onProgress?: (p: CopyProgress) => void,
): Promise<BackupReport> {
  const { target, tables, countsMatch } = await restoreDatabase(file, toUrl, onProgress);
  try {
    const chain = await verifyChain(target);
    return { head: chain.revisions, tables, chain, ok: chain.ok && countsMatch };
  } finally {
    await target.close();
  }
}
