import type { OutboxEntry } from '../shared/outbox.js';
import type { Incident } from './incident.types.js';

/** The events incidents record; the events module publishes them as webhooks. */
export type IncidentEventType = 'incident.recorded' | 'incident.resolved' | 'incident.linked';

/** One event about an incident, carrying the whole record so that a receiver need not call back. */
export function incidentEvent(type: IncidentEventType, incident: Incident, actor: string): Omit<OutboxEntry, 'at'> {
  return { type, data: { incident, actor } };
}
