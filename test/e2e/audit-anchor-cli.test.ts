import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cairn } from '../helpers/cli.js';

// Issue 12, finding 6, as a user runs it: a key, a checkpoint appended to a file, then verify
// --anchors holds the database to it, and names the anchored revision once it is removed.
describe('cairn audit anchor on a SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-anchor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const at = (f: string) => join(dir, f);
  const run = (...args: string[]) => cairn([...args, '--db', at('cairn.db')]);

  it('anchors the head to a file and proves it was not removed', async () => {
    expect((await run('init')).code).toBe(0);
    writeFileSync(at('estate.yaml'), 'cis:\n  - { class: rack, name: r1, attributes: { u_height: 42 } }\n');
    expect((await run('apply', '-f', at('estate.yaml'))).code).toBe(0);

    const key = await cairn(['audit', 'anchor-key', at('anchor.key')]);
    expect(key).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Wrote the private key to /) });
    expect(statSync(at('anchor.key')).mode & 0o777).toBe(0o600);
    expect((await cairn(['audit', 'anchor-key', at('anchor.key')])).stderr).toMatch(/already exists/);

    const anchor = await run('audit', 'anchor', '--key', at('anchor.key'), '--to', at('anchors.jsonl'));
    expect(anchor).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Anchored revision 2 /) });
    expect(JSON.parse(readFileSync(at('anchors.jsonl'), 'utf8'))).toMatchObject({ v: 1, rev: 2 });

    const ok = await run('audit', 'verify', '--anchors', at('anchors.jsonl'), '--key', at('anchor.key.pub'));
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/OK: 1 checkpoint in .* hold/) });

    // A newer database without revision 2 (a restore of an older backup, or a clean removal).
    rmSync(at('cairn.db'));
    expect((await run('init')).code).toBe(0);
    const gone = await run('audit', 'verify', '--anchors', at('anchors.jsonl'), '--key', at('anchor.key.pub'));
    expect(gone.code).toBe(1);
    expect(gone.stdout).toMatch(/FAILED: .*anchors.jsonl, line 1 \(revision 2\): anchored revision 2 .* is gone/);
    // Eight CLI processes in a row: a budget for a loaded machine, not a timed assertion.
  }, 180_000);
});
