import type { Selectable } from 'kysely';
import type { Json, NullableTime, Time } from '../../column-types.js';

/** The job queue that delivers webhooks from any server process (migration 0003). */
export interface JobsTable {
  id: string;
  kind: string;
  payload: Json;
  status: string;
  run_at: Time;
  attempts: number;
  locked_by: string | null;
  locked_until: NullableTime;
  last_error: string | null;
  created_at: Time;
  updated_at: Time;
}

export type JobRow = Selectable<JobsTable>;
