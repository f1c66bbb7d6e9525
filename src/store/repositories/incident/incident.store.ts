import type { Insertable, Kysely } from 'kysely';
import type { IncidentDraft, IncidentQuery, IncidentStore } from '../../../core/incident/incident.port.js';
import type { Incident, IncidentSeverity } from '../../../core/incident/incident.types.js';
import { ConflictError } from '../../../core/shared/errors.js';
import type { OutboxEntry } from '../../../core/shared/outbox.js';
import { convertError } from '../../conversion/errors.js';
import { readNullableTime, readTime } from '../../conversion/values.js';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { inWriteTransaction, WRITE_LOCKS } from '../../write-transaction.js';
import { appendOutbox } from '../webhook/outbox.repository.js';
import type { IncidentRow, IncidentsTable } from './incident.table.js';

const COUNTER = 'incident';

/** The SQL of incidents (the IncidentStore port): each write, its number and its events in one transaction. */
export class KyselyIncidentStore implements IncidentStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async get(id: string): Promise<Incident | undefined> {
    const row = await this.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
    return row && rowToIncident(row);
  }

  async findByTicket(system: string, key: string): Promise<Incident | undefined> {
    const row = await this.db
      .selectFrom('incidents')
      .selectAll()
      .where('ticket_system', '=', system)
      .where('ticket_key', '=', key)
      .executeTakeFirst();
    return row && rowToIncident(row);
  }

  async list(query: IncidentQuery): Promise<Incident[]> {
    if (query.deployments?.length === 0) return [];
    let q = this.db.selectFrom('incidents').selectAll();
    if (query.service !== undefined) q = q.where('service', '=', query.service);
    if (query.open === true) q = q.where('ended_at', 'is', null);
    if (query.open === false) q = q.where('ended_at', 'is not', null);
    if (query.from !== undefined) q = q.where('started_at', '>=', query.from);
    if (query.to !== undefined) q = q.where('started_at', '<', query.to);
    if (query.change !== undefined) q = q.where('change_ref', '=', query.change);
    if (query.deployments !== undefined) q = q.where('deployment_id', 'in', [...query.deployments]);
    return (await q.orderBy('started_at').orderBy('number').execute()).map(rowToIncident);
  }

  insert(draft: IncidentDraft, events: (incident: Incident) => Omit<OutboxEntry, 'at'>[]): Promise<Incident> {
    return this.write(async (conn) => {
      // The counter row is read and bumped under the incident write lock, so numbers never repeat.
      const row = await conn.selectFrom('counters').select('value').where('name', '=', COUNTER).executeTakeFirst();
      const number = Number(row?.value ?? 0) + 1;
      if (row) await conn.updateTable('counters').set({ value: number }).where('name', '=', COUNTER).execute();
      else await conn.insertInto('counters').values({ name: COUNTER, value: number }).execute();
      const incident: Incident = { id: `INC-${number}`, ...draft };
      try {
        await conn.insertInto('incidents').values(incidentToRow(incident, number)).execute();
      } catch (e) {
        convertError(e, ticketTaken(incident));
      }
      await appendOutbox(
        conn,
        events(incident).map((e) => ({ ...e, at: incident.recordedAt })),
      );
      return incident;
    });
  }

  update(incident: Incident, events: Omit<OutboxEntry, 'at'>[], at: string): Promise<boolean> {
    return this.write(async (conn) => {
      const { id: _id, number: _number, recorded_by: _by, recorded_at: _at, ...columns } = incidentToRow(incident, 0);
      let updated;
      try {
        updated = await conn.updateTable('incidents').set(columns).where('id', '=', incident.id).executeTakeFirst();
      } catch (e) {
        convertError(e, ticketTaken(incident));
      }
      if (Number(updated.numUpdatedRows) === 0) return false;
      await appendOutbox(
        conn,
        events.map((e) => ({ ...e, at })),
      );
      return true;
    });
  }

  private write<T>(work: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
    return inWriteTransaction(this.db, this.engine, WRITE_LOCKS.incident, work);
  }
}

function ticketTaken(i: Incident): ConflictError {
  return new ConflictError(
    'INCIDENT_TICKET_TAKEN',
    `${i.ticket?.system} ticket ${i.ticket?.key} is already recorded as another incident`,
  );
}

function incidentToRow(i: Incident, number: number): Insertable<IncidentsTable> {
  return {
    id: i.id,
    number,
    service: i.service,
    title: i.title,
    severity: i.severity,
    started_at: i.startedAt,
    ended_at: i.endedAt,
    change_ref: i.change,
    deployment_id: i.deployment,
    ticket_system: i.ticket?.system ?? null,
    ticket_key: i.ticket?.key ?? null,
    ticket_url: i.ticket?.url ?? null,
    recorded_by: i.recordedBy,
    recorded_at: i.recordedAt,
  };
}

function rowToIncident(r: IncidentRow): Incident {
  return {
    id: r.id,
    service: r.service,
    title: r.title,
    severity: r.severity as IncidentSeverity,
    startedAt: readTime(r.started_at),
    endedAt: readNullableTime(r.ended_at),
    change: r.change_ref,
    deployment: r.deployment_id,
    ticket:
      r.ticket_system !== null && r.ticket_key !== null
        ? { system: r.ticket_system, key: r.ticket_key, url: r.ticket_url }
        : null,
    recordedBy: r.recorded_by,
    recordedAt: readTime(r.recorded_at),
  };
}
