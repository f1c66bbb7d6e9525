import { describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, throttleVerdict, type LoginAttempt } from './login-throttle.js';

const now = new Date('2026-01-01T00:15:00.000Z');
let n = 0;
/** An attempt `ago` ms before now. */
const attempt = (username: string, address: string, ago = 0): LoginAttempt => ({
  id: `lgn_${++n}`,
  username,
  address,
  at: new Date(now.getTime() - ago).toISOString(),
});
const times = <T>(k: number, make: (i: number) => T): T[] => Array.from({ length: k }, (_, i) => make(i));

describe('throttleVerdict', () => {
  it('allows the fifth attempt of an account from one address and refuses the sixth until the first leaves the window', () => {
    const earlier = times(4, (i) => attempt('bob', '10.0.0.1', 60_000 * (10 - i)));
    const fifth = attempt('bob', '10.0.0.1');
    expect(throttleVerdict(fifth, [...earlier, fifth], now)).toBeNull();
    const sixth = attempt('bob', '10.0.0.1');
    // The first of the five left 10 minutes ago: it leaves the 15-minute window in 5 minutes.
    expect(throttleVerdict(sixth, [...earlier, fifth, sixth], now)).toEqual({
      limit: 'account',
      retryAfterSeconds: 300,
    });
  });

  it('counts an account across addresses up to its own limit', () => {
    const spread = times(LOGIN_LIMITS.perAccount, (i) => attempt('bob', `10.0.1.${i}`, 1_000));
    const next = attempt('bob', '10.0.9.9');
    expect(throttleVerdict(next, [...spread, next], now)).toMatchObject({ limit: 'account' });
    expect(throttleVerdict(spread[0]!, spread, now)).toBeNull();
  });

  it('refuses one address trying many usernames, once past the address limit', () => {
    const many = times(LOGIN_LIMITS.perAddress, (i) => attempt(`user${i}`, '10.0.0.7', 1_000));
    const next = attempt('user-new', '10.0.0.7');
    expect(throttleVerdict(next, [...many, next], now)).toEqual({ limit: 'address', retryAfterSeconds: 899 });
    const elsewhere = attempt('user-new', '10.0.0.8');
    expect(throttleVerdict(elsewhere, [...many, elsewhere], now)).toBeNull();
  });

  it('ignores attempts older than the window', () => {
    const old = times(30, () => attempt('bob', '10.0.0.1', LOGIN_LIMITS.windowMs));
    const next = attempt('bob', '10.0.0.1');
    expect(throttleVerdict(next, [...old, next], now)).toBeNull();
  });
});
