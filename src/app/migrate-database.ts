import { verifyChain, type VerifyResult } from '../core/audit/verify.js';
import { copyDatabase, type CopyProgress, type CopyReport } from '../store/copy/copy-database.js';

export type { CopyProgress };

/** What `cairn migrate` reports: the copy's row counts and the audit chain verified on the target. */
export interface MigrationReport extends Omit<CopyReport, 'target'> {
  chain: VerifyResult;
  /** Counts match and the target's chain holds. */
  ok: boolean;
}

/**
 * Copies the database at `fromUrl` into the one at `toUrl` (see `copyDatabase`: resumable, history
 * included), then verifies the hash chain on the target and closes it.
 */
export async function migrateDatabase(
  fromUrl: string,
  toUrl: string,
  onProgress?: (p: CopyProgress) => void,
): Promise<MigrationReport> {
  const { target, ...copy } = await copyDatabase(fromUrl, toUrl, onProgress);
  let chain: VerifyResult;
  try {
    chain = await verifyChain(target);
  } finally {
    await target.close();
  }
  return { ...copy, chain, ok: copy.countsMatch && chain.ok };
}
