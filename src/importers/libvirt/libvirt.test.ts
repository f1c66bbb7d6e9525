import { describe, expect, it } from 'vitest';
import { readSample } from '../../../test/helpers/samples.js';
import { countBy, expectConsistent } from '../../../test/helpers/import-checks.js';
import { libvirtImporter } from './libvirt.importer.js';
import { readXml } from '../common/xml-elements.js';

const SAMPLE = 'testdomfv0.xml';
const text = readSample('libvirt-domains', SAMPLE);

describe('libvirt importer on the test domain libvirt publishes (testdomfv0.xml)', () => {
  const result = libvirtImporter.parse([{ path: SAMPLE, text }]);

  it('makes the domain a virtual machine with each of its disks, and an interface per <interface>', () => {
    expect(result.issues).toEqual([]);
    expectConsistent(result);
    // Counted in the file: one domain, one <interface>, three <disk>.
    expect([
      text.match(/<domain /g)?.length,
      text.match(/<interface /g)?.length,
      text.match(/<disk /g)?.length,
    ]).toEqual([1, 1, 3]);
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({ virtual_machine: 1, network_interface: 1 });
    expect(result.state.relations).toEqual([
      { type: 'part_of', from: 'network_interface/fv0/00:16:3e:5d:c7:9e', to: 'virtual_machine/fv0' },
    ]);
    expect(result.state.cis[0]).toEqual({
      class: 'virtual_machine',
      name: 'fv0',
      attributes: {
        uuid: '4dea22b3-1d52-d8f3-2516-782e98ab3fa0',
        hypervisor: 'test',
        cpu: 4,
        memory_mb: 512,
        memory_gb: 0.5,
        max_memory_mb: 1489,
        os_type: 'hvm',
        disks: [
          { target: 'hda', device: 'disk', type: 'file', source: '/root/fv0' },
          { target: 'hdc', device: 'cdrom', type: 'file', source: '/root/fc5-x86_64-boot.iso', readonly: true },
          { target: 'fda', device: 'floppy', type: 'file', source: '/root/fd.img' },
        ],
      },
    });
    // The VNC port is the running domain's, not its configuration.
    expect(JSON.stringify(result.state)).not.toContain('5904');
  });

  it('reads several dumps in one file, and says what a file that is no domain is', () => {
    const two = `${text}\n${text.replace('<name>fv0</name>', '<name>fv1</name>').replace("address='00:16:3e:5d:c7:9e'", "address='00:16:3E:00:00:01'")}`;
    const out = libvirtImporter.parse([
      { path: 'all.xml', text: two },
      { path: 'net.xml', text: '<network>\n  <name>default</name>\n</network>' },
      { path: 'bad.xml', text: '<domain>\n  <name>x</name>\n</devices>' },
      { path: 'dtd.xml', text: '<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<domain><name>&lol;</name></domain>' },
    ]);
    expect(out.state.cis.filter((ci) => ci.class === 'virtual_machine').map((ci) => ci.name)).toEqual(['fv0', 'fv1']);
    expect(out.state.cis.some((ci) => ci.name === 'fv1/00:16:3e:00:00:01')).toBe(true);
    expect(out.issues).toEqual([
      {
        file: 'net.xml',
        location: 'line 1',
        message: 'this is a libvirt network, not a domain (virsh dumpxml); left out',
      },
      { file: 'bad.xml', location: 'line 3', message: 'not well-formed XML: </devices> closes <domain> (line 1)' },
      {
        file: 'dtd.xml',
        location: 'line 1',
        message: 'not well-formed XML: a DOCTYPE is not read (no entities are expanded from the input)',
      },
    ]);
  });

  it('reads memory in the unit libvirt names, and entities in text', () => {
    const xml =
      "<domain type='kvm'><name>a&amp;b</name><memory unit='GiB'>4</memory><vcpu placement='static'>2</vcpu></domain>";
    expect(libvirtImporter.parse([{ path: 'a.xml', text: xml }]).state.cis[0]).toMatchObject({
      name: 'a&b',
      attributes: { memory_mb: 4096, cpu: 2, hypervisor: 'kvm' },
    });
    expect(readXml('<a><b x="1"/><!-- c --><![CDATA[<d>]]></a>')).toMatchObject([
      { name: 'a', text: '<d>', children: [{ name: 'b', attributes: { x: '1' } }] },
    ]);
  });
});
