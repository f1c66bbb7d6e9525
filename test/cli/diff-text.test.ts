import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cairnInProcess } from '../helpers/cli.js';

/** `cairn diff` as text: what changed, said in words, each line with the revision that made it. */
describe('cairn diff in text', () => {
  let dir: string;
  const run = (...args: string[]) => cairnInProcess(['--db', join(dir, 'cairn.db'), '--author', 'alice', ...args]);
  const apply = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return run('apply', '-f', path, '-m', name);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-diff-text-'));
    expect((await run('init')).code).toBe(0);
    await apply(
      'one.yaml',
      'cis:\n  - { class: server, name: web-01, attributes: { os: debian-12, cpu: 2, environment: staging } }\n',
    ); // 2
    await apply(
      'two.yaml',
      'cis:\n  - { class: server, name: web-01, attributes: { os: null, cpu: 4, memory_gb: 16 } }\n',
    ); // 3
    await apply(
      'three.yaml',
      'cis:\n  - { class: server, name: web-02, attributes: { cpu: 2, environment: staging } }\n',
    ); // 4
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says a removed attribute is removed (no null) and an added one was not set, with the revision of each line', async () => {
    const { code, out } = await run('diff', '2');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('Changes from revision 2 to 4:');
    expect(lines.slice(1).map((l) => l.replace(/ {2,}/g, ' | '))).toEqual([
      '+ server/web-02 | rev 4',
      '~ server/web-01',
      ' | attributes.cpu: 2 → 4 | rev 3',
      ' | attributes.memory_gb: (not set) → 16 | rev 3',
      ' | attributes.os: debian-12 → (removed) | rev 3',
    ]);
    expect(out).not.toMatch(/null|∅/);
  });

  it('gives the same lines as JSON, each with the revision, its author and change', async () => {
    const json = JSON.parse((await run('-o', 'json', 'diff', '2')).out) as {
      modified: { changes: { path: string; change: string; madeIn: unknown }[] }[];
    };
    expect(json.modified[0]!.changes.find((c) => c.path === 'attributes.os')).toMatchObject({
      change: 'removed',
      madeIn: { rev: 3, author: 'alice', change: null, backoutOf: null },
    });
  });
});
