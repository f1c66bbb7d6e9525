import { afterAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app/services.js';
import type { ImportBatch } from '../../src/core/import/import.types.js';
import { terraformImporter } from '../../src/importers/terraform/terraform.importer.js';
import { engines } from '../helpers/engines.js';

/** A state file read by the importer, as `cairn import terraform FILE` hands it to the service. */
function parsed(path: string, state: unknown): ImportBatch[] {
  const { state: desired, issues, positions } = terraformImporter.parse([{ path, text: JSON.stringify(state) }]);
  return [{ ...desired, issues, locate: (kind, i) => (kind === 'ci' ? positions!.cis[i]! : positions!.relations[i]!) }];
}

const provider = 'provider["registry.terraform.io/hashicorp/aws"]';

// The network workspace: two private subnets made with count.
const network = {
  version: 4,
  lineage: 'network',
  resources: [
    {
      mode: 'managed',
      type: 'aws_subnet',
      name: 'private',
      provider,
      instances: [0, 1].map((i) => ({ index_key: i, attributes: { id: `subnet-${i}` } })),
    },
  ],
};

// The app workspace: an instance whose dependency names the network workspace's resource, not an instance.
const app = {
  version: 4,
  lineage: 'app',
  resources: [
    {
      mode: 'managed',
      type: 'aws_instance',
      name: 'web',
      provider,
      instances: [{ attributes: { id: 'i-1' }, dependencies: ['aws_subnet.private'] }],
    },
  ],
};

const meta = (source: string) => ({ author: 'importer', message: `import ${source}`, source });
const web = { class: 'tf_aws_instance', name: 'aws_instance.web' };

for (const harness of engines()) {
  describe(`Terraform references to counted resources on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function services(): Promise<Services> {
      const s = await createServices(await harness.newStore(), { runsJobs: false });
      await s.cmdb.initialize('t');
      return s;
    }

    async function dependenciesOfWeb(s: Services): Promise<string[]> {
      const relations = await s.cmdb.relationsOf((await s.cmdb.getCi(web)).id);
      return relations.map((r) => `${r.from} ${r.relation.type} ${r.to}`).sort();
    }

    const expected = [
      'tf_aws_instance/aws_instance.web depends_on tf_aws_subnet/aws_subnet.private[0]',
      'tf_aws_instance/aws_instance.web depends_on tf_aws_subnet/aws_subnet.private[1]',
    ];

    it('resolves a waiting reference to a resource when its instances arrive', async () => {
      const s = await services();
      const first = await s.imports.run(parsed('app.tfstate', app), meta('terraform:app'));
      expect(first.unresolved.map((u) => u.missing)).toEqual(['tf_aws_subnet/aws_subnet.private']);
      const second = await s.imports.run(parsed('network.tfstate', network), meta('terraform:network'));
      expect(second.resolved).toBe(1);
      expect(second.relations.added).toBe(2);
      expect(await dependenciesOfWeb(s)).toEqual(expected);
      expect(await s.cmdb.unresolvedRefs({ open: true, limit: 10 })).toEqual([]);
      // Re-importing the app now writes nothing: its dependency is the two relationships it has.
      const again = await s.imports.run(parsed('app.tfstate', app), meta('terraform:app'));
      expect(again.revision).toBeNull();
      expect(again.unresolved).toEqual([]);
    });

    it('relates a dependency to the instances the CMDB already holds', async () => {
      const s = await services();
      await s.imports.run(parsed('network.tfstate', network), meta('terraform:network'));
      const report = await s.imports.run(parsed('app.tfstate', app), meta('terraform:app'));
      expect(report.refused).toBe(false);
      expect(report.unresolved).toEqual([]);
      expect(report.relations.added).toBe(2);
      expect(await dependenciesOfWeb(s)).toEqual(expected);
      const again = await s.imports.run(parsed('app.tfstate', app), meta('terraform:app'));
      expect(again.revision).toBeNull();
    });
  });
}
