import { describe, expect, it } from 'vitest';
import type { DesiredState } from '../ci/desired-state.js';
import { NotAllowedError } from '../shared/errors.js';
import { assertWithinTemplate, checkPlanAgainstTemplate, type StandardTemplate } from './templates.js';

const template: StandardTemplate = {
  name: 'rotate-certificate',
  description: 'Replace an expiring certificate',
  classes: [
    { class: 'certificate', attributes: ['expires', 'issuer'], statuses: ['active'] },
    { class: 'database', attributes: ['tls_certificate'] },
  ],
  relations: ['uses'],
};

const ci = (c: string, name: string, extra: object = {}) => ({ class: c, name, ...extra });

describe('checkPlanAgainstTemplate', () => {
  it.each<[string, DesiredState, string[]]>([
    [
      'within',
      {
        cis: [
          ci('certificate', 'shop', { attributes: { expires: '2027' }, status: 'active' }),
          ci('database', 'orders-db', { attributes: { tls_certificate: 'shop' } }),
        ],
        relations: [{ type: 'uses', from: 'database/orders-db', to: 'certificate/shop' }],
      },
      [],
    ],
    [
      'attribute outside',
      {
        cis: [
          ci('certificate', 'a'),
          ci('certificate', 'b'),
          ci('database', 'orders-db', { attributes: { version: '16' } }),
        ],
        relations: [],
      },
      ['cis[2] database/orders-db attribute "version" is outside template rotate-certificate'],
    ],
    [
      'class outside',
      { cis: [ci('server', 'web-01', { attributes: { cpu: 2 } })], relations: [] },
      ['cis[0] server/web-01: class "server" is outside template rotate-certificate'],
    ],
    [
      'status outside',
      {
        cis: [ci('certificate', 'a', { status: 'retired' }), ci('database', 'd', { status: 'active' })],
        relations: [],
      },
      [
        'cis[0] certificate/a status "retired" is outside template rotate-certificate',
        'cis[1] database/d status "active" is outside template rotate-certificate',
      ],
    ],
    [
      'labels outside',
      { cis: [ci('certificate', 'a', { labels: { team: 'x' } })], relations: [] },
      ['cis[0] certificate/a labels is outside template rotate-certificate'],
    ],
    [
      'relation outside',
      { cis: [], relations: [{ type: 'runs_on', from: 'a/b', to: 'c/d' }] },
      ['relations[0] a/b runs_on c/d is outside template rotate-certificate'],
    ],
    [
      'classes defined',
      { cis: [], relations: [], classes: [{ name: 'x' }] },
      ['defining classes or relationship types is outside template rotate-certificate'],
    ],
  ])('%s', (_name, plan, messages) => {
    expect(checkPlanAgainstTemplate(plan, template).map((v) => v.message)).toEqual(messages);
  });

  it('assertWithinTemplate throws one sentence with every violation', () => {
    const plan = { cis: [ci('server', 'web-01')], relations: [] };
    expect(() => assertWithinTemplate('CHG-9', plan, template)).toThrow(NotAllowedError);
    expect(() => assertWithinTemplate('CHG-9', plan, template)).toThrow(
      'CHG-9 steps outside its standard template: cis[0] server/web-01: class "server" is outside template rotate-certificate. Narrow the plan, or raise it as a normal change.',
    );
    expect(() => assertWithinTemplate('CHG-9', { cis: [], relations: [] }, template)).not.toThrow();
  });
});
