import { describe, expect, it } from 'vitest';
import { mixedScriptWarning, scriptsOf } from './name-scripts.js';

describe('scriptsOf', () => {
  it.each([
    ['web-01', ['Latin']],
    ['p\u0430ypal', ['Latin', 'Cyrillic']],
    ['\u03b1lpha', ['Greek', 'Latin']],
    ['сервер-1', ['Cyrillic']],
    ['東京サーバー', ['CJK']],
    ['db-42_x.y', ['Latin']],
    ['123', []],
  ])('%s', (name, scripts) => expect(scriptsOf(name)).toEqual(scripts));
});

describe('mixedScriptWarning', () => {
  it('names the CI and the scripts', () => {
    expect(mixedScriptWarning('server/p\u0430ypal', 'p\u0430ypal')).toBe(
      'server/p\u0430ypal: the name mixes Latin and Cyrillic letters, so it can be mistaken for another name',
    );
    expect(mixedScriptWarning('server/web', 'web')).toBeUndefined();
  });
});
