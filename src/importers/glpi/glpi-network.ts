import type { InventoryBuilder } from '../common/inventory-builder.js';
import { asArray, asNumber, asRecord, asText, compact } from '../common/plain-json.js';
import type { GlpiDocument } from './glpi-computer.js';
import { records } from './glpi-hardware.js';
import type { GlpiMapping } from './glpi-mapping.js';

const IF_STATUS: Readonly<Record<number, string>> = {
  1: 'up',
  2: 'down',
  3: 'testing',
  5: 'dormant',
  6: 'not present',
  7: 'lower layer down',
};

/**
 * A network equipment inventory (SNMP): the device, one interface CI per port
 * (`DEVICE/ifname`), and for each LLDP/CDP neighbour a CI known by its MAC address (or IP, or
 * system name) that the port `connects_to`. Forwarding-table entries (a port's connection that
 * is only a MAC address) are not neighbours: they are kept on the port as `connected_macs`.
 */
export function addNetworkEquipment(builder: InventoryBuilder, mapping: GlpiMapping, doc: GlpiDocument): void {
  const device = asRecord(doc.content.network_device) ?? {};
  const name = asText(device.name) ?? doc.deviceid;
  const position = { file: doc.file, location: 'content.network_device' };
  if (name === undefined) {
    builder.issue(position, 'the network device has no name: neither network_device.name nor deviceid is set');
    return;
  }
  const firmware = records(doc.content.firmwares)[0];
  const attributes = compact({
    serial_number: asText(device.serial),
    deviceid: doc.deviceid,
    mac_address: asText(device.mac),
    manufacturer: asText(device.manufacturer),
    model: asText(device.model),
    type: asText(device.type),
    firmware: asText(device.firmware) ?? asText(firmware?.version),
    ips: asArray(device.ips).filter((ip) => typeof ip === 'string'),
    location: asText(device.location),
    contact: asText(device.contact),
    agent: asText(doc.content.versionclient),
  });
  const cls = doc.itemtype === 'printer' ? mapping.classes.printer : mapping.classes.network_device;
  const host = builder.addCi({ class: cls, name, attributes }, position);
  if (host === undefined) return;
  const ports = records(doc.content.network_ports);
  const names = portNames(ports);
  const byNumber = new Map<number, string>();
  ports.forEach((port, i) => {
    const ref = addPort(builder, mapping, doc, host, name, names[i], port, i);
    const number = asNumber(port.ifnumber);
    if (ref !== undefined && number !== undefined) byNumber.set(number, ref);
  });
  addAggregates(builder, doc, ports, byNumber);
}

/**
 * Each port's name: its `ifname` (else `ifdescr`, `ifnumber`). Ports sharing one (a printer's two
 * JetDirect ports, stacked switches) are told apart by their `ifnumber`, else their MAC address,
 * so that none is merged into another: `ETH #1`, `ETH #2`.
 */
function portNames(ports: Record<string, unknown>[]): (string | undefined)[] {
  const base = ports.map((port) => asText(port.ifname) ?? asText(port.ifdescr) ?? asText(port.ifnumber));
  const counts = new Map<string, number>();
  for (const name of base) if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
  return base.map((name, i) => {
    if (name === undefined || counts.get(name) === 1) return name;
    const port = ports[i]!;
    const tag = asText(port.ifnumber) ?? asText(port.mac) ?? String(i + 1);
    return `${name} #${tag}`;
  });
}

/** A link aggregate (LAG, port channel) lists its members' ifnumbers: each member is `member_of` it. */
function addAggregates(
  builder: InventoryBuilder,
  doc: GlpiDocument,
  ports: Record<string, unknown>[],
  byNumber: Map<number, string>,
): void {
  ports.forEach((port, i) => {
    const members = asArray(port.aggregate);
    const aggregate = asNumber(port.ifnumber);
    const to = aggregate === undefined ? undefined : byNumber.get(aggregate);
    if (members.length === 0 || to === undefined) return;
    const position = { file: doc.file, location: `content.network_ports[${i}].aggregate` };
    for (const member of members) {
      const from = byNumber.get(asNumber(member) ?? Number.NaN);
      if (from === undefined)
        builder.issue(position, `the aggregate ${to} lists port ${String(member)}, which the inventory does not have`);
      else if (from !== to) builder.addRelation({ type: 'member_of', from, to }, position);
    }
  });
}

function addPort(
  builder: InventoryBuilder,
  mapping: GlpiMapping,
  doc: GlpiDocument,
  host: string,
  deviceName: string,
  portName: string | undefined,
  port: Record<string, unknown>,
  i: number,
): string | undefined {
  const position = { file: doc.file, location: `content.network_ports[${i}]` };
  if (portName === undefined) {
    builder.issue(position, 'a port has no ifname, ifdescr or ifnumber');
    return undefined;
  }
  const connections = records(port.connections);
  const neighbours = connections.filter((c) => asText(c.sysmac) ?? asText(c.sysname) ?? asText(c.ip));
  const seenMacs = connections
    .filter((c) => !neighbours.includes(c))
    .flatMap((c) => asArray(c.mac).filter((m) => typeof m === 'string'));
  const status = asNumber(port.ifstatus);
  const attributes = compact({
    ifnumber: asNumber(port.ifnumber),
    description: asText(port.ifdescr),
    alias: asText(port.ifalias),
    if_type: asNumber(port.iftype),
    mac_address: asText(port.mac),
    mtu: asNumber(port.ifmtu),
    speed: asNumber(port.ifspeed),
    oper_status: status === undefined ? undefined : IF_STATUS[status],
    trunk: typeof port.trunk === 'boolean' ? port.trunk : undefined,
    vlans: records(port.vlans).map((v) =>
      compact({ name: asText(v.name), vid: asNumber(v.number), tagged: flag(v.tagged) }),
    ),
    ips: asArray(port.ips).filter((ip) => typeof ip === 'string'),
    connected_macs: [...new Set(seenMacs)].sort(),
  });
  const ref = builder.addCi(
    { class: mapping.classes.network_interface, name: `${deviceName}/${portName}`, attributes },
    position,
  );
  if (ref === undefined) return undefined;
  builder.addRelation({ type: 'part_of', from: ref, to: host }, position);
  const protocol = port.lldp === true ? 'lldp' : port.cdp === true ? 'cdp' : undefined;
  for (const neighbour of neighbours) {
    const name = asText(neighbour.sysmac) ?? asText(neighbour.ip) ?? asText(neighbour.sysname) ?? '';
    const neighbourAttributes = compact({
      sysname: asText(neighbour.sysname),
      mac_address: asText(neighbour.sysmac),
      address: asText(neighbour.ip),
      model: asText(neighbour.model),
      description: asText(neighbour.sysdescr),
      firmware: asText(neighbour.firmware),
    });
    const other = builder.addCi({ class: mapping.classes.neighbour, name, attributes: neighbourAttributes }, position);
    const relation = compact({ remote_port: asText(neighbour.ifdescr), protocol });
    if (other !== undefined)
      builder.addRelation({ type: 'connects_to', from: ref, to: other, attributes: relation }, position);
  }
  return ref;
}

/** GLPI writes flags as booleans, numbers or the strings "0"/"1". */
function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = asText(value);
  return text === '1' || text === 'true' ? true : text === '0' || text === 'false' ? false : undefined;
}
