import { describe, expect, it } from 'vitest';
import { outcomeText } from './write-summary.js';

const counts = { added: 0, modified: 0, removed: 0 };

describe('outcomeText', () => {
  it('prints a write’s warnings after its summary, one a line', () => {
    const outcome = {
      revision: 12,
      hash: 'h',
      cis: { ...counts, added: 1 },
      relations: counts,
      classes: 0,
      warnings: ['software/pаypal: the name mixes Latin and Cyrillic letters, so it can be mistaken for another name'],
    };
    expect(outcomeText(outcome)).toBe(
      'Revision 12: CIs 1 added.\nwarning: software/pаypal: the name mixes Latin and Cyrillic letters, so it can be mistaken for another name',
    );
  });

  it('prints one line when there is nothing to warn about', () => {
    expect(outcomeText({ revision: null, hash: null, cis: counts, relations: counts, classes: 0 })).toBe(
      'No changes: nothing written.',
    );
  });
});
