import type {
  CreateIncidentBody,
  IncidentPage,
  IncidentQuery,
  IncidentView,
  LinkIncidentBody,
} from '../contracts/incident.contracts.js';

/** Incidents: service disruptions, each traced to the change or deployment that caused it. */
export interface IncidentsClient {
  record(body: CreateIncidentBody | Record<string, unknown>): Promise<IncidentView>;
  show(id: string): Promise<IncidentView>;
  list(query?: IncidentQuery): Promise<IncidentPage>;
  /** Resolves an open incident at `endedAt` (now when not given). */
  resolve(id: string, endedAt?: string): Promise<IncidentView>;
  link(id: string, cause: LinkIncidentBody): Promise<IncidentView>;
}
