import { describe, expect, it } from 'vitest';
import type { UnauthorizedRecord } from '../change/change.port.js';
import type { Deployment } from '../release/deployment.types.js';
import type { MadeIn } from '../revision/diff.js';
import type { Revision } from '../revision/revision.types.js';
import { configurationAuditReport, explainRevision } from './configuration-audit.js';

const madeIn = (extra: Partial<MadeIn> = {}): MadeIn => ({
  rev: 7,
  at: '2026-12-01T10:00:00.000Z',
  author: 'rita',
  change: null,
  backoutOf: null,
  ...extra,
});

const deployment: Deployment = {
  id: 'dep_1',
  service: 'application/shop',
  version: '1.2.0',
  environment: 'staging',
  kind: 'promotion',
  state: 'succeeded',
  by: 'token:ci',
  pipeline: null,
  startedAt: '2026-12-01T09:59:00.000Z',
  finishedAt: '2026-12-01T10:00:00.000Z',
  change: null,
  revision: 7,
  emergency: null,
  rollbackOf: null,
  gates: [],
  note: null,
};

const emergency = (retrospectiveChange: string | null): UnauthorizedRecord => ({
  id: 1,
  revision: 7,
  author: 'olga',
  reason: 'load spike',
  at: '2026-12-01T10:00:00.000Z',
  cis: ['server/web-01'],
  retrospectiveChange,
  attachedBy: retrospectiveChange ? 'erin' : null,
  attachedAt: retrospectiveChange ? '2026-12-02T10:00:00.000Z' : null,
});

describe('what explains a revision in a configuration audit', () => {
  it.each([
    [
      'an implemented change',
      madeIn({ change: 'CHG-4' }),
      undefined,
      undefined,
      'CHG-4',
      null,
      'implements CHG-4',
      false,
    ],
    [
      'a change deploying a release',
      madeIn({ change: 'CHG-4' }),
      { ...deployment, change: 'CHG-4' },
      undefined,
      'CHG-4',
      'application/shop 1.2.0 → staging',
      'implements CHG-4, deploying application/shop 1.2.0 → staging (dep_1)',
      false,
    ],
    ['a backout', madeIn({ backoutOf: 'CHG-3' }), undefined, undefined, 'CHG-3', null, 'backs out CHG-3', false],
    [
      'a release deployed where no change is needed',
      madeIn(),
      deployment,
      undefined,
      null,
      'application/shop 1.2.0 → staging',
      'deploys release application/shop 1.2.0 → staging (dep_1) by token:ci',
      false,
    ],
    [
      'an emergency write authorized afterwards',
      madeIn(),
      undefined,
      emergency('CHG-9'),
      'CHG-9',
      null,
      'emergency write ("load spike"), authorized afterwards by CHG-9',
      false,
    ],
    [
      'an emergency write never authorized',
      madeIn(),
      undefined,
      emergency(null),
      null,
      null,
      'emergency write ("load spike") with no retrospective change attached',
      true,
    ],
    ['a direct write', madeIn(), undefined, undefined, null, null, 'no change or release explains it', true],
  ])('%s', (_name, m, dep, u, change, release, explanation, flagged) => {
    expect(explainRevision(m, dep, u)).toEqual({
      change,
      release,
      deployment: dep?.id ?? null,
      explanation,
      flagged,
    });
  });
});

const revision = (rev: number, extra: Partial<Revision> = {}): Revision => ({
  rev,
  parentRev: rev - 1,
  at: '2026-12-01T10:00:00.000Z',
  author: 'rita',
  message: 'direct',
  source: 'cli',
  changeId: null,
  backoutOf: null,
  hash: 'h',
  prevHash: 'p',
  ...extra,
});

describe('the configuration audit report', () => {
  it('gives a row per changed field, added and removed item, CIs then relationships, and counts them', () => {
    const doc = configurationAuditReport({
      baseline: { name: 'go-live', rev: 5, createdAt: '2026-11-30T00:00:00.000Z', author: 'carol', description: '' },
      contents: [
        { class: 'server', status: 'active', environment: 'production', count: 2 },
        { class: 'server', status: 'active', environment: null, count: 1 },
      ],
      diff: {
        from: 5,
        to: 8,
        added: [{ ref: 'server/web-09', id: 'ci_9', madeIn: madeIn({ rev: 8 }) }],
        removed: [],
        modified: [
          {
            ref: 'server/web-01',
            id: 'ci_1',
            changes: [
              {
                path: 'attributes.tags',
                from: ['a'],
                to: ['a', 'b'],
                change: 'changed',
                madeIn: madeIn({ change: 'CHG-4' }),
              },
            ],
          },
        ],
        relations: {
          added: [],
          removed: [
            { ref: 'rack/r1 contains server/web-01', id: 'rel_1', madeIn: madeIn({ rev: 6, backoutOf: 'CHG-2' }) },
          ],
          modified: [],
        },
      },
      deployments: [],
      unauthorized: [],
      // 6 backs out, 7 implements a change, 8 adds web-09; 9 was a direct write later overwritten…
      // as if a revision after it had undone it: it leaves no difference, yet it is listed.
      revisions: [
        revision(6, { backoutOf: 'CHG-2' }),
        revision(7, { changeId: 'CHG-4' }),
        revision(8),
        revision(9, { message: 'hand edit' }),
      ],
      generatedAt: '2026-12-05T00:00:00.000Z',
    });
    const all = doc.sections[1]!.rows.map((r) => [
      r['item'],
      r['kind'],
      r['difference'],
      r['from'],
      r['to'],
      r['flagged'],
    ]);
    expect(all).toEqual([
      ['server/web-01', 'CI', 'modified', '["a"]', '["a","b"]', false],
      ['server/web-09', 'CI', 'added', null, null, true],
      ['rack/r1 contains server/web-01', 'relationship', 'removed', null, null, false],
    ]);
    expect(doc.summary.find((f) => f.label === 'CIs in the baseline')?.value).toBe(3);
    expect(doc.sections[4]!.rows).toEqual([{ class: 'server', status: 'active', count: 3 }]);
    expect(doc.sections[3]!.rows.map((r) => r['rev'])).toEqual([6, 7, 8]);
    expect(doc.sections[2]!.rows.map((r) => [r['rev'], r['message'], r['differences']])).toEqual([
      [8, 'direct', 1],
      [9, 'hand edit', 0],
    ]);
    expect(doc.summary.find((f) => f.label === 'Writes nothing authorized')?.value).toBe(2);
  });
});
