import { describe, expect, it } from 'vitest';
import { readSample } from '../../../test/helpers/samples.js';
import { countBy } from '../../../test/helpers/import-checks.js';
import { glpiImporter } from './glpi.importer.js';

const parse = (...names: string[]) =>
  glpiImporter.parse(names.map((name) => ({ path: name, text: readSample('glpi-inventory', name) })));
const sample = (name: string) =>
  JSON.parse(readSample('glpi-inventory', name)) as {
    partial?: boolean;
    content: {
      network_ports?: { ifname?: string; ifnumber?: number; aggregate?: number[]; vlans?: { tagged: string }[] }[];
    };
  };

describe('glpi importer on printers and phones', () => {
  it('gives a network printer a printer CI, and keeps its two ports of one ifname apart', () => {
    const { state, issues } = parse('printer_1.json');
    expect(issues).toEqual([]);
    expect(countBy(state.cis, (ci) => ci.class)).toEqual({ printer: 1, network_interface: 2 });
    expect(state.cis[0]).toMatchObject({
      class: 'printer',
      name: 'NPIF2BE10',
      attributes: { serial_number: 'PHCVN191TG', model: 'HP LaserJet M507', manufacturer: 'Hewlett-Packard' },
    });
    const ifname = sample('printer_1.json').content.network_ports![0]!.ifname!;
    expect(state.cis.slice(1).map((ci) => ci.name)).toEqual([`NPIF2BE10/${ifname} #1`, `NPIF2BE10/${ifname} #2`]);
    expect(state.classes).toContainEqual(expect.objectContaining({ name: 'printer', parent: 'hardware' }));
  });

  it('gives a phone a phone CI with its hardware, OS and interfaces', () => {
    const { state, issues } = parse('phone_1.json');
    expect(issues).toEqual([]);
    const phone = state.cis.find((ci) => ci.class === 'phone');
    expect(phone).toMatchObject({
      name: 'Mi9TPro-TéléphoneM',
      attributes: { uuid: 'af8d3fcfa6fe4784', memory_mb: 5523 },
    });
    expect(state.classes).toContainEqual(expect.objectContaining({ name: 'phone', parent: 'hardware' }));
    expect(state.relations.filter((r) => r.to === 'phone/Mi9TPro-TéléphoneM').length).toBeGreaterThan(0);
  });
});

describe('glpi importer on partial inventories', () => {
  it.each(['computer_1_partial_cpu.json', 'computer_2_partial_vms.json'])(
    '%s: imports what it holds and says the input is partial',
    (name) => {
      expect(sample(name).partial).toBe(true);
      const result = parse(name);
      expect(result.issues).toEqual([]);
      expect(result.scope).toEqual({ partial: true });
    },
  );

  it('a full inventory has no scope, and one partial file makes the input partial', () => {
    expect(parse('computer_1.json').scope).toBeUndefined();
    expect(parse('computer_1.json', 'computer_2_partial_vms.json').scope).toEqual({ partial: true });
  });

  it('keeps the sections a partial inventory sends: its virtual machines', () => {
    const { state } = parse('computer_2_partial_vms.json');
    expect(state.relations.filter((r) => r.type === 'runs_on').length).toBeGreaterThan(0);
  });
});

describe('glpi importer on link aggregates and tagged VLANs (networkequipment_5.json)', () => {
  const { state, issues } = parse('networkequipment_5.json');
  const ports = sample('networkequipment_5.json').content.network_ports!;

  it('makes each member port member_of its aggregate', () => {
    expect(issues).toEqual([]);
    const members = ports.flatMap((p) => (p.aggregate ?? []).filter((n) => n !== p.ifnumber));
    const memberOf = state.relations.filter((r) => r.type === 'member_of');
    expect(memberOf).toHaveLength(members.length);
    expect(members.length).toBeGreaterThan(0);
  });

  it('keeps whether each VLAN is tagged on the port', () => {
    const vlans = state.cis.flatMap((ci) => (ci.attributes?.['vlans'] as { tagged?: boolean }[] | undefined) ?? []);
    const given = ports.flatMap((p) => p.vlans ?? []);
    expect(vlans).toHaveLength(given.length);
    expect(vlans.map((v) => v.tagged)).toEqual(given.map((v) => v.tagged === '1'));
  });
});

describe('glpi importer on the legacy XML format', () => {
  it('names it in the error instead of calling it invalid JSON', () => {
    const { issues, state } = parse('legacy-netdiscovery-9.xml');
    expect(state.cis).toEqual([]);
    expect(issues).toEqual([
      {
        file: 'legacy-netdiscovery-9.xml',
        message:
          "this is GLPI's legacy XML inventory (<REQUEST>, as FusionInventory agents send it), which Cairn does not read: give the JSON inventory instead (glpi-agent 1.0 and later write it; glpi-inventory --json)",
      },
    ]);
  });
});
