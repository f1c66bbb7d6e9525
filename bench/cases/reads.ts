import type { CiRef } from '../../src/core/ci/desired-state.js';
import type { BenchContext } from '../context.js';
import { sample } from '../measure.js';
import { rawPointReads } from '../raw-point-read.js';

/**
 * Point reads of one CI by class/name, current and as of the import revision (which by now is
 * history: later revisions replaced some of its versions). Measured at the store port and through
 * CmdbService.getCi, so the cost of the service layer shows on its own; and first by the driver
 * alone (raw-point-read.ts), the floor the store's figure is read against.
 */
export async function readsCase(ctx: BenchContext): Promise<void> {
  const { estate, store, services } = ctx;
  const n = ctx.samples.reads;
  const ref = (k: number): CiRef => {
    const i = estate.sampleIndex(1, k);
    return { class: estate.classOf(i), name: estate.nameOf(i) };
  };
  ctx.log('point reads');
  const past = ctx.importRev;
  const raw = await rawPointReads(ctx.db, n, ref);
  const storeNow = await sample(n, (k) => store.getCisByRef([ref(k)]));
  const storePast = await sample(n, (k) => store.getCisByRef([ref(k)], past));
  const serviceNow = await sample(n, (k) => services.cmdb.getCi(ref(k)));
  const servicePast = await sample(n, (k) => services.cmdb.getCi(ref(k), past));
  ctx.record('get.raw.current.p50', raw.p50);
  ctx.record('get.raw.current.p95', raw.p95);
  ctx.record('get.store.current.p50', storeNow.p50);
  ctx.record('get.store.current.p95', storeNow.p95);
  ctx.record('get.store.past.p50', storePast.p50);
  ctx.record('get.store.past.p95', storePast.p95);
  ctx.record('get.service.current.p50', serviceNow.p50);
  ctx.record('get.service.current.p95', serviceNow.p95);
  ctx.record('get.service.past.p50', servicePast.p50);
  ctx.record('get.service.past.p95', servicePast.p95);
}
