import type { DesiredCi, DesiredRelation, DesiredState } from '../core/ci/desired-state.js';

/**
 * A small but realistic estate for `cairn demo` and `cairn serve --demo`: an online shop and a
 * payments service on applications, Kubernetes workloads, databases, Linux servers and virtual
 * machines, racked in one data centre behind a firewall and two switches.
 */
export function sampleEstate(): DesiredState {
  const cis: DesiredCi[] = [];
  const relations: DesiredRelation[] = [];
  const ci = (c: DesiredCi) => cis.push(c);
  const rel = (type: string, from: string, to: string) => relations.push({ type, from, to });

  ci({ class: 'site', name: 'ams-dc1', attributes: { environment: 'production', city: 'Amsterdam' } });
  for (const r of ['r01', 'r02']) {
    ci({ class: 'rack', name: `ams-dc1-${r}`, attributes: { u_height: 42 } });
    rel('located_in', `rack/ams-dc1-${r}`, 'site/ams-dc1');
  }
  ci({
    class: 'network_device',
    name: 'fw-01',
    attributes: { environment: 'production', serial_number: 'FW7K3X91', model: 'PA-3220' },
    labels: { team: 'network' },
  });
  for (const sw of ['sw-01', 'sw-02']) {
    ci({
      class: 'network_device',
      name: sw,
      attributes: { environment: 'production', model: 'Arista 7050' },
      labels: { team: 'network' },
    });
    // Uplinks as dependencies: a change to the firewall affects the switches behind it, not the reverse.
    rel('depends_on', `network_device/${sw}`, 'network_device/fw-01');
  }

  const servers = [
    ['db-01', 'r01', 'sw-01', 16, 128],
    ['db-02', 'r02', 'sw-02', 16, 128],
    ['k8s-node-01', 'r01', 'sw-01', 32, 256],
    ['k8s-node-02', 'r01', 'sw-01', 32, 256],
    ['k8s-node-03', 'r02', 'sw-02', 32, 256],
    ['vmhost-01', 'r02', 'sw-02', 64, 512],
  ] as const;
  for (const [name, rack, sw, cpu, mem] of servers) {
    ci({
      class: 'linux_server',
      name,
      attributes: {
        environment: 'production',
        os: 'debian-12',
        cpu,
        memory_gb: mem,
        serial_number: `SRV-${name.toUpperCase()}`,
        fqdn: `${name}.ams.example.net`,
      },
      labels: { team: name.startsWith('db') ? 'dba' : 'platform' },
    });
    rel('located_in', `linux_server/${name}`, `rack/ams-dc1-${rack}`);
    rel('depends_on', `linux_server/${name}`, `network_device/${sw}`);
  }
  for (const vm of ['ci-runner-01', 'bastion-01']) {
    ci({
      class: 'virtual_machine',
      name: vm,
      attributes: { environment: 'production', cpu: 4, memory_gb: 16, uuid: `vm-${vm}` },
      labels: { team: 'platform' },
    });
    rel('runs_on', `virtual_machine/${vm}`, 'linux_server/vmhost-01');
  }

  ci({
    class: 'k8s_cluster',
    name: 'prod-ams',
    attributes: { environment: 'production', version: '1.30.4' },
    labels: { team: 'platform' },
  });
  for (const node of ['k8s-node-01', 'k8s-node-02', 'k8s-node-03'])
    rel('runs_on', 'k8s_cluster/prod-ams', `linux_server/${node}`);
  ci({ class: 'k8s_namespace', name: 'shop', attributes: { environment: 'production' } });
  rel('runs_on', 'k8s_namespace/shop', 'k8s_cluster/prod-ams');

  ci({
    class: 'database',
    name: 'orders-db',
    attributes: { environment: 'production', engine: 'postgresql', version: '16.3', criticality: 'high' },
    labels: { team: 'dba' },
  });
  ci({
    class: 'database',
    name: 'catalog-db',
    attributes: { environment: 'production', engine: 'postgresql', version: '15.7', criticality: 'medium' },
    labels: { team: 'dba' },
  });
  ci({
    class: 'database',
    name: 'payments-db',
    attributes: { environment: 'production', engine: 'postgresql', version: '16.3', criticality: 'critical' },
    labels: { team: 'dba' },
  });
  rel('runs_on', 'database/orders-db', 'linux_server/db-01');
  rel('runs_on', 'database/catalog-db', 'linux_server/db-01');
  rel('runs_on', 'database/payments-db', 'linux_server/db-02');

  const workloads = [
    ['frontend', '2.14.0', 4, ['catalog', 'cart', 'checkout']],
    ['catalog', '1.9.2', 3, []],
    ['cart', '1.4.0', 3, []],
    ['checkout', '3.2.1', 3, ['payment-gateway']],
    ['payment-gateway', '5.0.3', 2, []],
  ] as const;
  for (const [name, version, replicas] of workloads) {
    ci({
      class: 'k8s_deployment',
      name: `shop/${name}`,
      attributes: { environment: 'production', replicas, images: [`registry.example.net/shop/${name}:${version}`] },
      labels: { team: name === 'payment-gateway' ? 'payments' : 'shop' },
    });
    rel('contains', 'k8s_namespace/shop', `k8s_deployment/shop/${name}`);
    ci({
      class: 'service',
      name,
      attributes: { environment: 'production', version },
      labels: { team: name === 'payment-gateway' ? 'payments' : 'shop' },
    });
    rel('runs_on', `service/${name}`, `k8s_deployment/shop/${name}`);
  }
  for (const [name, , , deps] of workloads) for (const d of deps) rel('depends_on', `service/${name}`, `service/${d}`);
  rel('depends_on', 'service/catalog', 'database/catalog-db');
  rel('depends_on', 'service/checkout', 'database/orders-db');
  rel('depends_on', 'service/cart', 'database/orders-db');
  rel('depends_on', 'service/payment-gateway', 'database/payments-db');

  ci({
    class: 'application',
    name: 'webshop',
    attributes: { environment: 'production', owner: 'shop-team', criticality: 'high' },
    labels: { team: 'shop' },
  });
  for (const s of ['frontend', 'catalog', 'cart', 'checkout']) rel('depends_on', 'application/webshop', `service/${s}`);
  ci({
    class: 'application',
    name: 'payments',
    attributes: { environment: 'production', owner: 'payments-team', criticality: 'critical' },
    labels: { team: 'payments' },
  });
  rel('depends_on', 'application/payments', 'service/payment-gateway');

  ci({
    class: 'business_service',
    name: 'online-shop',
    attributes: { criticality: 'critical', owner: 'Head of E-commerce' },
  });
  ci({
    class: 'business_service',
    name: 'card-payments',
    attributes: { criticality: 'critical', owner: 'Head of Payments' },
  });
  rel('depends_on', 'business_service/online-shop', 'application/webshop');
  rel('depends_on', 'business_service/online-shop', 'application/payments');
  rel('depends_on', 'business_service/card-payments', 'application/payments');
  return { cis, relations };
}

/** The demo's people: a requester, an implementer, two CAB members and a change manager. */
export const SAMPLE_PEOPLE = [
  { name: 'alice', displayName: 'Alice Requester', email: 'alice@example.net' },
  { name: 'bob', displayName: 'Bob Implementer', email: 'bob@example.net' },
  { name: 'carol', displayName: 'Carol (CAB)', email: 'carol@example.net' },
  { name: 'dave', displayName: 'Dave (CAB)', email: 'dave@example.net' },
  { name: 'erin', displayName: 'Erin Change Manager', email: 'erin@example.net' },
] as const;

/** The demo's policy: a change manager for normal changes, the CAB for risky ones, a year-end freeze. */
export function samplePolicy(year: number): Record<string, unknown> {
  return {
    groups: [
      { name: 'cab', members: ['carol', 'dave'] },
      { name: 'change-managers', members: ['erin'] },
    ],
    rules: [
      {
        name: 'normal changes need a change manager',
        match: { type: 'normal' },
        require: [{ group: 'change-managers', quorum: 1 }],
      },
      {
        name: 'risky changes go to the CAB',
        match: { type: 'normal', risk: ['high', 'very-high'] },
        require: [{ group: 'cab', quorum: 2 }],
      },
    ],
    control: { environments: ['production'] },
    freeze: [{ name: 'year-end', start: `${year}-12-20T00:00:00Z`, end: `${year + 1}-01-04T00:00:00Z` }],
    templates: [
      {
        name: 'scale-deployment',
        description: 'Change the replica count of a Kubernetes deployment',
        classes: [{ class: 'k8s_deployment', attributes: ['replicas'] }],
      },
      {
        // An approved release that passed staging sets its service's version in production: a
        // standard change, opened and authorized by the promotion itself.
        name: 'deploy-release',
        description: 'Deploy an approved release: set a service’s version',
        classes: [{ class: 'service', attributes: ['version'] }],
      },
    ],
  };
}

/** A window of an hour starting `days` days after `from`, at 22:00 UTC (outside business hours). */
export function eveningWindow(from: Date, days: number): { start: string; end: string } {
  const start = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + days, 22));
  return { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
}

/**
 * A window of two hours around `now` (from an hour before): the demo's changes that it implements
 * as it loads were implemented within their approved window, as the server requires.
 */
export function currentWindow(now: Date): { start: string; end: string } {
  const start = now.getTime() - 3_600_000;
  return { start: new Date(start).toISOString(), end: new Date(start + 2 * 3_600_000).toISOString() };
}

/**
 * The year whose year-end freeze (20 December to 3 January) the demo plans around. The demo's
 * own changes fall within the next eight days and must keep clear of the freeze, so from
 * 11 December on it is next year's; the one running now or days away is not in the demo's policy.
 */
export function demoFreezeYear(now: Date): number {
  const year = now.getUTCFullYear();
  return now.getTime() >= Date.UTC(year, 11, 11) ? year + 1 : year;
}

/**
 * An evening window inside the demo's year-end freeze (its 22 December). Its change is scheduled
 * there by a change manager's override, so that the calendar has a conflict to show and a change
 * to move out.
 */
export function freezeEvening(now: Date): { start: string; end: string } {
  return eveningWindow(new Date(Date.UTC(demoFreezeYear(now), 11, 22)), 0);
}

/**
 * What an inventory agent reports of the Linux servers: one has more memory than the CMDB says,
 * one runs a newer OS, and a fourth Kubernetes node was racked without a record. The demo checks it
 * so that the drift page has findings to accept, remediate or suppress.
 */
export function sampleObservation(): DesiredState {
  const servers = sampleEstate().cis.filter((c) => c.class === 'linux_server');
  const seen = servers.map((c) => {
    if (c.name === 'k8s-node-02') return { ...c, attributes: { ...c.attributes, memory_gb: 512 } };
    if (c.name === 'db-02') return { ...c, attributes: { ...c.attributes, os: 'debian-13' } };
    return c;
  });
  const extra: DesiredCi = {
    class: 'linux_server',
    name: 'k8s-node-04',
    attributes: {
      environment: 'production',
      os: 'debian-12',
      cpu: 32,
      memory_gb: 256,
      serial_number: 'SRV-K8S-NODE-04',
      fqdn: 'k8s-node-04.ams.example.net',
    },
  };
  return { cis: [...seen, extra], relations: [] };
}
