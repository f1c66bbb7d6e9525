import type { Json, NullableTime, Time } from '../../column-types.js';

/** One record of a CAB meeting (migration 0014). */
export interface CabMinutesTable {
  id: string;
  /** YYYY-MM-DD. */
  meeting_date: string;
  /** JSON array of names. */
  attendees: Json;
  notes: string;
  /** JSON array of CabDecision. */
  decisions: Json;
  recorded_by: string;
  recorded_at: Time;
  updated_at: Time;
  closed_by: string | null;
  closed_at: NullableTime;
  corrects: string | null;
}
