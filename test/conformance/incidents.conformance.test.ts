import { afterAll, describe, expect, it } from 'vitest';
import { IncidentService } from '../../src/core/incident/incident.service.js';
import { InboundIncidents } from '../../src/core/incident/incident-inbound.js';
import { KyselyIncidentStore } from '../../src/store/repositories/incident/incident.store.js';
import { engines } from '../helpers/engines.js';
import { SERVICE, promotionWorld } from './promotion.harness.js';

const OUTAGE = {
  service: SERVICE,
  title: 'Checkout returns 502',
  severity: 'major',
  startedAt: '2026-12-01T10:30:00+01:00',
};

for (const harness of engines()) {
  describe(`incidents on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    /**
     * The promotion world (shop-frontend 1.0.0 and 1.1.0 approved), 1.0.0 deployed into development,
     * and incidents on the store alone, so that the events they record stay in the outbox to be read.
     */
    async function world() {
      const store = await harness.newStore();
      const w = await promotionWorld(store);
      const deployment = await w.promote('1.0.0', 'development');
      // The promotion nudged the composed services' relay; let it finish, or it may take the
      // incident events below out of the outbox while they are being read.
      await w.s.events.flush();
      const incidents = new IncidentService({
        incidents: new KyselyIncidentStore(store.kysely, store.engine),
        cis: w.s.cis,
        changes: w.s.changes,
        deployments: w.s.promotions,
        clock: w.clock,
      });
      const outbox = async () =>
        (await store.kysely.selectFrom('event_outbox').select(['type']).orderBy('seq').execute())
          .map((e) => e.type)
          .filter((t) => t.startsWith('incident.'));
      return { ...w, store, deployment, incidents, inbound: new InboundIncidents(incidents), outbox };
    }

    /** A change planned on `ci` (class/name), raised by alice. */
    async function changeOn(w: Awaited<ReturnType<typeof world>>, ci: string) {
      const [cls, name] = ci.split('/');
      return w.s.changes.create(
        {
          type: 'normal',
          title: `Tune ${ci}`,
          description: 'Tuning.',
          justification: 'Load.',
          plan: { cis: [{ class: cls, name, attributes: { owner: 'web' } }] },
        },
        'alice',
      );
    }

    it('records an incident numbered INC-n with its times in UTC, reads it back, and records incident.recorded', async () => {
      const w = await world();
      const first = await w.incidents.record(
        { ...OUTAGE, ticket: { system: 'jira', key: 'OPS-7', url: 'https://x.atlassian.net/browse/OPS-7' } },
        'erin',
      );
      expect(first).toMatchObject({
        id: 'INC-1',
        service: SERVICE,
        severity: 'major',
        startedAt: '2026-12-01T09:30:00.000Z',
        endedAt: null,
        change: null,
        deployment: null,
        ticket: { system: 'jira', key: 'OPS-7', url: 'https://x.atlassian.net/browse/OPS-7' },
        recordedBy: 'erin',
      });
      expect(await w.incidents.get('INC-1')).toEqual(first);
      expect(await w.incidents.get('1')).toEqual(first);
      const second = await w.incidents.record({ ...OUTAGE, title: 'Slow search', severity: 'minor' }, 'erin');
      expect(second.id).toBe('INC-2');
      expect(second.ticket).toBeNull();
      expect(await w.outbox()).toEqual(['incident.recorded', 'incident.recorded']);
    });

    it('refuses bad input naming each field, an unknown service, and a ticket already recorded', async () => {
      const w = await world();
      await expect(
        w.incidents.record({ ...OUTAGE, severity: 'huge', startedAt: '2026-02-30T10:00:00Z' }, 'erin'),
      ).rejects.toMatchObject({ code: 'INCIDENT_INVALID', fields: [{ path: 'severity' }] });
      await expect(w.incidents.record({ ...OUTAGE, startedAt: '2026-02-30T10:00:00Z' }, 'erin')).rejects.toMatchObject({
        code: 'INCIDENT_INVALID',
        fields: [{ path: 'startedAt' }],
      });
      await expect(w.incidents.record({ ...OUTAGE, endedAt: '2026-12-01T08:00:00Z' }, 'erin')).rejects.toMatchObject({
        code: 'INCIDENT_INVALID',
        fields: [{ path: 'endedAt', message: 'must not be before startedAt (2026-12-01T09:30:00.000Z)' }],
      });
      await expect(w.incidents.record({ ...OUTAGE, service: 'application/nothing' }, 'erin')).rejects.toMatchObject({
        code: 'CI_NOT_FOUND',
      });
      const ticket = { system: 'servicenow', key: 'INC0010001' };
      await w.incidents.record({ ...OUTAGE, ticket }, 'erin');
      await expect(w.incidents.record({ ...OUTAGE, ticket }, 'erin')).rejects.toMatchObject({
        code: 'INCIDENT_TICKET_TAKEN',
      });
      await expect(w.incidents.get('INC-9')).rejects.toMatchObject({ code: 'INCIDENT_NOT_FOUND' });
    });

    it('links an incident to the deployment of its service and to a change that covers it, and refuses any other', async () => {
      const w = await world();
      const incident = await w.incidents.record(OUTAGE, 'erin');
      // A deployment of the service: linked.
      const linked = await w.incidents.link(incident.id, { deployment: w.deployment.id }, 'erin');
      expect(linked).toMatchObject({ deployment: w.deployment.id, change: null });
      expect(await w.incidents.get(incident.id)).toEqual(linked);
      // (Read before the changes below: the composed services relay the outbox when a change is written.)
      expect(await w.outbox()).toEqual(['incident.recorded', 'incident.linked']);
      // A change on a server shop-frontend runs on covers it through impact; one on the service itself too.
      const onServer = await changeOn(w, 'server/web-01');
      expect(await w.incidents.link(incident.id, { change: onServer.ref }, 'erin')).toMatchObject({
        change: onServer.ref,
        deployment: w.deployment.id,
      });
      // An incident of orders-db: a change of shop-frontend does not reach it, nor does its deployment.
      const db = await w.incidents.record({ ...OUTAGE, service: 'database/orders-db' }, 'erin');
      const onFrontend = await changeOn(w, SERVICE);
      await expect(w.incidents.link(db.id, { change: onFrontend.ref }, 'erin')).rejects.toMatchObject({
        code: 'INCIDENT_CAUSE_MISMATCH',
        fields: [
          {
            path: 'change',
            message: `${onFrontend.ref} neither changes database/orders-db nor impacts it: link the change whose plan or impact reaches the service`,
          },
        ],
      });
      await expect(w.incidents.link(db.id, { deployment: w.deployment.id }, 'erin')).rejects.toMatchObject({
        code: 'INCIDENT_CAUSE_MISMATCH',
        fields: [
          {
            path: 'deployment',
            message: expect.stringMatching(/^is of application\/shop-frontend 1.0.0, not of database\/orders-db/),
          },
        ],
      });
      // Unknown causes are named as such; a link names at least one cause.
      await expect(w.incidents.link(db.id, { change: 'CHG-999' }, 'erin')).rejects.toMatchObject({
        code: 'CHANGE_NOT_FOUND',
      });
      await expect(w.incidents.link(db.id, { deployment: 'dep_nothing' }, 'erin')).rejects.toMatchObject({
        code: 'DEPLOYMENT_NOT_FOUND',
      });
      await expect(w.incidents.link(db.id, {}, 'erin')).rejects.toMatchObject({ code: 'INCIDENT_INVALID' });
      // Nothing refused was written.
      expect(await w.incidents.get(db.id)).toMatchObject({ change: null, deployment: null });
    });

    it('takes the change of a deployment made under one, and refuses another change beside that deployment', async () => {
      const w = await world();
      await w.toStaging('1.0.0');
      await w.approveProduction('1.0.0');
      const window = { start: '2026-12-01T09:00:00.000Z', end: '2026-12-01T12:00:00.000Z' };
      const change = await w.s.promotions.openChange(
        { service: SERVICE, version: '1.0.0', environment: 'production', window },
        'rita',
      );
      await w.s.changes.submit(change.ref, 'rita');
      await w.s.changes.approve(change.ref, 'carol');
      const production = await w.promote('1.0.0', 'production');
      expect(production.change).toBe(change.ref);
      const incident = await w.incidents.record({ ...OUTAGE, deployment: production.id }, 'erin');
      expect(incident).toMatchObject({ deployment: production.id, change: change.ref });
      const other = await changeOn(w, SERVICE);
      await expect(w.incidents.link(incident.id, { change: other.ref }, 'erin')).rejects.toMatchObject({
        code: 'INCIDENT_CAUSE_MISMATCH',
        fields: [
          {
            path: 'change',
            message: `is not the change of deployment ${production.id}, which ${change.ref} authorized`,
          },
        ],
      });
    });

    it('resolves once, with the end given or now, and records incident.resolved', async () => {
      const w = await world();
      const incident = await w.incidents.record(OUTAGE, 'erin');
      await expect(w.incidents.resolve(incident.id, 'erin', '2026-12-01T09:00:00Z')).rejects.toMatchObject({
        code: 'INCIDENT_INVALID',
        fields: [{ path: 'endedAt' }],
      });
      const resolved = await w.incidents.resolve(incident.id, 'erin', '2026-12-01T11:45:00Z');
      expect(resolved.endedAt).toBe('2026-12-01T11:45:00.000Z');
      await expect(w.incidents.resolve(incident.id, 'erin')).rejects.toMatchObject({ code: 'INCIDENT_RESOLVED' });
      // Correcting the end is an update, not a second resolution.
      const corrected = await w.incidents.update(
        incident.id,
        { endedAt: '2026-12-01T11:40:00Z', severity: 'critical' },
        'erin',
      );
      expect(corrected).toMatchObject({ endedAt: '2026-12-01T11:40:00.000Z', severity: 'critical' });
      const now = await w.incidents.resolve((await w.incidents.record(OUTAGE, 'erin')).id, 'erin');
      expect(now.endedAt).not.toBeNull();
      expect(await w.outbox()).toEqual([
        'incident.recorded',
        'incident.resolved',
        'incident.recorded',
        'incident.resolved',
      ]);
    });

    it('lists by service, open or resolved, period, deployment and release, newest start first', async () => {
      const w = await world();
      const a = await w.incidents.record(
        { ...OUTAGE, startedAt: '2026-11-01T00:00:00Z', endedAt: '2026-11-01T01:00:00Z' },
        'erin',
      );
      const b = await w.incidents.record(
        { ...OUTAGE, startedAt: '2026-11-15T00:00:00Z', deployment: w.deployment.id },
        'erin',
      );
      const c = await w.incidents.record(
        { ...OUTAGE, service: 'database/orders-db', startedAt: '2026-11-20T00:00:00Z' },
        'erin',
      );
      const ids = async (q: Parameters<IncidentService['list']>[0]) =>
        (await w.incidents.list(q)).items.map((i) => i.id);
      expect(await ids({})).toEqual([c.id, b.id, a.id]);
      expect(await ids({ service: SERVICE })).toEqual([b.id, a.id]);
      expect(await ids({ open: true })).toEqual([c.id, b.id]);
      expect(await ids({ open: false })).toEqual([a.id]);
      expect(await ids({ from: '2026-11-10T00:00:00Z', to: '2026-11-20T00:00:00Z' })).toEqual([b.id]);
      expect(await ids({ deployment: w.deployment.id })).toEqual([b.id]);
      expect(await ids({ release: `${SERVICE}@1.0.0` })).toEqual([b.id]);
      expect(await ids({ release: `${SERVICE}@1.1.0` })).toEqual([]);
      expect(await w.incidents.list({ limit: 1 })).toMatchObject({ total: 3, items: [{ id: c.id }] });
      await expect(w.incidents.list({ release: 'shop' })).rejects.toMatchObject({ code: 'INCIDENT_INVALID' });
      await expect(w.incidents.list({ from: 'yesterday' })).rejects.toMatchObject({ code: 'INVALID_TIME' });
    });

    it('records a service desk ticket once and updates the same incident on each later post: resolution sets its end', async () => {
      const w = await world();
      const ticket = (state: string, extra: object = {}) => ({
        ticket: {
          number: '10081',
          title: 'Checkout down',
          state,
          priority: { name: '3 high' },
          created_at: '2026-12-01T09:00:00.000Z',
          ...extra,
        },
      });
      const opened = await w.inbound.receive('zammad', ticket('open'), 'token:desk', SERVICE);
      expect(opened).toMatchObject({
        created: true,
        incident: { id: 'INC-1', severity: 'major', endedAt: null, ticket: { system: 'zammad', key: '10081' } },
      });
      const again = await w.inbound.receive('zammad', ticket('open'), 'token:desk');
      expect(again).toMatchObject({ created: false, incident: { id: 'INC-1', endedAt: null } });
      const closed = await w.inbound.receive(
        'zammad',
        ticket('closed', { close_at: '2026-12-01T10:15:00.000Z' }),
        'token:desk',
      );
      expect(closed).toMatchObject({ created: false, incident: { id: 'INC-1', endedAt: '2026-12-01T10:15:00.000Z' } });
      expect((await w.incidents.list({})).total).toBe(1);
      await expect(
        w.inbound.receive('zammad', { ticket: { number: '10082', created_at: '2026-12-01T09:00:00Z' } }, 'x'),
      ).rejects.toMatchObject({
        code: 'INCIDENT_INVALID',
        fields: [{ path: 'service' }],
      });
      await expect(w.inbound.receive('otrs', {}, 'x')).rejects.toMatchObject({ code: 'INCIDENT_SYSTEM_UNKNOWN' });
      await expect(w.inbound.receive('jira', { issue: {} }, 'x')).rejects.toMatchObject({
        code: 'INCIDENT_PAYLOAD_INVALID',
        fields: [{ path: 'issue.fields' }],
      });
      expect(await w.outbox()).toEqual(['incident.recorded', 'incident.resolved']);
    });
  });
}
