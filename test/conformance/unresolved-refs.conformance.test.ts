import { afterAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app/services.js';
import type { ImportBatch } from '../../src/core/import/import.types.js';
import { IMPORTERS } from '../../src/importers/importer-registry.js';
import { engines } from '../helpers/engines.js';
import { readSample } from '../helpers/samples.js';

/** The file read through its importer, as `cairn import FORMAT FILE` hands it to the service. */
function parsed(format: string, path: string, text: string): ImportBatch[] {
  const { state, issues, skipped, positions } = IMPORTERS.get(format)!.parse([{ path, text }]);
  return [
    {
      ...state,
      issues,
      ...(skipped ? { skipped } : {}),
      locate: (kind, i) => (kind === 'ci' ? positions!.cis[i]! : positions!.relations[i]!),
    },
  ];
}

// A component of one repository's catalog-info.yaml, owned by a group defined in another catalog.
const component = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata: { name: techdocs-cli, namespace: backstage }',
  'spec: { type: tool, owner: group:backstage/maintainers, lifecycle: production }',
].join('\n');
const group = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Group',
  'metadata: { name: maintainers, namespace: backstage }',
  'spec: { type: team, children: [] }',
].join('\n');

// A Deployment mounting a Secret that a Job creates when it runs: no manifest declares it.
const deployment = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: { name: api, namespace: shop }',
  'spec:',
  '  selector: { matchLabels: { app: api } }',
  '  template:',
  '    metadata: { labels: { app: api } }',
  '    spec:',
  '      containers: [{ name: api, image: "api:1" }]',
  '      volumes: [{ name: certs, secret: { secretName: api-certs } }]',
].join('\n');

// The VPC that driftctl-aws_lb_listener.tfstate depends on, held by another state.
const vpcState = JSON.stringify({
  version: 4,
  terraform_version: '1.5.0',
  resources: [
    {
      mode: 'managed',
      type: 'aws_vpc',
      name: 'main',
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [{ schema_version: 1, attributes: { id: 'vpc-1', cidr_block: '10.0.0.0/16' } }],
    },
  ],
});

const meta = (source: string) => ({ author: 'importer', message: `import ${source}`, source });

for (const harness of engines()) {
  describe(`unresolved references on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function services(): Promise<Services> {
      const s = await createServices(await harness.newStore(), { runsJobs: false });
      await s.cmdb.initialize('t');
      return s;
    }

    it('imports a Backstage component owned by a group of another catalog, and relates them when the group arrives', async () => {
      const s = await services();
      const first = await s.imports.run(parsed('backstage', 'catalog-info.yaml', component), meta('backstage:a'));
      expect(first.refused).toBe(false);
      expect(first.problems).toEqual([]);
      expect(first.cis.added).toBe(1);
      expect(first.unresolved).toEqual([
        {
          file: 'catalog-info.yaml',
          location: 'document 1, spec.owner',
          type: 'owned_by',
          from: 'application/backstage/techdocs-cli',
          to: 'team/backstage/maintainers',
          missing: 'team/backstage/maintainers',
        },
      ]);
      const open = await s.cmdb.unresolvedRefs({ open: true, limit: 10 });
      expect(open).toEqual([
        expect.objectContaining({ source: 'backstage:a', missing: 'team/backstage/maintainers', resolvedRev: null }),
      ]);

      // Re-importing the same file writes nothing and keeps one reference, not two.
      const again = await s.imports.run(parsed('backstage', 'catalog-info.yaml', component), meta('backstage:a'));
      expect(again.revision).toBeNull();
      expect(again.unchanged).toEqual({ cis: 1, relations: 0 });
      expect(await s.cmdb.unresolvedRefs({ open: true, limit: 10 })).toHaveLength(1);

      const groups = await s.imports.run(parsed('backstage', 'groups.yaml', group), meta('backstage:groups'));
      expect(groups.resolved).toBe(1);
      expect(groups.relations.added).toBe(1);
      const relations = await s.cmdb.relationsOf(
        (await s.cmdb.getCi({ class: 'team', name: 'backstage/maintainers' })).id,
      );
      expect(relations.map((r) => `${r.from} ${r.relation.type} ${r.to} (${r.relation.source})`)).toEqual([
        'application/backstage/techdocs-cli owned_by team/backstage/maintainers (backstage:a)',
      ]);
      expect(await s.cmdb.unresolvedRefs({ open: true, limit: 10 })).toEqual([]);
      expect(await s.cmdb.unresolvedRefs({ open: false, limit: 10 })).toEqual([
        expect.objectContaining({ resolvedRev: groups.revision }),
      ]);
      // The component's source names the relationship: re-importing it changes nothing now.
      const third = await s.imports.run(parsed('backstage', 'catalog-info.yaml', component), meta('backstage:a'));
      expect(third.revision).toBeNull();
      expect(third.unresolved).toEqual([]);
      expect(third.unchanged).toEqual({ cis: 1, relations: 1 });
    });

    it('imports a Deployment mounting a Secret made at run time, and relates them when an apply adds the Secret', async () => {
      const s = await services();
      const report = await s.imports.run(parsed('k8s', 'api.yaml', deployment), meta('k8s:api'));
      expect(report.refused).toBe(false);
      expect(report.unresolved.map((u) => u.missing)).toEqual(['k8s_secret/shop/api-certs']);
      expect(await s.cmdb.unresolvedRefs({ ci: 'k8s_deployment/shop/api', limit: 10 })).toHaveLength(1);

      const applied = await s.cmdb.apply(
        { cis: [{ class: 'k8s_secret', name: 'shop/api-certs', attributes: { namespace: 'shop' } }], relations: [] },
        { author: 'ops', message: 'the Job made it', source: 'cli' },
      );
      expect(applied.writes.relations.map((w) => w.after?.type)).toEqual(['uses']);
      expect(applied.writes.relations[0]!.after?.source).toBe('k8s:api');
      expect(applied.writes.relations[0]!.after?.attributes).toEqual({ via: ['volume'] });
      expect(await s.cmdb.unresolvedRefs({ open: true, limit: 10 })).toEqual([]);
    });

    it('imports a Terraform state depending on resources of another state, resolved when that state is imported', async () => {
      const s = await services();
      const name = 'driftctl-aws_lb_listener.tfstate';
      const report = await s.imports.run(
        parsed('terraform', name, readSample('terraform-states', name)),
        meta('terraform:lb'),
      );
      expect(report.refused).toBe(false);
      expect(report.problems).toEqual([]);
      const onVpc = report.unresolved.filter((u) => u.missing === 'tf_aws_vpc/aws_vpc.main');
      expect(onVpc.length).toBeGreaterThan(0);
      for (const u of report.unresolved) expect(u.location).toMatch(/^resources\[\d+\]\.instances\[\d+\] \(/);
      expect(report.cis.added + report.unchanged.cis).toBe(report.read.cis);

      const vpc = await s.imports.run(parsed('terraform', 'network.tfstate', vpcState), meta('terraform:network'));
      expect(vpc.resolved).toBe(onVpc.length);
      expect(vpc.relations.added).toBe(onVpc.length);
      const open = await s.cmdb.unresolvedRefs({ open: true, limit: 100 });
      expect(open).toHaveLength(report.unresolved.length - onVpc.length);
      expect(open.some((r) => r.missing === 'tf_aws_vpc/aws_vpc.main')).toBe(false);
    });

    it('keeps a reference that is wrong inside the input an error, and a dry run stores nothing', async () => {
      const s = await services();
      const dry = await s.imports.run(parsed('backstage', 'catalog-info.yaml', component), meta('backstage:a'), {
        dryRun: true,
      });
      expect(dry.unresolved).toHaveLength(1);
      expect(await s.cmdb.unresolvedRefs({ limit: 10 })).toEqual([]);
      const bad = await s.imports.run(
        [
          {
            cis: [{ class: 'server', name: 'web' }],
            relations: [{ type: 'depends_on', from: 'server/web', to: 'not-a-reference' }],
          },
        ],
        meta('bad'),
      );
      expect(bad.refused).toBe(true);
      expect(bad.unresolved).toEqual([]);
      expect(bad.problems.map((p) => p.message)).toEqual(['to must be a CI reference written class/name']);
    });
  });
}
