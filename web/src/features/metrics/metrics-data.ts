import { client } from '../../client.js';
import type { MetricsReport } from '../../types.js';
import type { Interval } from './metrics-query.js';

/** The period's figures and their series, for one service or all. */
export function loadMetrics(query: {
  from: string;
  to: string;
  interval: Interval;
  service: string | undefined;
}): Promise<MetricsReport> {
  return client.reports.metrics(query);
}

/**
 * The services a reader can filter by: every service CI and every service that has a release,
 * by name. Reads the first page of each (1 000), which is more than a select can offer anyway.
 */
export async function loadServices(): Promise<string[]> {
  const [cis, releases] = await Promise.all([
    client.cmdb.listCis({ class: 'service', limit: 1000 }),
    client.releases.list({ limit: 1000 }),
  ]);
  const refs = new Set([...cis.items.map((c) => `${c.class}/${c.name}`), ...releases.items.map((r) => r.service)]);
  return [...refs].sort((a, b) => a.localeCompare(b));
}
