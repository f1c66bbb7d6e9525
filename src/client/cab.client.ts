import type { CabMinutesView, RecordMinutesBody, UpdateMinutesBody } from '../contracts/cab.contracts.js';

/**
 * Minutes of CAB meetings. Recording, editing and closing are for CAB members and change
 * managers; the decisions in them are gathered by the server from the approval records.
 */
export interface CabClient {
  /** Newest meeting first; of one date when given. */
  listMinutes(query?: { date?: string; limit?: number }): Promise<CabMinutesView[]>;
  getMinutes(id: string): Promise<CabMinutesView>;
  /** Opens the minutes of a meeting; with `corrects`, a correction of closed minutes of the same date. */
  recordMinutes(body: RecordMinutesBody): Promise<CabMinutesView>;
  /** Rewrites the attendees and notes of open minutes. */
  updateMinutes(id: string, body: UpdateMinutesBody): Promise<CabMinutesView>;
  /** Closes the minutes: nothing of them changes after. */
  closeMinutes(id: string): Promise<CabMinutesView>;
}
