import { describe, expect, it } from 'vitest';
import { parseYamlText } from './read-input.js';

describe('a YAML file Cairn reads whole (apply -f, a mapping, a change)', () => {
  it("says it holds several documents, without naming the parser's functions", () => {
    expect(() => parseYamlText('cis: []\n---\ncis: []\n', 'desired.yaml')).toThrow(
      /^desired\.yaml is not valid YAML.*: it holds several YAML documents \(separated by ---\) where one is expected$/,
    );
    expect(() => parseYamlText('cis: []\n---\ncis: []\n', 'desired.yaml')).not.toThrow(/parseAllDocuments/);
  });
});
