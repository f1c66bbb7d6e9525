import type { SingleBar } from 'cli-progress';
import { createRequire } from 'node:module';

/** cli-progress, required when a bar is first shown: only long commands on a terminal need it. */
const barClass = (): typeof SingleBar =>
  (createRequire(import.meta.url)('cli-progress') as { SingleBar: typeof SingleBar }).SingleBar;

/** Progress of a long command: a bar with rate and ETA on a terminal, silence otherwise. */
export interface Progress {
  /** `value` counts towards `total` (bytes read, rows copied); `records` is shown with the rate. */
  update(value: number, records: number): void;
  /** Sets what is being worked on (a table name), shown before the bar. */
  stage(label: string): void;
  stop(): void;
}

/**
 * Starts a progress bar on standard error when it is a terminal. Pipelines and CI logs get
 * nothing while it runs; the command prints a one-line summary at the end instead.
 */
export function startProgress(
  label: string,
  total: number,
  unit: string,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (!stream.isTTY || total <= 0) return { update: () => undefined, stage: () => undefined, stop: () => undefined };
  const started = Date.now();
  const Bar = barClass();
  const bar = new Bar(
    {
      stream,
      format: `{label} [{bar}] {percentage}% | {records} ${unit} | {rate}/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
      clearOnComplete: true,
    },
    { barCompleteChar: '=', barIncompleteChar: ' ', format: '' },
  );
  let payload = { label, records: '0', rate: '0' };
  bar.start(total, 0, payload);
  return {
    update(value, records) {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      payload = { ...payload, records: groupDigits(records), rate: groupDigits(Math.round(records / seconds)) };
      bar.update(Math.min(value, total), payload);
    },
    stage(next) {
      payload = { ...payload, label: next };
      bar.update(payload);
    },
    stop: () => bar.stop(),
  };
}

/** 105000 → "105 000": readable in logs and in every locale. */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** Seconds with one decimal: "1.9 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
