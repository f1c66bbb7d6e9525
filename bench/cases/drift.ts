import { createHash } from 'node:crypto';
import type { DesiredCi } from '../../src/core/ci/desired-state.js';
import { createServices, type Services } from '../../src/app/services.js';
import type { BenchContext } from '../context.js';
import { collectGarbage, now } from '../measure.js';

/**
 * A drift check of the whole estate as a discovery source would report it: every CI observed
 * (N observed items against N in the CMDB), about 2 % of them with an attribute that differs.
 * Timed end to end through DriftService.check: reading the authorized CIs, matching, comparing,
 * classifying and storing the findings.
 *
 * The observation comes as `cairn drift check -f` and a scheduled check bring it: read from a
 * file, with the SHA-256 of the file's bytes as its hash (drift-observation.ts). Its bytes are made
 * outside the clock, as the import's input is, and their hash taken inside. Bytes, as the CLI
 * reads them, not the JSON text: V8 builds a text that long as a rope, which the hash flattened
 * and then encoded as UTF-8, two copies of 300 MB at 1M, inside the first check's clock (its
 * memory faulted in, 1.5–2 s of system time: issue 14, twenty-first round). Checked twice: the
 * process's first check, with the check's code not yet optimised by the engine and the heap
 * growing to hold it, and the same observation again, as a server's scheduled checks run after
 * their first. Then once more without the file: a caller that sends no hash of its raw input
 * (the API without `hash`) has the check hash the items themselves.
 */
export async function driftCase(ctx: BenchContext): Promise<void> {
  const { estate } = ctx;
  ctx.log(`drift check of ${estate.size} observed items, three times`);
  const services = await createServices(ctx.store);
  // Generation 2 of the estate: the CIs the re-import changed differ again, and 1 % more.
  const observed: DesiredCi[] = [];
  for (const batch of estate.ciBatches(5_000, 2)) observed.push(...batch);
  let file: Buffer | undefined = Buffer.from(JSON.stringify({ cis: observed }));
  const first = await timedCheck(services, observed, estate.size, file);
  ctx.record('drift.check', first.seconds, first.note);
  // A check nudges the event relay, which then relays every event recorded so far, the bench's
  // earlier writes' among them (a server relays them as they are written). Relayed between the
  // timings, not during the next one or the next case.
  const relay = now();
  await services.events.flush();
  ctx.log(`events relayed after the first check in ${((now() - relay) / 1000).toFixed(2)} s`);
  const again = await timedCheck(services, observed, estate.size, file);
  ctx.record('drift.check_again', again.seconds, again.note);
  await services.events.flush();
  file = undefined;
  const items = await timedCheck(services, observed, estate.size);
  ctx.record('drift.check_items', items.seconds, items.note);
  await services.events.flush();
}

/** One check of `observed`, given the hash of `file` (taken on the clock) when there is one. */
async function timedCheck(
  services: Services,
  observed: DesiredCi[],
  cis: number,
  file?: Buffer,
): Promise<{ seconds: number; note: string }> {
  collectGarbage();
  const start = now();
  const hash = file === undefined ? undefined : createHash('sha256').update(file).digest('base64url');
  const report = await services.drift.check({
    observed: { cis: observed, relations: [] },
    source: 'bench',
    format: 'cairn',
    author: 'bench',
    ...(hash === undefined ? {} : { hash }),
  });
  const seconds = (now() - start) / 1000;
  collectGarbage();
  return {
    seconds,
    note: `${observed.length} observed items against ${cis} CIs, ${report.findings.length} findings, ${Math.round(observed.length / seconds)} items/s`,
  };
}
