import { afterAll, describe, expect, it } from 'vitest';
import { CabMinutesService } from '../../src/core/change/cab-minutes.service.js';
import { ConflictError, InputError, NotFoundError } from '../../src/core/shared/errors.js';
import { sequentialIds } from '../../src/core/shared/ids.js';
import { storeRepositories } from '../../src/store/store-repositories.js';
import { engines } from '../helpers/engines.js';
import { changeDoc, changeWorld, cpu, NOW } from './change.harness.js';

const MEETING = NOW.slice(0, 10);

for (const harness of engines()) {
  describe(`CAB minutes on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    /** The change world of the other suites, a change for decision, and the minutes service on the same store. */
    const world = async () => {
      const store = await harness.newStore();
      const w = await changeWorld(store);
      const repo = storeRepositories(store, { clock: w.clock, ids: sequentialIds() }).cabMinutes();
      const minutes = new CabMinutesService({
        store: repo,
        changes: w.changeStore,
        clock: w.clock,
        ids: sequentialIds(),
      });
      const first = await w.changes.create(changeDoc(cpu(8)), 'alice');
      await w.changes.submit(first.ref, 'alice');
      const second = await w.changes.create(changeDoc(cpu(4), { title: 'Shrink web-01' }), 'alice');
      await w.changes.submit(second.ref, 'alice');
      return { w, minutes, first: first.ref, second: second.ref };
    };

    it('gathers the decisions the attendees recorded that day, linked to their approval records', async () => {
      const { w, minutes, first, second } = await world();
      await w.changes.approve(first, 'carol', { comment: 'backout tested' });
      await w.changes.reject(second, 'dave', { comment: 'no capacity plan' });
      await w.changes.approve(first, 'frank');
      const m = await minutes.record(
        { date: MEETING, attendees: ['carol', 'dave', 'carol'], notes: 'Two changes decided.' },
        'erin',
      );
      expect(m).toMatchObject({ date: MEETING, attendees: ['carol', 'dave'], recordedBy: 'erin', closedAt: null });
      // frank was not at the meeting: his approval is not one of its decisions.
      expect(m.decisions.map((d) => [d.change, d.decision, d.by, d.comment])).toEqual([
        [first, 'approve', 'carol', 'backout tested'],
        [second, 'reject', 'dave', 'no capacity plan'],
      ]);
      expect(m.decisions[1]).toMatchObject({ title: 'Shrink web-01', group: 'cab' });
      // Each decision names its approval record in the chain.
      const chain = await w.changeStore.approvalRecords(0, 100);
      for (const d of m.decisions) {
        const record = chain.find((r) => r.seq === d.approval)!;
        expect([record.by, record.kind, `CHG-${record.changeId}`]).toEqual([d.by, d.decision, d.change]);
      }
      expect(await minutes.get(m.id)).toEqual(m);
      // Another day's meeting has none of these decisions.
      expect((await minutes.record({ date: '2026-11-21', attendees: ['carol'], notes: '' }, 'erin')).decisions).toEqual(
        [],
      );
    });

    it('edits open minutes, closes them for good, and takes a correction as a new record', async () => {
      const { w, minutes, first } = await world();
      const m = await minutes.record({ date: MEETING, attendees: ['carol'], notes: 'draft' }, 'erin');
      await w.changes.approve(first, 'dave', { comment: 'fine' });
      const edited = await minutes.update(m.id, { attendees: ['carol', 'dave'], notes: 'final' });
      expect(edited).toMatchObject({ notes: 'final', attendees: ['carol', 'dave'] });
      expect(edited.decisions.map((d) => d.by)).toEqual(['dave']);
      const closed = await minutes.close(m.id, 'carol');
      expect(closed).toMatchObject({ closedBy: 'carol', closedAt: expect.any(String), notes: 'final' });
      // A decision taken after the close does not enter closed minutes.
      await w.changes.approve(first, 'carol');
      await expect(minutes.update(m.id, { attendees: ['carol'], notes: 'rewritten' })).rejects.toThrow(ConflictError);
      await expect(minutes.close(m.id, 'erin')).rejects.toThrow(/closed and cannot change: record a correction/);
      expect(await minutes.get(m.id)).toEqual(closed);
      const correction = await minutes.record(
        { date: MEETING, attendees: ['carol', 'dave'], notes: 'dave attended from 10:30', corrects: m.id },
        'erin',
      );
      expect(correction).toMatchObject({ corrects: m.id, closedAt: null });
      expect(correction.decisions.map((d) => d.by)).toEqual(['dave', 'carol']);
      expect((await minutes.list({ date: MEETING, limit: 10 })).map((x) => x.id)).toEqual([correction.id, m.id]);
      expect(await minutes.list({ date: '2026-11-22', limit: 10 })).toEqual([]);
    });

    it('refuses bad minutes, naming the field', async () => {
      const { minutes } = await world();
      const open = await minutes.record({ date: MEETING, attendees: ['carol'], notes: '' }, 'erin');
      const refused = async (p: () => Promise<unknown>) =>
        p().then(
          () => undefined,
          (e: unknown) => e as InputError,
        );
      const cases: [() => Promise<unknown>, string, RegExp][] = [
        [
          () => minutes.record({ date: '2026-02-30', attendees: ['carol'], notes: '' }, 'erin'),
          'date',
          /must be a date/,
        ],
        [() => minutes.record({ date: MEETING, attendees: [], notes: '' }, 'erin'), 'attendees', /at least one/],
        [
          () => minutes.record({ date: MEETING, attendees: ['carol', 'zed'], notes: '' }, 'erin'),
          'attendees[1]',
          /"zed" is not a person of the change workflow/,
        ],
        [
          () => minutes.record({ date: MEETING, attendees: ['carol'], notes: '', corrects: open.id }, 'erin'),
          'corrects',
          /still open: edit them/,
        ],
        [
          () => minutes.record({ date: MEETING, attendees: ['carol'], notes: '', corrects: 'cab_nope' }, 'erin'),
          'corrects',
          /there are no CAB minutes cab_nope/,
        ],
        [
          () => minutes.record({ date: MEETING, attendees: ['carol'], notes: 'a\u0000b' }, 'erin'),
          'notes',
          /this record of minutes holds text that cannot be stored/,
        ],
      ];
      for (const [attempt, path, message] of cases) {
        const e = await refused(attempt);
        expect(e).toBeInstanceOf(InputError);
        expect(e!.fields?.map((f) => f.path)).toContain(path);
        expect(e!.message).toMatch(message);
      }
      await minutes.close(open.id, 'erin');
      const corrected = await refused(() =>
        minutes.record({ date: '2026-11-21', attendees: ['carol'], notes: '', corrects: open.id }, 'erin'),
      );
      expect(corrected!.message).toMatch(/are of 2026-11-20, not 2026-11-21/);
      await expect(minutes.get('cab_nope')).rejects.toThrow(NotFoundError);
      await expect(minutes.update('cab_nope', { attendees: ['carol'], notes: '' })).rejects.toThrow(NotFoundError);
    });
  });
}
