import { readFileSync, writeFileSync } from 'node:fs';
import { memoryUsage } from 'node:process';

const CLEAR_REFS = '/proc/self/clear_refs';
const STATUS = '/proc/self/status';
const SAMPLE_MS = 50;

/**
 * The peak resident set size of this process over one phase of the bench, in MiB.
 *
 * On Linux the kernel keeps the exact high-water mark (VmHWM) and resets it when "5" is written
 * to /proc/self/clear_refs: nothing is missed, not even inside a long synchronous stretch (the
 * SQLite driver is synchronous, so a timer on this thread would not fire during a batch). Where
 * that is not available it falls back to sampling `memoryUsage.rss()` on a timer, which can
 * miss short peaks: `exact` says which was used.
 */
export class PeakRss {
  readonly exact = kernelPeakWorks();
  private sampled = 0;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor() {
    if (!this.exact) {
      this.timer = setInterval(() => (this.sampled = Math.max(this.sampled, memoryUsage.rss())), SAMPLE_MS);
      this.timer.unref();
    }
  }

  /** Starts a new phase: the peak restarts from the current RSS. */
  reset(): void {
    if (this.exact) writeFileSync(CLEAR_REFS, '5');
    this.sampled = memoryUsage.rss();
  }

  /** The highest RSS since the last reset, in MiB. */
  peakMiB(): number {
    const now = memoryUsage.rss();
    return Math.max(this.exact ? kernelPeak() : this.sampled, now) / 2 ** 20;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

function kernelPeak(): number {
  const kib = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(STATUS, 'utf8'))?.[1];
  if (kib === undefined) throw new Error('no VmHWM in /proc/self/status');
  return Number(kib) * 1024;
}

function kernelPeakWorks(): boolean {
  try {
    writeFileSync(CLEAR_REFS, '5');
    kernelPeak();
    return true;
  } catch {
    return false;
  }
}
