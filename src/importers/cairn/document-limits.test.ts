import { describe, expect, it } from 'vitest';
import { readCairnDocument } from './document.importer.js';

describe('a Cairn YAML document is bounded like any YAML the CLI reads', () => {
  it('reports a file its aliases expand a hundredfold, and reads none of its records', () => {
    const text = `x: &a "${'x'.repeat(100_000)}"\ncis:\n${Array.from({ length: 99 }, (_, i) => `  - {class: software, name: s${i}, attributes: {blob: *a}}`).join('\n')}\n`;
    const batch = readCairnDocument({ path: 'bomb.yaml', text }, 'yaml');
    expect(batch.cis).toEqual([]);
    expect(batch.issues).toEqual([
      { file: 'bomb.yaml', message: expect.stringMatching(/^expands to more than 4 times/) },
    ]);
  });

  it('reads a document that uses aliases modestly', () => {
    const text =
      'cis:\n  - {class: software, name: a, attributes: &d {tier: gold}}\n  - {class: software, name: b, attributes: *d}\n';
    expect(readCairnDocument({ path: 'ok.yaml', text }, 'yaml').cis).toHaveLength(2);
  });
});
