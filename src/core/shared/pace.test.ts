import { describe, expect, it } from 'vitest';
import { turnsDuring } from '../../../test/helpers/event-loop.js';
import type { FieldError } from './errors.js';
import { bySlices, SLICE } from './pace.js';
import { collectTextProblems, collectTextProblemsPaced } from './well-formed-text.js';

const bigDocument = (size = 5 * SLICE, bad = true) => ({
  cis: Array.from({ length: size }, (_, i) => ({
    class: 'server',
    name: bad && i === 3000 ? 'bad\u0000name' : `s-${i}`,
    attributes: { cpu: bad && i === 1500 ? Number.NaN : 2, tags: ['a', 'b'] },
  })),
});

describe('work a slice at a time', () => {
  it('bySlices gives the results of one go, in order, with each slice’s offset', async () => {
    const items = Array.from({ length: 2500 }, (_, i) => i);
    const offsets: number[] = [];
    const out = await bySlices(items, (slice, offset) => (offsets.push(offset), slice.map((x) => x * 2)));
    expect(out).toEqual(items.map((x) => x * 2));
    expect(offsets).toEqual([0, 1000, 2000]);
  });

  it('the paced text walk finds what the plain one finds, and lets the event loop turn meanwhile', async () => {
    const plain: FieldError[] = [];
    const paced: FieldError[] = [];
    collectTextProblems(bigDocument(), 'body', plain);
    await collectTextProblemsPaced(bigDocument(), 'body', paced);
    expect(paced).toEqual(plain);
    expect(
      await turnsDuring(() => collectTextProblemsPaced(bigDocument(20 * SLICE, false), 'body', [])),
    ).toBeGreaterThan(1);
  });
});
