import type { Engine } from '../src/store/engine.js';

/**
 * Every figure the benchmark prints: its label, unit and, where the design sets one, its target
 * (`min`: at least, `max`: at most). Kept in one table so the text and JSON reports agree.
 */
const FIGURES = {
  'import.cis': { label: 'bulk import, CI phase', unit: 'CIs/s', min: 100_000 },
  'import.relations': { label: 'bulk import, relationship phase', unit: 'rels/s' },
  'import.total': { label: 'bulk import, all rows', unit: 'rows/s' },
  'raw.cis': { label: 'raw driver insert, CI rows', unit: 'rows/s' },
  'raw.relations': { label: 'raw driver insert, relationship rows', unit: 'rows/s' },
  'import.cis_vs_raw': { label: 'import ÷ raw, CIs', unit: '%', min: 40 },
  'import.relations_vs_raw': { label: 'import ÷ raw, relationships', unit: '%', min: 40 },
  'import.total_vs_raw': { label: 'import ÷ raw, all rows', unit: '%', min: 40 },
  'reimport.cis': { label: 're-import, 1 % changed', unit: 'CIs/s', min: 150_000 },
  'graph.load': { label: 'load in-memory graph', unit: 's', max: 3 },
  'drift.check': { label: 'drift check, every CI observed', unit: 's', max: 5 },
  'drift.check_again': { label: 'drift check again, same process', unit: 's', max: 5 },
  'drift.check_items': { label: 'drift check again, the items hashed (no file)', unit: 's' },
  'get.raw.current.p50': { label: 'raw driver point read (same row) p50', unit: 'ms' },
  'get.raw.current.p95': { label: 'raw driver point read (same row) p95', unit: 'ms' },
  'get.store.current.p50': { label: 'get CI current (store) p50', unit: 'ms' },
  'get.store.current.p95': { label: 'get CI current (store) p95', unit: 'ms', max: 0.1 },
  'get.store.past.p50': { label: 'get CI as-of (store) p50', unit: 'ms' },
  'get.store.past.p95': { label: 'get CI as-of (store) p95', unit: 'ms', max: 0.1 },
  'get.service.current.p50': { label: 'get CI current (service) p50', unit: 'ms' },
  'get.service.current.p95': { label: 'get CI current (service) p95', unit: 'ms', max: 0.1 },
  'get.service.past.p50': { label: 'get CI as-of (service) p50', unit: 'ms' },
  'get.service.past.p95': { label: 'get CI as-of (service) p95', unit: 'ms', max: 0.1 },
  'impact.graph.p95': { label: 'impact d6 now, graph walk p95', unit: 'ms', max: 2 },
  'impact.service.p95': { label: 'impact d6 now, service p95', unit: 'ms', max: 2 },
  'impact.past.p95': { label: 'impact d6 as-of (SQL) p95', unit: 'ms', max: 10 },
  'impact.past.levels.p95': { label: 'impact d6 as-of, walk, query per level p95', unit: 'ms' },
  'impact.past.edges.p95': { label: 'impact d6 as-of, walk, getImpactEdges p95', unit: 'ms' },
  'change.p50': { label: 'single-CI change p50', unit: 'ms' },
  'change.p99': { label: 'single-CI change p99', unit: 'ms', max: 2 },
  'change.ops': { label: 'single-CI changes', unit: 'ops/s', min: 3000 },
  'concurrent.ops': { label: 'single-CI changes, 8 writers at once', unit: 'ops/s', min: 1000 },
  'concurrent.p50': { label: 'single-CI change, 8 writers, p50', unit: 'ms' },
  'concurrent.p99': { label: 'single-CI change, 8 writers, p99', unit: 'ms' },
  'concurrent.vs_one': { label: '8 writers ÷ one writer, changes/s', unit: '×' },
  'diff.p95': { label: 'diff of baselines 1 000 changes apart p95', unit: 'ms', max: 20 },
  'baseline.p99': { label: 'baseline create p99', unit: 'ms', max: 5 },
  'api.get.rps': { label: 'API GET one CI (token)', unit: 'req/s' },
  'api.get.p99': { label: 'API GET one CI p99', unit: 'ms' },
  'api.bare.rps': { label: 'bare Fastify route, same bytes', unit: 'req/s' },
  'api.get.vs_bare': { label: 'API GET ÷ bare route, req/s', unit: '%', min: 60 },
  'api.get.cpu_vs_bare': { label: 'bare ÷ API GET, CPU per request', unit: '%' },
  'rss.raw': { label: 'peak RSS, raw driver inserts (rows built up front)', unit: 'MiB' },
  'rss.import': { label: 'peak RSS, bulk import', unit: 'MiB', max: 1536 },
  'rss.reimport': { label: 'peak RSS, re-import', unit: 'MiB', max: 1536 },
  'rss.graph': { label: 'peak RSS, graph load', unit: 'MiB' },
  'rss.reads': { label: 'peak RSS, point reads', unit: 'MiB' },
  'rss.impact': { label: 'peak RSS, impact', unit: 'MiB' },
  'rss.history': { label: 'peak RSS, changes, baselines, diffs', unit: 'MiB' },
  'rss.concurrent': { label: 'peak RSS, concurrent changes', unit: 'MiB' },
  'rss.drift': { label: 'peak RSS, drift check', unit: 'MiB' },
  'rss.api': { label: 'peak RSS, API case', unit: 'MiB' },
  'rss.record': { label: 'peak RSS, 1 000 changes vs Git', unit: 'MiB' },
  'size.bytes': { label: 'database size on disk', unit: 'MiB' },
  'size.per2m': { label: 'size extrapolated to 2M versions', unit: 'MiB', max: 1024 },
  'git.cairn': { label: '1 000 changes+baseline+diff, Cairn', unit: 'ms' },
  'git.git': { label: '1 000 changes stage+commit+tag+diff, Git', unit: 'ms' },
  'git.ratio': { label: 'Cairn faster than Git by', unit: '×', min: 50 },
  'git.floor': { label: '1 000 changes+baseline+diff, bare driver', unit: 'ms' },
  'git.floor_ratio': { label: 'bare driver faster than Git by (Cairn at best)', unit: '×' },
} as const satisfies Record<string, { label: string; unit: string; min?: number; max?: number }>;

export type FigureKey = keyof typeof FIGURES;
/** The peak-RSS figure of each phase of an engine's run. */
export type RssKey = Extract<FigureKey, `rss.${string}`>;

export interface Figure {
  key: FigureKey;
  value: number;
  note?: string;
}

export interface EngineResult {
  engine: Engine;
  figures: Figure[];
}

export interface BenchResult {
  size: number;
  relations: number;
  machine: string;
  engines: EngineResult[];
  git?: Record<string, number>;
  notes: string[];
}

type Spec = { label: string; unit: string; min?: number; max?: number };

function verdict(spec: Spec, value: number): string {
  if (spec.min !== undefined) return value >= spec.min ? 'ok' : 'MISS';
  if (spec.max !== undefined) return value <= spec.max ? 'ok' : 'MISS';
  return '';
}

function target(spec: Spec): string {
  if (spec.min !== undefined) return `≥ ${fmt(spec.min)}`;
  if (spec.max !== undefined) return `≤ ${fmt(spec.max)}`;
  return '';
}

export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US').replaceAll(',', ' ');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toFixed(3);
}

/** One figure on a line of its own (`label: value unit, target`), as a long run prints it the moment it is measured. */
export function figureLine(f: Figure): string {
  const spec: Spec = FIGURES[f.key];
  const aim = target(spec);
  const mark = verdict(spec, f.value);
  return `${spec.label}: ${fmt(f.value)} ${spec.unit}${aim ? ` (target ${aim}: ${mark})` : ''}${f.note ? ` — ${f.note}` : ''}`;
}

/** A Markdown table (readable on a terminal, pasteable into docs/benchmarks.md). */
export function textReport(result: BenchResult): string {
  const engines = result.engines.map((e) => e.engine);
  const head = ['figure', 'unit', ...engines.flatMap((e) => [e, '']), 'target'];
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const [key, spec] of Object.entries(FIGURES) as [FigureKey, Spec][]) {
    const cells = result.engines.map((e) => e.figures.find((f) => f.key === key));
    if (cells.every((c) => c === undefined)) continue;
    rows.push([
      spec.label,
      spec.unit,
      ...cells.flatMap((c) => (c ? [fmt(c.value), verdict(spec, c.value)] : ['–', ''])),
      target(spec),
    ]);
    cells.forEach((c, i) => c?.note && notes.push(`${engines[i]} · ${spec.label}: ${c.note}`));
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i >= 2 && i < cells.length - 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const out = [
    `Cairn benchmark: ${fmt(result.size)} CIs, ${fmt(result.relations)} relationships — ${result.machine}`,
    '',
    line(head),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ];
  if (result.git)
    out.push(
      '',
      `Git (${fmt(result.git.size ?? 0)} files): ${Object.entries(result.git)
        .filter(([k]) => k !== 'size')
        .map(([k, v]) => `${k} ${fmt(v)} s`)
        .join(', ')}`,
    );
  if (notes.length > 0 || result.notes.length > 0) out.push('', ...[...result.notes, ...notes].map((n) => `- ${n}`));
  return out.join('\n');
}

/** `--json`: figures by engine and key, with unit, target and verdict, plus the Git times. */
export function jsonReport(result: BenchResult): string {
  const engines = Object.fromEntries(
    result.engines.map((e) => [
      e.engine,
      Object.fromEntries(
        e.figures.map((f) => {
          const spec: Spec = FIGURES[f.key];
          return [
            f.key,
            {
              value: f.value,
              unit: spec.unit,
              target: target(spec) || undefined,
              verdict: verdict(spec, f.value) || undefined,
              note: f.note,
            },
          ];
        }),
      ),
    ]),
  );
  return JSON.stringify(
    {
      size: result.size,
      relations: result.relations,
      machine: result.machine,
      engines,
      git: result.git,
      notes: result.notes,
    },
    null,
    2,
  );
}
