import { ConflictError, NotFoundError } from '../shared/errors.js';
import { step } from './lifecycle-step.js';
import type { ChangeDeps } from './change-transaction.js';
import type { Change } from './change.types.js';

/**
 * Attaches a retrospective change to a write made outside change control: the write's record is
 * closed (it no longer shows in `cairn change unauthorized`) and the change carries the marker.
 */
export async function attachRetrospective(
  deps: Pick<ChangeDeps, 'store' | 'changes' | 'clock'>,
  ref: string,
  revision: number,
  actor: string,
): Promise<Change> {
  return step(deps, ref, actor, 'requester', 'attach an unauthorized write to', async (c, t) => {
    const record = await t.w.getUnauthorizedByRevision(revision);
    if (!record)
      throw new NotFoundError(
        'UNAUTHORIZED_NOT_FOUND',
        `revision ${revision} is not an unauthorized change (see \`cairn change unauthorized\`)`,
      );
    if (record.retrospectiveChange !== null) {
      throw new ConflictError(
        'UNAUTHORIZED_ATTACHED',
        `the unauthorized change in revision ${revision} is already covered by ${record.retrospectiveChange}`,
      );
    }
    await t.w.attachUnauthorized(record.id, c.ref, actor, t.at);
    return {
      ...c,
      unauthorized: { reason: record.reason, by: record.author, at: record.at, revision, retrospectiveChange: c.ref },
      updatedAt: t.at,
    };
  });
}
