import { describe, expect, it } from 'vitest';
import { ACTIONS, mayDo, parseRoles, PERMISSIONS } from './permissions.js';
import { hashSecret, looksLikeToken, newToken, parseExpiry } from './token.js';

describe('roles', () => {
  it('lets admin do every action, viewer only read, and auditor read and verify the audit trail', () => {
    for (const a of ACTIONS) expect(mayDo(['admin'], a)).toBe(true);
    expect(ACTIONS.filter((a) => mayDo(['viewer'], a))).toEqual([
      'cmdb:read',
      'change:read',
      'drift:read',
      'release:read',
      'incident:read',
    ]);
    expect(ACTIONS.filter((a) => mayDo(['auditor'], a))).toEqual([
      'cmdb:read',
      'audit:verify',
      'change:read',
      'drift:read',
      'release:read',
      'incident:read',
    ]);
    expect(ACTIONS.filter((a) => mayDo(['release_manager'], a))).toEqual([
      'cmdb:read',
      'cmdb:plan',
      'change:read',
      'change:request',
      'drift:read',
      'environment:manage',
      'release:read',
      'release:request',
      'release:approve',
      'release:deploy',
      'release:emergency',
      'promotion:approve',
      'gate:check',
      'incident:read',
      'incident:record',
    ]);
    // A pipeline's token asks the gate and reports, and reads nothing else.
    expect(ACTIONS.filter((a) => mayDo(['pipeline'], a))).toEqual(['gate:check']);
    // A service desk's token posts its tickets as incidents, and reads nothing else.
    expect(ACTIONS.filter((a) => mayDo(['service_desk'], a))).toEqual(['incident:inbound']);
    expect(PERMISSIONS['audit:verify']).toEqual(['auditor', 'admin']);
    expect(PERMISSIONS['cmdb:write']).toEqual(['configuration_manager', 'admin']);
  });
  it('refuses unknown roles with a field error', () => {
    expect(() => parseRoles(['root'])).toThrow(/"root" is not a role/);
    expect(parseRoles(['viewer', 'viewer'])).toEqual(['viewer']);
  });
});

describe('tokens', () => {
  it('have a recognisable format and are stored as a SHA-256', () => {
    const { token, id } = newToken();
    expect(looksLikeToken(token)).toBe(true);
    expect(token.startsWith(`cairn_${id}_`)).toBe(true);
    expect(hashSecret(token)).toMatch(/^[0-9a-f]{64}$/);
    // Stored token hashes are SHA-256 in hex: another digest or encoding would lock every token out.
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it.each([
    ['30d', '2026-01-31T00:00:00.000Z'],
    ['12h', '2026-01-01T12:00:00.000Z'],
    ['never', null],
    ['2027-01-01T00:00:00Z', '2027-01-01T00:00:00.000Z'],
    ['2020-01-01', undefined],
    ['soon', undefined],
    // Beyond what a Date holds, or what ISO text sorts correctly: refused, never a RangeError.
    ['99999999999999d', undefined],
    ['9999999w', undefined],
    ['10000-01-01', undefined],
    ['9999-12-31T00:00:00Z', '9999-12-31T00:00:00.000Z'],
  ])('expiry %s', (text, expected) => expect(parseExpiry(text, new Date('2026-01-01T00:00:00Z'))).toBe(expected));
});
