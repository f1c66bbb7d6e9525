import type { DesiredCi } from '../../src/core/ci/desired-state.js';
import { createServices } from '../../src/app/services.js';
import type { BenchContext } from '../context.js';
import { collectGarbage, now } from '../measure.js';

/**
 * A drift check of the whole estate as a discovery source would report it: every CI observed
 * (N observed items against N in the CMDB), about 2 % of them with an attribute that differs.
 * Timed end to end through DriftService.check: reading the authorized CIs, matching, comparing,
 * classifying and storing the findings.
 */
export async function driftCase(ctx: BenchContext): Promise<void> {
  const { estate } = ctx;
  ctx.log(`drift check of ${estate.size} observed items`);
  const services = await createServices(ctx.store);
  // Generation 2 of the estate: the CIs the re-import changed differ again, and 1 % more.
  const observed: DesiredCi[] = [];
  for (const batch of estate.ciBatches(5_000, 2)) observed.push(...batch);
  collectGarbage();
  const start = now();
  const report = await services.drift.check({
    observed: { cis: observed, relations: [] },
    source: 'bench',
    format: 'cairn',
    author: 'bench',
  });
  const seconds = (now() - start) / 1000;
  ctx.record(
    'drift.check',
    seconds,
    `${observed.length} observed items against ${estate.size} CIs, ${report.findings.length} findings, ${Math.round(observed.length / seconds)} items/s`,
  );
  collectGarbage();
}
