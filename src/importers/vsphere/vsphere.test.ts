import { describe, expect, it } from 'vitest';
import { countBy, expectConsistent } from '../../../test/helpers/import-checks.js';
import { readSample } from '../../../test/helpers/samples.js';
import { vsphereImporter } from './vsphere.importer.js';

const FOLDER = 'vsphere-govc';
const NAMES = ['govc-ls-vm.json', 'govc-ls-infrastructure.json', 'govc-collect-hosts.json', 'govc-collect-vms.json'];
const files = NAMES.map((name) => ({ path: name, text: readSample(FOLDER, name) }));
const text = (name: string): string => files.find((f) => f.path === name)!.text;

/** How many objects of a type an output holds, counted in its text. */
const objectsOfType = (name: string, type: string): number =>
  text(name).match(new RegExp(`"Self": \\{\\s*"Type": "${type}"|"Obj": \\{\\s*"Type": "${type}"`, 'g'))?.length ?? 0;

/** govc 0.30 and later print the API's property names and wrap lists in `_value`. */
function asNewerGovc(json: string): string {
  return json
    .replace(/"([A-Z])([A-Za-z0-9]*)":/g, (_, first: string, rest: string) => `"${first.toLowerCase()}${rest}":`)
    .replace(/"(managedObjectReference|customFieldValue|customFieldDef|string)": (\[|null)/g, '"_value": $2');
}

describe('vsphere importer on what govc prints of the vSphere simulator govmomi publishes', () => {
  const result = vsphereImporter.parse(files);

  it('makes VMs, their interfaces, hosts, the cluster, the datastore and port groups, as many as the output holds', () => {
    expect(result.issues).toEqual([]);
    expectConsistent(result);
    const counts = {
      virtual_machine: objectsOfType('govc-ls-vm.json', 'VirtualMachine'),
      // Each MAC is printed twice, in the device list and in what the guest reports: counted once.
      network_interface: new Set(text('govc-ls-vm.json').match(/"MacAddress": "[^"]+"/g)).size,
      server: objectsOfType('govc-collect-hosts.json', 'HostSystem'),
      cluster: objectsOfType('govc-ls-infrastructure.json', 'ClusterComputeResource'),
      volume: objectsOfType('govc-ls-infrastructure.json', 'Datastore'),
      network:
        objectsOfType('govc-ls-infrastructure.json', 'Network') +
        objectsOfType('govc-ls-infrastructure.json', 'DistributedVirtualPortgroup'),
    };
    expect(counts).toEqual({ virtual_machine: 2, network_interface: 2, server: 3, cluster: 1, volume: 1, network: 3 });
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual(counts);
    // The standalone host's compute resource and the distributed switch are noted, not CIs.
    expect(result.skipped?.map((s) => s.message)).toEqual([
      "ComputeResource DC0_H0: a standalone host's compute resource: the host itself is kept",
      'DistributedVirtualSwitch DVS0: a distributed switch: kept as the switch of its port groups',
    ]);
  });

  it('links a VM to its cluster (or standalone host), its datastore and port group, and hosts to their cluster', () => {
    expect(result.state.relations.map((r) => `${r.from} ${r.type} ${r.to}`).sort()).toEqual([
      'network_interface/DC0_C0_RP0_VM0/00:0c:29:33:34:38 connects_to network/DC0_DVPG0',
      'network_interface/DC0_C0_RP0_VM0/00:0c:29:33:34:38 part_of virtual_machine/DC0_C0_RP0_VM0',
      'network_interface/DC0_H0_VM0/00:0c:29:36:63:62 connects_to network/DC0_DVPG0',
      'network_interface/DC0_H0_VM0/00:0c:29:36:63:62 part_of virtual_machine/DC0_H0_VM0',
      'server/DC0_C0_H0 part_of cluster/DC0_C0',
      'server/DC0_C0_H1 part_of cluster/DC0_C0',
      'virtual_machine/DC0_C0_RP0_VM0 runs_on cluster/DC0_C0',
      'virtual_machine/DC0_C0_RP0_VM0 uses volume/LocalDS_0',
      'virtual_machine/DC0_H0_VM0 runs_on server/DC0_H0',
      'virtual_machine/DC0_H0_VM0 uses volume/LocalDS_0',
    ]);
  });

  it('keeps what configures a VM and a host, and nothing of their running state', () => {
    const vm = result.state.cis.find((ci) => ci.name === 'DC0_H0_VM0')!;
    expect(vm.attributes).toEqual({
      uuid: '265104de-1472-547c-b873-6dc7883fb6cb',
      instance_uuid: 'b4689bed-97f0-5bcd-8a4c-07477cc8f06f',
      hypervisor: 'vmware',
      cpu: 1,
      cores_per_socket: 1,
      memory_mb: 32,
      memory_gb: 0.03,
      guest_os: 'otherGuest',
      guest_id: 'otherGuest',
      hardware_version: 'vmx-13',
      firmware: 'bios',
      vm_path: '[LocalDS_0] DC0_H0_VM0/DC0_H0_VM0.vmx',
      datacenter: 'DC0',
      disks: [
        {
          label: 'disk-202-0',
          capacity_mb: 1,
          file: '[LocalDS_0] DC0_H0_VM0/disk1.vmdk',
          mode: 'persistent',
          thin: true,
        },
      ],
    });
    const stored = JSON.stringify(result.state);
    for (const running of ['poweredOn', 'BootTime', 'host-21', 'toolsNotInstalled', 'FreeSpace', '244007694336'])
      expect(stored).not.toContain(running);
    expect(result.state.cis.find((ci) => ci.name === 'DC0_C0_H1')?.attributes).toEqual({
      uuid: '71250d01-ac64-5947-be3f-eed29cec5d20',
      manufacturer: 'VMware, Inc. (govmomi simulator)',
      model: 'VMware Virtual Platform',
      cpu_count: 2,
      cpu: 2,
      cpu_threads: 2,
      cpu_model: 'Intel(R) Core(TM) i7-3615QM CPU @ 2.30GHz',
      memory_mb: 4095,
      memory_gb: 4,
      hypervisor: 'VMware ESXi 6.5.0 build-5969303',
      os: 'VMware ESXi 6.5.0',
      os_version: '6.5.0',
      os_build: '5969303',
    });
  });

  it('leaves out a serial number several hosts share (nested ESXi reports its VM’s), and keeps one that is a host’s own', () => {
    // The simulator's three hosts report one service tag: it identifies none of them.
    expect(text('govc-collect-hosts.json').match(/"IdentifierValue": "VMware-56 4d 2f/g)).toHaveLength(3);
    expect(JSON.stringify(result.state)).not.toContain('VMware-56');
    const one = text('govc-collect-hosts.json').split('\n}\n')[0] + '\n}\n';
    const alone = vsphereImporter.parse([{ path: 'one.json', text: one }]);
    expect(alone.state.cis[0]?.attributes?.['serial_number']).toBe(
      'VMware-56 4d 2f 12 80 41 63 9b-50 18 05 a8 35 b7 2e af',
    );
  });

  it('reads the output of newer govc versions (API property names, lists in _value) the same', () => {
    const newer = vsphereImporter.parse(files.map((f) => ({ path: f.path, text: asNewerGovc(f.text) })));
    expect(asNewerGovc(text('govc-ls-vm.json'))).toContain('"numCPU": 1');
    expect(newer.state).toEqual(result.state);
  });

  it('reads object.collect of VMs alone, and names what it cannot read', () => {
    const vms = vsphereImporter.parse([{ path: 'vms.json', text: text('govc-collect-vms.json') }]);
    expect(vms.issues).toEqual([]);
    expect(vms.state.cis.map((ci) => [ci.name, ci.attributes?.['cpu'], ci.attributes?.['memory_mb']])).toEqual([
      ['DC0_H0_VM0', 1, 32],
      ['DC0_C0_RP0_VM0', 1, 32],
    ]);
    // Without the hosts, the host a VM runs on cannot be named: no relationship is made up.
    expect(vms.state.relations).toEqual([]);
    const bad = vsphereImporter.parse([
      { path: 'single.json', text: '[{"Name": "name", "Op": "assign", "Val": "web-01"}]' },
      { path: 'other.json', text: '{"kind": "Deployment"}' },
      {
        path: 'twice.json',
        text: [1, 2]
          .map(
            (n) =>
              `{"Kind":"enter","Obj":{"Type":"VirtualMachine","Value":"vm-${n}"},"ChangeSet":[{"Name":"name","Op":"assign","Val":"web"}]}`,
          )
          .join('\n'),
      },
    ]);
    expect(bad.issues.map((i) => `${i.file}: ${i.message}`)).toEqual([
      'single.json: govc object.collect prints no object reference without -type: run it with -type (for example `-type m /` for every virtual machine)',
      'other.json: not govc JSON output: read `govc ls -json PATH…` or `govc object.collect -json -type TYPE ROOT PROPERTY…`',
      'twice.json: virtual_machine/web names two objects (vm-1 and vm-2); the second is left out: rename one, or import each datacenter with a mapping of its own',
    ]);
  });

  it('takes other classes from a mapping', () => {
    const mapped = vsphereImporter.parse(files, { mapping: { classes: { host: 'esxi_host' } } });
    expect(mapped.state.cis.filter((ci) => ci.class === 'esxi_host')).toHaveLength(3);
    expect(mapped.state.classes).toEqual([expect.objectContaining({ name: 'esxi_host', parent: 'server' })]);
    expect(() => vsphereImporter.parse(files, { mapping: { classes: { folder: 'x' } } })).toThrow(
      /unknown kind of object "folder"/,
    );
  });
});
