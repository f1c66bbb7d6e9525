import { describe, expect, it } from 'vitest';
import { CurrentCiViews } from './current-ci-views.js';

/** A stamp the test moves by hand, as a commit moves the store's. */
function stamped() {
  const clock: { stamp: number | undefined } = { stamp: 1 };
  return { clock, views: (capacity?: number) => new CurrentCiViews(() => clock.stamp, capacity) };
}

const answer = (json: string) => ({ etag: '"7"', json });

describe('CurrentCiViews', () => {
  it('serves an answer kept at the same stamp', () => {
    const { views } = stamped();
    const v = views();
    const first = v.lookUp('server/web-01');
    expect(first.answer).toBeUndefined();
    v.keep('server/web-01', first.stamp, answer('{"a":1}'));
    expect(v.lookUp('server/web-01').answer).toEqual(answer('{"a":1}'));
    expect(v.lookUp('server/web-02').answer).toBeUndefined();
  });

  it('lets every answer go once the stamp moves', () => {
    const { clock, views } = stamped();
    const v = views();
    v.keep('server/web-01', v.lookUp('server/web-01').stamp, answer('{"a":1}'));
    clock.stamp = 2;
    expect(v.lookUp('server/web-01').answer).toBeUndefined();
    clock.stamp = 1;
    // Back to a stamp seen before: still nothing, the answers were let go.
    expect(v.lookUp('server/web-01').answer).toBeUndefined();
  });

  it('never serves an answer read across a commit, nor where there is no stamp', () => {
    const { clock, views } = stamped();
    const v = views();
    const { stamp } = v.lookUp('server/web-01');
    clock.stamp = 2; // a commit between the look-up and the read
    v.keep('server/web-01', stamp, answer('{"old":1}'));
    expect(v.lookUp('server/web-01').answer).toBeUndefined();

    clock.stamp = undefined; // a write open on the connection, or a store that cannot tell
    const none = v.lookUp('server/web-01');
    expect(none.stamp).toBeUndefined();
    v.keep('server/web-01', none.stamp, answer('{"a":1}'));
    expect(v.lookUp('server/web-01').answer).toBeUndefined();
  });

  it('holds at most its capacity, the oldest let go first', () => {
    const { views } = stamped();
    const v = views(2);
    for (const name of ['a', 'b', 'c']) v.keep(`server/${name}`, v.lookUp(`server/${name}`).stamp, answer(name));
    expect(v.lookUp('server/a').answer).toBeUndefined();
    expect(v.lookUp('server/b').answer?.json).toBe('b');
    expect(v.lookUp('server/c').answer?.json).toBe('c');
    // Kept again under a key it holds: nothing else goes.
    v.keep('server/c', v.lookUp('server/c').stamp, answer('c2'));
    expect(v.lookUp('server/b').answer?.json).toBe('b');
    expect(v.lookUp('server/c').answer?.json).toBe('c2');
  });
});
