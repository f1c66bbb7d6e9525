import { describe, expect, it } from 'vitest';
import { classifyResponse, nextAttemptAt, RETRY_WINDOW_MS } from './retry-policy.js';
import { signPayload, verifySignature } from './signing.js';
import { matchesFilter } from './event.types.js';

describe('webhook signatures', () => {
  it('signs t.body with HMAC-SHA256 and verifies within the tolerance', () => {
    const header = signPayload('{"a":1}', 'secret', 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(header, '{"a":1}', 'secret', 1_700_000_100)).toBe(true);
    expect(verifySignature(header, '{"a":2}', 'secret', 1_700_000_100)).toBe(false);
    expect(verifySignature(header, '{"a":1}', 'other', 1_700_000_100)).toBe(false);
    expect(verifySignature(header, '{"a":1}', 'secret', 1_700_001_000)).toBe(false);
  });
});

describe('retry policy', () => {
  const first = new Date('2026-01-01T00:00:00Z');
  it.each([
    [1, 30_000],
    [2, 60_000],
    [5, 480_000],
  ])('attempt %i waits about %i ms', (attempt, ms) => {
    const next = nextAttemptAt(first, attempt, first, () => 0.5)!;
    expect(next.getTime() - first.getTime()).toBe(ms);
  });
  it('gives up a day after the first attempt', () => {
    let now = first;
    let attempt = 1;
    for (
      let next = nextAttemptAt(first, attempt, now, () => 0.5);
      next;
      next = nextAttemptAt(first, ++attempt, now, () => 0.5)
    )
      now = next;
    expect(now.getTime() - first.getTime()).toBeLessThanOrEqual(RETRY_WINDOW_MS);
    expect(attempt).toBeGreaterThan(10);
  });
  it.each([
    [200, 'ok'],
    [204, 'ok'],
    [410, 'gone'],
    [500, 'retry'],
    [undefined, 'retry'],
  ] as const)('answer %s means %s', (status, verdict) => expect(classifyResponse(status)).toBe(verdict));
  it('matches event filters', () => {
    expect(matchesFilter(['*'], 'change.approved')).toBe(true);
    expect(matchesFilter(['change.*'], 'change.approved')).toBe(true);
    expect(matchesFilter(['change.*'], 'revision.created')).toBe(false);
    expect(matchesFilter(['revision.created'], 'revision.created')).toBe(true);
  });
});
