import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateAnchorKey, publicKeyOf, signatureProblem, type Checkpoint } from '../core/audit/anchor.js';
import type { Revision } from '../core/revision/revision.types.js';
import { loadServerConfig } from '../config.js';
import { startAnchoring } from './anchor-schedule.js';

const dir = mkdtempSync(join(tmpdir(), 'cairn-anchor-schedule-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scheduled anchoring (server mode)', () => {
  it('anchors the head at start, signed with the configured key, to the configured file', async () => {
    const key = generateAnchorKey();
    writeFileSync(join(dir, 'k'), key.privateKey);
    const head = { rev: 7, hash: 'a'.repeat(64) } as Revision;
    const errors: unknown[] = [];
    const schedule = await startAnchoring({
      keyFile: join(dir, 'k'),
      to: [join(dir, 'anchors.jsonl')],
      intervalS: 3600,
      head: async () => head,
      now: () => '2026-12-04T16:00:00.000Z',
      onError: (e) => errors.push(e),
    });
    await schedule.first;
    schedule.stop();
    expect(errors).toEqual([]);
    const cp = JSON.parse(readFileSync(join(dir, 'anchors.jsonl'), 'utf8')) as Checkpoint;
    expect(cp).toMatchObject({ v: 1, rev: 7, hash: head.hash, at: '2026-12-04T16:00:00.000Z' });
    expect(signatureProblem(cp, publicKeyOf(key.publicKey))).toBeUndefined();
  });

  it('refuses to start with a key that is not an Ed25519 private key', async () => {
    writeFileSync(join(dir, 'bad'), 'not a key');
    const start = startAnchoring({
      keyFile: join(dir, 'bad'),
      to: [join(dir, 'x.jsonl')],
      intervalS: 60,
      head: async () => undefined,
      now: () => '2026-12-04T16:00:00.000Z',
      onError: () => undefined,
    });
    await expect(start).rejects.toMatchObject({ code: 'ANCHOR_KEY_INVALID' });
  });

  it('is configured by CAIRN_ANCHOR_KEY and CAIRN_ANCHOR_TO, hourly by default; a key without a target is refused', () => {
    expect(loadServerConfig({}, {})).not.toHaveProperty('anchorKey');
    expect(
      loadServerConfig({}, { CAIRN_ANCHOR_KEY: '/k', CAIRN_ANCHOR_TO: '/a.jsonl, https://x.example/hook' }),
    ).toMatchObject({
      anchorKey: '/k',
      anchorTo: ['/a.jsonl', 'https://x.example/hook'],
      anchorIntervalS: 3600,
    });
    expect(() => loadServerConfig({}, { CAIRN_ANCHOR_KEY: '/k' })).toThrow(
      /anchorTo \(CAIRN_ANCHOR_TO\) names no file or URL/,
    );
    expect(() =>
      loadServerConfig({}, { CAIRN_ANCHOR_KEY: '/k', CAIRN_ANCHOR_TO: '/a', CAIRN_ANCHOR_INTERVAL_S: 'often' }),
    ).toThrow(/CAIRN_ANCHOR_INTERVAL_S: "often" is not a number of seconds/);
  });
});
