import { describe, expect, it } from 'vitest';
import { InputNames } from './input-names.js';

describe('InputNames', () => {
  it('tells a CI named twice, and only CIs as named', () => {
    const n = new InputNames();
    expect(n.addCi('server/a')).toBe(true);
    expect(n.addCi('server/a')).toBe(false);
    expect(n.has('server/a')).toBe(true);
    expect(n.has('server/b')).toBe(false);
  });

  it('tells a relationship given twice apart from one that differs by type, direction or an end', () => {
    const n = new InputNames();
    expect(n.addRelation('runs_on', 'vm/1', 'server/a')).toBe(true);
    expect(n.addRelation('runs_on', 'vm/1', 'server/a')).toBe(false);
    expect(n.addRelation('depends_on', 'vm/1', 'server/a')).toBe(true);
    expect(n.addRelation('runs_on', 'server/a', 'vm/1')).toBe(true);
    expect(n.addRelation('runs_on', 'vm/1', 'server/b')).toBe(true);
    expect(n.hasRelation('runs_on', 'vm/1', 'server/a')).toBe(true);
    expect(n.hasRelation('runs_on', 'vm/1', 'server/c')).toBe(false);
    expect(n.hasRelation('part_of', 'vm/1', 'server/a')).toBe(false);
  });

  it('a relationship end is not a CI the input names until a CI bears it, before or after', () => {
    const n = new InputNames();
    n.addRelation('runs_on', 'vm/1', 'server/a');
    expect(n.has('server/a')).toBe(false);
    expect(n.addCi('server/a')).toBe(true);
    expect(n.has('server/a')).toBe(true);
    expect(n.addCi('server/a')).toBe(false);
    // Its number is unchanged: the relationship recorded before is still found.
    expect(n.hasRelation('runs_on', 'vm/1', 'server/a')).toBe(true);
  });

  it('keeps thousands of relationships apart exactly', () => {
    const n = new InputNames();
    for (let i = 0; i < 3000; i++) expect(n.addRelation('depends_on', `vm/${i}`, `vm/${(i * 7) % 3000}`)).toBe(true);
    for (let i = 0; i < 3000; i++) expect(n.addRelation('depends_on', `vm/${i}`, `vm/${(i * 7) % 3000}`)).toBe(false);
  });

  it('keeps the id of a CI only for a reference the input names, and finds it by that reference', () => {
    const n = new InputNames();
    n.addCi('server/a');
    n.addRelation('runs_on', 'vm/1', 'server/b');
    n.rememberId('server/b', 'ci_b');
    n.rememberId('server/a', 'ci_a');
    n.rememberId('server/z', 'ci_z');
    expect(n.idOf('server/a')).toBe('ci_a');
    expect(n.idOf('server/b')).toBe('ci_b');
    expect(n.idOf('vm/1')).toBeUndefined();
    expect(n.idOf('server/z')).toBeUndefined();
  });
});
