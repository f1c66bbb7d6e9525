import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYaml } from './yaml-text.js';

describe('YAML text', () => {
  it('writes an object shared by two items out in full each time, with no anchor or alias', () => {
    const madeIn = { rev: 2, author: 'alice' };
    const data = [
      { ref: 'app/a', madeIn },
      { ref: 'app/b', madeIn },
    ];
    const text = toYaml(data);
    expect(text).not.toMatch(/[&*]a\d/);
    expect(text.match(/author: alice/g)).toHaveLength(2);
    expect(parse(text)).toEqual(data);
  });
});
