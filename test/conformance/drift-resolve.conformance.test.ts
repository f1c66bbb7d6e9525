import { afterAll, describe, expect, it } from 'vitest';
import { ConflictError, InputError } from '../../src/core/shared/errors.js';
import { engines } from '../helpers/engines.js';
import { byRef, cliMeta, driftFixture } from './drift-harness.js';

const estate = {
  cis: [
    { class: 'server', name: 'web-01', attributes: { os: 'ubuntu-22.04', cpu: 4, serial_number: 'SN-1' } },
    { class: 'server', name: 'web-02', attributes: { os: 'debian-12', cpu: 2 } },
  ],
  relations: [{ type: 'depends_on', from: 'server/web-01', to: 'server/web-02' }],
};
const observed = [
  { class: 'server', name: 'web-01', attributes: { os: 'ubuntu-24.04', cpu: 8 } },
  { class: 'server', name: 'web-03', attributes: { os: 'alpine' } },
];

for (const harness of engines()) {
  describe(`drift resolution on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('suppresses findings a rule matches, counts them apart, and lets them back when it expires', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, cliMeta);
      const rule = await f.drift.suppress(
        { match: { ci: 'server/web-03' }, owner: 'ops', reason: 'lab machine', expires: '2026-03-02' },
        'carol',
      );
      expect(rule).toMatchObject({ id: 'SUP-1', expiresAt: '2026-03-03T00:00:00.000Z', createdBy: 'carol' });
      const report = await f.check(observed);
      expect(byRef(report.findings)['server/web-03']?.suppressedBy).toBe('SUP-1');
      expect(report.summary).toMatchObject({ unexpected: 1, suppressed: 1, unauthorized: 2 });

      f.clock.set('2026-03-03T00:00:00.000Z');
      expect((await f.drift.suppressions()).map((r) => r.active)).toEqual([false]);
      const later = await f.check(observed);
      expect(later.summary).toMatchObject({ suppressed: 0, unauthorized: 3 });
      await f.drift.unsuppress('SUP-1', 'carol');
      expect(await f.drift.suppressions()).toEqual([]);
      await expect(f.drift.unsuppress('SUP-1', 'carol')).rejects.toThrow(/does not exist or was already removed/);
    });

    it('suppresses a modified finding by attribute only when rules name each of its attributes', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, cliMeta);
      await f.drift.suppress(
        {
          match: { source: 'scan', class: 'hardware', attribute: 'os' },
          owner: 'ops',
          reason: 'os reported oddly',
          expires: '2026-04-01T00:00:00Z',
        },
        'carol',
      );
      const both = byRef((await f.check(observed)).findings)['server/web-01'];
      expect(both?.suppressedBy).toBeUndefined();
      const osOnly = byRef(
        (await f.check([{ class: 'server', name: 'web-01', attributes: { os: 'ubuntu-24.04' } }])).findings,
      )['server/web-01'];
      expect(osOnly?.suppressedBy).toBe('SUP-1');
    });

    it('marks the open findings a new rule matches suppressed at once, and only those', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, cliMeta);
      await f.check(observed);
      await f.drift.suppress(
        {
          match: { source: 'scan', class: 'hardware', attribute: 'os' },
          owner: 'ops',
          reason: 'os only',
          expires: '2026-04-01',
        },
        'carol',
      );
      await f.drift.suppress(
        { match: { ci: 'server/web-03' }, owner: 'ops', reason: 'lab machine', expires: '2026-04-01' },
        'carol',
      );
      const open = byRef(await f.drift.listFindings({ state: 'open', limit: 100 }));
      // web-01 differs in os and cpu: a rule naming os alone does not suppress it.
      expect(open['server/web-01']?.suppressedBy).toBeUndefined();
      expect(open['server/web-03']?.suppressedBy).toBe('SUP-2');
      expect(open['server/web-02']?.suppressedBy).toBeUndefined();

      // A cpu rule completes the attribute pair: web-01 is now suppressed, by the rule that did it.
      await f.drift.suppress(
        { match: { ci: 'server/web-01', attribute: 'cpu' }, owner: 'ops', reason: 'cpu trial', expires: '2026-04-01' },
        'carol',
      );
      const after = byRef(await f.drift.listFindings({ state: 'open', limit: 100 }));
      expect(after['server/web-01']?.suppressedBy).toBe('SUP-3');
      expect(after['server/web-03']?.suppressedBy).toBe('SUP-2');
    });

    it('refuses rules without owner, reason, scope or a future expiry', async () => {
      const f = await driftFixture(harness);
      await expect(f.drift.suppress({ match: {}, owner: '', reason: '', expires: '2020-01-01' }, 'x')).rejects.toThrow(
        /owner is required.*reason is required.*at least one of.*already past/,
      );
    });

    it('accepts findings as ONE revision from drift:<source>, flagged for review', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, cliMeta);
      const report = await f.check(observed);
      const outcome = await f.drift.accept({ allOpen: true, source: 'scan' }, 'dave');
      expect(outcome.revision).toMatchObject({ rev: 3, source: 'drift:scan', author: 'dave' });
      expect(outcome.revision!.message).toContain(report.observation.id);
      expect((await f.store.head())?.rev).toBe(3);
      expect((await f.cmdb.getCi({ class: 'server', name: 'web-01' })).attributes).toEqual({
        os: 'ubuntu-24.04',
        cpu: 8,
        serial_number: 'SN-1',
      });
      expect((await f.cmdb.getCi({ class: 'server', name: 'web-03' })).attributes).toEqual({ os: 'alpine' });
      await expect(f.cmdb.getCi({ class: 'server', name: 'web-02' })).rejects.toThrow(/does not exist/);
      expect(outcome.findings.map((x) => [x.state, x.resolution?.kind, x.resolution?.by, x.resolution?.ref])).toEqual([
        ['resolved', 'accepted', 'dave', 'r3'],
        ['resolved', 'accepted', 'dave', 'r3'],
        ['resolved', 'accepted', 'dave', 'r3'],
      ]);
      const pending = await f.drift.reviewPending();
      expect(pending).toMatchObject([
        {
          rev: 3,
          source: 'scan',
          observationIds: ['OBS-1'],
          findingIds: ['DRF-1', 'DRF-2', 'DRF-3'],
          flaggedBy: 'dave',
        },
      ]);
      await f.drift.markReviewed(3, 'erin', 'confirmed with the team');
      expect(await f.drift.reviewPending()).toEqual([]);
      await expect(f.drift.accept({ ids: ['DRF-1'] }, 'dave')).rejects.toBeInstanceOf(ConflictError);
      expect((await f.check(observed)).findings).toEqual([]);
    });

    it('lists a drift:* revision whose flag is missing as pending review', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, cliMeta);
      await f.cmdb.apply(
        { cis: [{ class: 'server', name: 'web-01', attributes: { cpu: 6 } }], relations: [] },
        { author: 'bot', message: 'crashed accept', source: 'drift:scan' },
      );
      expect(await f.drift.reviewPending()).toMatchObject([{ rev: 3, source: 'scan', flaggedBy: 'bot' }]);
      await f.drift.markReviewed(3, 'erin');
      expect(await f.drift.reviewPending()).toEqual([]);
    });

    it('accepts selected findings only, and one source at a time', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, cliMeta);
      const a = await f.check(observed);
      await f.check([{ class: 'server', name: 'web-02', attributes: { cpu: 3 } }], { source: 'other' });
      const modified = a.findings.find((x) => x.kind === 'modified')!;
      const outcome = await f.drift.accept({ ids: [modified.id] }, 'dave', { message: 'known upgrade' });
      expect(outcome.revision?.message).toBe('known upgrade');
      expect((await f.drift.listFindings({ state: 'open', source: 'scan', limit: 10 })).length).toBe(2);
      await expect(f.drift.accept({ allOpen: true }, 'dave')).rejects.toBeInstanceOf(InputError);
      await expect(f.drift.accept({ ids: ['DRF-99'] }, 'dave')).rejects.toThrow(/DRF-99 does not exist/);
    });

    it('remediates through a change whose plan restores the authorized state', async () => {
      const opened: unknown[] = [];
      const f = await driftFixture(harness, { opener: { open: async (d) => (opened.push(d), { ref: 'CHG-12' }) } });
      await f.cmdb.apply(estate, cliMeta);
      const report = await f.check(observed);
      const ids = report.findings.map((x) => x.id);
      const outcome = await f.drift.remediate({ ids }, 'dave');
      expect(outcome.change).toEqual({ ref: 'CHG-12' });
      expect(outcome.draft.plan.cis).toEqual([
        { class: 'server', name: 'web-01', attributes: { os: 'ubuntu-22.04', cpu: 4 } },
        { class: 'server', name: 'web-02', status: 'active', attributes: { os: 'debian-12', cpu: 2 } },
      ]);
      expect(outcome.draft.description).toContain(
        'Remove from the systems (observed, never authorized): server/web-03',
      );
      expect(opened).toHaveLength(1);
      expect(
        outcome.findings.every(
          (x) => x.resolution?.kind === 'remediated' && x.resolution.ref === 'CHG-12' && x.resolution.by === 'dave',
        ),
      ).toBe(true);
      expect((await f.store.head())?.rev).toBe(2);
    });

    it('returns the remediation draft when no change workflow is wired in', async () => {
      const f = await driftFixture(harness);
      await f.cmdb.apply(estate, cliMeta);
      const report = await f.check(observed);
      const unexpected = report.findings.find((x) => x.kind === 'unexpected')!;
      await expect(f.drift.remediate({ ids: [unexpected.id] }, 'dave')).rejects.toThrow(
        /no authorized state to restore/,
      );
      const outcome = await f.drift.remediate({ allOpen: true }, 'dave', 'plan written to fix.yaml');
      expect(outcome.change).toBeUndefined();
      expect(outcome.findings.map((x) => x.resolution?.note)).toEqual([
        'plan written to fix.yaml',
        'plan written to fix.yaml',
        'plan written to fix.yaml',
      ]);
    });

    it('never lets an observation or an import overwrite an attribute another source owns', async () => {
      const first = await driftFixture(harness);
      await first.cmdb.apply(estate, { ...cliMeta, source: 'import:glpi' });
      const applied = await first.drift.applyAuthority(
        { sources: [{ name: 'glpi', classes: ['hardware'], attributes: ['os', 'serial_number'] }] },
        'admin',
      );
      expect(applied).toMatchObject({ created: true, version: { version: 1 } });
      expect(
        (
          await first.drift.applyAuthority(
            { sources: [{ name: 'glpi', classes: ['hardware'], attributes: ['os', 'serial_number'] }] },
            'admin',
          )
        ).created,
      ).toBe(false);
      const f = await first.reload();

      const report = await f.check(observed);
      expect(byRef(report.findings)['server/web-01']?.attributes.map((a) => a.name)).toEqual(['cpu']);
      await f.drift.accept({ allOpen: true }, 'dave');
      expect((await f.cmdb.getCi({ class: 'server', name: 'web-03' })).attributes).toEqual({});

      await f.cmdb.apply(
        { cis: [{ class: 'server', name: 'web-01', attributes: { os: 'windows', cpu: 16 } }], relations: [] },
        { ...cliMeta, source: 'import:k8s' },
      );
      const web01 = await f.cmdb.getCi({ class: 'server', name: 'web-01' });
      expect(web01.attributes).toMatchObject({ os: 'ubuntu-22.04', cpu: 16 });
      expect(web01.attributeSources).toMatchObject({ os: 'import:glpi', cpu: 'import:k8s' });
      await f.cmdb.apply(
        { cis: [{ class: 'server', name: 'web-01', attributes: { os: 'ubuntu-24.04' } }], relations: [] },
        { ...cliMeta, source: 'import:glpi' },
      );
      expect((await f.cmdb.getCi({ class: 'server', name: 'web-01' })).attributes.os).toBe('ubuntu-24.04');
      await f.cmdb.apply(
        { cis: [{ class: 'server', name: 'web-01', attributes: { os: 'fixed-by-hand' } }], relations: [] },
        cliMeta,
      );
      expect((await f.cmdb.getCi({ class: 'server', name: 'web-01' })).attributes.os).toBe('fixed-by-hand');
    });

    it('refuses authority rules with unknown classes or two owners of one attribute', async () => {
      const f = await driftFixture(harness);
      const doc = {
        sources: [
          { name: 'a', classes: ['server', 'nope'], attributes: ['os'] },
          { name: 'b', classes: ['server'], attributes: ['os'] },
        ],
      };
      await expect(f.drift.applyAuthority(doc, 'admin')).rejects.toThrow(
        /"nope" is not a known class.*server.os is claimed by both a and b/,
      );
    });
  });
}
