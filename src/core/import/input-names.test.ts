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

  it('tells the ids the import created, and no other', () => {
    const n = new InputNames();
    n.addCi('server/a');
    n.addCi('server/b');
    n.rememberId('server/a', 'ci_a');
    n.rememberId('server/b', 'ci_b');
    // None created yet: every id, known or not, is told not created.
    expect([n.isCreated('ci_a'), n.isCreated('ci_c')]).toEqual([false, false]);
    expect(n.createdAny).toBe(false);
    n.addCreated('ci_a');
    expect(n.createdAny).toBe(true);
    n.addCreated('ci_c');
    expect(n.isCreated('ci_a')).toBe(true);
    expect(n.isCreated('ci_c')).toBe(true);
    expect(n.isCreated('ci_b')).toBe(false);
    expect(n.isCreated('ci_d')).toBe(false);
    expect(n.idOf('server/a')).toBe('ci_a');
  });

  it('keeps 100 000 CIs, their ids and relationships apart exactly, across batches of growth', () => {
    const n = new InputNames();
    const count = 100_000;
    const id = (i: number) => `ci_01J${String(i).padStart(23, '0')}`;
    const all = Array.from({ length: count }, (_, i) => i);
    const target = (i: number) => `server/s${(i * 7) % count}`;
    expect(all.filter((i) => !n.addCi(`server/s${i}`))).toEqual([]);
    // The vms are never borne by a CI.
    expect(all.filter((i) => n.addRelationEnds('runs_on', `vm/v${i}`, target(i)) !== false)).toEqual([]);
    for (const i of all) n.rememberId(`server/s${i}`, id(i));
    for (const i of all) if (i % 2 === 0) n.addCreated(id(i));
    expect(all.filter((i) => n.addCi(`server/s${i}`))).toEqual([]);
    expect(all.filter((i) => n.has(`vm/v${i}`))).toEqual([]);
    expect(all.filter((i) => !n.hasRelation('runs_on', `vm/v${i}`, target(i)))).toEqual([]);
    expect(all.filter((i) => n.hasRelation('runs_on', `vm/v${i}`, target(i + 1)))).toEqual([]);
    expect(all.filter((i) => n.idOf(`server/s${i}`) !== id(i))).toEqual([]);
    expect(all.filter((i) => n.isCreated(id(i)) !== (i % 2 === 0))).toEqual([]);
    // Both ends borne by CIs: told so, however far apart their numbers.
    expect(n.addRelationEnds('depends_on', 'server/s1', `server/s${count - 1}`)).toBe(true);
  });

  it("gives a relationship's end numbers, whose ids are found without the references, and follows a new id", () => {
    const n = new InputNames();
    n.addCi('server/a');
    n.addCi('server/b');
    n.rememberId('server/a', 'ci_a');
    n.rememberId('server/b', 'ci_b');
    const ends = (type: string, from: string, to: string) => {
      n.addRelationEnds(type, from, to);
      return [n.idOfNumber(n.lastEnds[0]), n.idOfNumber(n.lastEnds[1])];
    };
    // One source between its targets, and back: each end keeps its own number.
    expect(ends('runs_on', 'vm/1', 'server/a')).toEqual([undefined, 'ci_a']);
    expect(ends('depends_on', 'vm/1', 'server/b')).toEqual([undefined, 'ci_b']);
    expect(ends('runs_on', 'server/b', 'server/a')).toEqual(['ci_b', 'ci_a']);
    expect(ends('depends_on', 'server/a', 'server/b')).toEqual(['ci_a', 'ci_b']);
    expect(ends('connects_to', 'server/a', 'server/a')).toEqual(['ci_a', 'ci_a']);
    // A reference given another id (its CI replaced) answers the new one, as idOf does.
    n.rememberId('server/a', 'ci_a2');
    expect(ends('part_of', 'server/b', 'server/a')).toEqual(['ci_b', 'ci_a2']);
    expect(n.idOf('server/a')).toBe('ci_a2');
    expect(n.addRelation('runs_on', 'vm/1', 'server/a')).toBe(false);
    expect(n.addRelation('runs_on', 'vm/1', 'server/b')).toBe(true);
  });

  it("keeps a CI's id by the number addCi gave its reference, as by the reference", () => {
    const n = new InputNames();
    n.addCi('server/a');
    const a = n.lastCi;
    n.addCi('server/b');
    n.rememberIdOfNumber(n.lastCi, 'ci_b');
    n.rememberIdOfNumber(a, 'ci_a');
    expect([n.idOf('server/a'), n.idOf('server/b')]).toEqual(['ci_a', 'ci_b']);
    // Its number is the one its relationships' ends get.
    n.addRelationEnds('runs_on', 'server/a', 'server/b');
    expect(n.lastEnds).toEqual([a, n.lastCi]);
    // A repeat gives the same number.
    expect(n.addCi('server/a')).toBe(false);
    expect(n.lastCi).toBe(a);
  });
});
