import { describe, expect, it } from 'vitest';
import { InputError } from '../shared/errors.js';
import { defaultEnvironments } from './environments.js';
import { validateEnvironments } from './environments-input.js';
import { validatePolicy } from './policy-input.js';

const POLICY = validatePolicy({
  groups: [
    { name: 'cab', members: ['carol', 'dave'] },
    { name: 'release-managers', members: ['rita'] },
  ],
  freeze: [{ name: 'year-end', start: '2026-12-20T00:00:00Z', end: '2027-01-04T00:00:00Z' }],
});

function errorsOf(doc: unknown): { path: string; message: string }[] {
  try {
    validateEnvironments(doc, POLICY);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('ENVIRONMENTS_INVALID');
    return (e as InputError).fields ?? [];
  }
  throw new Error('the document was accepted');
}

describe('environments.yaml', () => {
  it('reads environments in order with their approvals, control, freezes and windows of their own', () => {
    const read = validateEnvironments(
      {
        environments: [
          { name: 'dev' },
          { name: 'staging', require: [{ group: 'release-managers' }] },
          {
            name: 'production',
            description: 'what customers use',
            controlled: true,
            require: [{ group: 'cab', quorum: 2 }],
            freeze: 'year-end',
            windows: [{ name: 'friday-night', start: '2026-12-04T18:00:00Z', duration: 'PT12H', rrule: 'FREQ=WEEKLY' }],
          },
        ],
      },
      POLICY,
    );
    expect(read.environments.map((e) => e.name)).toEqual(['dev', 'staging', 'production']);
    expect(read.environments[1]).toEqual({
      name: 'staging',
      require: [{ group: 'release-managers', quorum: 1 }],
      controlled: false,
      freezes: [],
      windows: [],
    });
    expect(read.environments[2]).toMatchObject({
      description: 'what customers use',
      controlled: true,
      require: [{ group: 'cab', quorum: 2 }],
      freezes: ['year-end'],
      windows: [{ name: 'friday-night', start: '2026-12-04T18:00:00.000Z', duration: 'PT12H', rrule: 'FREQ=WEEKLY' }],
    });
  });

  it('defaults to development, test, staging and production, production under change control', () => {
    const d = defaultEnvironments().environments;
    expect(d.map((e) => [e.name, e.controlled])).toEqual([
      ['development', false],
      ['test', false],
      ['staging', false],
      ['production', true],
    ]);
  });

  it.each([
    [
      'no environments key',
      {},
      [{ path: 'environments', message: 'is required: the environments in promotion order' }],
    ],
    [
      'an empty list',
      { environments: [] },
      [{ path: 'environments', message: 'must be a list of at least one environment' }],
    ],
    [
      'a misspelt key',
      { environments: [{ name: 'dev', controled: true }] },
      [{ path: 'environments[0].controled', message: expect.stringMatching(/^is not a known field/) }],
    ],
    [
      'a name twice (in any case)',
      { environments: [{ name: 'prod' }, { name: 'PROD' }] },
      [{ path: 'environments[1].name', message: '"PROD" is defined twice' }],
    ],
    [
      'a name with a space',
      { environments: [{ name: 'my env' }] },
      [{ path: 'environments[0].name', message: expect.stringMatching(/^"my env" is not an environment name/) }],
    ],
    [
      'an approval by a group the policy does not define',
      { environments: [{ name: 'prod', require: [{ group: 'nobody' }] }] },
      [
        {
          path: 'environments[0].require[0].group',
          message: 'names group "nobody", which the policy in force does not define',
        },
      ],
    ],
    [
      'a quorum larger than the group',
      { environments: [{ name: 'prod', require: [{ group: 'cab', quorum: 3 }] }] },
      [{ path: 'environments[0].require[0].quorum', message: 'is 3, but group "cab" has only 2 member(s)' }],
    ],
    [
      'a quorum of zero',
      { environments: [{ name: 'prod', require: [{ group: 'cab', quorum: 0 }] }] },
      [{ path: 'environments[0].require[0].quorum', message: 'must be a whole number of at least 1' }],
    ],
    [
      'a freeze the policy does not define',
      { environments: [{ name: 'prod', freeze: ['summer'] }] },
      [
        {
          path: 'environments[0].freeze',
          message: 'names freeze window "summer", which the policy in force does not define',
        },
      ],
    ],
    [
      'a window of its own without an end',
      { environments: [{ name: 'prod', windows: [{ name: 'w', start: '2026-12-01T00:00:00Z' }] }] },
      [{ path: 'environments[0].windows[0]', message: 'needs an end or a duration' }],
    ],
    [
      'controlled that is not a boolean',
      { environments: [{ name: 'prod', controlled: 'yes' }] },
      [{ path: 'environments[0].controlled', message: 'must be true or false' }],
    ],
  ])('refuses %s, naming the field', (_label, doc, expected) => {
    expect(errorsOf(doc)).toEqual(expected);
  });
});
