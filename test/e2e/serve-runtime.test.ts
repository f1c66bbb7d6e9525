import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/api/demo-estate.js';
import { startServeProcess } from '../helpers/serve-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cairn-runtime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * `cairn serve` turns V8's allocation-site pretenuring off before it serves (app/serving-runtime.ts).
 * V8 traces each collection (`--trace-gc`, stamped with the milliseconds since the process began)
 * and, while pretenuring is on, the allocation sites it weighed at that collection
 * (`--trace-pretenuring-statistics`, printed just before the collection's own line), both on its
 * own standard output, in order. A young generation of 1 MiB makes the requests below collect
 * often; with pretenuring on, the sites of the code they run first are weighed at those
 * collections.
 */
describe('cairn serve', () => {
  it('makes no pretenuring decision while it serves', async () => {
    const spawnedAt = performance.now();
    const server = await startServeProcess(
      join(dir, 'cairn.db'),
      ['--demo', '--log-level', 'silent'],
      ['--trace-gc', '--trace-pretenuring-statistics', '--max-semi-space-size=1'],
    );
    // By the clock of this process, which spawned it: no later than the server was ready.
    const ready = performance.now() - spawnedAt;
    try {
      const login = await fetch(`${server.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'frank', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = /cairn_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
      for (let k = 0; k < 300; k++) {
        const res = await fetch(`${server.url}/api/v1/${k % 2 ? 'cis?limit=100' : 'diff?from=1'}`, {
          headers: { cookie },
        });
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
    } finally {
      // A clean exit flushes V8's buffered trace.
      await server.stop();
    }
    // Each collection once it was serving, with how many pretenuring lines came before it. Start-up
    // traces sites before the setting is made; a collection stamped later than `ready` came after it.
    const whileServing: { at: number; pretenuringLines: number }[] = [];
    let pretenuringLines = 0;
    for (const line of server.logs().split('\n')) {
      if (line.includes('pretenuring:')) pretenuringLines++;
      const stamp = /\s(\d+) ms: (?:Scavenge|Mark-Compact)/.exec(line);
      if (!stamp) continue;
      if (Number(stamp[1]) > ready) whileServing.push({ at: Number(stamp[1]), pretenuringLines });
      pretenuringLines = 0;
    }
    expect(whileServing.length).toBeGreaterThanOrEqual(10);
    expect(whileServing.filter((c) => c.pretenuringLines > 0)).toEqual([]);
  }, 90_000);
});
