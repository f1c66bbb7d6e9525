import type { CmdbServices } from '../core/services.js';
import { sampleEstate, sampleHistory } from './sample-estate.js';

export interface DemoSummary {
  loaded: boolean;
  cis: number;
  revision: number;
}

/**
 * Loads the sample estate into an empty CMDB as a short history: the initial load, a `go-live`
 * baseline, then an upgrade, a scale-up and a decommission. Does nothing if CIs already exist.
 */
export async function loadDemo(services: CmdbServices, author = 'demo'): Promise<DemoSummary> {
  if ((await services.store.countCis()) > 0) {
    return { loaded: false, cis: await services.store.countCis(), revision: (await services.store.head())?.rev ?? 0 };
  }
  await services.cmdb.apply(sampleEstate(), { author, message: 'Initial load of the Amsterdam estate', source: 'demo' });
  await services.baselines.create({ name: 'go-live', author, description: 'State at go-live' });
  for (const step of sampleHistory()) await services.cmdb.apply(step.doc, { author, message: step.message, source: 'demo' });
  return { loaded: true, cis: await services.store.countCis(), revision: (await services.store.head())?.rev ?? 0 };
}
