import { describe, expect, it } from 'vitest';
import { InventoryBuilder } from './inventory-builder.js';

describe('InventoryBuilder', () => {
  it('merges repeated CIs, de-duplicates relationships and keeps those to CIs outside the input', () => {
    const b = new InventoryBuilder('test');
    const at = { file: 'f', location: 'line 1' };
    b.addCi({ class: 'server', name: 'a', attributes: { os: 'x', gone: undefined, bad: 'n\u0000ul' } }, at);
    b.addCi({ class: 'server', name: 'a', attributes: { cpu: 2 }, labels: { team: 'web' } }, at);
    b.addCi({ class: 'gadget', name: 'g' }, at);
    b.addRelation({ type: 'depends_on', from: 'server/a', to: 'gadget/g' }, at);
    b.addRelation({ type: 'depends_on', from: 'server/a', to: 'gadget/g', attributes: { port: 1 } }, at);
    b.addRelation({ type: 'depends_on', from: 'server/a', to: 'server/zz' }, { file: 'f', location: 'line 9' });
    const { state, issues } = b.build();
    expect(state.cis).toEqual([
      { class: 'server', name: 'a', attributes: { os: 'x', bad: 'nul', cpu: 2 }, labels: { team: 'web' } },
      { class: 'gadget', name: 'g' },
    ]);
    expect(state.relations).toEqual([
      { type: 'depends_on', from: 'server/a', to: 'gadget/g', attributes: { port: 1 } },
      { type: 'depends_on', from: 'server/a', to: 'server/zz' },
    ]);
    expect(b.build().positions?.relations[1]).toEqual({ file: 'f', location: 'line 9' });
    expect(state.classes).toEqual([
      { name: 'gadget', description: 'Created by the test importer.', attributes: { type: 'object' } },
    ]);
    expect(issues).toEqual([]);
  });

  it('refuses a relationship to a CI it refused, and notes skipped objects apart from issues', () => {
    const b = new InventoryBuilder('test');
    b.addCi({ class: 'server', name: 'a' }, { file: 'f' });
    b.addCi({ class: 'server', name: 'x'.repeat(256) }, { file: 'f', location: 'line 2' });
    b.addRelation(
      { type: 'depends_on', from: 'server/a', to: `server/${'x'.repeat(256)}` },
      { file: 'f', location: 'line 3' },
    );
    b.skipNonInventory({ file: 'f', location: 'line 4' }, 'a Template is not inventory');
    const result = b.build();
    expect(result.state.relations).toEqual([]);
    expect(result.issues.map((i) => i.location)).toEqual(['line 2', 'line 3']);
    expect(result.issues[1]!.message).toMatch(/is a bad record$/);
    expect(result.skipped).toEqual([{ file: 'f', location: 'line 4', message: 'a Template is not inventory' }]);
  });

  it('rejects empty and over-long names, and reports repeats when asked', () => {
    const b = new InventoryBuilder('test');
    expect(b.addCi({ class: 'server', name: ' ' }, { file: 'f' })).toBeUndefined();
    expect(b.addCi({ class: 'server', name: 'x'.repeat(256) }, { file: 'f' })).toBeUndefined();
    expect(b.addCi({ class: 'server', name: 'a' }, { file: 'f', location: 'line 2' }, 'report')).toBe('server/a');
    expect(b.addCi({ class: 'server', name: 'a' }, { file: 'f', location: 'line 3' }, 'report')).toBeUndefined();
    expect(b.build().issues.map((i) => i.message)).toEqual([
      'a server has no name',
      expect.stringContaining('longer than 255 characters'),
      'server/a is defined twice; the first definition, in f (line 2), is kept',
    ]);
  });
});
