import { describe, expect, it } from 'vitest';
import { FIGURES } from '../../web/src/features/metrics/metric-figures.js';

type MetricsFigures = Parameters<(typeof FIGURES)[number]['basis']>[0];

/** A period holding one of everything: each basis must read in the singular. */
const ONE = {
  change: { successful: 1, implemented: 1, emergency: 0, raised: 1, authorized: 1 },
  dora: { deploymentsPerDay: 0.1, deployments: 1, failedDeployments: 0, productionDeployments: 1, restored: 1 },
} as unknown as MetricsFigures;

const basis = (key: string, f: MetricsFigures) => FIGURES.find((x) => x.key === key)!.basis(f);

describe('the Metrics page says what each figure was measured over', () => {
  it('in the singular when the period holds one', () => {
    expect(basis('successRate', ONE)).toBe('1 of 1 implemented change succeeded');
    expect(basis('emergencyShare', ONE)).toBe('0 of 1 change raised was an emergency');
    expect(basis('meanLeadTimeHours', ONE)).toBe('request to implementation, over 1 change');
    expect(basis('leadTimeForChanges', ONE)).toBe('release created to production, over 1 deployment');
    expect(basis('timeToRestore', ONE)).toBe('over 1 incident restored');
  });

  it('in the plural otherwise, and says when incidents are not recorded', () => {
    const two = {
      change: { successful: 1, implemented: 2, emergency: 1, raised: 2, authorized: 2 },
      dora: { deploymentsPerDay: 0.2, deployments: 2, failedDeployments: 1, productionDeployments: 2, restored: null },
    } as unknown as MetricsFigures;
    expect(basis('successRate', two)).toBe('1 of 2 implemented changes succeeded');
    expect(basis('meanApprovalHours', two)).toBe('submission to authorization, over 2 changes');
    expect(basis('changeFailureRate', two)).toBe('1 of 2 production deployments failed');
    expect(basis('timeToRestore', two)).toBe('incidents not recorded');
  });
});
