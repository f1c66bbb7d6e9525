import type { Selectable } from 'kysely';
import type { Json, NullableTime, Time } from '../../column-types.js';

/** One release (migration 0017): the columns read by, and the rest of it in `data`. */
export interface ReleasesTable {
  id: string;
  service: string;
  version: string;
  state: string;
  /** `{ notes, artifacts, updates }`. */
  data: Json;
  requested_by: string;
  created_at: Time;
  decided_by: string | null;
  decided_at: NullableTime;
  decision_comment: string | null;
}

export type ReleaseRow = Selectable<ReleasesTable>;
