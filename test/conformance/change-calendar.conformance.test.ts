import ical from 'node-ical';
import { afterAll, describe, expect, it } from 'vitest';
import { ConflictError, NotAllowedError } from '../../src/core/shared/errors.js';
import { engines } from '../helpers/engines.js';
import { authorized, changeDoc, changeWorld, cpu, night } from './change.harness.js';

const appVersion = { cis: [{ class: 'application', name: 'shop-frontend', attributes: { version: '2.0' } }] };

for (const harness of engines()) {
  describe(`change calendar and conflicts on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());
    const world = async () => changeWorld(await harness.newStore());

    it('finds an overlap across the impact set and blocks scheduling, unless a change manager overrides', async () => {
      const w = await world();
      const first = await authorized(w, changeDoc(cpu(8), { window: night(10, 2) }));
      await w.changes.schedule(first, 'bob');
      // shop-frontend runs on web-01: changing it in the same night conflicts with the first change.
      const second = await authorized(w, changeDoc(appVersion, { window: night(10, 1) }));
      const refused = await w.changes.schedule(second, 'bob').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ConflictError);
      expect((refused as Error).message).toMatch(
        new RegExp(
          `Cannot schedule ${second}: ${first} \\(.*\\) impacts application/shop-frontend, which this change touches, at the same time`,
        ),
      );
      await expect(w.changes.schedule(second, 'bob', { overrideReason: 'fine' })).rejects.toThrow(NotAllowedError);
      const overridden = await w.changes.schedule(second, 'erin', { overrideReason: 'coordinated with the web team' });
      expect(overridden.change).toMatchObject({
        state: 'scheduled',
        conflictOverride: { by: 'erin', reason: 'coordinated with the web team' },
      });
      expect(overridden.conflicts.map((c) => c.kind)).toContain('overlap');
      expect((await w.changes.show(second)).conflicts.length).toBeGreaterThan(0);
      // A different night is clear.
      const third = await authorized(w, changeDoc(appVersion, { window: night(12) }));
      expect(await w.changes.schedule(third, 'bob').catch((e: Error) => e.message)).toMatch(
        /also sets attribute "version" of application\/shop-frontend/,
      );
    });

    it('blocks a window in a freeze, and shows the freeze and the conflict in the calendar and its iCalendar form', async () => {
      const w = await world();
      const ref = await authorized(w, changeDoc(cpu(8), { window: night(31) }));
      await expect(w.changes.schedule(ref, 'bob')).rejects.toThrow(/the window overlaps freeze year-end/);
      expect((await w.changes.schedule(ref, 'bob', { window: night(5) })).change.window).toEqual(night(5));
      const entries = await w.changes.calendar('2026-11-20T00:00:00Z', '2027-01-31T00:00:00Z');
      expect(entries.map((e) => `${e.kind} ${e.ref}`)).toEqual([`change ${ref}`, 'freeze year-end']);
      const parsed = ical.sync.parseICS(w.changes.ics(entries));
      const events = Object.values(parsed).filter((e): e is ical.VEvent => e?.type === 'VEVENT');
      expect(events.map((e) => e.summary).sort()).toEqual([`${ref} A change`, 'Freeze: year-end'].sort());
      const change = events.find((e) => e.uid === `${ref.toLowerCase()}@cairn`)!;
      expect(new Date(change.start).toISOString()).toBe(night(5).start);
      expect(new Date(change.end!).toISOString()).toBe(night(5).end);
      expect(String(change.status)).toBe('CONFIRMED');
    });

    it('lists pending approvals per user and the CAB agenda with risk and conflicts', async () => {
      const w = await world();
      const c = await w.changes.create(changeDoc(cpu(8), { window: night(3) }), 'alice');
      await w.changes.submit(c.ref, 'alice');
      expect((await w.changes.pending('carol')).map((p) => [p.change.ref, p.groups])).toEqual([
        [c.ref, [{ group: 'cab', missing: 2 }]],
      ]);
      expect(await w.changes.pending('alice')).toEqual([]);
      expect(await w.changes.pending('erin')).toEqual([]);
      const agenda = await w.changes.agenda('2026-11-21');
      expect(agenda.forDecision).toEqual([
        expect.objectContaining({
          ref: c.ref,
          awaiting: ['cab (2 more)'],
          risk: expect.objectContaining({ level: expect.any(String) }),
          impact: {
            touched: ['server/web-01'],
            impacted: expect.arrayContaining(['application/shop-frontend']),
            businessServices: ['business_service/shop'],
          },
          allowedActions: [],
        }),
      ]);
      // What each viewer may do is the server's rule: a CAB member decides, the requester does not.
      const asCarol = await w.changes.agenda('2026-11-21', { name: 'carol', permits: () => true });
      expect(asCarol.forDecision[0]!.allowedActions).toEqual(expect.arrayContaining(['approve', 'reject']));
      const asAlice = await w.changes.agenda('2026-11-21', { name: 'alice', permits: () => true });
      expect(asAlice.forDecision[0]!.allowedActions).not.toContain('approve');
      const carolReadOnly = await w.changes.agenda('2026-11-21', { name: 'carol', permits: () => false });
      expect(carolReadOnly.forDecision[0]!.allowedActions).toEqual([]);
      await w.changes.approve(c.ref, 'carol');
      expect(await w.changes.pending('carol')).toEqual([]);
      await w.changes.approve(c.ref, 'dave');
      await w.changes.schedule(c.ref, 'bob');
      const later = await w.changes.agenda('2026-11-21');
      expect(later.forDecision).toEqual([]);
      expect(later.upcoming.map((i) => i.ref)).toEqual([c.ref]);
      expect(await w.changes.list({ states: ['scheduled'], ci: 'server/web-01', requester: 'alice' })).toHaveLength(1);
      expect(await w.changes.list({ ci: 'database/orders-db' })).toEqual([]);
      expect(await w.changes.list({ from: night(4).start, to: night(9).start })).toEqual([]);
    });

    it('lists changes in pages by number, filtered, the first page counting them all', async () => {
      const w = await world();
      const refs: string[] = [];
      for (const day of [3, 4, 5, 6, 7])
        refs.push(
          (await w.changes.create(changeDoc(cpu(day), { window: night(day) }), day % 2 === 0 ? 'bob' : 'alice')).ref,
        );
      const first = await w.changes.listPage({ limit: 2 });
      expect(first).toMatchObject({ total: 5, nextCursor: expect.any(String) });
      const seen = first.items.map((c) => c.ref);
      for (let cursor = first.nextCursor; cursor !== null;) {
        const page = await w.changes.listPage({ limit: 2, cursor });
        expect(page.total).toBeUndefined();
        seen.push(...page.items.map((c) => c.ref));
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(refs);
      const alices = await w.changes.listPage({ requester: 'alice', ci: 'server/web-01', limit: 1 });
      expect(alices).toMatchObject({ total: 3, items: [{ ref: refs[0] }] });
      expect(
        await w.changes.listPage({ requester: 'alice', from: night(5).start, to: night(7).start, limit: 10 }),
      ).toEqual({ items: [expect.objectContaining({ ref: refs[2] })], nextCursor: null, total: 1 });
    });
  });
}
