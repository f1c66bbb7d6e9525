import type { Kysely } from 'kysely';
import type { DeploymentQuery, DeploymentWriter } from '../../../core/release/deployment.port.js';
import type {
  Deployment,
  DeploymentKind,
  DeploymentState,
  PromotionApproval,
} from '../../../core/release/deployment.types.js';
import { ConflictError } from '../../../core/shared/errors.js';
import { convertError } from '../../conversion/errors.js';
import { readJson, readNullableTime, readTime } from '../../conversion/values.js';
import type { Database } from '../../database.js';
import type { DeploymentRow, PromotionApprovalRow } from './deployment.table.js';

type DeploymentData = Pick<
  Deployment,
  'pipeline' | 'change' | 'revision' | 'emergency' | 'rollbackOf' | 'gates' | 'note'
>;

/**
 * The SQL of deployments and promotion approvals, on one connection: the pool for reads, a CMDB
 * write transaction's for writes (so that they commit with the revision a deployment wrote).
 */
export class DeploymentRepository implements DeploymentWriter {
  constructor(private readonly db: Kysely<Database>) {}

  async listDeployments(query: DeploymentQuery): Promise<Deployment[]> {
    let q = this.db.selectFrom('deployments').selectAll();
    if (query.service !== undefined) q = q.where('service', '=', query.service);
    if (query.version !== undefined) q = q.where('version', '=', query.version);
    // Environment names are matched as people type them, whatever the case.
    if (query.environment !== undefined)
      q = q.where((eb) => eb(eb.fn('lower', ['environment']), '=', query.environment!.toLowerCase()));
    if (query.state !== undefined) q = q.where('state', '=', query.state);
    if (query.revisions !== undefined)
      q = q.where('revision', '>', query.revisions.after).where('revision', '<=', query.revisions.upTo);
    return (await q.orderBy('started_at').orderBy('id').execute()).map(rowToDeployment);
  }

  async getDeployment(id: string): Promise<Deployment | undefined> {
    const row = await this.db.selectFrom('deployments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && rowToDeployment(row);
  }

  async listCurrentDeployments(): Promise<Deployment[]> {
    // A succeeded deployment no later succeeded one of the same service and environment follows.
    const rows = await this.db
      .selectFrom('deployments as d')
      .selectAll('d')
      .where('d.state', '=', 'succeeded')
      .where((outer) =>
        outer.not(
          outer.exists(
            outer
              .selectFrom('deployments as e')
              .select('e.id')
              .whereRef('e.service', '=', 'd.service')
              .where((eb) => eb(eb.fn('lower', ['e.environment']), '=', eb.fn('lower', ['d.environment'])))
              .where('e.state', '=', 'succeeded')
              .where((eb) =>
                eb.or([
                  eb('e.finished_at', '>', eb.ref('d.finished_at')),
                  eb.and([eb('e.finished_at', '=', eb.ref('d.finished_at')), eb('e.id', '>', eb.ref('d.id'))]),
                ]),
              ),
          ),
        ),
      )
      .orderBy('d.service')
      .orderBy('d.environment')
      .execute();
    return rows.map(rowToDeployment);
  }

  async listPromotionApprovals(releaseId: string, environment: string): Promise<PromotionApproval[]> {
    const rows = await this.db
      .selectFrom('promotion_approvals')
      .selectAll()
      .where('release_id', '=', releaseId)
      .where((eb) => eb(eb.fn('lower', ['environment']), '=', environment.toLowerCase()))
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map(rowToApproval);
  }

  async insertDeployment(d: Deployment): Promise<void> {
    await this.db
      .insertInto('deployments')
      .values({
        id: d.id,
        service: d.service,
        version: d.version,
        environment: d.environment,
        kind: d.kind,
        state: d.state,
        actor: d.by,
        started_at: d.startedAt,
        finished_at: d.finishedAt,
        data: JSON.stringify(dataOf(d)),
        revision: d.revision,
      })
      .execute();
  }

  async updateDeployment(d: Deployment, from: DeploymentState): Promise<boolean> {
    const updated = await this.db
      .updateTable('deployments')
      .set({ state: d.state, finished_at: d.finishedAt, data: JSON.stringify(dataOf(d)), revision: d.revision })
      .where('id', '=', d.id)
      .where('state', '=', from)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  }

  async insertPromotionApproval(a: PromotionApproval): Promise<void> {
    try {
      await this.db
        .insertInto('promotion_approvals')
        .values({
          id: a.id,
          release_id: a.releaseId,
          environment: a.environment,
          group_name: a.group,
          actor: a.by,
          at: a.at,
          comment: a.comment,
        })
        .execute();
    } catch (e) {
      convertError(
        e,
        new ConflictError(
          'PROMOTION_ALREADY_APPROVED',
          `${a.by} already approved this promotion into ${a.environment}`,
        ),
      );
    }
  }
}

function dataOf(d: Deployment): DeploymentData {
  return {
    pipeline: d.pipeline,
    change: d.change,
    revision: d.revision,
    emergency: d.emergency,
    rollbackOf: d.rollbackOf,
    gates: d.gates,
    note: d.note,
  };
}

function rowToDeployment(r: DeploymentRow): Deployment {
  const data = readJson<DeploymentData>(r.data);
  return {
    id: r.id,
    service: r.service,
    version: r.version,
    environment: r.environment,
    kind: r.kind as DeploymentKind,
    state: r.state as DeploymentState,
    by: r.actor,
    pipeline: data.pipeline,
    startedAt: readTime(r.started_at),
    finishedAt: readNullableTime(r.finished_at),
    change: data.change,
    revision: data.revision,
    emergency: data.emergency,
    rollbackOf: data.rollbackOf,
    gates: data.gates,
    note: data.note,
  };
}

function rowToApproval(r: PromotionApprovalRow): PromotionApproval {
  return {
    id: r.id,
    releaseId: r.release_id,
    environment: r.environment,
    group: r.group_name,
    by: r.actor,
    at: readTime(r.at),
    comment: r.comment,
  };
}
