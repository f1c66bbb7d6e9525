/**
 * The minutes of a CAB meeting: who attended, the decisions they took (read from the approval
 * records, never typed in, so that the minutes cannot claim a decision the workflow did not
 * record), free-text notes, who recorded them. Open minutes may be edited; closed minutes never
 * change, and a correction is a new record that names the one it corrects. Auditors read them.
 */

/** One decision taken at the meeting: an approval record of the change workflow. */
export interface CabDecision {
  /** The approval record's sequence number in the chain (`cairn audit verify` covers it). */
  approval: number;
  change: string;
  title: string;
  decision: 'approve' | 'reject';
  by: string;
  group: string;
  comment: string | null;
  at: string;
}

export interface CabMinutes {
  id: string;
  /** The meeting's date, YYYY-MM-DD (UTC). */
  date: string;
  attendees: string[];
  notes: string;
  decisions: CabDecision[];
  recordedBy: string;
  recordedAt: string;
  updatedAt: string;
  closedBy: string | null;
  closedAt: string | null;
  /** The closed record this one corrects, if it is a correction. */
  corrects: string | null;
}

/** Where minutes are kept: the store's `cab_minutes` and, read only, the approval records. */
export interface CabMinutesStore {
  insertMinutes(minutes: CabMinutes): Promise<void>;
  /** Saves attendees, notes, decisions and the close of a record still open; false when it was closed meanwhile. */
  updateOpenMinutes(minutes: CabMinutes): Promise<boolean>;
  getMinutes(id: string): Promise<CabMinutes | undefined>;
  /** Newest first; of one meeting date when given; at most `limit`. */
  listMinutes(query: { date?: string; limit: number }): Promise<CabMinutes[]>;
  /** Approve and reject records made in [fromIso, toIso) by these people, in chain order. */
  decisionsBetween(fromIso: string, toIso: string, by: readonly string[]): Promise<CabDecision[]>;
}

export const MAX_ATTENDEES = 100;
export const MAX_NOTES = 20_000;
