import { afterAll, describe, expect, it } from 'vitest';
import { CalendarFeedService } from '../../src/core/auth/calendar-feed.service.js';
import type { Principal } from '../../src/core/auth/permissions.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { ulidIds } from '../../src/core/shared/ids.js';
import { storeRepositories } from '../../src/store/store-repositories.js';
import { engines } from '../helpers/engines.js';

const alice: Principal = { name: 'alice', kind: 'user', roles: ['viewer'] };

for (const harness of engines()) {
  describe(`calendar feed secrets in the database on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function feedsOn() {
      const store = await harness.newStore();
      const repositories = storeRepositories(store, { clock: systemClock, ids: ulidIds() });
      const auth = repositories.auth();
      await auth.insertUser({
        username: 'alice',
        passwordHash: '',
        roles: ['viewer'],
        createdAt: new Date().toISOString(),
        disabled: false,
        source: 'local',
        subject: null,
        providerRoles: [],
        lastSignInAt: null,
      });
      return { auth, feeds: new CalendarFeedService({ store: auth, clock: systemClock }) };
    }

    it('keeps only a hash, one feed per user: rotating replaces the row and the old secret stops working', async () => {
      const { auth, feeds } = await feedsOn();
      const first = await feeds.create(alice);
      const stored = await auth.calendarFeedOf('alice');
      expect(stored?.secretHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(first.secret.slice(13));
      expect((await feeds.reader(first.secret)).name).toBe('alice');

      const second = await feeds.create(alice);
      expect(await auth.findCalendarFeed(first.secret.slice(0, 12))).toBeUndefined();
      await expect(feeds.reader(first.secret)).rejects.toMatchObject({ code: 'CALENDAR_FEED_NOT_FOUND' });
      expect((await feeds.reader(second.secret)).name).toBe('alice');
      expect(await feeds.status(alice)).toEqual({ active: true, createdAt: second.createdAt });
    });

    it('revokes: the row is gone, the secret refused, a second revoke is not found', async () => {
      const { auth, feeds } = await feedsOn();
      const made = await feeds.create(alice);
      await feeds.revoke(alice);
      expect(await auth.calendarFeedOf('alice')).toBeUndefined();
      await expect(feeds.reader(made.secret)).rejects.toMatchObject({ code: 'CALENDAR_FEED_NOT_FOUND' });
      await expect(feeds.revoke(alice)).rejects.toMatchObject({ code: 'CALENDAR_FEED_NOT_FOUND' });
      expect(await feeds.status(alice)).toEqual({ active: false, createdAt: null });
    });
  });
}
