import { describe, expect, it } from 'vitest';
import { readTicket, UnreadablePayload } from './service-desk-mapping.js';

// Payloads shaped as each desk sends them (field names from their documentation), trimmed to
// the fields read plus a few that are not, to show they are ignored.

const serviceNow = {
  sys_id: '9d385017c611228701d22104cc95c371',
  number: 'INC0010042',
  short_description: 'Checkout returns 502',
  state: { value: '2', display_value: 'In Progress' },
  priority: '1',
  impact: '1',
  opened_at: '2026-12-01 09:30:00',
  resolved_at: '',
  cmdb_ci: { value: 'a9c0c8d2c6112276018f7705562f9cb0', display_value: 'application/shop-frontend' },
};

const jira = {
  timestamp: 1764581400000,
  webhookEvent: 'jira:issue_updated',
  issue: {
    id: '10005',
    self: 'https://acme.atlassian.net/rest/api/2/issue/10005',
    key: 'OPS-5',
    fields: {
      summary: 'Search is slow',
      priority: { name: 'High', id: '2' },
      status: { name: 'Resolved', statusCategory: { key: 'done' } },
      created: '2026-12-01T10:30:00.000+0100',
      resolutiondate: '2026-12-01T12:00:00.000+0100',
      labels: ['customer-facing', 'cairn:application/search'],
    },
  },
};

const glpi = {
  event: 'update',
  item: {
    id: 231,
    name: 'Mail relay down',
    status: { id: 5, name: 'Solved' },
    priority: 6,
    date: '2026-12-01 08:00:00',
    solvedate: '2026-12-01 08:45:00',
    cairn_service: 'service/mail-relay',
  },
};

const zammad = {
  ticket: {
    id: 81,
    number: '10081',
    title: 'VPN drops',
    state: 'open',
    priority: { id: 2, name: '2 normal' },
    created_at: '2026-12-01T07:00:00.000Z',
    close_at: null,
    cairn_service: 'service/vpn',
  },
  article: { body: 'It drops every hour.' },
};

describe('service desk payloads', () => {
  it.each([
    [
      'servicenow',
      serviceNow,
      {
        key: 'INC0010042',
        url: null,
        title: 'Checkout returns 502',
        severity: 'critical',
        startedAt: '2026-12-01T09:30:00Z',
        resolved: false,
        resolvedAt: null,
        service: 'application/shop-frontend',
      },
    ],
    [
      'jira',
      jira,
      {
        key: 'OPS-5',
        url: 'https://acme.atlassian.net/browse/OPS-5',
        title: 'Search is slow',
        severity: 'major',
        startedAt: '2026-12-01T10:30:00.000+0100',
        resolved: true,
        resolvedAt: '2026-12-01T12:00:00.000+0100',
        service: 'application/search',
      },
    ],
    [
      'glpi',
      glpi,
      {
        key: '231',
        url: null,
        title: 'Mail relay down',
        severity: 'critical',
        startedAt: '2026-12-01T08:00:00Z',
        resolved: true,
        resolvedAt: '2026-12-01T08:45:00Z',
        service: 'service/mail-relay',
      },
    ],
    [
      'zammad',
      zammad,
      {
        key: '10081',
        url: null,
        title: 'VPN drops',
        severity: 'minor',
        startedAt: '2026-12-01T07:00:00.000Z',
        resolved: false,
        resolvedAt: null,
        service: 'service/vpn',
      },
    ],
  ] as const)('reads %s', (system, payload, expected) => {
    expect(readTicket(system, payload)).toEqual({ system, ...expected });
  });

  it('reads resolution as each desk marks it', () => {
    expect(readTicket('servicenow', { ...serviceNow, state: '6', resolved_at: '2026-12-01 11:00:00' })).toMatchObject({
      resolved: true,
      resolvedAt: '2026-12-01T11:00:00Z',
    });
    // A Jira issue moved to a done status without a resolution is resolved, its time not given.
    const done = { issue: { ...jira.issue, fields: { ...jira.issue.fields, resolutiondate: null } } };
    expect(readTicket('jira', done)).toMatchObject({ resolved: true, resolvedAt: null });
    expect(
      readTicket('zammad', { ticket: { ...zammad.ticket, state: 'closed', close_at: '2026-12-01T08:00:00Z' } }),
    ).toMatchObject({
      resolved: true,
      resolvedAt: '2026-12-01T08:00:00Z',
    });
    expect(readTicket('glpi', { item: { ...glpi.item, status: 2 } })).toMatchObject({ resolved: false });
  });

  it('maps each desk’s priority onto critical, major and minor', () => {
    const sn = (priority: string) => readTicket('servicenow', { ...serviceNow, priority }).severity;
    expect(['1', '2', '3', '4', '5'].map(sn)).toEqual(['critical', 'major', 'minor', 'minor', 'minor']);
    const j = (name: string) =>
      readTicket('jira', { issue: { ...jira.issue, fields: { ...jira.issue.fields, priority: { name } } } }).severity;
    expect(['Highest', 'High', 'Medium', 'Low'].map(j)).toEqual(['critical', 'major', 'minor', 'minor']);
    const g = (priority: number) => readTicket('glpi', { item: { ...glpi.item, priority } }).severity;
    expect([6, 5, 4, 3, 1].map(g)).toEqual(['critical', 'critical', 'major', 'minor', 'minor']);
  });

  it('names the field a payload lacks', () => {
    const missing = (system: 'servicenow' | 'jira' | 'glpi' | 'zammad', payload: unknown) => {
      try {
        readTicket(system, payload);
      } catch (e) {
        return e instanceof UnreadablePayload ? e.path : 'not an UnreadablePayload';
      }
      return 'read';
    };
    expect(missing('servicenow', { ...serviceNow, number: '' })).toBe('number');
    expect(missing('jira', { webhookEvent: 'jira:issue_created' })).toBe('issue');
    expect(missing('glpi', { item: { name: 'x' } })).toBe('item.id');
    expect(missing('zammad', [])).toBe('the payload');
  });
});
