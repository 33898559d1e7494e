// How scores, rates and scales read on the page. Nothing about a scale is built in: each touchpoint's
// row of GET /api/scores carries its scale, bands and (CES) convention.
import type { MetricKind } from '../../shared/domain/model.ts';
import type { ScoreBand } from '../../shared/domain/scoring.ts';
import type { TouchpointScore } from './api.ts';

export const METRIC_NAMES: Readonly<Record<MetricKind, string>> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

/** A score as shown: NPS signed, CSAT in %, CES a mean with one decimal; a dash without answers. */
export function formatScore(metric: MetricKind, value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (metric === 'nps') return `${value > 0 ? '+' : ''}${Math.round(value)}`;
  if (metric === 'csat') return `${Math.round(value)}%`;
  return value.toFixed(1);
}

/**
 * A response rate as a percentage, capped: a period's answers may belong to surveys sent in the
 * period before (sent on the 1st, answered on the 2nd), so a single day can have more answers
 * than sends. Above 100% the exact figure means nothing; show the cap (docs/dashboard.md).
 */
export function rateText(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '–';
  return rate > 1 ? '≥100%' : `${Math.round(rate * 100)}%`;
}

export const RATE_CAP_NOTE =
  'More answers than sends in this period: answers to surveys sent in an earlier period count here.';

/** A rate above 1 gets the note saying why it is capped. */
export function isCapped(rate: number | null | undefined): boolean {
  return (rate ?? 0) > 1;
}

/** The touchpoint name as a label: `ticket_closed` reads "ticket closed". */
export function touchpointLabel(touchpoint: string): string {
  return touchpoint.replace('_', ' ');
}

export const inBand = (band: ScoreBand, v: number | null | undefined): boolean =>
  v !== null && v !== undefined && v >= band.min && v <= band.max;

/** A band's answers as text: "9-10", or "5" for a band of one value. */
export const bandSpan = (band: ScoreBand): string =>
  band.min === band.max ? `${band.min}` : `${band.min}-${band.max}`;

export const bandOf = (s: TouchpointScore, tone: ScoreBand['tone']): ScoreBand | undefined =>
  s.bands.find((b) => b.tone === tone);

const TONE_CLASS: Readonly<Record<ScoreBand['tone'], string>> = {
  good: 'd-good',
  neutral: 'd-mid',
  bad: 'd-bad',
};

/** The share of answers in each band of the touchpoint's own scale (the API defines the bands). */
export function bandShares(s: TouchpointScore): Array<{ label: string; share: number; toneClass: string }> {
  const n = s.responses || 1;
  return s.bands.map((band) => ({
    label: band.label,
    share: Object.entries(s.distribution).reduce((a, [v, c]) => (inBand(band, Number(v)) ? a + c : a), 0) / n,
    toneClass: TONE_CLASS[band.tone],
  }));
}

/**
 * What the big number means, on this touchpoint's scale and convention: "mean, 1-7, higher =
 * easier" is not the same number as "mean, 1-5, higher = more effort".
 */
export function meaning(s: TouchpointScore): string {
  const good = bandOf(s, 'good');
  const bad = bandOf(s, 'bad');
  const scale = `${s.scale.min}-${s.scale.max}`;
  if (s.metric === 'nps' && good && bad)
    return `% ${good.label.toLowerCase()} (${bandSpan(good)}) minus % ${bad.label.toLowerCase()} (${bandSpan(bad)})`;
  if (s.metric === 'csat' && good) return `% ${good.label.toLowerCase()} (${bandSpan(good)} of ${scale})`;
  return `mean, ${scale}, higher = ${s.convention === 'effort' ? 'more effort' : 'easier'}`;
}
