import type { CiRef } from '../ci/desired-state.js';
import { parseRef } from '../ci/desired-state.js';
import type { Clock } from '../shared/clock.js';
import {
  ConflictError,
  InputError,
  InvalidTransitionError,
  NotFoundError,
  describeFieldErrors,
  type FieldError,
} from '../shared/errors.js';
import { causeErrors, completeCause, type CauseChange, type CauseDeployment } from './incident-cause.js';
import { incidentEvent } from './incident-events.js';
import { patchIncident, readIncident, readLink, timeOf } from './incident-input.js';
import type { IncidentQuery, IncidentStore } from './incident.port.js';
import type { Incident, IncidentCause } from './incident.types.js';

export interface IncidentDeps {
  incidents: IncidentStore;
  /** Finds the service's CI: an incident is of a service in the CMDB. */
  cis: { find(ref: CiRef): Promise<unknown> };
  /** Reads a change (CHANGE_NOT_FOUND when none has that number). */
  changes: { get(ref: string): Promise<CauseChange> };
  /** Reads deployments (DEPLOYMENT_NOT_FOUND when none has that id). */
  deployments: {
    get(id: string): Promise<CauseDeployment>;
    list(query: { service: string; version: string }): Promise<{ items: CauseDeployment[] }>;
  };
  clock: Clock;
}

/** Which incidents to list: the store's criteria, plus those of one deployment or one release. */
export interface IncidentListQuery extends Omit<IncidentQuery, 'deployments'> {
  deployment?: string;
  /** `class/name@version`: the incidents traced to any deployment of that release. */
  release?: string;
  limit?: number;
}

/** A page of incidents, newest start first, with how many matched in all. */
export interface IncidentPage {
  items: Incident[];
  total: number;
}

/**
 * Incidents: service disruptions as the service desk recorded them, each traced to the change or
 * deployment that caused it, so that change failure rate and time to restore are measured. Every
 * write is one transaction with its event (incident.recorded, .resolved, .linked).
 */
export class IncidentService {
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly deps: IncidentDeps) {}

  /** Told after each write commits (the server relays the events it recorded at once). */
  onWrite(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Records an incident (`cairn incident record`, `POST /incidents`). */
  async record(raw: unknown, actor: string): Promise<Incident> {
    const fields = readIncident(raw);
    await this.serviceExists(fields.service);
    const cause = await this.checkedCause(fields.service, fields);
    if (fields.ticket && (await this.deps.incidents.findByTicket(fields.ticket.system, fields.ticket.key)))
      throw ticketTaken(fields.ticket);
    const incident = await this.deps.incidents.insert(
      { ...fields, ...cause, recordedBy: actor, recordedAt: this.now() },
      (i) => [incidentEvent('incident.recorded', i, actor)],
    );
    this.written();
    return incident;
  }

  /** Changes an incident's title, severity, times or ticket; setting `endedAt` on an open one resolves it. */
  async update(id: string, raw: unknown, actor: string): Promise<Incident> {
    const incident = await this.get(id);
    const next = patchIncident(incident, raw);
    if (next.ticket && !sameTicket(next.ticket, incident.ticket)) {
      const other = await this.deps.incidents.findByTicket(next.ticket.system, next.ticket.key);
      if (other && other.id !== incident.id) throw ticketTaken(next.ticket);
    }
    const resolved = incident.endedAt === null && next.endedAt !== null;
    return this.save(next, resolved ? [incidentEvent('incident.resolved', next, actor)] : []);
  }

  /** Resolves an open incident: service was restored at `endedAt` (now when not given). */
  async resolve(id: string, actor: string, endedAt?: string): Promise<Incident> {
    const incident = await this.get(id);
    if (incident.endedAt !== null)
      throw new InvalidTransitionError(
        'INCIDENT_RESOLVED',
        `${incident.id} was already resolved at ${incident.endedAt}: change its end with an update instead`,
      );
    return this.update(id, { endedAt: endedAt ?? this.now() }, actor);
  }

  /** Traces an incident to the change and/or deployment that caused it. */
  async link(id: string, raw: unknown, actor: string): Promise<Incident> {
    const incident = await this.get(id);
    const given = readLink(raw);
    const cause = await this.checkedCause(incident.service, {
      change: given.change ?? incident.change,
      deployment: given.deployment ?? incident.deployment,
    });
    const next = { ...incident, ...cause };
    return this.save(next, [incidentEvent('incident.linked', next, actor)]);
  }

  /** One incident, by `INC-n` (or its number alone). */
  async get(id: string): Promise<Incident> {
    const normal = normalId(id);
    const incident = normal ? await this.deps.incidents.get(normal) : undefined;
    if (!incident)
      throw new NotFoundError('INCIDENT_NOT_FOUND', `no incident ${id}: incidents are numbered INC-1, INC-2, …`);
    return incident;
  }

  /** Incidents matching the query, newest start first, at most `limit`. */
  async list(query: IncidentListQuery = {}): Promise<IncidentPage> {
    const { deployment, release, limit, ...rest } = query;
    const period = this.period(rest.from, rest.to);
    const deployments = await this.deploymentsOf(deployment, release);
    const all = await this.deps.incidents.list({
      ...rest,
      ...period,
      ...(rest.service ? { service: rest.service.trim() } : {}),
      ...(deployments ? { deployments } : {}),
    });
    all.reverse();
    return { items: all.slice(0, limit ?? all.length), total: all.length };
  }

  /** Saves a changed incident with its events; the store says when it vanished meanwhile. */
  async save(next: Incident, events: ReturnType<typeof incidentEvent>[]): Promise<Incident> {
    if (!(await this.deps.incidents.update(next, events, this.now())))
      throw new NotFoundError('INCIDENT_NOT_FOUND', `no incident ${next.id}`);
    this.written();
    return next;
  }

  /** The incident already recorded for a ticket, if any (the inbound webhook's idempotency). */
  findByTicket(system: string, key: string): Promise<Incident | undefined> {
    return this.deps.incidents.findByTicket(system, key);
  }

  /** Now, as the services' clock has it (UTC ISO). */
  now(): string {
    return this.deps.clock.now().toISOString();
  }

  private async serviceExists(service: string): Promise<void> {
    const ref = parseRef(service);
    if (!ref || !(await this.deps.cis.find(ref)))
      throw new NotFoundError('CI_NOT_FOUND', `${service} does not exist: an incident is of a service in the CMDB`);
  }

  /** Reads the change and deployment named, checks they can have hurt `service`, and completes the cause. */
  private async checkedCause(service: string, cause: IncidentCause): Promise<IncidentCause> {
    const change = cause.change ? await this.deps.changes.get(cause.change) : undefined;
    const deployment = cause.deployment ? await this.deps.deployments.get(cause.deployment) : undefined;
    const errors = causeErrors(service, { change, deployment });
    if (errors.length > 0)
      throw new InputError(
        'INCIDENT_CAUSE_MISMATCH',
        describeFieldErrors('the cause does not fit the incident', errors),
        errors,
      );
    return completeCause(cause, deployment);
  }

  private async deploymentsOf(deployment?: string, release?: string): Promise<string[] | undefined> {
    if (release === undefined) return deployment === undefined ? undefined : [deployment];
    const at = release.lastIndexOf('@');
    if (at <= 0 || at === release.length - 1)
      throw new InputError(
        'INCIDENT_INVALID',
        'release must be service@version, e.g. application/shop-frontend@1.4.0',
        [{ path: 'release', message: 'must be class/name@version' }],
      );
    const ids = (
      await this.deps.deployments.list({ service: release.slice(0, at), version: release.slice(at + 1) })
    ).items.map((d) => d.id);
    return deployment === undefined ? ids : ids.filter((id) => id === deployment);
  }

  private period(from?: string, to?: string): Pick<IncidentQuery, 'from' | 'to'> {
    const errors: FieldError[] = [];
    const f = from === undefined ? undefined : timeOf(from, 'from', errors);
    const t = to === undefined ? undefined : timeOf(to, 'to', errors);
    if (errors.length > 0)
      throw new InputError('INVALID_TIME', describeFieldErrors('the period is not valid', errors), errors);
    return { ...(f ? { from: f } : {}), ...(t ? { to: t } : {}) };
  }

  private written(): void {
    for (const l of this.listeners) l();
  }
}

function normalId(id: string): string | undefined {
  const m = /^(?:INC-)?(\d+)$/i.exec(id.trim());
  return m ? `INC-${Number(m[1])}` : undefined;
}

function sameTicket(a: Incident['ticket'], b: Incident['ticket']): boolean {
  return a?.system === b?.system && a?.key === b?.key;
}

function ticketTaken(t: { system: string; key: string }): ConflictError {
  return new ConflictError(
    'INCIDENT_TICKET_TAKEN',
    `${t.system} ticket ${t.key} is already recorded as another incident`,
  );
}
