import type { Generated } from 'kysely';
import type { Json, Time } from '../../column-types.js';

/** Events written by a write's own transaction, waiting to be relayed into delivery jobs (migration 0008). */
export interface EventOutboxTable {
  seq: Generated<number>;
  type: string;
  at: Time;
  data: Json;
}
