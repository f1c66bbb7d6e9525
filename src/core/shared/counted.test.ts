import { describe, expect, it } from 'vitest';
import { counted } from './counted.js';

describe('counted', () => {
  it('agrees the noun with the number, with an irregular plural when given', () => {
    expect(counted(1, 'change')).toBe('1 change');
    expect(counted(0, 'change')).toBe('0 changes');
    expect(counted(2, 'change')).toBe('2 changes');
    expect(counted(3, 'person', 'people')).toBe('3 people');
  });
});
