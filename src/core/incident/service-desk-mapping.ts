import type { IncidentSeverity } from './incident.types.js';

/**
 * How the webhook payloads of the service desks read as an incident. Each system posts its own
 * JSON (docs/incidents.md shows the fields read from each); what is read is the ticket's key,
 * title, severity, opening time and, once resolved, its resolution time. Pure: no I/O.
 */

/** A ticket as read from a service desk's payload. */
export interface InboundTicket {
  system: ServiceDeskSystem;
  key: string;
  url: string | null;
  title: string;
  severity: IncidentSeverity;
  /** Opening time as the desk gave it (checked and normalised by the service). */
  startedAt: string;
  /** Whether the ticket is resolved or closed. */
  resolved: boolean;
  /** When it was resolved, when the desk says (null: the service uses the time it heard of it). */
  resolvedAt: string | null;
  /** The service (`class/name`) named in the payload, if it names one. */
  service: string | null;
}

export const SERVICE_DESK_SYSTEMS = ['servicenow', 'jira', 'glpi', 'zammad'] as const;
export type ServiceDeskSystem = (typeof SERVICE_DESK_SYSTEMS)[number];

/** A payload the mapping cannot read: which field, and what was wrong. */
export class UnreadablePayload extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path} ${problem}`);
  }
}

export function isServiceDeskSystem(name: string): name is ServiceDeskSystem {
  return (SERVICE_DESK_SYSTEMS as readonly string[]).includes(name);
}

/** Reads a payload of `system`; throws UnreadablePayload naming the first field it needs and misses. */
export function readTicket(system: ServiceDeskSystem, payload: unknown): InboundTicket {
  switch (system) {
    case 'servicenow':
      return serviceNow(payload);
    case 'jira':
      return jira(payload);
    case 'glpi':
      return glpi(payload);
    case 'zammad':
      return zammad(payload);
  }
}

/**
 * ServiceNow posts what a business rule's REST message or a flow's action builds from the incident
 * record; the fields are the incident table's: `number`, `short_description`, `priority` (1 critical
 * … 5 planning), `state` (6 resolved, 7 closed), `opened_at`, `resolved_at`, and the service in a
 * custom `u_cairn_service` or in `cmdb_ci` when its display value is `class/name`. A field may be a
 * plain value or `{ value, display_value }` (the Table API's `sysparm_display_value=all`). Times are
 * GlideDateTime values, `YYYY-MM-DD HH:mm:ss` in UTC.
 */
function serviceNow(payload: unknown): InboundTicket {
  const p = record(payload, '');
  const number = text(p, 'number', glideValue);
  const state = text(p, 'state', glideValue, false);
  const priority = text(p, 'priority', glideValue, false) ?? text(p, 'impact', glideValue, false);
  return {
    system: 'servicenow',
    key: number!,
    url: text(p, 'url', glideValue, false) ?? null,
    title: text(p, 'short_description', glideValue, false) ?? number!,
    severity: priority === '1' ? 'critical' : priority === '2' ? 'major' : 'minor',
    startedAt: glideTime(text(p, 'opened_at', glideValue)!),
    resolved: state === '6' || state === '7',
    resolvedAt: optionalGlideTime(text(p, 'resolved_at', glideValue, false) ?? text(p, 'closed_at', glideValue, false)),
    service: serviceRef(text(p, 'u_cairn_service', glideDisplay, false) ?? text(p, 'cmdb_ci', glideDisplay, false)),
  };
}

/**
 * Jira Service Management's issue webhooks (`jira:issue_created`, `jira:issue_updated`): the
 * `issue` with its `key`, `self` and `fields` (`summary`, `priority.name`, `created`,
 * `resolutiondate`, `status.statusCategory.key` — `done` once resolved — and `labels`, where a
 * label `cairn:class/name` names the service).
 */
function jira(payload: unknown): InboundTicket {
  const issue = record(record(payload, '').issue, 'issue');
  const fields = record(issue.fields, 'issue.fields');
  const key = text(issue, 'key', plain, true, 'issue.')!;
  const priority = (
    text(record(fields.priority ?? {}, 'issue.fields.priority'), 'name', plain, false) ?? ''
  ).toLowerCase();
  const category = text(
    record(record(fields.status ?? {}, 'issue.fields.status').statusCategory ?? {}, 'x'),
    'key',
    plain,
    false,
  );
  const resolvedAt = text(fields, 'resolutiondate', plain, false) ?? null;
  const self = text(issue, 'self', plain, false);
  const labels = Array.isArray(fields.labels) ? fields.labels.filter((l): l is string => typeof l === 'string') : [];
  return {
    system: 'jira',
    key,
    url: self ? browseUrl(self, key) : null,
    title: text(fields, 'summary', plain, false) ?? key,
    severity: priority === 'highest' ? 'critical' : priority === 'high' ? 'major' : 'minor',
    startedAt: text(fields, 'created', plain, true, 'issue.fields.')!,
    resolved: resolvedAt !== null || category === 'done',
    resolvedAt,
    service: serviceRef(labels.find((l) => l.startsWith('cairn:'))?.slice('cairn:'.length)),
  };
}

/**
 * GLPI's webhooks on the Ticket itemtype (GLPI 11): `{ event, item }`, the item as GLPI's API gives
 * it — `id`, `name`, `priority` (1 very low … 5 very high, 6 major), `status` (a number or
 * `{ id }`: 5 solved, 6 closed), `date` (opening), `solvedate` / `date_solve` and `closedate` /
 * `date_close`. The service is a `cairn_service` field added to the payload template.
 */
function glpi(payload: unknown): InboundTicket {
  const p = record(payload, '');
  const item = record(p.item ?? p, 'item');
  const id = text(item, 'id', plain, true, 'item.')!;
  const status = Number(text(item, 'status', glpiId, false) ?? 0);
  const priority = Number(text(item, 'priority', glpiId, false) ?? 0);
  const solved = text(item, 'solvedate', plain, false) ?? text(item, 'date_solve', plain, false);
  const closed = text(item, 'closedate', plain, false) ?? text(item, 'date_close', plain, false);
  return {
    system: 'glpi',
    key: id,
    url: text(item, 'url', plain, false) ?? null,
    title: text(item, 'name', plain, false) ?? `GLPI ticket ${id}`,
    severity: priority >= 5 ? 'critical' : priority === 4 ? 'major' : 'minor',
    startedAt: glideTime(text(item, 'date', plain, false) ?? text(item, 'date_creation', plain, true, 'item.')!),
    resolved: status === 5 || status === 6,
    resolvedAt: optionalGlideTime(solved ?? closed),
    service: serviceRef(text(item, 'cairn_service', plain, false) ?? text(p, 'cairn_service', plain, false)),
  };
}

/**
 * Zammad's trigger webhooks: `{ ticket, article }` with the ticket's `number`, `title`,
 * `priority.name` (`1 low`, `2 normal`, `3 high`), `state` (`closed` once resolved), `created_at`
 * and `close_at`; the service is a ticket object attribute `cairn_service` (Admin → Objects).
 */
function zammad(payload: unknown): InboundTicket {
  const ticket = record(record(payload, '').ticket, 'ticket');
  const number = text(ticket, 'number', plain, true, 'ticket.')!;
  const priority = text(record(ticket.priority ?? {}, 'ticket.priority'), 'name', plain, false) ?? '';
  const state = text(ticket, 'state', zammadName, false);
  return {
    system: 'zammad',
    key: number,
    url: null,
    title: text(ticket, 'title', plain, false) ?? `Zammad ticket ${number}`,
    severity: priority.startsWith('3') ? 'major' : 'minor',
    startedAt: text(ticket, 'created_at', plain, true, 'ticket.')!,
    resolved: state === 'closed',
    resolvedAt: text(ticket, 'close_at', plain, false) ?? null,
    service: serviceRef(text(ticket, 'cairn_service', plain, false)),
  };
}

type Reader = (value: unknown) => unknown;
const plain: Reader = (v) => v;
const glideValue: Reader = (v) => (isRecord(v) ? v.value : v);
const glideDisplay: Reader = (v) => (isRecord(v) ? (v.display_value ?? v.value) : v);
const glpiId: Reader = (v) => (isRecord(v) ? v.id : v);
const zammadName: Reader = (v) => (isRecord(v) ? v.name : v);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function record(v: unknown, path: string): Record<string, unknown> {
  if (!isRecord(v)) throw new UnreadablePayload(path || 'the payload', 'must be a JSON object');
  return v;
}

/** A field as text (numbers read as their digits); undefined when absent and not required. */
function text(
  from: Record<string, unknown>,
  field: string,
  read: Reader,
  required = true,
  prefix = '',
): string | undefined {
  const v = read(from[field]);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (required) throw new UnreadablePayload(`${prefix}${field}`, 'is required (a non-empty string)');
  return undefined;
}

/** `2026-12-04 10:00:00` (ServiceNow's and GLPI's form, UTC) as ISO; other text is left to the service's check. */
function glideTime(t: string): string {
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t) ? `${t.replace(' ', 'T')}Z` : t;
}

function optionalGlideTime(t: string | undefined): string | null {
  return t === undefined ? null : glideTime(t);
}

/** The issue's page from its REST address (`…/rest/api/2/issue/10005` → `…/browse/KEY`). */
function browseUrl(self: string, key: string): string | null {
  try {
    return `${new URL(self).origin}/browse/${key}`;
  } catch {
    return null;
  }
}

function serviceRef(v: string | undefined): string | null {
  const t = v?.trim();
  return t && /^[^/\s]+\/\S.*$/.test(t) ? t : null;
}
