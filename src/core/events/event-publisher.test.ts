import { describe, expect, it } from 'vitest';
import type { ChangeActivity } from '../change/change-listeners.js';
import type { Change } from '../change/change.types.js';
import type { DriftReport } from '../drift/drift.types.js';
import type { Diff } from '../revision/diff.js';
import type { Revision } from '../revision/revision.types.js';
import { EventPublisher, type EventSink, type Subscribe } from './event-publisher.js';
import type { CairnEvent, EventType } from './event.types.js';

/** A sink that keeps what would be queued, in order. */
function recordingSink(): EventSink & { queued: CairnEvent[] } {
  const queued: CairnEvent[] = [];
  return {
    queued,
    event: <T>(type: EventType, data: T): CairnEvent<T> => ({
      id: `evt_${queued.length + 1}`,
      type,
      at: '2026-12-01T10:00:00.000Z',
      data,
    }),
    publishLazy: async (_type, build) => {
      queued.push(await build());
      return 1;
    },
  };
}

/** A module's event, as a subscription and a way to emit it. */
function emitter<E>(): { subscribe: Subscribe<E>; emit: (event: E) => void } {
  const listeners: ((event: E) => void)[] = [];
  return { subscribe: (listener) => listeners.push(listener), emit: (event) => listeners.forEach((l) => l(event)) };
}

const revision: Revision = {
  rev: 7,
  parentRev: 6,
  at: '2026-12-01T10:00:00.000Z',
  author: 'alice',
  message: 'm',
  source: 'cli',
  changeId: null,
  hash: 'h7',
  prevHash: 'h6',
};
const emptyDiff = (from: number, to: number): Diff => ({
  from,
  to,
  added: [],
  removed: [],
  modified: [],
  relations: { added: [], removed: [], modified: [] },
});
const change = { ref: 'CHG-3', state: 'submitted', planHash: 'p', title: 'Upgrade' } as Change;

describe('EventPublisher', () => {
  it('publishes revision.created for each commit a subscription reports, with the diff from the revision before', async () => {
    const sink = recordingSink();
    const commits = emitter<Revision>();
    const diffs: [number, number][] = [];
    const publisher = new EventPublisher({ sink });
    publisher.watchRevisions(commits.subscribe, {
      revision: async (rev) => (rev === 7 ? { ...revision, message: 'as stored' } : undefined),
      diff: async (from, to) => {
        diffs.push([from, to]);
        return emptyDiff(from, to);
      },
    });
    commits.emit(revision);
    await publisher.flush();
    expect(diffs).toEqual([[6, 7]]);
    expect(sink.queued.map((e) => [e.type, (e.data as { revision: { message: string } }).revision.message])).toEqual([
      ['revision.created', 'as stored'],
    ]);
  });

  it.each<[string, Partial<ChangeActivity>, EventType[]]>([
    [
      'a transition',
      { transitions: [{ from: 'draft', to: 'submitted', event: 'submit', by: 'alice', at: 't' }], decisions: [] },
      ['change.transitioned'],
    ],
    [
      'an approval that completes the quorum',
      {
        transitions: [{ from: 'submitted', to: 'authorized', event: 'authorize', by: 'bob', at: 't' }],
        decisions: [{ by: 'bob', group: 'cab', decision: 'approve', at: 't', planHash: 'p' }],
      },
      ['change.approved', 'change.transitioned'],
    ],
    ['a draft edited', { transitions: [], decisions: [] }, []],
  ])('publishes the change events of %s', async (_name, activity, types) => {
    const sink = recordingSink();
    const saves = emitter<ChangeActivity>();
    const publisher = new EventPublisher({ sink });
    publisher.watchChanges(saves.subscribe);
    saves.emit({ change, actor: 'alice', transitions: [], decisions: [], ...activity });
    await publisher.flush();
    expect(sink.queued.map((e) => e.type)).toEqual(types);
  });

  it('publishes drift.detected only for a check that found something', async () => {
    const sink = recordingSink();
    const checks = emitter<DriftReport>();
    const publisher = new EventPublisher({ sink });
    publisher.watchDrift(checks.subscribe);
    const observation = { id: 'obs_1', source: 'scan', observedAt: 't', rev: 7, items: 1 };
    const summary = { modified: 1, missing: 0, unexpected: 0, suppressed: 0, unauthorized: 1, matched: 1 };
    checks.emit({
      observation,
      summary: { ...summary, modified: 0, unauthorized: 0 },
      findings: [],
    } as unknown as DriftReport);
    checks.emit({
      observation,
      summary,
      findings: [{ id: 'f1', ref: 'server/web-01', kind: 'modified', classification: 'unauthorized', attributes: [] }],
    } as unknown as DriftReport);
    await publisher.flush();
    expect(sink.queued.map((e) => e.type)).toEqual(['drift.detected']);
  });
});
