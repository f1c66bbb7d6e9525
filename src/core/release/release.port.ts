import type { OutboxEntry } from '../shared/outbox.js';
import type { Release, ReleaseState } from './release.types.js';

/** Which releases to read. */
export interface ReleaseQuery {
  /** `class/name` of one service. */
  service?: string;
  state?: ReleaseState;
}

/**
 * Storage port of releases. Each write records its events (the transactional outbox) in the same
 * transaction, so an event exists exactly when the write committed.
 */
export interface ReleaseStore {
  get(service: string, version: string): Promise<Release | undefined>;
  /** Every release matching the query (the service orders them by version). */
  list(query: ReleaseQuery): Promise<Release[]>;
  /** Stores a new release; ConflictError RELEASE_EXISTS when the service already has that version. */
  insert(release: Release, events: Omit<OutboxEntry, 'at'>[]): Promise<void>;
  /**
   * Records a decision on a release still in `from`; false (nothing written) when it has moved
   * on meanwhile, so that two release managers deciding at once cannot both win.
   */
  decide(release: Release, from: ReleaseState, events: Omit<OutboxEntry, 'at'>[]): Promise<boolean>;
}
