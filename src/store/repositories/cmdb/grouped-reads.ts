import type { CmdbWriter } from '../../../core/cmdb/cmdb.port.js';
import type { Revision } from '../../../core/revision/revision.types.js';
import type { Engine } from '../../engine.js';
import type { GroupMemo } from '../../write-queue.js';
import type { CmdbRepositories } from './cmdb.repositories.js';

const HEAD = 'cmdb.head';
const MODEL_REVISION = 'cmdb.modelRevision';

/**
 * The two reads every CMDB write makes — the head it chains to and the model's revision (is the
 * cached class registry still good?) — answered from the group's memo after the first write of a
 * group read them: inside the transaction that holds the CMDB write lock, nothing but the group's
 * own writes moves them, and those go through here. Two round trips fewer per grouped write on
 * PostgreSQL; and the first write of a group reads both in one statement. A write rolled back to its savepoint gets the memo put back (write-queue.ts).
 */
export class GroupedReads {
  constructor(
    private readonly repos: CmdbRepositories,
    private readonly engine: Engine,
    private readonly memo: GroupMemo,
  ) {}

  async head(): Promise<Revision | undefined> {
    if (this.memo.has(HEAD)) return this.memo.get(HEAD) as Revision | undefined;
    // The model's revision comes with it: every write asks for it next (is the registry current?).
    const { head, modelRevision } = await this.repos.revisions.headAndModelRevision();
    this.memo.set(HEAD, head);
    if (modelRevision !== undefined) this.memo.set(MODEL_REVISION, modelRevision);
    return head;
  }

  /** Inserts the revision by `insert` (the repository's, or held back with the revision's other writes). */
  async insertRevision(revision: Revision, insert: (r: Revision) => Promise<void>): Promise<void> {
    await insert(revision);
    const known = this.memo.get(HEAD) as Revision | undefined;
    if (this.memo.has(HEAD) && revision.rev === (known?.rev ?? 0) + 1) this.memo.set(HEAD, this.asRead(revision));
    else this.memo.delete(HEAD);
  }

  /** The model's revision when the memo holds it, as a promise; undefined when it must be read. */
  knownModelRevision(): Promise<number> | undefined {
    return this.memo.has(MODEL_REVISION) ? Promise.resolve(this.memo.get(MODEL_REVISION) as number) : undefined;
  }

  async modelRevision(): Promise<number> {
    if (this.memo.has(MODEL_REVISION)) return this.memo.get(MODEL_REVISION) as number;
    const rev = await this.repos.model.modelRevision();
    this.memo.set(MODEL_REVISION, rev);
    return rev;
  }

  readonly endModelVersions: CmdbWriter['endModelVersions'] = async (keys, rev) => {
    this.memo.delete(MODEL_REVISION);
    await this.repos.model.endModelVersions(keys, rev);
  };

  readonly insertModelVersions: CmdbWriter['insertModelVersions'] = async (rows) => {
    this.memo.delete(MODEL_REVISION);
    await this.repos.model.insertModelVersions(rows);
  };

  /**
   * The revision as `head()` would read it back: PostgreSQL's timestamptz comes back as a Date
   * written out by toISOString; SQLite returns the text stored. `backoutOf` is absent unless set.
   */
  private asRead(r: Revision): Revision {
    return {
      rev: r.rev,
      parentRev: r.parentRev,
      at: this.engine === 'postgres' ? new Date(r.at).toISOString() : r.at,
      author: r.author,
      message: r.message,
      source: r.source,
      changeId: r.changeId,
      ...(r.backoutOf ? { backoutOf: r.backoutOf } : {}),
      hash: r.hash,
      prevHash: r.prevHash,
    };
  }
}
