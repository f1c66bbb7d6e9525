import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { DesiredState } from '../../src/core/ci/desired-state.js';
import { ImportService } from '../../src/core/import/import.service.js';
import { k8sImporter } from '../../src/importers/k8s/k8s.importer.js';
import { engines } from '../helpers/engines.js';
import { readSample, samplePath } from '../helpers/samples.js';
import { byRef, driftFixture } from './drift-harness.js';

/**
 * The Kubernetes importer's constructs in a real CMDB on each engine: the inferred service
 * dependencies carry impact from a backend to its frontend, every construct's sample imports as
 * parsed and re-imports as no change, and drift sees a moved autoscaler.
 */
function boutique(): DesiredState {
  const path = 'kubernetes-manifests-v0.10.6.yaml';
  const result = k8sImporter.parse([{ path, text: readSample('k8s-online-boutique', path) }]);
  expect(result.issues).toEqual([]);
  return result.state;
}

function constructs(): DesiredState {
  const root = samplePath('k8s-constructs');
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((path) => ({ path, text: readSample('k8s-constructs', path) }));
  const result = k8sImporter.parse(files);
  expect(result.issues).toEqual([]);
  return result.state;
}

for (const harness of engines()) {
  describe(`k8s import on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('Online Boutique: a change to redis-cart reaches the frontend through cartservice', async () => {
      const f = await driftFixture(harness);
      const imports = new ImportService({ store: f.store, cmdb: f.cmdb, clock: f.clock });
      await imports.import([boutique()], { author: 'agent', source: 'import:k8s' });
      const report = await f.impact.impactOf([{ class: 'k8s_deployment', name: 'default/redis-cart' }]);
      const frontend = report.impacted.find((i) => i.ref === 'k8s_deployment/default/frontend');
      expect(frontend?.path).toEqual([
        'k8s_deployment/default/redis-cart',
        'k8s_service/default/redis-cart',
        'k8s_deployment/default/cartservice',
        'k8s_service/default/cartservice',
        'k8s_deployment/default/frontend',
      ]);
      expect(frontend?.readAs).toEqual(['selected_by', 'used_by', 'selected_by', 'used_by']);
      // The load generator calls the frontend: one step further.
      expect(report.impacted.find((i) => i.ref === 'k8s_deployment/default/loadgenerator')?.depth).toBe(6);
    });

    it('every construct sample: imported as parsed, re-imported as no change, drift sees what moved', async () => {
      const f = await driftFixture(harness);
      const imports = new ImportService({ store: f.store, cmdb: f.cmdb, clock: f.clock });
      const state = constructs();
      const meta = { author: 'agent', source: 'import:k8s' };
      const first = await imports.import([constructs()], meta);
      expect(first.problems).toEqual([]);
      expect(await f.store.countCis()).toBe(state.cis.length);
      // Secrets no manifest holds wait for their object: the one vLLM reads is made by hand, the
      // ingress-nginx controller's certificate by a Job at run time.
      expect(first.unresolved.map((u) => u.missing).sort()).toEqual([
        'k8s_secret/default/hf-secret',
        'k8s_secret/ingress-nginx/ingress-nginx-admission',
      ]);
      expect(await f.store.listRelations({ limit: 10_000 })).toHaveLength(state.relations.length - 2);
      expect((await imports.import([constructs()], meta)).revision).toBeNull();

      const same = await f.drift.check({ observed: constructs(), source: 'k8s', format: 'k8s', author: 'agent' });
      expect(same.findings).toEqual([]);

      const observed = constructs();
      const hpa = observed.cis.find((c) => c.class === 'k8s_hpa' && c.name === 'default/frontend-scaler')!;
      hpa.attributes = { ...hpa.attributes, max_replicas: 20 };
      observed.cis = observed.cis.filter((c) => c.class !== 'k8s_pdb');
      const report = await f.drift.check({ observed, source: 'k8s', format: 'k8s', author: 'agent' });
      const found = byRef(report.findings);
      expect(Object.keys(found).sort()).toEqual(['k8s_hpa/default/frontend-scaler', 'k8s_pdb/default/zk-pdb']);
      expect(found['k8s_pdb/default/zk-pdb']?.kind).toBe('missing');
      expect(
        found['k8s_hpa/default/frontend-scaler']?.attributes.map((a) => [a.name, a.authorized, a.observed]),
      ).toEqual([['max_replicas', 10, 20]]);
    });
  });
}
