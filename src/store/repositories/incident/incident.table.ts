import type { Selectable } from 'kysely';
import type { NullableTime, Time } from '../../column-types.js';

/** One incident (migration 0022). */
export interface IncidentsTable {
  /** `INC-n`. */
  id: string;
  /** n, for ordering and the counter. */
  number: number;
  service: string;
  title: string;
  severity: string;
  started_at: Time;
  ended_at: NullableTime;
  change_ref: string | null;
  deployment_id: string | null;
  ticket_system: string | null;
  ticket_key: string | null;
  ticket_url: string | null;
  recorded_by: string;
  recorded_at: Time;
}

export type IncidentRow = Selectable<IncidentsTable>;
