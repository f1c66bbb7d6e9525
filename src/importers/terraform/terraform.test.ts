import { describe, expect, it } from 'vitest';
import { readSample } from '../../../test/helpers/samples.js';
import { terraformImporter } from './terraform.importer.js';
import { countBy, expectConsistent } from '../../../test/helpers/import-checks.js';

const FILES = [
  'driftctl-aws_lb_listener.tfstate',
  'inframap-aws_state_cyclic.tfstate.json',
  'inframap-openstack_state_lb.tfstate.json',
  'inframap-repeated_modules.tfstate.json',
  'tfstate-lookup-test.tfstate',
];

interface RawInstance {
  index_key?: unknown;
  dependencies?: string[];
  depends_on?: string[];
}
interface RawResource {
  module?: string;
  mode: string;
  type: string;
  name: string;
  instances: RawInstance[];
}

/** What the importer should produce, computed straight from the state JSON. */
function expectedOf(text: string): { byType: Record<string, number>; relations: number; dangling: number } {
  const resources = (JSON.parse(text) as { resources: RawResource[] }).resources.filter((r) => r.mode === 'managed');
  const address = (r: RawResource): string =>
    `${r.module ? `${r.module.replace(/\[[^\]]*\]/g, '')}.` : ''}${r.type}.${r.name}`;
  const instancesAt = new Map<string, number>();
  for (const r of resources) instancesAt.set(address(r), (instancesAt.get(address(r)) ?? 0) + r.instances.length);
  // The state itself is a CI too (its outputs).
  const byType: Record<string, number> = { tf_state: 1 };
  let relations = 0;
  let dangling = 0;
  for (const r of resources) {
    for (const instance of r.instances) {
      byType[`tf_${r.type}`] = (byType[`tf_${r.type}`] ?? 0) + 1;
      for (const dep of instance.dependencies ?? instance.depends_on ?? []) {
        const count = instancesAt.get(dep) ?? 0;
        if (count === 0) dangling++;
        relations += count;
      }
    }
  }
  return { byType, relations, dangling };
}

describe.each(FILES)('terraform importer on %s', (name) => {
  const text = readSample('terraform-states', name);
  const result = terraformImporter.parse([{ path: name, text }]);
  const expected = expectedOf(text);

  it('makes one CI per managed instance, of a declared class per type', () => {
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual(expected.byType);
    for (const definition of result.state.classes ?? [])
      expect(definition.parent).toBe(definition.name === 'tf_state' ? undefined : 'cloud_resource');
    expectConsistent(result);
  });

  it('relates instances to their dependencies, in the state or outside it (kept for the import to resolve)', () => {
    const refs = new Set(result.state.cis.map((ci) => `${ci.class}/${ci.name}`));
    const dependsOn = result.state.relations.filter((r) => r.type === 'depends_on');
    expect(dependsOn.filter((r) => refs.has(r.to))).toHaveLength(expected.relations);
    const outside = dependsOn.filter((r) => !refs.has(r.to));
    expect(outside).toHaveLength(expected.dangling);
    for (const r of outside) expect(r.to).toMatch(/^tf_[a-z0-9_]+\/(module\.[^.]+\.)*[a-z0-9_]+\.[^.]+$/);
    expect(result.issues).toEqual([]);
    result.state.relations.forEach((_, i) =>
      expect(result.positions?.relations[i]?.location).toMatch(/^resources\[\d+\]\.instances\[\d+\] \(/),
    );
  });
});

describe('terraform importer on all five states', () => {
  it('matches the totals of SOURCE.txt: 64 managed instances (and 5 states), 65 dependencies on resources of other states', () => {
    const result = terraformImporter.parse(
      FILES.map((name) => ({ path: name, text: readSample('terraform-states', name) })),
    );
    expect(countBy(result.state.cis, (ci) => (ci.class === 'tf_state' ? 'state' : 'instance'))).toEqual({
      instance: 64,
      state: 5,
    });
    const refs = new Set(result.state.cis.map((ci) => `${ci.class}/${ci.name}`));
    expect(result.state.relations.filter((r) => !refs.has(r.to))).toHaveLength(65);
    expect(result.issues).toEqual([]);
  });

  it('names instances by address, with count and for_each keys and module paths', () => {
    const text = readSample('terraform-states', 'tfstate-lookup-test.tfstate');
    const result = terraformImporter.parse([{ path: 'lookup.tfstate', text }]);
    const names = result.state.cis.map((ci) => ci.name);
    expect(names).toContain('aws_iam_user.users["foo.bar"]');
    expect(names).toContain('module.subnets.aws_subnet.main[1]');
    expect(names).toContain('module.webapp.module.ecs_task_roles.aws_iam_role.task_execution_role');
    expect(names.some((n) => n.startsWith('data.'))).toBe(false);
    const subnet = result.state.cis.find((ci) => ci.name === 'module.subnets.aws_subnet.main[1]');
    expect(subnet?.attributes).toMatchObject({
      type: 'aws_subnet',
      provider: 'registry.terraform.io/hashicorp/aws',
      module: 'module.subnets',
      index_key: 1,
      terraform_version: '0.12.16',
    });
    expect(typeof subnet?.attributes?.['id']).toBe('string');
  });

  it('expands a dependency on an indexed module resource to each of its instances', () => {
    const text = readSample('terraform-states', 'inframap-repeated_modules.tfstate.json');
    const result = terraformImporter.parse([{ path: 'r.json', text }]);
    const nat = result.state.relations.filter(
      (r) => r.from === 'tf_aws_nat_gateway/module.vpc.aws_nat_gateway.this[0]',
    );
    expect(nat.map((r) => r.to)).toContain('tf_aws_eip/module.vpc.aws_eip.nat[0]');
  });
});

const sensitiveState = JSON.stringify(
  {
    version: 4,
    terraform_version: '1.5.0',
    resources: [
      {
        mode: 'managed',
        type: 'aws_db_instance',
        name: 'main',
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [
          {
            schema_version: 1,
            attributes: {
              id: 'db-1',
              username: 'admin',
              password: 'pw-from-schema',
              get_password_data: false,
              connection: { host: 'db', extra: ['one', 'marked-sensitive-item'] },
              note: 'marked-sensitive-note',
            },
            sensitive_attributes: [
              [{ type: 'get_attr', value: 'note' }],
              [
                { type: 'get_attr', value: 'connection' },
                { type: 'get_attr', value: 'extra' },
                { type: 'index', value: { value: 1, type: 'number' } },
              ],
            ],
            private: 'cHJpdmF0ZS1ibG9i',
          },
        ],
      },
      { mode: 'managed', type: 'aws_vpc', name: 'broken' },
      { mode: 'managed', type: 'aws_vpc', name: 'empty', instances: [] },
    ],
  },
  null,
  2,
);

describe('terraform importer on hand-written states', () => {
  const result = terraformImporter.parse([{ path: 'db.tfstate', text: sensitiveState }]);

  it('drops sensitive values and the private blob, and says which paths were dropped', () => {
    const json = JSON.stringify(result.state);
    for (const secret of ['pw-from-schema', 'marked-sensitive', 'cHJpdmF0ZS1ibG9i']) expect(json).not.toContain(secret);
    const db = result.state.cis.find((ci) => ci.name === 'aws_db_instance.main');
    expect(db?.attributes).toMatchObject({
      values: {
        id: 'db-1',
        username: 'admin',
        get_password_data: false,
        connection: { host: 'db', extra: ['one', null] },
      },
      sensitive_dropped: ['connection.extra[1]', 'note', 'password'],
    });
  });

  it('reports malformed resources with their location and skips them', () => {
    expect(result.state.cis.map((ci) => ci.class)).toEqual(['tf_state', 'tf_aws_db_instance']);
    expect(result.issues).toEqual([
      { file: 'db.tfstate', location: 'resources[1]', message: 'aws_vpc.broken has no "instances" list; left out' },
    ]);
  });

  it('rejects other state versions and bad JSON with a clear sentence', () => {
    const v3 = readSample('terraform-states', 'opentofu-v3-simple.in.tfstate');
    const old = terraformImporter.parse([{ path: 'old.tfstate', text: v3 }]);
    expect(old.state.cis).toEqual([]);
    expect(old.issues).toEqual([
      {
        file: 'old.tfstate',
        location: 'version',
        message:
          'this is a Terraform state of format version 3, written by Terraform 0.11 or earlier; Cairn reads format version 4. Run `terraform state pull > state.tfstate` with Terraform 0.12 or later (it upgrades the state as it reads it) and import that file',
      },
    ]);
    const shown = JSON.stringify({ format_version: '1.0', values: { root_module: { resources: [] } } });
    expect(terraformImporter.parse([{ path: 'show.json', text: shown }]).issues[0]?.message).toBe(
      'this is the output of `terraform show -json`, not a state: Cairn reads the state itself; get it with `terraform state pull > state.tfstate`',
    );
    const bad = terraformImporter.parse([{ path: 'bad.tfstate', text: '{\n  "version": 4,\n  "resources": [,]\n}' }]);
    expect(bad.issues).toEqual([
      { file: 'bad.tfstate', location: 'line 3', message: expect.stringMatching(/^not valid JSON/) },
    ]);
  });

  it('overrides the class of a resource type', () => {
    const mapped = terraformImporter.parse([{ path: 'db.tfstate', text: sensitiveState }], {
      mapping: { classes: { aws_db_instance: 'database' } },
    });
    expect(mapped.state.cis[1]?.class).toBe('database');
    expect(mapped.state.classes?.map((c) => c.name)).toEqual(['tf_state']);
    const custom = terraformImporter.parse([{ path: 'db.tfstate', text: sensitiveState }], {
      mapping: { classes: { aws_db_instance: 'rds_db' } },
    });
    expect(custom.state.classes).toEqual([
      expect.objectContaining({ name: 'tf_state' }),
      expect.objectContaining({ name: 'rds_db', parent: 'cloud_resource' }),
    ]);
    expect(() => terraformImporter.parse([], { mapping: { classes: { 'not a type': 'x' } } })).toThrow(
      /unknown resource type name "not a type"/,
    );
    expect(() => terraformImporter.parse([], { mapping: { types: {} } })).toThrow(/unknown key "types"/);
  });
});
