import { describe, expect, it } from 'vitest';
import { parseYamlText } from './read-input.js';

describe('parseYamlText bounds what a file may expand to', () => {
  it('refuses aliases that expand a small file a hundredfold, in one sentence naming the file', () => {
    const text = `a: &a "${'x'.repeat(100_000)}"\nb: [${Array(99).fill('*a').join(', ')}]\n`;
    expect(() => parseYamlText(text, 'bomb.yaml')).toThrow(/^bomb\.yaml expands to more than 4 times its size/);
  });

  it('refuses a billion-laughs document by its count of aliases', () => {
    const lines = ['a: &a [x]'];
    for (let i = 0; i < 9; i++)
      lines.push(
        `b${i}: &b${i} [${Array(10)
          .fill(i === 0 ? '*a' : `*b${i - 1}`)
          .join(',')}]`,
      );
    expect(() => parseYamlText(lines.join('\n'), 'laughs.yaml')).toThrow(/^laughs\.yaml uses aliases too many times/);
  });

  it('refuses a document nested past the limit, however deep', () => {
    for (const levels of [65, 20_000])
      expect(() => parseYamlText(`${'['.repeat(levels)}1${']'.repeat(levels)}`, 'deep.yaml')).toThrow(/^deep\.yaml /);
  });

  it('reads a document that uses aliases modestly', () => {
    const text = 'defaults: &d {env: production, cpu: 2}\ncis:\n  - {class: server, name: a, attributes: *d}\n';
    expect(parseYamlText(text, 'ok.yaml')).toEqual({
      defaults: { env: 'production', cpu: 2 },
      cis: [{ class: 'server', name: 'a', attributes: { env: 'production', cpu: 2 } }],
    });
  });
});
