import type { Granularity, SeriesRow, TouchpointScore } from '../api.ts';
import { svgEl } from '../dom.ts';
import { formatScore, meaning } from '../format.ts';
import { periodIndex } from './period-index.ts';

const INK = '#1a4d8f';
const MUTED = '#4a5264';

/** A period with answers, placed on the time axis. */
type Point = SeriesRow & { score: number; index: number };

/** The periods of the series that have a score, in order. */
export function scoredPeriods(s: TouchpointScore): Array<SeriesRow & { score: number }> {
  return (s.series ?? []).filter((p): p is SeriesRow & { score: number } => p.score !== null);
}

/** The chart's y range: NPS -100..100, CSAT 0..100 %, CES its own scale. */
function yRange(s: TouchpointScore): [number, number] {
  if (s.metric === 'nps') return [-100, 100];
  if (s.metric === 'csat') return [0, 100];
  return [s.scale.min, s.scale.max];
}

/** Runs of consecutive periods: the line and the band do not bridge a period without answers. */
function runsOf(points: readonly Point[]): Point[][] {
  const runs: Point[][] = [];
  for (const p of points) {
    const run = runs.at(-1);
    const prev = run?.at(-1);
    if (run && prev && p.index === prev.index + 1) run.push(p);
    else runs.push([p]);
  }
  return runs;
}

/**
 * The score per period with its 95% CI band, as inline SVG. Points sit at their time (a period
 * without answers leaves a gap, and the line and band break there). `data-period` and
 * `data-points` say what is drawn; the first and last period label the x axis; the accessible name
 * summarises it.
 */
export function scoreChart(s: TouchpointScore, period: Granularity): SVGSVGElement {
  const series = scoredPeriods(s);
  const first = series[0];
  const last = series.at(-1);
  const svg = svgEl('svg', {
    class: 'chart',
    viewBox: '0 0 300 136',
    role: 'img',
    'data-testid': `chart-${s.touchpoint}`,
    'data-period': period,
    'data-points': series.length,
    'aria-label':
      first && last
        ? `${s.touchpoint} score by ${period}, ${meaning(s)}: ${series.length} ${series.length === 1 ? 'period' : 'periods'} from ${first.period} to ${last.period}, latest ${formatScore(s.metric, last.score)}`
        : `${s.touchpoint} score by ${period}: no answers yet`,
  });
  if (!first || !last) {
    const t = svgEl('text', { x: 10, y: 60, fill: MUTED });
    t.textContent = 'No data for this period yet';
    svg.append(t);
    return svg;
  }
  const [lo, hi] = yRange(s);
  const points: Point[] = series.map((p) => ({ ...p, index: periodIndex(p.period) }));
  const from = periodIndex(first.period);
  const span = periodIndex(last.period) - from;
  const x = (p: Point) => (span === 0 ? 150 : 10 + ((p.index - from) * 280) / span);
  const y = (v: number) => Math.round((110 - ((v - lo) / (hi - lo)) * 100) * 10) / 10;
  const high = (p: Point) => y(p.ci95?.high ?? p.score);
  const low = (p: Point) => y(p.ci95?.low ?? p.score);
  for (const run of runsOf(points)) {
    const [only] = run;
    if (only && run.length === 1) {
      svg.append(
        svgEl('line', {
          x1: x(only),
          x2: x(only),
          y1: high(only),
          y2: low(only),
          stroke: INK,
          'stroke-opacity': 0.3,
          'stroke-width': 6,
        }),
      );
      continue;
    }
    const band = run.map((p) => `${x(p)},${high(p)}`).concat(run.map((p) => `${x(p)},${low(p)}`).reverse());
    svg.append(svgEl('polygon', { points: band.join(' '), fill: INK, 'fill-opacity': 0.15 }));
    svg.append(
      svgEl('polyline', {
        points: run.map((p) => `${x(p)},${y(p.score)}`).join(' '),
        fill: 'none',
        stroke: INK,
        'stroke-width': 2,
      }),
    );
  }
  for (const p of points) {
    const dot = svgEl('circle', { cx: x(p), cy: y(p.score), r: 3, fill: INK });
    const title = svgEl('title', {});
    title.textContent = `${p.period}: ${formatScore(s.metric, p.score)} (n=${p.responses})`;
    dot.append(title);
    svg.append(dot);
  }
  const axis = (text: string, at: number, anchor: string) => {
    const t = svgEl('text', { x: at, y: 131, 'text-anchor': anchor, 'font-size': 11, fill: MUTED });
    t.textContent = text;
    return t;
  };
  if (span === 0) svg.append(axis(first.period, 150, 'middle'));
  else svg.append(axis(first.period, 4, 'start'), axis(last.period, 296, 'end'));
  return svg;
}
