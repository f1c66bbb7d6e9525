import { compact } from '../common/plain-json.js';
import { declareOverrideClass, readClassOverrides } from '../common/infra-mapping.js';
import { StateBuilder } from '../common/infra-state-builder.js';
import { toJsonValue, type JsonValue } from '../common/infra-json.js';
import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';
import { child, children, childText, readXml, type XmlElement } from '../common/xml-elements.js';

/**
 * libvirt domain XML (`virsh dumpxml NAME`) → a `virtual_machine` per domain, with a
 * `network_interface` per interface `part_of` it. See docs/importers/libvirt.md. What changes
 * each time a domain starts (its id, the tap device, the VNC port) is left out.
 */
export const libvirtImporter: Importer = {
  format: 'libvirt',
  description: 'libvirt domain XML (virsh dumpxml): virtual machines, their disks and interfaces',
  parse: parseLibvirt,
};

const CLASSES = { virtual_machine: 'virtual_machine', network_interface: 'network_interface' } as const;
type Kind = keyof typeof CLASSES;

/** libvirt's memory units → MiB factor (the default unit is KiB). */
const UNIT_TO_MB: Record<string, number> = {
  b: 1 / 1048576,
  bytes: 1 / 1048576,
  k: 1 / 1024,
  kib: 1 / 1024,
  kb: 1000 / 1048576,
  m: 1,
  mib: 1,
  mb: 1e6 / 1048576,
  g: 1024,
  gib: 1024,
  gb: 1e9 / 1048576,
  t: 1048576,
  tib: 1048576,
};

function memoryMb(element: XmlElement | undefined): number | undefined {
  const value = Number(element?.text.trim());
  if (!element || !Number.isFinite(value) || value <= 0) return undefined;
  const factor = UNIT_TO_MB[(element.attributes['unit'] ?? 'KiB').toLowerCase()];
  return factor === undefined ? undefined : Math.round(value * factor);
}

/** `4dea22b31d52d8f32516782e98ab3fa0` and `4DEA22B3-1D52-…` → `4dea22b3-1d52-d8f3-2516-782e98ab3fa0`. */
function normalUuid(text: string | undefined): string | undefined {
  const hex = text?.replaceAll('-', '').toLowerCase();
  if (hex === undefined || !/^[0-9a-f]{32}$/.test(hex)) return text;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function domainAttributes(domain: XmlElement): Record<string, JsonValue> {
  const os = child(domain, 'os');
  const type = child(os, 'type');
  const memory = memoryMb(child(domain, 'memory'));
  const vcpu = Number(childText(domain, 'vcpu'));
  const devices = child(domain, 'devices');
  return toJsonValue(
    compact({
      uuid: normalUuid(childText(domain, 'uuid')),
      hypervisor: domain.attributes['type'],
      title: childText(domain, 'title'),
      description: childText(domain, 'description'),
      cpu: Number.isInteger(vcpu) && vcpu > 0 ? vcpu : undefined,
      memory_mb: memory,
      memory_gb: memory === undefined ? undefined : Math.round((memory / 1024) * 100) / 100,
      max_memory_mb: memoryMb(child(domain, 'maxMemory')),
      os_type: type?.text.trim(),
      os_arch: type?.attributes['arch'],
      machine_type: type?.attributes['machine'],
      disks: children(devices, 'disk').map((disk) => {
        const source = child(disk, 'source')?.attributes ?? {};
        return compact({
          target: child(disk, 'target')?.attributes['dev'],
          device: disk.attributes['device'] ?? 'disk',
          type: disk.attributes['type'],
          source: source['file'] ?? source['dev'] ?? source['name'] ?? source['volume'],
          bus: child(disk, 'target')?.attributes['bus'],
          format: child(disk, 'driver')?.attributes['type'],
          readonly: child(disk, 'readonly') ? true : undefined,
        });
      }),
    }),
  ) as Record<string, JsonValue>;
}

function parseLibvirt(files: ImportFile[], options?: ImporterOptions): ImportResult {
  const overrides = readClassOverrides(
    { format: 'libvirt', kinds: Object.keys(CLASSES), kindWord: 'kind of CI' },
    options?.mapping,
  );
  const builder = new StateBuilder();
  const classOf = (kind: Kind): string => overrides.get(kind) ?? CLASSES[kind];
  for (const [kind, className] of overrides)
    declareOverrideClass(builder, className, CLASSES[kind as Kind], `A libvirt ${kind.replace('_', ' ')}`);
  for (const file of files) {
    const roots = readXml(file.text);
    if (!Array.isArray(roots)) {
      builder.issue({ file: file.path, location: `line ${roots.line}` }, `not well-formed XML: ${roots.error}`);
      continue;
    }
    for (const root of roots) {
      const origin = { file: file.path, location: `line ${root.line}` };
      if (root.name !== 'domain') {
        const what =
          root.name === 'network'
            ? 'a libvirt network'
            : root.name === 'pool'
              ? 'a libvirt storage pool'
              : `a <${root.name}> document`;
        builder.issue(origin, `this is ${what}, not a domain (virsh dumpxml); left out`);
        continue;
      }
      const name = childText(root, 'name');
      if (name === undefined) {
        builder.issue(origin, 'the domain has no <name>; left out');
        continue;
      }
      const ref = builder.addCi(
        { class: classOf('virtual_machine'), name, attributes: domainAttributes(root) },
        origin,
      );
      if (ref === undefined) continue;
      children(child(root, 'devices'), 'interface').forEach((nic, i) => {
        const mac = child(nic, 'mac')?.attributes['address']?.toLowerCase();
        const source = child(nic, 'source')?.attributes ?? {};
        // The tap device (target dev="vnet3") changes each time the domain starts: the MAC names it.
        const nicRef = builder.addCi(
          {
            class: classOf('network_interface'),
            name: `${name}/${mac ?? `interface ${i + 1}`}`,
            attributes: toJsonValue(
              compact({
                mac_address: mac,
                type: nic.attributes['type'],
                source: source['bridge'] ?? source['network'] ?? source['dev'],
                model: child(nic, 'model')?.attributes['type'],
              }),
            ) as Record<string, JsonValue>,
          },
          { file: file.path, location: `line ${nic.line}` },
        );
        if (nicRef !== undefined) builder.addRelation({ type: 'part_of', from: nicRef, to: ref }, origin);
      });
    }
  }
  return builder.build();
}
