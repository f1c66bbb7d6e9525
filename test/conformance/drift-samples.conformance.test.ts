import { afterAll, describe, expect, it } from 'vitest';
import { ImportService } from '../../src/core/import/import.service.js';
import { importerFor } from '../../src/importers/importer-registry.js';
import { engines } from '../helpers/engines.js';
import { readSample, samplePath } from '../helpers/samples.js';
import { byRef, driftFixture } from './drift-harness.js';

/** Parses a sample file with an importer, as `drift check --format` does. */
function parse(format: string, ...segments: string[]) {
  const result = importerFor(format)!.parse([{ path: samplePath(...segments), text: readSample(...segments) }]);
  expect(result.issues).toEqual([]);
  return result.state;
}

for (const harness of engines()) {
  describe(`drift on real samples, ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('glpi: an inventory imported, then the machine inventoried again', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(parse('glpi', 'glpi-inventory', 'computer_3.json'), {
        author: 'agent',
        message: 'import',
        source: 'import:glpi',
      });
      const observed = parse('glpi', 'glpi-inventory', 'computer_3_updated.json');
      const report = await f.drift.check({ observed, source: 'glpi', format: 'glpi', author: 'agent' });
      const found = byRef(report.findings);

      const computer = found['computer/LF014'];
      expect(computer?.kind).toBe('modified');
      const changed = Object.fromEntries(computer!.attributes.map((a) => [a.name, [a.authorized, a.observed]]));
      expect(changed.kernel_version).toEqual(['4.9.9-200.fc25.x86_64', '4.11.3-200.fc25.x86_64']);
      expect(changed.memory_mb).toEqual([7909, 7908]);
      expect(changed.default_gateway).toEqual(['172.28.220.1', '192.168.1.1']);
      expect(changed.serial_number).toBeUndefined();
      expect(found['network_interface/LF014/wlp2s0']?.attributes.find((a) => a.name === 'mac_address')).toMatchObject({
        authorized: '30:3a:64:ee:65:88',
        observed: 'ae:ed:e7:56:9b:a0',
      });
      for (const ref of [
        'virtual_machine/LF014/centos7.0',
        'virtual_machine/LF014/fedora23',
        'virtual_machine/LF014/win8.1',
        'network_interface/LF014/virbr0',
        'network_interface/LF014/tun0',
      ]) {
        expect(found[ref]?.kind, ref).toBe('unexpected');
      }
      const software = report.summary.byClass.software!;
      expect(software.unexpected).toBeGreaterThan(0);
      expect(software.missing).toBeGreaterThan(0);
      expect(report.summary.unauthorized).toBe(report.findings.length);
      // Every observed item is matched or unexpected; relationships are findings of their own.
      const unexpectedItems = report.findings.filter((x) => x.kind === 'unexpected' && !x.relation).length;
      expect(report.summary.matched + unexpectedItems).toBe(observed.cis.length);
      expect(report.summary.relations).toBe(report.findings.filter((x) => x.relation).length);
      expect(report.summary.relations).toBeGreaterThan(0);

      // Accepting all of it brings the CMDB level with the observation: checking again finds nothing.
      await f.drift.accept({ allOpen: true, source: 'glpi' }, 'agent');
      expect((await f.drift.check({ observed, source: 'glpi', format: 'glpi', author: 'agent' })).findings).toEqual([]);
    });

    it('k8s: a cluster whose live state moved away from the manifests imported', async () => {
      // Compose and Kubernetes describe sock-shop with different classes (container vs
      // k8s_deployment) and attributes, so one is no observation of the other; the live cluster is.
      const f = await driftFixture(harness);
      // Imported, not applied: shipping's ZIPKIN names a Service of another namespace, which the
      // import keeps as an unresolved reference.
      const imports = new ImportService({ store: f.store, cmdb: f.cmdb, clock: f.clock });
      await imports.import([parse('k8s', 'sock-shop', 'complete-demo.yaml')], { author: 'ci', source: 'import:k8s' });
      const live = parse('k8s', 'sock-shop', 'complete-demo.yaml');
      const carts = live.cis.find((c) => c.class === 'k8s_deployment' && c.name === 'sock-shop/carts')!;
      carts.attributes = { ...carts.attributes, replicas: 3 };
      live.cis = live.cis.filter((c) => c.name !== 'sock-shop/user-db');
      live.cis.push({
        class: 'k8s_deployment',
        name: 'sock-shop/debug-shell',
        attributes: { namespace: 'sock-shop', replicas: 1 },
      });
      const report = await f.drift.check({ observed: live, source: 'cluster-a', format: 'k8s', author: 'ci' });
      expect(report.findings.map((x) => [x.kind, x.ref])).toEqual([
        ['modified', 'k8s_deployment/sock-shop/carts'],
        ['missing', 'k8s_deployment/sock-shop/user-db'],
        ['missing', 'k8s_service/sock-shop/user-db'],
        ['unexpected', 'k8s_deployment/sock-shop/debug-shell'],
      ]);
      expect(report.findings[0]!.attributes).toEqual([
        { name: 'replicas', authorized: 1, observed: 3, classification: 'unauthorized' },
      ]);
    });
  });
}
