import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSame, startTwins, type Twins } from '../helpers/parity.js';

describe('cairn incident prints the same on a database and through a server', () => {
  let twins: Twins;
  beforeAll(async () => {
    twins = await startTwins('admin');
  });
  afterAll(() => twins.close());

  it('record, list, show, resolve, link, and the refusals', async () => {
    const record = [
      'incident',
      'record',
      '--service',
      'application/webshop',
      '--title',
      'Checkout returns 502',
      '--severity',
      'major',
      '--started',
      '2026-12-01T09:30:00Z',
      '--ticket',
      'jira:OPS-7',
    ];
    const recorded = await expectSame(twins, record, ['table']);
    expect(recorded.table!.out).toBe('INC-1 recorded: application/webshop major since 2026-12-01T09:30:00.000Z.\n');
    // Recorded once (the table run above); the other formats run on a copy taken before each.
    await expectSame(twins, ['incident', 'record', ...record.slice(2, -2), '--ticket', 'jira:OPS-8'], ['json', 'yaml']);
    const list = await expectSame(twins, ['incident', 'list', '--service', 'application/webshop', '--open']);
    expect(list.table!.out.split('\n')[1]).toMatch(
      /^INC-\d+\s+application\/webshop\s+major\s+2026-12-01T09:30:00.000Z\s+open/,
    );
    const shown = await expectSame(twins, ['incident', 'show', 'INC-1']);
    expect(shown.table!.out).toContain('ticket:     jira OPS-7');
    const resolved = await expectSame(
      twins,
      ['incident', 'resolve', 'INC-1', '--ended', '2026-12-01T11:00:00Z'],
      ['table'],
    );
    expect(resolved.table!.out).toBe('INC-1 resolved: application/webshop restored at 2026-12-01T11:00:00.000Z.\n');
    const again = await expectSame(twins, ['incident', 'resolve', 'INC-1']);
    expect(again.table!.code).toBe(1);
    expect(again.table!.err).toContain('INC-1 was already resolved');
    const badLink = await expectSame(twins, ['incident', 'link', 'INC-1', '--deployment', 'dep_nothing']);
    expect(badLink.table!.code).toBe(1);
    const badTicket = await expectSame(twins, [...record.slice(0, -1), 'OPS-9']);
    expect(badTicket.table!.err).toContain('must be system:key');
    const taken = await expectSame(twins, record);
    expect(taken.table!.err).toContain('jira ticket OPS-7 is already recorded');
    await expectSame(twins, ['incident', 'list', '--release', 'application/webshop@1.0.0']);
    await expectSame(twins, ['incident', 'show', 'INC-99']);
  });
});
