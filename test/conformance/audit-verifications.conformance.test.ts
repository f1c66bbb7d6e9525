import { afterAll, describe, expect, it } from 'vitest';
import type { VerificationRecord } from '../../src/core/audit/verification-log.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { ulidIds } from '../../src/core/shared/ids.js';
import { storeRepositories } from '../../src/store/store-repositories.js';
import { engines } from '../helpers/engines.js';

const record = (id: string, at: string, extra: Partial<VerificationRecord> = {}): VerificationRecord => ({
  id,
  at,
  by: 'grace',
  ok: true,
  revisions: 4,
  firstBad: null,
  problemCount: 0,
  ...extra,
});

for (const harness of engines()) {
  describe(`the audit verification log on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('keeps each verification as recorded and reads the newest first, at most the limit', async () => {
      const store = await harness.newStore();
      const log = storeRepositories(store, {
        clock: fixedClock('2026-12-01T00:00:00Z'),
        ids: ulidIds(),
      }).auditVerifications();
      expect(await log.recent(10)).toEqual([]);
      const failed = record('aud_2', '2026-12-02T10:00:00.000Z', {
        by: 'admin',
        ok: false,
        revisions: 9,
        firstBad: { rev: 7, reason: 'its content does not match its hash' },
        problemCount: 3,
      });
      await log.insert(record('aud_1', '2026-12-01T10:00:00.000Z'));
      await log.insert(failed);
      await log.insert(record('aud_3', '2026-12-03T10:00:00.000Z'));
      expect((await log.recent(10)).map((r) => r.id)).toEqual(['aud_3', 'aud_2', 'aud_1']);
      expect(await log.recent(2)).toHaveLength(2);
      expect((await log.recent(10))[1]).toEqual(failed);
      await store.close();
    });
  });
}
