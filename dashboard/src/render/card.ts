import type { Granularity, TouchpointScore } from '../api.ts';
import { scoreChart, scoredPeriods } from '../charts/score-chart.ts';
import { el } from '../dom.ts';
import {
  bandOf,
  bandShares,
  bandSpan,
  formatScore,
  isCapped,
  METRIC_NAMES,
  meaning,
  RATE_CAP_NOTE,
  rateText,
  touchpointLabel,
} from '../format.ts';

/** The arrow of the last two periods: up, down or flat (also when there are fewer than two). */
function trendOf(s: TouchpointScore): { arrow: string; className: string; words: string } {
  const series = scoredPeriods(s);
  const last = series.at(-1)?.score;
  const prev = series.at(-2)?.score;
  if (last === undefined || prev === undefined || last === prev)
    return { arrow: '→', className: 'trend-flat', words: 'no change' };
  return last > prev
    ? { arrow: '↑', className: 'trend-up', words: 'up' }
    : { arrow: '↓', className: 'trend-down', words: 'down' };
}

function facts(s: TouchpointScore): HTMLDListElement {
  const meta = el('dl', { class: 'meta' });
  const add = (k: string, v: string) => {
    const value = el('dd', { text: v });
    meta.append(el('dt', { text: k }), value);
    return value;
  };
  add(
    '95% CI',
    s.ci95 ? `${formatScore(s.metric, s.ci95.low)} … ${formatScore(s.metric, s.ci95.high)}` : '–',
  );
  add('Responses', String(s.responses));
  const rate = add(
    'Response rate',
    s.responseRate === null ? '–' : `${rateText(s.responseRate)} of ${s.sent} sent`,
  );
  if (isCapped(s.responseRate)) rate.title = RATE_CAP_NOTE;
  const easy = bandOf(s, 'good');
  if (s.metric === 'ces' && s.agreePct !== undefined && easy)
    add(`${easy.label} (${bandSpan(easy)})`, `${Math.round(s.agreePct)}%`);
  return meta;
}

function distribution(s: TouchpointScore): [HTMLDivElement, HTMLParagraphElement] {
  const parts = bandShares(s);
  const named = parts.map((p) => `${p.label} ${Math.round(p.share * 100)}%`);
  const bar = el('div', { class: 'dist', role: 'img', 'aria-label': named.join(', ') });
  for (const part of parts) {
    const segment = el('span', { class: part.toneClass });
    segment.style.width = `${part.share * 100}%`;
    bar.append(segment);
  }
  return [bar, el('p', { class: 'legend', text: named.join(' · ') })];
}

function byChannel(s: TouchpointScore): HTMLTableElement {
  const table = el('table', { class: 'channels' });
  table.append(el('caption', { class: 'visually-hidden', text: `${s.touchpoint} by channel` }));
  const head = el(
    'tr',
    {},
    ...['Channel', 'Score', 'n', 'Rate'].map((text) => el('th', { scope: 'col', text })),
  );
  table.append(el('thead', {}, head));
  const body = el('tbody');
  table.append(body);
  for (const [channel, c] of Object.entries(s.byChannel)) {
    if (!c) continue;
    body.append(
      el(
        'tr',
        {},
        el('td', { text: channel }),
        el('td', { text: formatScore(s.metric, c.score) }),
        el('td', { text: String(c.responses) }),
        el('td', {
          text: rateText(c.responseRate),
          ...(isCapped(c.responseRate) ? { title: RATE_CAP_NOTE } : {}),
        }),
      ),
    );
  }
  return table;
}

/** One touchpoint's card: score and trend, what it means, facts, distribution, chart, channels. */
export function scoreCard(s: TouchpointScore, period: Granularity): HTMLElement {
  const trend = trendOf(s);
  const title = el(
    'h3',
    {},
    el('span', { text: `${touchpointLabel(s.touchpoint)} · ${METRIC_NAMES[s.metric] ?? s.metric}` }),
    s.lowSample ? el('span', { class: 'badge', text: 'low sample' }) : null,
  );
  const score = el(
    'p',
    { class: 'score', 'data-testid': `score-${s.touchpoint}` },
    el('span', { text: formatScore(s.metric, s.score) }),
    ' ',
    el('span', { class: trend.className, 'aria-hidden': 'true', text: trend.arrow }),
    el('span', { class: 'visually-hidden', text: `trend ${trend.words}` }),
  );
  const scoreMeaning = el('p', {
    class: 'muted meaning',
    'data-testid': `meaning-${s.touchpoint}`,
    text: meaning(s),
  });
  return el(
    'article',
    {
      class: 'card',
      'data-testid': `card-${s.touchpoint}`,
      'aria-label': `${s.touchpoint} ${METRIC_NAMES[s.metric] ?? ''}`,
    },
    title,
    score,
    scoreMeaning,
    facts(s),
    ...distribution(s),
    scoreChart(s, period),
    byChannel(s),
  );
}
