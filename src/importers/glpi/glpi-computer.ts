import type { InventoryBuilder, SourcePosition } from '../common/inventory-builder.js';
import { asNumber, asRecord, asText, compact } from '../common/plain-json.js';
import { computerAttributes, networkInterfaces, records } from './glpi-hardware.js';
import type { GlpiMapping } from './glpi-mapping.js';
import { SERVER_CHASSIS } from './glpi-mapping.js';

export interface GlpiDocument {
  file: string;
  content: Record<string, unknown>;
  deviceid?: string;
  /** GLPI's itemtype, lower case (`computer`, `phone`, `printer`, `networkequipment`). */
  itemtype?: string;
}

/**
 * A computer inventory: the machine (named by its host name, so that every inventory of it
 * lands on the same CI), its interfaces (`HOST/enp0s25`), the virtual machines it hosts
 * (`HOST/vm-name`), its operating system and its software (`name version`, shared by every
 * machine that has that version installed).
 */
export function addComputer(builder: InventoryBuilder, mapping: GlpiMapping, doc: GlpiDocument): void {
  const { content } = doc;
  const hardware = asRecord(content.hardware) ?? {};
  const os = asRecord(content.operatingsystem) ?? {};
  const name = asText(hardware.name) ?? asText(os.fqdn) ?? doc.deviceid;
  const position = { file: doc.file, location: 'content.hardware.name' };
  if (name === undefined) {
    builder.issue(
      position,
      'the computer has no name: neither hardware.name, operatingsystem.fqdn nor deviceid is set',
    );
    return;
  }
  const host = builder.addCi(
    {
      class: doc.itemtype === 'phone' ? mapping.classes.phone : computerClass(mapping, hardware),
      name,
      attributes: computerAttributes(content, doc.deviceid),
    },
    position,
  );
  if (host === undefined) return;
  addInterfaces(builder, mapping, doc, host, name);
  addOperatingSystem(builder, mapping, doc, host);
  addVirtualMachines(builder, mapping, doc, host, name);
  if (mapping.software) addSoftware(builder, mapping, doc, host);
}

function computerClass(mapping: GlpiMapping, hardware: Record<string, unknown>): string {
  const chassis = asText(hardware.chassis_type)?.toLowerCase();
  const vmsystem = asText(hardware.vmsystem);
  if (vmsystem !== undefined && vmsystem.toLowerCase() !== 'physical') return mapping.classes.virtual_machine;
  return chassis !== undefined && SERVER_CHASSIS.has(chassis) ? mapping.classes.server : mapping.classes.computer;
}

function addInterfaces(
  builder: InventoryBuilder,
  mapping: GlpiMapping,
  doc: GlpiDocument,
  host: string,
  hostName: string,
): void {
  const position = { file: doc.file, location: 'content.networks' };
  for (const [name, attributes] of networkInterfaces(doc.content)) {
    const ref = builder.addCi(
      { class: mapping.classes.network_interface, name: `${hostName}/${name}`, attributes },
      position,
    );
    if (ref !== undefined) builder.addRelation({ type: 'part_of', from: ref, to: host }, position);
  }
}

function addOperatingSystem(builder: InventoryBuilder, mapping: GlpiMapping, doc: GlpiDocument, host: string): void {
  const os = asRecord(doc.content.operatingsystem);
  if (os === undefined) return;
  const version = asText(os.version);
  const name = asText(os.full_name) ?? [asText(os.name), version].filter((part) => part !== undefined).join(' ');
  if (name === '') return;
  const position = { file: doc.file, location: 'content.operatingsystem' };
  const attributes = compact({ os_name: asText(os.name), version });
  const ref = builder.addCi({ class: mapping.classes.operating_system, name, attributes }, position);
  if (ref !== undefined) builder.addRelation({ type: 'installed_on', from: ref, to: host }, position);
}

function addVirtualMachines(
  builder: InventoryBuilder,
  mapping: GlpiMapping,
  doc: GlpiDocument,
  host: string,
  hostName: string,
): void {
  records(doc.content.virtualmachines).forEach((vm, i) => {
    const position: SourcePosition = { file: doc.file, location: `content.virtualmachines[${i}]` };
    const name = asText(vm.name) ?? asText(vm.uuid);
    if (name === undefined) {
      builder.issue(position, 'a virtual machine has neither a name nor a uuid');
      return;
    }
    const vcpu = asNumber(vm.vcpu);
    const memory = asNumber(vm.memory);
    const attributes = compact({
      uuid: asText(vm.uuid),
      cpu: vcpu !== undefined && Number.isInteger(vcpu) && vcpu >= 1 ? vcpu : undefined,
      memory_mb: memory,
      memory_gb: memory === undefined ? undefined : Math.round((memory / 1024) * 100) / 100,
      vm_type: asText(vm.vmtype),
      subsystem: asText(vm.subsystem),
      power_state: asText(vm.status),
    });
    const ref = builder.addCi(
      { class: mapping.classes.virtual_machine, name: `${hostName}/${name}`, attributes },
      position,
    );
    if (ref !== undefined) builder.addRelation({ type: 'runs_on', from: ref, to: host }, position);
  });
}

/** Software `name version`; the architectures of one name and version (multilib) are listed on one CI. */
function addSoftware(builder: InventoryBuilder, mapping: GlpiMapping, doc: GlpiDocument, host: string): void {
  const packages = new Map<
    string,
    { attributes: Record<string, unknown>; arch: Set<string>; installed?: string; index: number }
  >();
  records(doc.content.softwares).forEach((item, index) => {
    const name = asText(item.name);
    if (name === undefined) {
      builder.issue({ file: doc.file, location: `content.softwares[${index}]` }, 'a software entry has no name');
      return;
    }
    const version = asText(item.version);
    const key = version === undefined ? name : `${name} ${version}`;
    let entry = packages.get(key);
    if (entry === undefined) {
      const attributes = compact({ name, version, publisher: asText(item.publisher), source: asText(item.from) });
      packages.set(key, (entry = { attributes, arch: new Set(), index }));
    }
    const arch = asText(item.arch);
    if (arch !== undefined) entry.arch.add(arch);
    entry.installed ??= asText(item.install_date);
  });
  for (const [name, entry] of packages) {
    const position = { file: doc.file, location: `content.softwares[${entry.index}]` };
    const attributes = { ...entry.attributes, ...(entry.arch.size > 0 ? { arch: [...entry.arch].sort() } : {}) };
    const ref = builder.addCi({ class: mapping.classes.software, name, attributes }, position);
    const relation = compact({ install_date: entry.installed });
    if (ref !== undefined)
      builder.addRelation({ type: 'installed_on', from: ref, to: host, attributes: relation }, position);
  }
}
