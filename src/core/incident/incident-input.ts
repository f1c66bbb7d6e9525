import { parseRef } from '../ci/desired-state.js';
import { parseRealTime } from '../shared/calendar.js';
import { checkShape } from '../shared/document-schema.js';
import { InputError, describeFieldErrors, type FieldError } from '../shared/errors.js';
import {
  IncidentDocument,
  IncidentLink,
  IncidentPatch,
  type IncidentDocument as Doc,
  type IncidentPatch as Patch,
} from './incident-document.schema.js';
import type { Incident, IncidentCause } from './incident.types.js';

const INVALID = 'the incident is not valid';

/** An incident as given, checked and with its times in UTC ISO; the cause still to be verified. */
export type IncidentFields = Pick<Incident, 'service' | 'title' | 'severity' | 'startedAt' | 'endedAt' | 'ticket'> &
  IncidentCause;

/** Reads a new incident; throws INCIDENT_INVALID naming every bad field. */
export function readIncident(raw: unknown): IncidentFields {
  const doc: Doc = checkShape(IncidentDocument, raw ?? {}, 'INCIDENT_INVALID', INVALID);
  const errors: FieldError[] = [];
  const ref = parseRef(doc.service.trim());
  const startedAt = timeOf(doc.startedAt, 'startedAt', errors);
  const endedAt = doc.endedAt ? timeOf(doc.endedAt, 'endedAt', errors) : null;
  checkOrder(startedAt, endedAt, errors);
  if (errors.length > 0) throw invalid(errors);
  return {
    service: `${ref!.class}/${ref!.name}`,
    title: doc.title.trim(),
    severity: doc.severity,
    startedAt: startedAt!,
    endedAt: endedAt ?? null,
    ticket: doc.ticket ? { system: doc.ticket.system, key: doc.ticket.key.trim(), url: doc.ticket.url ?? null } : null,
    change: doc.change ?? null,
    deployment: doc.deployment ?? null,
  };
}

/** Applies an update to an incident; throws INCIDENT_INVALID naming every bad field. */
export function patchIncident(incident: Incident, raw: unknown): Incident {
  const patch: Patch = checkShape(IncidentPatch, raw ?? {}, 'INCIDENT_INVALID', INVALID);
  const errors: FieldError[] = [];
  const startedAt = patch.startedAt === undefined ? incident.startedAt : timeOf(patch.startedAt, 'startedAt', errors);
  const endedAt =
    patch.endedAt === undefined ? incident.endedAt : patch.endedAt && timeOf(patch.endedAt, 'endedAt', errors);
  checkOrder(startedAt, endedAt ?? null, errors);
  if (errors.length > 0) throw invalid(errors);
  return {
    ...incident,
    ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
    ...(patch.severity !== undefined ? { severity: patch.severity } : {}),
    ...(patch.ticket !== undefined
      ? {
          ticket: patch.ticket && {
            system: patch.ticket.system,
            key: patch.ticket.key.trim(),
            url: patch.ticket.url ?? null,
          },
        }
      : {}),
    startedAt: startedAt!,
    endedAt: endedAt ?? null,
  };
}

/** Reads the cause a link names; at least one of change and deployment. */
export function readLink(raw: unknown): IncidentCause {
  const link = checkShape(IncidentLink, raw ?? {}, 'INCIDENT_INVALID', INVALID);
  if (!link.change && !link.deployment)
    throw invalid([{ path: 'change', message: 'or deployment is required: the cause the incident is traced to' }]);
  return { change: link.change ?? null, deployment: link.deployment ?? null };
}

/** A time given in any ISO-8601 form, as UTC ISO with milliseconds; undefined (and an error) when not one. */
export function timeOf(text: string, path: string, errors: FieldError[]): string | undefined {
  const t = parseRealTime(text);
  if (Number.isNaN(t)) {
    errors.push({ path, message: `must be an ISO-8601 time, e.g. 2026-12-04T10:00:00Z ("${text}" is not)` });
    return undefined;
  }
  return new Date(t).toISOString();
}

function checkOrder(startedAt: string | undefined, endedAt: string | null | undefined, errors: FieldError[]): void {
  if (startedAt && endedAt && endedAt < startedAt)
    errors.push({ path: 'endedAt', message: `must not be before startedAt (${startedAt})` });
}

function invalid(errors: FieldError[]): InputError {
  return new InputError('INCIDENT_INVALID', describeFieldErrors(INVALID, errors), errors);
}
