import type { RiskInput } from './risk-model.js';

/**
 * The worked examples of docs/risk-model.md. A test computes each one and checks that the
 * document shows the same figures, so that the documentation cannot drift from the code.
 */
export const RISK_EXAMPLES: { title: string; input: RiskInput }[] = [
  {
    title: 'Rotate a certificate in test (standard)',
    input: {
      type: 'standard',
      cis: [
        { ref: 'certificate/shop-test-tls', environment: 'test' },
        { ref: 'service/shop-test-web', environment: 'test', criticality: 'low' },
        { ref: 'application/shop-test', environment: 'test' },
      ],
      window: { start: '2026-12-05T22:00:00Z', end: '2026-12-05T23:00:00Z' },
      now: '2026-11-27T10:00:00Z',
    },
  },
  {
    title: 'Upgrade orders-db in production (normal)',
    input: {
      type: 'normal',
      cis: [
        { ref: 'database/orders-db', environment: 'production', criticality: 'high' },
        { ref: 'business_service/online-shop', environment: 'production', criticality: 'critical' },
        ...Array.from({ length: 10 }, (_, i) => ({ ref: `service/orders-${i}`, environment: 'production' })),
      ],
      failedChanges: { sameCis: 1, sameClasses: 0 },
      window: { start: '2026-12-01T22:00:00Z', end: '2026-12-01T23:00:00Z' },
      now: '2026-11-26T09:00:00Z',
    },
  },
  {
    title: 'Patch a web server now (emergency)',
    input: {
      type: 'emergency',
      cis: [
        { ref: 'server/web-01', environment: 'production', criticality: 'high' },
        { ref: 'application/shop-frontend', environment: 'production' },
        { ref: 'service/checkout', environment: 'production' },
        { ref: 'service/search', environment: 'production' },
      ],
      window: { start: '2026-11-26T11:00:00Z', end: '2026-11-26T12:00:00Z' },
      now: '2026-11-26T09:00:00Z',
    },
  },
  {
    title: 'Resize a staging VM during office hours (normal)',
    input: {
      type: 'normal',
      cis: [
        { ref: 'virtual_machine/stg-app-01', environment: 'staging', criticality: 'medium' },
        { ref: 'application/shop-staging', environment: 'staging' },
      ],
      failedChanges: { sameCis: 0, sameClasses: 1 },
      window: { start: '2026-12-02T14:00:00Z', end: '2026-12-02T15:00:00Z' },
      now: '2026-11-28T16:00:00Z',
    },
  },
];
