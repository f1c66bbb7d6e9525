import { InputError, NotFoundError } from '../shared/errors.js';
import type { IncidentService } from './incident.service.js';
import type { Incident } from './incident.types.js';
import {
  SERVICE_DESK_SYSTEMS,
  UnreadablePayload,
  isServiceDeskSystem,
  readTicket,
  type InboundTicket,
} from './service-desk-mapping.js';

/** What an inbound post did: recorded a new incident, or updated the one its ticket already has. */
export interface InboundResult {
  incident: Incident;
  created: boolean;
}

/**
 * The service desks' webhook (`POST /incidents/inbound/{system}`): each post of a ticket records
 * its incident the first time and updates the same one afterwards (idempotent on the ticket's
 * key), so that a desk may post every change of the ticket. The incident mirrors the ticket:
 * resolved when the ticket is resolved or closed, open again when it is reopened.
 */
export class InboundIncidents {
  constructor(private readonly incidents: IncidentService) {}

  /** `service` (the webhook URL's `?service=`) names the service when the payload does not. */
  async receive(system: string, payload: unknown, actor: string, service?: string): Promise<InboundResult> {
    const ticket = read(system, payload);
    const existing = await this.incidents.findByTicket(ticket.system, ticket.key);
    const endedAt = ticket.resolved ? (existing?.endedAt ?? ticket.resolvedAt ?? this.incidents.now()) : null;
    if (!existing) {
      const named = service ?? ticket.service;
      if (!named)
        throw new InputError(
          'INCIDENT_INVALID',
          `the ${system} ticket ${ticket.key} names no service: add ?service=class/name to the webhook URL, or the field docs/incidents.md gives for ${system}`,
          [{ path: 'service', message: 'is required' }],
        );
      const incident = await this.incidents.record(
        {
          service: named,
          title: ticket.title,
          severity: ticket.severity,
          startedAt: ticket.startedAt,
          endedAt,
          ticket: { system: ticket.system, key: ticket.key, url: ticket.url },
        },
        actor,
      );
      return { incident, created: true };
    }
    const updated = await this.incidents.update(
      existing.id,
      {
        title: ticket.title,
        severity: ticket.severity,
        startedAt: ticket.startedAt,
        endedAt,
        ticket: { system: ticket.system, key: ticket.key, url: ticket.url ?? existing.ticket?.url ?? null },
      },
      actor,
    );
    return { incident: updated, created: false };
  }
}

function read(system: string, payload: unknown): InboundTicket {
  if (!isServiceDeskSystem(system))
    throw new NotFoundError(
      'INCIDENT_SYSTEM_UNKNOWN',
      `"${system}" is not a service desk Cairn reads: use one of ${SERVICE_DESK_SYSTEMS.join(', ')}`,
    );
  try {
    return readTicket(system, payload);
  } catch (e) {
    if (e instanceof UnreadablePayload)
      throw new InputError('INCIDENT_PAYLOAD_INVALID', `the ${system} payload cannot be read: ${e.message}`, [
        { path: e.path, message: e.problem },
      ]);
    throw e;
  }
}
