import { InputError } from '../shared/errors.js';

/** A drift check run by the server's job queue every `everySeconds`, on a file the server reads. */
export interface DriftSchedule {
  /** `dsc_01J…`. */
  id: string;
  /** The observing source; one schedule per source. */
  source: string;
  /** Cairn's own format (`cairn`) or an importer's format word. */
  format: string;
  /** The observation file, as the server process sees it. */
  file: string;
  mapping: string | null;
  everySeconds: number;
  nextRunAt: string;
  createdAt: string;
  createdBy: string;
  lastRunAt: string | null;
  lastObservation: string | null;
  lastError: string | null;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
/** Shorter intervals would have servers doing little but re-reading the same file. */
export const MIN_EVERY_SECONDS = 60;

/** Parses `30m`, `1h`, `1d`, `90s` (at least a minute). */
export function parseEvery(text: string): number {
  const m = /^(\d+)\s*([smhd])$/i.exec(text.trim());
  const seconds = m ? Number(m[1]) * UNITS[m[2]!.toLowerCase()]! : NaN;
  if (!Number.isSafeInteger(seconds) || seconds < MIN_EVERY_SECONDS) {
    throw new InputError(
      'DRIFT_SCHEDULE_INVALID',
      `"${text}" is not an interval of at least a minute: write it as 15m, 1h or 1d`,
      [{ path: 'every', message: 'like 15m, 1h or 1d, at least 1m' }],
    );
  }
  return seconds;
}

/** `1h`, `90m`, `45s`: the largest whole unit. */
export function formatEvery(seconds: number): string {
  for (const [unit, n] of Object.entries(UNITS).reverse()) if (seconds % n === 0) return `${seconds / n}${unit}`;
  return `${seconds}s`;
}
