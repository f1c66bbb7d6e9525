import { describe, expect, it } from 'vitest';
import { claimAt, DEFAULT_CLAIM_MAPPING, mapClaims, parseClaimMapping } from './claim-mapping.js';

const MAPPING = parseClaimMapping(
  {
    map: [
      { claim: 'groups', value: 'cab-members', groups: ['cab'], roles: ['cab_member'] },
      { claim: 'realm_access.roles', value: 'cairn-admin', roles: ['admin'] },
      { claim: 'email_verified', value: true, roles: ['requester'] },
      { value: 'change-managers', groups: ['change-managers'], roles: 'change_manager' },
    ],
  },
  'sso',
);

describe('mapping claims to roles and approver groups', () => {
  it('reads a valid mapping without problems, claim defaulting to groups', () => {
    expect(MAPPING.problems).toEqual([]);
    expect(MAPPING.mapping.rules[3]).toEqual({
      claim: 'groups',
      value: 'change-managers',
      roles: ['change_manager'],
      groups: ['change-managers'],
    });
    expect(MAPPING.mapping.usernameClaim).toBe('preferred_username');
    expect(MAPPING.mapping.defaultRoles).toEqual(['viewer']);
  });

  it.each([
    ['no claims: the default role only', {}, { roles: ['viewer'], groups: [] }],
    ['a listed group', { groups: ['cab-members', 'other'] }, { roles: ['viewer', 'cab_member'], groups: ['cab'] }],
    ['a group given as one string', { groups: 'cab-members' }, { roles: ['viewer', 'cab_member'], groups: ['cab'] }],
    [
      'a nested claim by dotted path',
      { realm_access: { roles: ['cairn-admin'] } },
      { roles: ['viewer', 'admin'], groups: [] },
    ],
    ['a boolean claim', { email_verified: true }, { roles: ['viewer', 'requester'], groups: [] }],
    ['a value only similar', { groups: ['cab-members-old', 'CAB-MEMBERS'] }, { roles: ['viewer'], groups: [] }],
    [
      'two rules, each role and group once',
      { groups: ['cab-members', 'change-managers', 'cab-members'] },
      { roles: ['viewer', 'cab_member', 'change_manager'], groups: ['cab', 'change-managers'] },
    ],
  ])('%s', (_what, claims, expected) => {
    expect(mapClaims(claims, MAPPING.mapping)).toEqual(expected);
  });

  it('gives no role at all when the default roles are none', () => {
    expect(mapClaims({}, { ...DEFAULT_CLAIM_MAPPING, defaultRoles: [] })).toEqual({ roles: [], groups: [] });
  });

  it('prefers a claim whose whole name has a dot over a path', () => {
    expect(claimAt({ 'a.b': 1, a: { b: 2 } }, 'a.b')).toBe(1);
    expect(claimAt({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(claimAt({ a: [1] }, 'a.0')).toBeUndefined();
  });

  it('names each problem of a bad mapping by where it is', () => {
    const { problems } = parseClaimMapping(
      {
        defaultRoles: ['boss'],
        map: [
          { claim: 'groups', value: 'x', roles: ['cab_member', 'overlord'] },
          { value: '', groups: 'cab' },
          { claim: 'groups', value: 'y' },
          'cab-members',
          { value: 'z', roles: ['viewer'], group: ['cab'] },
        ],
      },
      'sso',
    );
    expect(problems).toEqual([
      'sso.defaultRoles[0]: "boss" is not a role',
      'sso.map[0].roles[1]: "overlord" is not a role',
      'sso.map[1].value: must be a non-empty string',
      'sso.map[2]: gives neither roles nor groups',
      'sso.map[3]: must be a mapping like { claim: groups, value: cab-members, groups: [cab], roles: [cab_member] }',
      'sso.map[4]: unknown key group (known: claim, value, roles, groups)',
    ]);
  });
});
