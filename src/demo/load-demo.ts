import type { ChangeServices } from '../core/change/change-services.js';
import type { CmdbFaceServices } from '../core/cmdb/cmdb-services.js';
import type { DriftService } from '../core/drift/drift.service.js';
import { loadDemoReleases, type DemoReleaseServices } from './demo-releases.js';
import {
  currentWindow,
  demoFreezeYear,
  eveningWindow,
  freezeEvening,
  sampleEstate,
  sampleObservation,
  samplePolicy,
  SAMPLE_PEOPLE,
} from './sample-estate.js';

export interface DemoSummary {
  loaded: boolean;
  cis: number;
  revision: number;
  changes: string[];
}

type DemoServices = CmdbFaceServices & ChangeServices & DemoReleaseServices & { drift: DriftService };

/**
 * Loads the sample estate into an empty CMDB and gives it a short history told the way Cairn is
 * used: the initial load and a `go-live` baseline; people, approver groups and a policy; then
 * changes through the workflow — an upgrade approved by the change manager and the CAB and
 * implemented, a standard scale-up from the template catalog, a decommission still waiting
 * for its approval, a patch upgrade scheduled for an evening two days out, and an upgrade a
 * change manager scheduled into the year-end freeze (a conflict to see on the calendar, and a
 * change to move out of it); then an inventory agent's observation of the Linux servers, whose
 * drift waits to be accepted, remediated or suppressed; and releases of the shop's services on their
 * way through the environments (demo-releases.ts). Does nothing if the CMDB already holds CIs.
 */
export async function loadDemo(s: DemoServices, now = new Date()): Promise<DemoSummary> {
  const summary = async (loaded: boolean, changes: string[]) => ({
    loaded,
    cis: await s.cis.count(),
    revision: await s.history.headRev(),
    changes,
  });
  if ((await s.cis.count()) > 0) return summary(false, []);

  await s.cmdb.apply(sampleEstate(), {
    author: 'alice',
    message: 'Initial load of the Amsterdam estate',
    source: 'demo',
  });
  await s.baselines.create({ name: 'go-live', author: 'alice', description: 'State at go-live' });
  for (const p of SAMPLE_PEOPLE) await s.policies.addUser(p.name, { email: p.email, displayName: p.displayName });
  await s.policies.apply(samplePolicy(demoFreezeYear(now)), 'erin');

  const upgrade = await s.changes.create(
    {
      type: 'normal',
      title: 'Upgrade orders-db to PostgreSQL 16.4',
      description: 'Minor release with security fixes.',
      justification: 'CVE fixes in 16.4; vendor support.',
      category: 'database',
      assignee: 'bob',
      window: currentWindow(now),
      implementation_plan: 'pg_upgrade on the replica, switch over, upgrade the old primary.',
      test_plan: 'Checkout smoke test; replication lag below 1 s.',
      backout_plan: 'Switch back to the old primary, still on 16.3.',
      plan: { cis: [{ class: 'database', name: 'orders-db', attributes: { version: '16.4' } }], relations: [] },
    },
    'alice',
  );
  await s.changes.submit(upgrade.ref, 'alice');
  for (const approver of ['erin', 'carol', 'dave'])
    await s.changes.approve(upgrade.ref, approver, { comment: 'OK' }).catch(ignoreIfNotNeeded);
  await s.changes.schedule(upgrade.ref, 'bob');
  await s.changes.implement(upgrade.ref, 'bob', 'Done in 12 minutes');
  await s.changes.review(upgrade.ref, 'erin', { outcome: 'successful', notes: 'No incidents.' });
  await s.changes.close(upgrade.ref, 'erin');

  const scale = await s.changes.create(
    {
      type: 'standard',
      template: 'scale-deployment',
      title: 'Scale checkout for the winter sale',
      assignee: 'bob',
      window: currentWindow(now),
      plan: { cis: [{ class: 'k8s_deployment', name: 'shop/checkout', attributes: { replicas: 6 } }], relations: [] },
    },
    'alice',
  );
  await s.changes.submit(scale.ref, 'alice');
  await s.changes.schedule(scale.ref, 'bob');
  await s.changes.implement(scale.ref, 'bob');

  const decommission = await s.changes.create(
    {
      type: 'normal',
      title: 'Decommission the CI runner VM',
      justification: 'Builds moved to the hosted runners.',
      assignee: 'bob',
      window: eveningWindow(now, 7),
      backout_plan: 'Restore the VM from last night’s snapshot.',
      plan: { cis: [], relations: [], delete: { cis: ['virtual_machine/ci-runner-01'] } },
    },
    'alice',
  );
  await s.changes.submit(decommission.ref, 'alice');

  // Approved and scheduled for an evening two days out: implementing it before then is refused.
  const payments = await s.changes.create(
    {
      type: 'normal',
      title: 'Patch payments-db to PostgreSQL 16.4',
      description: 'Minor release with security fixes, on the payments database.',
      justification: 'CVE fixes in 16.4.',
      category: 'database',
      assignee: 'bob',
      window: eveningWindow(now, 2),
      backout_plan: 'Restore from the pre-upgrade snapshot.',
      plan: { cis: [{ class: 'database', name: 'payments-db', attributes: { version: '16.4' } }], relations: [] },
    },
    'alice',
  );
  await s.changes.submit(payments.ref, 'alice');
  for (const approver of ['erin', 'carol', 'dave'])
    await s.changes.approve(payments.ref, approver, { comment: 'OK' }).catch(ignoreIfNotNeeded);
  await s.changes.schedule(payments.ref, 'bob');

  const bastion = await s.changes.create(
    {
      type: 'normal',
      title: 'More memory for the bastion host',
      description: 'From 16 to 32 GB: the jump sessions swap during incidents.',
      justification: 'Slow logins during the last two incidents.',
      category: 'capacity',
      assignee: 'bob',
      window: freezeEvening(now),
      backout_plan: 'Shut down and give the VM its 16 GB back.',
      plan: {
        cis: [{ class: 'virtual_machine', name: 'bastion-01', attributes: { memory_gb: 32 } }],
        relations: [],
      },
    },
    'alice',
  );
  await s.changes.submit(bastion.ref, 'alice');
  await s.changes.approve(bastion.ref, 'erin', { comment: 'OK' });
  await s.changes.schedule(bastion.ref, 'erin', {
    overrideReason: 'The only evening the platform team had; to move out of the freeze when one opens.',
  });

  await s.drift.check({ observed: sampleObservation(), source: 'inventory-agent', format: 'cairn', author: 'alice' });
  await loadDemoReleases(s);
  return summary(true, [upgrade.ref, scale.ref, decommission.ref, payments.ref, bastion.ref]);
}

/** The CAB is only required when the risk is high: an approval it does not need is refused. */
function ignoreIfNotNeeded(e: unknown): void {
  if (
    (e as { code?: string }).code === 'APPROVAL_NOT_NEEDED' ||
    (e as { code?: string }).code === 'APPROVAL_GROUP_NOT_REQUIRED'
  )
    return;
  throw e;
}
