import { describe, expect, it } from 'vitest';
import { NotAllowedError } from '../shared/errors.js';
import { changeControlRefusal, isUnderControl } from './control.js';

const policy = { control: { environments: ['production', 'dr'] } };

describe('isUnderControl', () => {
  it.each([
    [true, { environment: 'production' }, true],
    [true, { environment: 'PRODUCTION' }, true],
    [true, { environment: 'dr' }, true],
    [true, { environment: 'test' }, false],
    [true, {}, false],
    [true, { environment: 3 }, false],
    [false, { environment: 'production' }, false],
  ] as const)('class controlled %s, %j → %s', (cls, attributes, expected) => {
    expect(isUnderControl(policy, cls, attributes)).toBe(expected);
  });
});

describe('changeControlRefusal', () => {
  it('names the CIs and says how to proceed', () => {
    const e = changeControlRefusal(['server/web-01']);
    expect(e).toBeInstanceOf(NotAllowedError);
    expect(e.code).toBe('CHANGE_CONTROL');
    expect(e.message).toBe(
      'server/web-01 is under change control: open a change with `cairn change create`, or write anyway with --emergency --reason "…" (recorded as an unauthorized change).',
    );
    expect(changeControlRefusal(['a/1', 'a/2', 'a/3', 'a/4', 'a/5', 'a/6', 'a/7']).message).toMatch(
      /^a\/1, a\/2, a\/3, a\/4, a\/5 and 2 more are under change control/,
    );
  });
});
