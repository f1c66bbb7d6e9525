import { describe, expect, it } from 'vitest';
import { turnsDuring } from '../../../test/helpers/event-loop.js';
import type { FieldError } from '../shared/errors.js';
import { SLICE } from '../shared/pace.js';
import { checkDocumentShape, checkDocumentShapePaced } from './desired-state-input.js';

const bigDocument = (bad: boolean) => ({
  cis: Array.from({ length: 5 * SLICE }, (_, i) => ({
    class: 'server',
    name: bad && i === 3000 ? 'bad\u0000name' : `s-${i}`,
    attributes: { cpu: bad && i === 1500 ? Number.NaN : 2, tags: ['a', 'b'] },
  })),
});

describe('the paced document check', () => {
  it('finds what the plain one finds, and lets the event loop turn meanwhile', async () => {
    const plain: FieldError[] = [];
    const paced: FieldError[] = [];
    const doc = bigDocument(true);
    expect(await checkDocumentShapePaced(doc, paced)).toEqual(checkDocumentShape(doc, plain));
    expect(paced).toEqual(plain);
    expect(paced.map((e) => e.path)).toContain('cis[3000].name');
    expect(await turnsDuring(() => checkDocumentShapePaced(bigDocument(false), []))).toBeGreaterThan(4);
  });
});
