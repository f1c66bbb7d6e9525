import type { WriteMeta } from '../../core/revision/revision.types.js';

/** Who acts in an in-process client, and how its writes are recorded. */
export interface LocalSession {
  /** Who acts in the change workflow (`--as`, else the author). */
  actor: string;
  /** The author, message and source of a revision this client writes. */
  meta(message: string): WriteMeta;
}
