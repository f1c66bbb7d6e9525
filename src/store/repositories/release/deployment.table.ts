import type { Selectable } from 'kysely';
import type { Json, NullableTime, Time } from '../../column-types.js';

/** One deployment (migration 0020): the columns read by, and the rest of it in `data`. */
export interface DeploymentsTable {
  id: string;
  service: string;
  version: string;
  environment: string;
  kind: string;
  state: string;
  actor: string;
  started_at: Time;
  finished_at: NullableTime;
  /** `{ pipeline, change, revision, emergency, rollbackOf, gates, note }`. */
  data: Json;
  /** The revision that applied its CI updates (migration 0025), a copy of `data.revision` kept for lookups. */
  revision: number | null;
}

/** One approval of a release's promotion into an environment (migration 0020). */
export interface PromotionApprovalsTable {
  id: string;
  release_id: string;
  environment: string;
  group_name: string;
  actor: string;
  at: Time;
  comment: string | null;
}

export type DeploymentRow = Selectable<DeploymentsTable>;
export type PromotionApprovalRow = Selectable<PromotionApprovalsTable>;
