import type { OutboxEntry } from '../shared/outbox.js';
import type { Incident } from './incident.types.js';

/** Which incidents to read; every criterion given must hold. */
export interface IncidentQuery {
  /** `class/name` of the service hurt. */
  service?: string;
  /** Only those still open (true) or only those resolved (false). */
  open?: boolean;
  /** Started at or after (UTC ISO). */
  from?: string;
  /** Started before (UTC ISO). */
  to?: string;
  change?: string;
  /** Traced to any of these deployments. */
  deployments?: readonly string[];
}

/** An incident before it has its number: the store gives `INC-n` when it records it. */
export type IncidentDraft = Omit<Incident, 'id'>;

/**
 * Storage port of incidents. Each write records its events (the transactional outbox) in the same
 * transaction, so an event exists exactly when the write committed.
 */
export interface IncidentStore {
  get(id: string): Promise<Incident | undefined>;
  /** The incident recorded for a service desk ticket, if any (one per ticket). */
  findByTicket(system: string, key: string): Promise<Incident | undefined>;
  /** Incidents matching the query, in the order they started (then by number). */
  list(query: IncidentQuery): Promise<Incident[]>;
  /**
   * Numbers and stores a new incident; ConflictError INCIDENT_TICKET_TAKEN when its ticket is
   * already another incident's. `events` get the new incident's id in `data.incident.id`.
   */
  insert(draft: IncidentDraft, events: (incident: Incident) => Omit<OutboxEntry, 'at'>[]): Promise<Incident>;
  /** Saves an incident's new fields; false (nothing written) when no incident has its id. */
  update(incident: Incident, events: Omit<OutboxEntry, 'at'>[], at: string): Promise<boolean>;
}
