import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * `incidents` (issue 9): a service disruption as the service desk recorded it, numbered INC-n
 * (`number`, from the `incident` counter), with the change and/or deployment it is traced to and
 * the service desk ticket it came from. One incident per ticket (the inbound webhook's
 * idempotency); rows without a ticket leave both ticket columns null, which a unique index allows
 * on both engines. Reads are by service and time, by cause, and by ticket.
 */
export function up(engine: Engine) {
  return async (db: Kysely<unknown>): Promise<void> => {
    const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
    await db.schema
      .createTable('incidents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('number', 'integer', (c) => c.notNull().unique())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('started_at', time, (c) => c.notNull())
      .addColumn('ended_at', time)
      .addColumn('change_ref', 'text')
      .addColumn('deployment_id', 'text')
      .addColumn('ticket_system', 'text')
      .addColumn('ticket_key', 'text')
      .addColumn('ticket_url', 'text')
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', time, (c) => c.notNull())
      .addUniqueConstraint('ux_incidents_ticket', ['ticket_system', 'ticket_key'])
      .execute();
    await db.schema
      .createIndex('ix_incidents_service_started')
      .on('incidents')
      .columns(['service', 'started_at'])
      .execute();
    await db.schema.createIndex('ix_incidents_started').on('incidents').column('started_at').execute();
    await db.schema.createIndex('ix_incidents_deployment').on('incidents').column('deployment_id').execute();
    await db.schema.createIndex('ix_incidents_change').on('incidents').column('change_ref').execute();
  };
}
