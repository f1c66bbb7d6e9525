import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatTick, type FigureUnit } from './metric-figures.js';

const HEIGHT = 180;
/** The least room, in CSS pixels, between two ticks of the time axis. */
const TICK_SPACE = 72;

/** A colour of the design system (styles.css), read from the page so the canvas matches it. */
function cssColour(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/**
 * One figure over time, drawn by uPlot on a canvas: a line through the buckets that had something
 * to measure (a bucket with nothing is a gap, not a zero), bars for counts. uPlot sets its sizes
 * through the CSSOM and brings its rules in its own stylesheet, so the page's CSP (no inline
 * style) holds. The canvas is one image to assistive technology: `label` names it, and the
 * page's table carries the same numbers.
 */
export function MetricChart(props: {
  label: string;
  unit: FigureUnit;
  /** Each bucket's start, in seconds since the epoch (uPlot's time scale). */
  times: number[];
  values: (number | null)[];
  /** A bucket's start (seconds) as an axis tick: the ticks sit on the buckets, not on uPlot's round dates. */
  tick: (time: number) => string;
  /** Called with the bucket under the pointer, or undefined when it leaves the chart. */
  onHover?: (index: number | undefined) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const hover = useRef(props.onHover);
  hover.current = props.onHover;
  const tick = useRef(props.tick);
  tick.current = props.tick;
  const { unit, times, values } = props;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const colour = cssColour('--accent', '#1f5fbf');
    const grid = cssColour('--border', '#e3e6eb');
    const text = cssColour('--muted', '#5f6877');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const bars = unit === 'count' ? uPlot.paths.bars?.({ size: [0.6, 48] }) : undefined;
    const options: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height: HEIGHT,
      // Buckets are UTC days, weeks and months: label them in UTC so a week never starts on a Sunday evening.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 8 } },
      scales: {
        x: { time: true },
        // From zero, so that a bar's or a point's height reads as its size; shares up to 100 %, the
        // rest at least to 1 so that a period of zeros and a few minutes still has readable ticks.
        y: { range: (_u, _min, max) => [0, unit === 'share' ? 1 : Math.max(max * 1.1, 1)] },
      },
      axes: [
        {
          ...axis,
          // Every bucket's start when they are far enough apart, else every second, third, … one.
          splits: (u) => {
            const room = Math.max(1, Math.floor(u.bbox.width / devicePixelRatio / TICK_SPACE));
            const step = Math.ceil(times.length / room);
            return times.filter((_t, i) => i % step === 0);
          },
          values: (_u, splits) => splits.map((t) => tick.current(t)),
        },
        {
          ...axis,
          size: 56,
          // Whole numbers only for counts: there is no half a deployment.
          ...(unit === 'count' ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] } : {}),
          values: (_u, ticks) => ticks.map((t) => formatTick(unit, t)),
        },
      ],
      series: [
        {},
        {
          label: props.label,
          stroke: colour,
          // Bars are filled and unstroked, so a bucket of zero draws nothing rather than a stub.
          width: unit === 'count' ? 0 : 2,
          fill: unit === 'count' ? colour : undefined,
          points: { show: true, size: 6, fill: colour },
          spanGaps: false,
          ...(bars ? { paths: bars, points: { show: false } } : {}),
        },
      ],
      hooks: {
        setCursor: [(u) => hover.current?.(u.cursor.idx ?? undefined)],
      },
    };
    const plot = new uPlot(options, [times, values], el);
    const resized = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 200), height: HEIGHT }));
    resized.observe(el);
    const leave = () => hover.current?.(undefined);
    el.addEventListener('mouseleave', leave);
    return () => {
      el.removeEventListener('mouseleave', leave);
      resized.disconnect();
      plot.destroy();
    };
  }, [unit, times, values, props.label]);

  return <div ref={box} className="metric-chart" role="img" aria-label={`${props.label} over time`} />;
}
