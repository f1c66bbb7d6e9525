import type { NullableJson, NullableTime, Time } from '../../column-types.js';

/** References waiting for their target (migration 0015). */
export interface UnresolvedRefsTable {
  id: string;
  source: string;
  type: string;
  from_ref: string;
  to_ref: string;
  missing: string;
  attributes: NullableJson;
  file: string;
  location: string | null;
  recorded_at: Time;
  resolved_at: NullableTime;
  resolved_rev: number | null;
}
