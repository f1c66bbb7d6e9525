import { describe, expect, it } from 'vitest';
import { readSample } from '../../../test/helpers/samples.js';
import type { ImportResult } from '../importer.types.js';
import { expandHostPattern } from './ansible-inventory.js';
import { ansibleImporter } from './ansible.importer.js';
import { countBy, expectConsistent } from '../../../test/helpers/import-checks.js';

/** Groups, hosts, host lines and child lines of an INI inventory, counted with a few regular expressions. */
function iniCounts(text: string): { groups: number; hosts: number; hostLines: number; childLines: number } {
  const groups = new Set<string>();
  const hosts = new Set<string>();
  let hostLines = 0;
  let childLines = 0;
  let kind = '';
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const heading = /^\[([^:\]]+)(?::(\w+))?\]$/.exec(line);
    if (heading) {
      groups.add(heading[1]!);
      kind = heading[2] ?? 'hosts';
    } else if (kind === 'children') {
      groups.add(line);
      childLines++;
    } else if (kind === 'hosts') {
      hosts.add(line.split(/\s+/)[0]!);
      hostLines++;
    }
  }
  return { groups: groups.size, hosts: hosts.size, hostLines, childLines };
}

/** Host → every group it is in, following member_of through parent groups. */
function effectiveMemberships(result: ImportResult): number {
  const parents = new Map<string, string[]>();
  for (const r of result.state.relations) parents.set(r.from, [...(parents.get(r.from) ?? []), r.to]);
  let total = 0;
  for (const ci of result.state.cis.filter((c) => c.class === 'host')) {
    const seen = new Set<string>();
    const stack = [...(parents.get(`host/${ci.name}`) ?? [])];
    while (stack.length > 0) {
      const group = stack.pop()!;
      if (seen.has(group)) continue;
      seen.add(group);
      stack.push(...(parents.get(group) ?? []));
    }
    total += seen.size;
  }
  return total;
}

describe.each([
  ['kolla-ansible-multinode.ini', { hosts: 9, groups: 175, hostEdges: 9, childEdges: 197, effective: 512 }],
  ['kolla-ansible-all-in-one.ini', { hosts: 1, groups: 175, hostEdges: 6, childEdges: 192, effective: 175 }],
])('ansible importer on %s', (name, source) => {
  const text = readSample('ansible-inventories', name);
  const result = ansibleImporter.parse([{ path: name, text }]);
  const counted = iniCounts(text);

  it('makes a CI per host and group, as counted in the file and in SOURCE.txt', () => {
    expect([counted.hosts, counted.groups]).toEqual([source.hosts, source.groups]);
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({ host: counted.hosts, host_group: counted.groups });
    expect(result.issues).toEqual([]);
    expectConsistent(result);
  });

  it('relates hosts to their groups and child groups to their parents', () => {
    const hostEdges = result.state.relations.filter((r) => r.from.startsWith('host/'));
    const childEdges = result.state.relations.filter((r) => r.from.startsWith('host_group/'));
    expect([hostEdges.length, childEdges.length]).toEqual([counted.hostLines, counted.childLines]);
    expect([hostEdges.length, childEdges.length]).toEqual([source.hostEdges, source.childEdges]);
    expect(result.state.relations.every((r) => r.type === 'member_of')).toBe(true);
    // Effective membership must agree with `ansible-inventory --list` (SOURCE.txt).
    expect(effectiveMemberships(result)).toBe(source.effective);
  });

  it('reads inline host variables with their types', () => {
    expect(result.state.cis.find((ci) => ci.name === 'localhost')?.attributes).toEqual({
      connection: 'local',
      vars: { ansible_connection: 'local' },
    });
  });
});

describe('ansible importer on the k3s YAML inventory', () => {
  const text = readSample('ansible-inventories', 'k3s-ansible-inventory-sample.yml');
  const result = ansibleImporter.parse([{ path: 'inventory.yml', text }]);

  it('maps 3 hosts, 3 groups, 3 memberships and 2 child edges', () => {
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({ host: 3, host_group: 3 });
    expect(result.state.relations).toEqual(
      expect.arrayContaining([
        { type: 'member_of', from: 'host/192.16.35.11', to: 'host_group/server' },
        { type: 'member_of', from: 'host_group/server', to: 'host_group/k3s_cluster' },
        { type: 'member_of', from: 'host_group/agent', to: 'host_group/k3s_cluster' },
      ]),
    );
    expect(result.state.relations).toHaveLength(5);
    expect(result.issues).toEqual([]);
    expect(result.state.cis.find((ci) => ci.name === '192.16.35.12')?.attributes).toEqual({
      address: '192.16.35.12',
      vars: {},
    });
  });

  it('keeps group variables (Jinja2 verbatim) but not the token', () => {
    const cluster = result.state.cis.find((ci) => ci.name === 'k3s_cluster');
    expect(cluster?.attributes).toEqual({
      vars: {
        ansible_port: 22,
        ansible_user: 'debian',
        k3s_version: 'v1.31.12+k3s1',
        api_endpoint: "{{ hostvars[groups['server'][0]]['ansible_host'] | default(groups['server'][0]) }}",
      },
      redacted_vars: ['token'],
    });
    expect(JSON.stringify(result)).not.toContain('changeme!');
  });
});

const ini = `
ungrouped-host
[web]
web[01:03] ansible_user=deploy
db-[a:b].example.com:2222

[web:vars]
http_port = 8080
ansible_become_pass = "s3cret-become"

[prod:children]
web
missing_group

[all:vars]
ntp = "ntp.example.com"

[broken:nonsense]
x
[web]
web04 not-a-var
bad[3:1]
`;

describe('ansible importer on a hand-written INI inventory', () => {
  const result = ansibleImporter.parse([{ path: 'hosts', text: ini }]);

  it('expands ranges, reads ports and merges repeated sections', () => {
    const hosts = result.state.cis.filter((ci) => ci.class === 'host').map((ci) => ci.name);
    expect(hosts).toEqual(['ungrouped-host', 'web01', 'web02', 'web03', 'db-a.example.com', 'db-b.example.com']);
    expect(result.state.cis.find((ci) => ci.name === 'db-a.example.com')?.attributes).toMatchObject({ port: 2222 });
    expect(result.state.cis.find((ci) => ci.name === 'web02')?.attributes).toMatchObject({ user: 'deploy' });
  });

  it('types group vars as Ansible does, drops credentials, keeps `all` only for its vars', () => {
    expect(result.state.cis.find((ci) => ci.name === 'web' && ci.class === 'host_group')?.attributes).toEqual({
      vars: { http_port: 8080 },
      redacted_vars: ['ansible_become_pass'],
    });
    expect(result.state.cis.find((ci) => ci.name === 'all')?.attributes).toEqual({ vars: { ntp: 'ntp.example.com' } });
    expect(result.state.relations.some((r) => r.to === 'host_group/all')).toBe(false);
    expect(result.state.relations).toContainEqual({
      type: 'member_of',
      from: 'host_group/missing_group',
      to: 'host_group/prod',
    });
    expect(JSON.stringify(result)).not.toContain('s3cret');
    expectConsistent(result);
  });

  it('reports bad lines with their line numbers', () => {
    expect(result.issues).toEqual([
      {
        file: 'hosts',
        location: 'line 18',
        message:
          'section [broken:nonsense] has an unknown suffix ":nonsense"; use :children or :vars; its lines are skipped',
      },
      { file: 'hosts', location: 'line 21', message: '"not-a-var" is not a key=value variable; host web04 left out' },
      { file: 'hosts', location: 'line 22', message: 'host range bad[3:1] ends before it starts; left out' },
    ]);
  });
});

describe('ansible importer details', () => {
  it('expands host patterns', () => {
    expect(expandHostPattern('n[0:10:5]')).toEqual(['n0', 'n5', 'n10']);
    expect(expandHostPattern('r[1:2]-[a:b]')).toEqual(['r1-a', 'r1-b', 'r2-a', 'r2-b']);
    expect(expandHostPattern('plain')).toEqual(['plain']);
  });

  it('reports a malformed YAML inventory with its path', () => {
    const result = ansibleImporter.parse([{ path: 'inv.yaml', text: 'web:\n  hosts: [a, b]\n  childs: {}\n' }]);
    expect(result.issues).toEqual([
      { file: 'inv.yaml', location: 'web.hosts', message: 'hosts of group web must be a mapping; skipped' },
      {
        file: 'inv.yaml',
        location: 'web.childs',
        message: 'group web has an unknown key "childs" (expected hosts, children or vars); skipped',
      },
    ]);
    expect(result.state.cis).toEqual([{ class: 'host_group', name: 'web', attributes: { vars: {} } }]);
  });

  it('overrides classes through the mapping and rejects unknown kinds', () => {
    const result = ansibleImporter.parse([{ path: 'hosts', text: ini }], {
      mapping: { classes: { host: 'linux_server', group: 'ansible_group' } },
    });
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({ linux_server: 6, ansible_group: 4 });
    expect(result.state.classes).toEqual([expect.objectContaining({ name: 'ansible_group', parent: 'host_group' })]);
    expect(result.state.relations).toContainEqual({
      type: 'member_of',
      from: 'linux_server/web01',
      to: 'ansible_group/web',
    });
    expect(() => ansibleImporter.parse([], { mapping: { classes: { hosts: 'x' } } })).toThrow(
      /unknown inventory element "hosts"; known: host, group/,
    );
  });
});
