import { declareOverrideClass, readClassOverrides } from '../common/infra-mapping.js';
import { StateBuilder } from '../common/infra-state-builder.js';
import { asArray, asRecord } from '../common/plain-json.js';
import type { Importer, ImportFile, ImporterOptions, ImportIssue, ImportResult } from '../importer.types.js';
import { moRef, moRefKey, readGovcObjects, type VsphereObject } from './govc-objects.js';
import {
  clusterAttributes,
  datastoreAttributes,
  hostAttributes,
  networkAttributes,
  objectName,
  switchOf,
  vmAttributes,
  vmDatastoreNames,
  vmNics,
} from './vsphere-attributes.js';

/**
 * VMware vSphere inventory, as govc prints it (`govc ls -json`, `govc object.collect -json
 * -type …`) → virtual machines with their interfaces, ESXi hosts, clusters, datastores and port
 * groups, and how they hang together. See docs/importers/vsphere.md.
 */
export const vsphereImporter: Importer = {
  format: 'vsphere',
  description: 'VMware vSphere through govc ls -json / object.collect -json: VMs, hosts, clusters, datastores',
  parse: parseVsphere,
};

const CLASSES = {
  virtual_machine: 'virtual_machine',
  host: 'server',
  cluster: 'cluster',
  datastore: 'volume',
  network: 'network',
  network_interface: 'network_interface',
} as const;
type Kind = keyof typeof CLASSES;

const KIND_OF_TYPE: Record<string, Kind> = {
  VirtualMachine: 'virtual_machine',
  HostSystem: 'host',
  ClusterComputeResource: 'cluster',
  Datastore: 'datastore',
  Network: 'network',
  DistributedVirtualPortgroup: 'network',
  OpaqueNetwork: 'network',
};

/** Why the other managed objects are not CIs, for the one-line note each gets. */
const NOT_KEPT: Record<string, string> = {
  ComputeResource: "a standalone host's compute resource: the host itself is kept",
  VmwareDistributedVirtualSwitch: 'a distributed switch: kept as the switch of its port groups',
  DistributedVirtualSwitch: 'a distributed switch: kept as the switch of its port groups',
};

function parseVsphere(files: ImportFile[], options?: ImporterOptions): ImportResult {
  const overrides = readClassOverrides(
    { format: 'vsphere', kinds: Object.keys(CLASSES), kindWord: 'kind of object' },
    options?.mapping,
  );
  const builder = new StateBuilder();
  const classOf = (kind: Kind): string => overrides.get(kind) ?? CLASSES[kind];
  for (const [kind, className] of overrides)
    declareOverrideClass(builder, className, CLASSES[kind as Kind], `A vSphere ${kind.replace('_', ' ')}`);
  const issues: ImportIssue[] = [];
  const objects = readGovcObjects(files, issues);
  for (const issue of issues) builder.issue(issue, issue.message);

  // Each object's CI, by its reference, so that references between objects become relationships.
  const refs = new Map<string, string>();
  const named = new Map<string, string>();
  for (const [key, object] of objects) {
    const kind = KIND_OF_TYPE[object.ref.type];
    const name = objectName(object);
    if (kind === undefined || name === undefined) {
      const why = NOT_KEPT[object.ref.type] ?? 'not inventory Cairn keeps';
      builder.skipNonInventory(object.origin, `${object.ref.type} ${name ?? object.ref.value}: ${why}`);
      continue;
    }
    const ciRef = `${classOf(kind)}/${name}`;
    const other = named.get(ciRef);
    if (other !== undefined && other !== key) {
      builder.issue(
        object.origin,
        `${ciRef} names two objects (${other.split(':')[1]} and ${object.ref.value}); the second is left out: rename one, or import each datacenter with a mapping of its own`,
      );
      continue;
    }
    named.set(ciRef, key);
    refs.set(key, ciRef);
  }

  const clusterOfHost = clustersOfHosts(objects, refs);
  const sharedSerials = serialsSharedByHosts(objects, refs);
  for (const [key, object] of objects) {
    const ciRef = refs.get(key);
    if (ciRef === undefined) continue;
    const name = ciRef.slice(ciRef.indexOf('/') + 1);
    const kind = KIND_OF_TYPE[object.ref.type]!;
    const origin = object.origin;
    switch (kind) {
      case 'virtual_machine': {
        builder.addCi({ class: classOf(kind), name, attributes: vmAttributes(object) }, origin);
        addVmRelations(builder, object, ciRef, { refs, objects, clusterOfHost, classOf });
        break;
      }
      case 'host': {
        const attributes = hostAttributes(object);
        const serial = attributes['serial_number'];
        if (typeof serial === 'string' && sharedSerials.has(serial)) delete attributes['serial_number'];
        builder.addCi({ class: classOf(kind), name, attributes }, origin);
        const cluster = clusterOfHost.get(key);
        if (cluster !== undefined) builder.addRelation({ type: 'part_of', from: ciRef, to: cluster }, origin);
        break;
      }
      case 'cluster':
        builder.addCi({ class: classOf(kind), name, attributes: clusterAttributes(object) }, origin);
        break;
      case 'datastore':
        builder.addCi({ class: classOf(kind), name, attributes: datastoreAttributes(object) }, origin);
        break;
      case 'network': {
        const vswitch = switchOf(object);
        const switchObject = vswitch && objects.get(moRefKey(vswitch));
        const switchName = switchObject ? objectName(switchObject) : undefined;
        builder.addCi({ class: classOf(kind), name, attributes: networkAttributes(object, switchName) }, origin);
        break;
      }
      case 'network_interface':
        break;
    }
  }
  return builder.build();
}

/**
 * Serial numbers that several hosts of the input report: ESXi running in a VM (nested labs, the
 * simulator) reports the VM's, shared by all; such a number identifies no host, and drift would
 * match the hosts to each other by it, so it is left out.
 */
function serialsSharedByHosts(objects: Map<string, VsphereObject>, refs: Map<string, string>): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const [key, object] of objects) {
    if (object.ref.type !== 'HostSystem' || !refs.has(key)) continue;
    const serial = hostAttributes(object)['serial_number'];
    if (typeof serial !== 'string') continue;
    if (seen.has(serial)) shared.add(serial);
    seen.add(serial);
  }
  return shared;
}

/** Host → its cluster's CI, from the hosts' `parent` and the clusters' `host` lists alike. */
function clustersOfHosts(objects: Map<string, VsphereObject>, refs: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, object] of objects) {
    if (object.ref.type === 'HostSystem') {
      const parent = moRef(object.props['parent']);
      const cluster = parent?.type === 'ClusterComputeResource' ? refs.get(moRefKey(parent)) : undefined;
      if (cluster !== undefined) out.set(key, cluster);
    }
    if (object.ref.type === 'ClusterComputeResource' && refs.has(key))
      for (const host of asArray(object.props['host'])) {
        const hostRef = moRef(host);
        if (hostRef) out.set(moRefKey(hostRef), refs.get(key)!);
      }
  }
  return out;
}

interface Context {
  refs: Map<string, string>;
  objects: Map<string, VsphereObject>;
  clusterOfHost: Map<string, string>;
  classOf: (kind: Kind) => string;
}

/**
 * A VM runs on its cluster when its host is in one (DRS moves it between the cluster's hosts, and
 * a drift finding at each move would be noise), else on its standalone host; it uses the
 * datastores its files are on; each interface is part of it and connects to its port group.
 */
function addVmRelations(builder: StateBuilder, vm: VsphereObject, vmRef: string, ctx: Context): void {
  const origin = vm.origin;
  const host = moRef(
    asRecord(vm.props['runtime'])?.['host'] ?? asRecord(asRecord(vm.props['summary'])?.['runtime'])?.['host'],
  );
  if (host) {
    const target = ctx.clusterOfHost.get(moRefKey(host)) ?? ctx.refs.get(moRefKey(host));
    if (target !== undefined) builder.addRelation({ type: 'runs_on', from: vmRef, to: target }, origin);
  }
  const datastores = new Set(vmDatastoreNames(vm).map((name) => `${ctx.classOf('datastore')}/${name}`));
  for (const datastore of asArray(vm.props['datastore'])) {
    const ref = moRef(datastore);
    const ciRef = ref && ctx.refs.get(moRefKey(ref));
    if (ciRef !== undefined) datastores.add(ciRef);
  }
  for (const datastore of datastores) builder.addRelation({ type: 'uses', from: vmRef, to: datastore }, origin);
  const vmName = vmRef.slice(vmRef.indexOf('/') + 1);
  for (const nic of vmNics(vm)) {
    const portgroup = nic.portgroup && ctx.objects.get(moRefKey(nic.portgroup));
    const networkName = nic.networkName ?? (portgroup ? objectName(portgroup) : undefined);
    const nicRef = builder.addCi(
      {
        class: ctx.classOf('network_interface'),
        name: `${vmName}/${nic.mac}`,
        attributes: networkName === undefined ? nic.attributes : { ...nic.attributes, network: networkName },
      },
      origin,
    );
    if (nicRef === undefined) continue;
    builder.addRelation({ type: 'part_of', from: nicRef, to: vmRef }, origin);
    if (networkName !== undefined)
      builder.addRelation(
        { type: 'connects_to', from: nicRef, to: `${ctx.classOf('network')}/${networkName}` },
        origin,
      );
  }
}
