import type { AuditService } from '../../core/audit/audit.service.js';
import { ChangeRecord } from '../../contracts/change.contracts.js';
import type { ChangeServices } from '../../core/change/change-services.js';
import { parseRef } from '../../core/ci/desired-state.js';
import type { CmdbFaceServices } from '../../core/cmdb/cmdb-services.js';
import { InputError } from '../../core/shared/errors.js';
import { toRevisionView } from '../../core/revision/revision.types.js';
import type { HistoryClient } from '../history.client.js';
import { inContractShape } from './contract-shape.js';
import type { LocalSession } from './session.js';

/** The history client in-process: the services the API routes call, and the views they return. */
export function localHistoryClient(
  s: CmdbFaceServices & ChangeServices & { audit: AuditService },
  session: LocalSession,
): HistoryClient {
  // Baselines are named by the author of the session's writes (the API: the caller).
  const author = () => session.meta('').author;
  return {
    async log(q) {
      const page = await s.history.logPage({
        ref: q.ci === undefined ? undefined : refOf(q.ci),
        limit: q.limit ?? 20,
        cursor: q.cursor,
      });
      return { ...page, items: page.items.map(toRevisionView) };
    },
    revision: async (rev) => toRevisionView(await s.history.revision(rev)),
    head: async () => toRevisionView(await s.history.head()),
    diff: (from, to) => s.history.diffPoints(from, to),
    createBaseline: (body) =>
      s.baselines.create({ name: body.name, at: body.at, author: author(), description: body.description }),
    listBaselines: () => s.baselines.list(),
    showBaseline: (name) => s.baselines.show(name),
    async revertPlan(target) {
      const { target: rev, head, plan, title } = await s.changes.revertPlan(target);
      return { target: rev, head, plan: plan as unknown as Record<string, unknown>, title };
    },
    async revert(body) {
      const { to, change } = body;
      // As POST /revert answers a body that names both or neither.
      if ((to === undefined) === (change === undefined))
        throw new InputError('REVERT_TARGET', 'give one of `to` (a point) and `change` (CHG-n)', [
          { path: 'body', message: 'one of to, change' },
        ]);
      const target = change !== undefined ? { change } : { to: to! };
      return inContractShape(ChangeRecord, await s.changes.revert(target, session.actor, body.justification ?? ''));
    },
    verifyAudit: () => s.audit.verify(),
  };
}

function refOf(text: string) {
  const ref = parseRef(text);
  if (!ref)
    throw new InputError('INVALID_REF', `"${text}" is not a CI reference: write it as class/name, e.g. server/web-01`, [
      { path: 'ci', message: 'must be class/name' },
    ]);
  return ref;
}
