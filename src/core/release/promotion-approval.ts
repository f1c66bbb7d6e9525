import type { ChangeDeps } from '../change/change-transaction.js';
import type { Environment } from '../policy/environments.js';
import type { Clock } from '../shared/clock.js';
import { InputError, NotAllowedError } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import type { DeploymentStore } from './deployment.port.js';
import type { PromotionApproval } from './deployment.types.js';
import type { Release } from './release.types.js';

/**
 * Records `actor`'s approval of promoting a release into an environment, for one of the groups the
 * environment requires that they belong to (the one named, or the first). Refused for the
 * release's requester (segregation of duties), for someone in none of the groups, for an
 * environment that needs no approvals and for a rejected release; an approval counts once.
 */
export async function approvePromotion(
  deps: { change: Pick<ChangeDeps, 'store' | 'changes'>; deployments: DeploymentStore; clock: Clock; ids: IdGenerator },
  release: Release,
  environment: Environment,
  actor: string,
  options: { group?: string; comment?: string },
): Promise<PromotionApproval> {
  const where = `${release.service} ${release.version} into ${environment.name}`;
  if (environment.require.length === 0)
    throw new InputError('PROMOTION_APPROVAL_INVALID', `${environment.name} needs no approvals: promote it`, [
      { path: 'environment', message: 'needs no approvals' },
    ]);
  if (release.state === 'rejected')
    throw new InputError('PROMOTION_APPROVAL_INVALID', `${release.service} ${release.version} was rejected`, [
      { path: 'version', message: 'is a rejected release' },
    ]);
  if (release.requestedBy === actor)
    throw new NotAllowedError(
      'RELEASE_SOD',
      `${actor} requested ${release.service} ${release.version} and may not approve its promotion: another approver must`,
    );
  const required = environment.require.map((r) => r.group);
  const mine = (await deps.change.changes.groupsOf(actor)).filter((g) => required.includes(g));
  const group = options.group ?? mine[0];
  if (group === undefined || !mine.includes(group))
    throw new NotAllowedError(
      'PROMOTION_NOT_APPROVER',
      `${actor} may not approve the promotion of ${where}: ` +
        (options.group !== undefined && !required.includes(options.group)
          ? `${environment.name} does not require group ${options.group} (it requires ${required.join(', ')})`
          : `only members of ${required.join(', ')} may`),
    );
  const approval: PromotionApproval = {
    id: deps.ids.next('pap'),
    releaseId: release.id,
    environment: environment.name,
    group,
    by: actor,
    at: deps.clock.now().toISOString(),
    comment: options.comment?.trim() ? options.comment.trim() : null,
  };
  await deps.change.store.write(async (tx) => {
    await deps.deployments.within(tx).insertPromotionApproval(approval);
    await tx.appendEvents([
      {
        type: 'release.promotion_approved',
        at: approval.at,
        data: {
          release: { id: release.id, service: release.service, version: release.version },
          environment: environment.name,
          group,
          actor,
          ...(approval.comment ? { comment: approval.comment } : {}),
        },
      },
    ]);
  });
  return approval;
}
