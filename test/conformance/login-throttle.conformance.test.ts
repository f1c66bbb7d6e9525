import { afterAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, LoginThrottle } from '../../src/core/auth/login-throttle.js';
import type { Clock } from '../../src/core/shared/clock.js';
import { ulidIds } from '../../src/core/shared/ids.js';
import { openStore } from '../../src/store/connect.js';
import { storeRepositories } from '../../src/store/store-repositories.js';
import { engines } from '../helpers/engines.js';

/** A clock the test moves by hand. */
function handClock(iso: string): Clock & { advance(ms: number): void } {
  let t = Date.parse(iso);
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

const fail = () => Promise.reject(new Error('the username or password is wrong'));

for (const harness of engines()) {
  describe(`sign-in throttling in the database on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function throttleOn(url?: string, clock = handClock('2026-01-01T00:00:00Z')) {
      const store = url ? await openStore(url) : await harness.newStore();
      const ids = ulidIds();
      const throttle = new LoginThrottle({
        store: storeRepositories(store, { clock, ids }).loginAttempts(),
        clock,
        ids,
      });
      return { store, throttle, clock };
    }

    it('throttles one address trying 30 usernames after the address limit, and no other address', async () => {
      const { throttle } = await throttleOn();
      const outcomes: string[] = [];
      for (let i = 0; i < 30; i++) {
        const r = await throttle.attempt(`user${i}`, '203.0.113.9', fail).catch(() => 'failed' as const);
        outcomes.push(r === 'failed' ? r : r.ok ? 'ok' : r.throttled.limit);
      }
      expect(outcomes.filter((o) => o === 'failed')).toHaveLength(LOGIN_LIMITS.perAddress);
      expect(outcomes.slice(LOGIN_LIMITS.perAddress)).toEqual(Array(30 - LOGIN_LIMITS.perAddress).fill('address'));
      expect(await throttle.attempt('user0', '198.51.100.1', async () => 'session')).toEqual({
        ok: true,
        value: 'session',
      });
    });

    it('lets no more than the limit through when attempts race, and a success clears its own failures', async () => {
      const { throttle, clock } = await throttleOn();
      let checked = 0;
      // Every password check waits until all twelve attempts were stored, so they truly overlap.
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const racing = Array.from({ length: 12 }, () =>
        throttle
          .attempt('bob', '192.0.2.1', async () => {
            checked++;
            await gate;
            throw new Error('wrong');
          })
          .catch(() => undefined),
      );
      setTimeout(release, 50);
      await Promise.all(racing);
      // Racing attempts may all be refused (each counts the others as pending), never too many let through.
      expect(checked).toBeLessThanOrEqual(LOGIN_LIMITS.perAccountFromAddress);
      // One after another, passwords are checked until exactly the limit, then refused.
      let refused;
      for (;;) {
        refused = await throttle
          .attempt('bob', '192.0.2.1', () => {
            checked++;
            return fail();
          })
          .catch(() => undefined);
        if (refused) break;
      }
      expect(checked).toBe(LOGIN_LIMITS.perAccountFromAddress);
      expect(refused).toMatchObject({ ok: false, throttled: { limit: 'account', retryAfterSeconds: 900 } });
      clock.advance(LOGIN_LIMITS.windowMs);
      expect(await throttle.attempt('Bob', '192.0.2.1', async () => 'session')).toMatchObject({ ok: true });
      // Four typos, then the right password: the typos are forgotten, so five more tries are allowed.
      const failOnce = () =>
        throttle.attempt('bob', '192.0.2.1', fail).then(
          () => 'allowed',
          () => 'failed',
        );
      for (let i = 0; i < LOGIN_LIMITS.perAccountFromAddress - 1; i++) expect(await failOnce()).toBe('failed');
      expect(await throttle.attempt('bob', '192.0.2.1', async () => 'session')).toMatchObject({ ok: true });
      for (let i = 0; i < LOGIN_LIMITS.perAccountFromAddress; i++) expect(await failOnce()).toBe('failed');
      expect(await throttle.attempt('bob', '192.0.2.1', fail)).toMatchObject({ ok: false });
    });

    // Two pools on one SQLite file in one thread would wait on each other's locks; processes share
    // a SQLite file's count the same way, through the file.
    if (harness.engine === 'postgres')
      it('is one count for two processes on one database', async () => {
        const url = await harness.newDatabaseUrl();
        const clock = handClock('2026-01-01T00:00:00Z');
        const a = await throttleOn(url, clock);
        const b = await throttleOn(url, clock);
        try {
          for (let i = 0; i < LOGIN_LIMITS.perAccountFromAddress; i++) {
            const server = i % 2 === 0 ? a : b;
            await server.throttle.attempt('carol', '192.0.2.5', fail).catch(() => undefined);
          }
          expect(await a.throttle.attempt('carol', '192.0.2.5', fail)).toMatchObject({ ok: false });
          expect(await b.throttle.attempt('carol', '192.0.2.5', fail)).toMatchObject({ ok: false });
        } finally {
          await a.store.close();
          await b.store.close();
        }
      });
  });
}
