import type { DesiredCi } from '../../src/core/ci/desired-state.js';
import { createServices, type Services } from '../../src/app/services.js';
import type { BenchContext } from '../context.js';
import { collectGarbage, now } from '../measure.js';

/**
 * A drift check of the whole estate as a discovery source would report it: every CI observed
 * (N observed items against N in the CMDB), about 2 % of them with an attribute that differs.
 * Timed end to end through DriftService.check: reading the authorized CIs, matching, comparing,
 * classifying and storing the findings. Checked twice: the process's first check, with the
 * check's code not yet optimised by the engine and the heap growing to hold it, and the same
 * observation again, as a server's scheduled checks run after their first.
 */
export async function driftCase(ctx: BenchContext): Promise<void> {
  const { estate } = ctx;
  ctx.log(`drift check of ${estate.size} observed items, twice`);
  const services = await createServices(ctx.store);
  // Generation 2 of the estate: the CIs the re-import changed differ again, and 1 % more.
  const observed: DesiredCi[] = [];
  for (const batch of estate.ciBatches(5_000, 2)) observed.push(...batch);
  const first = await timedCheck(services, observed, estate.size);
  ctx.record('drift.check', first.seconds, first.note);
  // A check nudges the event relay, which then relays every event recorded so far, the bench's
  // earlier writes' among them (a server relays them as they are written). Relayed between the
  // timings, not during the next one or the next case.
  const relay = now();
  await services.events.flush();
  ctx.log(`events relayed after the first check in ${((now() - relay) / 1000).toFixed(2)} s`);
  const again = await timedCheck(services, observed, estate.size);
  ctx.record('drift.check_again', again.seconds, again.note);
  await services.events.flush();
}

async function timedCheck(
  services: Services,
  observed: DesiredCi[],
  cis: number,
): Promise<{ seconds: number; note: string }> {
  collectGarbage();
  const start = now();
  const report = await services.drift.check({
    observed: { cis: observed, relations: [] },
    source: 'bench',
    format: 'cairn',
    author: 'bench',
  });
  const seconds = (now() - start) / 1000;
  collectGarbage();
  return {
    seconds,
    note: `${observed.length} observed items against ${cis} CIs, ${report.findings.length} findings, ${Math.round(observed.length / seconds)} items/s`,
  };
}
