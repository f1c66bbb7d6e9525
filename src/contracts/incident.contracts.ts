import { Type, type Static } from '@sinclair/typebox';
import { IncidentDocument, IncidentLink, IncidentPatch } from '../core/incident/incident-document.schema.js';
import { INCIDENT_SEVERITIES } from '../core/incident/incident.types.js';
import { JsonObject } from './common.js';

/** Incidents over HTTP: `GET/POST /incidents`, one incident, PATCH, resolve, link, and the service desks' webhook. */

const Severity = Type.Union(
  INCIDENT_SEVERITIES.map((s) => Type.Literal(s)),
  { description: 'critical (down), major (degraded for many), minor (degraded for few)' },
);
const NullableText = Type.Union([Type.String(), Type.Null()]);

export const IncidentView = Type.Object(
  {
    id: Type.String({ description: 'INC-n' }),
    service: Type.String({ description: 'the service hurt, class/name' }),
    title: Type.String(),
    severity: Severity,
    startedAt: Type.String(),
    endedAt: Type.Union([Type.String(), Type.Null()], { description: 'null while open' }),
    change: Type.Union([Type.String(), Type.Null()], { description: 'CHG-n of the change that caused it' }),
    deployment: Type.Union([Type.String(), Type.Null()], { description: 'dep_… of the deployment that caused it' }),
    ticket: Type.Union([Type.Object({ system: Type.String(), key: Type.String(), url: NullableText }), Type.Null()]),
    recordedBy: Type.String(),
    recordedAt: Type.String(),
  },
  { title: 'Incident' },
);
export type IncidentView = Static<typeof IncidentView>;

/** Newest start first; `total` counts every incident that matched. */
export const IncidentPage = Type.Object(
  { items: Type.Array(IncidentView), total: Type.Integer() },
  { title: 'IncidentPage' },
);
export type IncidentPage = Static<typeof IncidentPage>;

export const CreateIncidentBody = IncidentDocument;
export type CreateIncidentBody = Static<typeof CreateIncidentBody>;
export const UpdateIncidentBody = IncidentPatch;
export type UpdateIncidentBody = Static<typeof UpdateIncidentBody>;
export const LinkIncidentBody = IncidentLink;
export type LinkIncidentBody = Static<typeof LinkIncidentBody>;

export const ResolveIncidentBody = Type.Object({
  endedAt: Type.Optional(Type.String({ description: 'when service was restored (ISO-8601); now when left out' })),
});
export type ResolveIncidentBody = Static<typeof ResolveIncidentBody>;

export const IncidentQuery = Type.Object({
  service: Type.Optional(Type.String({ description: 'class/name of one service' })),
  open: Type.Optional(Type.Boolean({ description: 'true: only open incidents; false: only resolved ones' })),
  from: Type.Optional(Type.String({ description: 'started at or after (ISO-8601)' })),
  to: Type.Optional(Type.String({ description: 'started before (ISO-8601)' })),
  change: Type.Optional(Type.String({ description: 'traced to this change (CHG-n)' })),
  deployment: Type.Optional(Type.String({ description: 'traced to this deployment (dep_…)' })),
  release: Type.Optional(
    Type.String({ description: 'class/name@version: traced to any deployment of that release (the release page)' }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
export type IncidentQuery = Static<typeof IncidentQuery>;

export const IncidentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 32, description: 'INC-n' }) });
export type IncidentParams = Static<typeof IncidentParams>;

export const InboundParams = Type.Object({
  system: Type.String({ minLength: 1, maxLength: 32, description: 'servicenow, jira, glpi or zammad' }),
});
export type InboundParams = Static<typeof InboundParams>;

export const InboundQuery = Type.Object({
  service: Type.Optional(Type.String({ description: 'class/name of the service, when the payload names none' })),
});
export type InboundQuery = Static<typeof InboundQuery>;

/** The desk's own JSON (docs/incidents.md gives the fields read from each). */
export const InboundBody = JsonObject;
export type InboundBody = Static<typeof InboundBody>;

export const InboundResultView = Type.Object(
  { incident: IncidentView, created: Type.Boolean({ description: 'true when this post recorded the incident' }) },
  { title: 'InboundIncidentResult' },
);
