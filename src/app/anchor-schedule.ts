import { signCheckpoint } from '../core/audit/anchor.js';
import type { Revision } from '../core/revision/revision.types.js';
import { publishCheckpoint, readKeyFile } from './audit-anchors.js';

/** A running anchor schedule: `first` settles once the anchor taken at start is written. */
export interface AnchorSchedule {
  first: Promise<void>;
  stop(): void;
}

/**
 * Server mode's scheduled anchoring: a signed checkpoint of the head revision at start and then
 * every `intervalS` seconds, to every target. The key is read once, at start, so a bad key stops
 * the server from starting; a failed anchor is reported to `onError` and retried at the next tick.
 */
export async function startAnchoring(options: {
  keyFile: string;
  to: readonly string[];
  intervalS: number;
  head: () => Promise<Revision | undefined>;
  now: () => string;
  onError: (e: unknown) => void;
  onAnchor?: (rev: number) => void;
}): Promise<AnchorSchedule> {
  const key = await readKeyFile(options.keyFile);
  signCheckpoint({ rev: 1, hash: '', at: options.now() }, key); // fails now on a key that cannot sign
  let lastRev: number | undefined;
  const once = async () => {
    const head = await options.head();
    // Nothing new to anchor: the file does not grow while the CMDB is idle.
    if (!head || head.rev === lastRev) return;
    await publishCheckpoint(signCheckpoint({ rev: head.rev, hash: head.hash, at: options.now() }, key), options.to);
    lastRev = head.rev;
    options.onAnchor?.(head.rev);
  };
  const tick = () => once().catch(options.onError);
  const first = tick();
  const timer = options.intervalS > 0 ? setInterval(() => void tick(), options.intervalS * 1000) : undefined;
  timer?.unref();
  return { first, stop: () => clearInterval(timer) };
}
