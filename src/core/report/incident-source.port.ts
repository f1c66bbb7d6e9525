import type { Incident } from '../incident/incident.types.js';

/**
 * Where the metrics read incidents from: a narrow view of the incident store, optional so that the
 * metrics work (without incident figures) wherever no incident store is wired.
 */
export interface IncidentSource {
  /** Every incident of the service (of every service when none is given), of every time. */
  incidentsOf(service: string | undefined): Promise<Incident[]>;
}
