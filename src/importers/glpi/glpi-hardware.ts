import { asArray, asNumber, asRecord, asText, compact } from '../common/plain-json.js';

/**
 * The attributes of an inventoried computer: identity (serial, uuid, agent device id),
 * hardware (CPU, memory and its modules, disks, file systems), the operating system and
 * networking settings. Counters that change on every run (free space, uptime, last login) are
 * left out, so that a re-import of an unchanged machine changes nothing.
 */
export function computerAttributes(
  content: Record<string, unknown>,
  deviceid: string | undefined,
): Record<string, unknown> {
  const hardware = asRecord(content.hardware) ?? {};
  const bios = asRecord(content.bios) ?? {};
  const os = asRecord(content.operatingsystem) ?? {};
  const memory = asNumber(hardware.memory);
  return compact({
    serial_number: asText(bios.ssn),
    uuid: asText(hardware.uuid),
    deviceid,
    asset_tag: asText(bios.assettag),
    manufacturer: asText(bios.smanufacturer) ?? asText(bios.mmanufacturer),
    model: asText(bios.smodel) ?? asText(bios.mmodel),
    chassis_type: asText(hardware.chassis_type),
    bios_version: asText(bios.bversion),
    bios_date: asText(bios.bdate),
    ...cpuAttributes(content),
    memory_mb: memory,
    memory_gb: memory === undefined ? undefined : Math.round((memory / 1024) * 100) / 100,
    memory_modules: memoryModules(content),
    disks: disks(content),
    filesystems: filesystems(content),
    os: asText(os.full_name) ?? asText(os.name),
    os_version: asText(os.version),
    os_arch: asText(os.arch),
    kernel_version: asText(os.kernel_version),
    fqdn: asText(os.fqdn),
    dns_domain: asText(os.dns_domain),
    workgroup: asText(hardware.workgroup),
    default_gateway: asText(hardware.defaultgateway),
    dns: asText(hardware.dns),
    monitors: records(content.monitors).map((m) =>
      compact({
        name: asText(m.caption) ?? asText(m.name),
        manufacturer: asText(m.manufacturer),
        serial_number: asText(m.serial),
      }),
    ),
    agent: asText(content.versionclient),
  });
}

/** The objects of a list section (items that are not objects are skipped). */
export function records(value: unknown): Record<string, unknown>[] {
  return asArray(value)
    .map((item) => asRecord(item))
    .filter((item) => item !== undefined);
}

function cpuAttributes(content: Record<string, unknown>): Record<string, unknown> {
  const cpus = records(content.cpus);
  if (cpus.length === 0) return {};
  const sum = (key: string) => cpus.reduce((total, cpu) => total + (asNumber(cpu[key]) ?? 1), 0);
  return { cpu: sum('core'), cpu_threads: sum('thread'), cpu_count: cpus.length, cpu_model: asText(cpus[0]?.name) };
}

function memoryModules(content: Record<string, unknown>): Record<string, unknown>[] {
  return records(content.memories).map((m) =>
    compact({
      slot: asText(m.caption),
      capacity_mb: asNumber(m.capacity),
      type: asText(m.type),
      speed: asText(m.speed),
      manufacturer: asText(m.manufacturer),
      serial_number: asText(m.serialnumber),
    }),
  );
}

function disks(content: Record<string, unknown>): Record<string, unknown>[] {
  return records(content.storages).map((s) =>
    compact({
      name: asText(s.name),
      model: asText(s.model),
      manufacturer: asText(s.manufacturer),
      size_mb: asNumber(s.disksize),
      serial_number: asText(s.serial),
      firmware: asText(s.firmware),
      interface: asText(s.description),
    }),
  );
}

function filesystems(content: Record<string, unknown>): Record<string, unknown>[] {
  return records(content.drives).map((d) =>
    compact({
      mount: asText(d.type) ?? asText(d.letter),
      volume: asText(d.volumn),
      filesystem: asText(d.filesystem),
      total_mb: asNumber(d.total),
      encrypted: asText(d.encrypt_status),
    }),
  );
}

/** One interface per `networks` description; its IPv4 and IPv6 rows are folded into one CI. */
export function networkInterfaces(content: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const interfaces = new Map<string, Record<string, unknown>>();
  for (const row of records(content.networks)) {
    const name = asText(row.description) ?? asText(row.mac);
    if (name === undefined) continue;
    const current = interfaces.get(name) ?? {};
    const ipv4 = asText(row.ipaddress);
    const ipv6 = asText(row.ipaddress6);
    const merged: Record<string, unknown> = {
      ...current,
      ...compact({
        mac_address: asText(row.mac),
        type: asText(row.type),
        status: asText(row.status),
        virtual: typeof row.virtualdev === 'boolean' ? row.virtualdev : undefined,
        management: row.management === true ? true : undefined,
        driver: asText(row.driver),
        speed: asText(row.speed),
        gateway: asText(row.ipgateway),
      }),
    };
    if (ipv4 !== undefined) merged.ipv4 = [...asArray(current.ipv4), withMask(ipv4, asText(row.ipmask))];
    if (ipv6 !== undefined) merged.ipv6 = [...asArray(current.ipv6), withMask(ipv6, asText(row.ipmask6))];
    interfaces.set(name, merged);
  }
  return interfaces;
}

function withMask(address: string, mask: string | undefined): string {
  return mask === undefined ? address : `${address}/${mask}`;
}
