// Touchpoint dashboard: plain ES module, no dependencies, no external assets.
// Data is always rendered with textContent (never innerHTML), so customer text cannot inject markup.
const $ = (id) => document.getElementById(id);
const NAMES = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };
let token = sessionStorage.getItem('touchpoint-token') ?? '';

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function svgEl(tag, attrs) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

class AuthError extends Error {}

async function api(path) {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (res.status === 401) throw new AuthError('The admin token was not accepted.');
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

function fmt(metric, value) {
  if (value === null || value === undefined) return '–';
  if (metric === 'nps') return `${value > 0 ? '+' : ''}${Math.round(value)}`;
  if (metric === 'csat') return `${Math.round(value)}%`;
  return value.toFixed(1);
}

function shares(s) {
  const d = s.distribution ?? {};
  const n = s.responses || 1;
  const sum = (pred) => Object.entries(d).reduce((a, [v, c]) => (pred(Number(v)) ? a + c : a), 0) / n;
  if (s.metric === 'nps')
    return [
      ['Promoters', sum((v) => v >= 9), 'd-good'],
      ['Passives', sum((v) => v >= 7 && v <= 8), 'd-mid'],
      ['Detractors', sum((v) => v <= 6), 'd-bad'],
    ];
  if (s.metric === 'csat')
    return [
      ['Satisfied', sum((v) => v >= 4), 'd-good'],
      ['Neutral', sum((v) => v === 3), 'd-mid'],
      ['Unsatisfied', sum((v) => v <= 2), 'd-bad'],
    ];
  return [
    ['Agree', sum((v) => v >= 5), 'd-good'],
    ['Neutral', sum((v) => v === 4), 'd-mid'],
    ['Disagree', sum((v) => v <= 3), 'd-bad'],
  ];
}

function chart(s) {
  const series = (s.series ?? []).filter((p) => p.score !== null);
  const lo = s.metric === 'nps' ? -100 : s.metric === 'csat' ? 0 : 1;
  const hi = s.metric === 'nps' ? 100 : s.metric === 'csat' ? 100 : 7;
  const svg = svgEl('svg', {
    class: 'chart',
    viewBox: '0 0 300 120',
    role: 'img',
    'aria-label': `${s.touchpoint} score over time`,
  });
  if (series.length === 0) {
    const t = svgEl('text', { x: 10, y: 60, fill: '#4a5264' });
    t.textContent = 'No data for this period yet';
    svg.append(t);
    return svg;
  }
  const x = (i) => (series.length === 1 ? 150 : 10 + (i * 280) / (series.length - 1));
  const y = (v) => 110 - ((v - lo) / (hi - lo)) * 100;
  const band = series
    .map((p, i) => `${x(i)},${y(p.ci95?.high ?? p.score)}`)
    .concat(series.map((p, i) => `${x(i)},${y(p.ci95?.low ?? p.score)}`).reverse());
  svg.append(svgEl('polygon', { points: band.join(' '), fill: '#1a4d8f', 'fill-opacity': 0.15 }));
  svg.append(
    svgEl('polyline', {
      points: series.map((p, i) => `${x(i)},${y(p.score)}`).join(' '),
      fill: 'none',
      stroke: '#1a4d8f',
      'stroke-width': 2,
    }),
  );
  series.forEach((p, i) => {
    const dot = svgEl('circle', { cx: x(i), cy: y(p.score), r: 3, fill: '#1a4d8f' });
    const title = svgEl('title', {});
    title.textContent = `${p.period}: ${fmt(s.metric, p.score)} (n=${p.responses})`;
    dot.append(title);
    svg.append(dot);
  });
  return svg;
}

function card(s) {
  const series = (s.series ?? []).filter((p) => p.score !== null);
  const last = series.at(-1)?.score;
  const prev = series.at(-2)?.score;
  let trend = ['→', 'trend-flat', 'no change'];
  if (last !== undefined && prev !== undefined && last !== prev)
    trend = last > prev ? ['↑', 'trend-up', 'up'] : ['↓', 'trend-down', 'down'];
  const title = el(
    'h3',
    {},
    el('span', { text: `${s.touchpoint.replace('_', ' ')} · ${NAMES[s.metric] ?? s.metric}` }),
    s.lowSample ? el('span', { class: 'badge', text: 'low sample' }) : null,
  );
  const score = el(
    'p',
    { class: 'score', 'data-testid': `score-${s.touchpoint}` },
    el('span', { text: fmt(s.metric, s.score) }),
    ' ',
    el('span', { class: trend[1], 'aria-label': `trend ${trend[2]}`, text: trend[0] }),
  );
  const meta = el('dl', { class: 'meta' });
  const add = (k, v) => meta.append(el('dt', { text: k }), el('dd', { text: v }));
  add('95% CI', s.ci95 ? `${fmt(s.metric, s.ci95.low)} … ${fmt(s.metric, s.ci95.high)}` : '–');
  add('Responses', String(s.responses));
  add(
    'Response rate',
    s.responseRate == null ? '–' : `${Math.round(s.responseRate * 100)}% of ${s.sent} sent`,
  );
  if (s.metric === 'ces' && s.agreePct !== undefined) add('Agree (5-7)', `${Math.round(s.agreePct)}%`);
  const parts = shares(s);
  const dist = el('div', {
    class: 'dist',
    role: 'img',
    'aria-label': parts.map(([n, v]) => `${n} ${Math.round(v * 100)}%`).join(', '),
  });
  for (const [, v, cls] of parts) {
    const seg = el('span', { class: cls });
    seg.style.width = `${v * 100}%`;
    dist.append(seg);
  }
  const legend = el('p', {
    class: 'legend',
    text: parts.map(([n, v]) => `${n} ${Math.round(v * 100)}%`).join(' · '),
  });
  const channels = el('table', { class: 'channels' });
  channels.append(el('caption', { class: 'visually-hidden', text: `${s.touchpoint} by channel` }));
  const head = el(
    'tr',
    {},
    el('th', { text: 'Channel' }),
    el('th', { text: 'Score' }),
    el('th', { text: 'n' }),
    el('th', { text: 'Rate' }),
  );
  channels.append(head);
  for (const [ch, c] of Object.entries(s.byChannel ?? {})) {
    channels.append(
      el(
        'tr',
        {},
        el('td', { text: ch }),
        el('td', { text: fmt(s.metric, c.score) }),
        el('td', { text: String(c.responses) }),
        el('td', { text: c.responseRate == null ? '–' : `${Math.round(c.responseRate * 100)}%` }),
      ),
    );
  }
  return el(
    'article',
    { class: 'card', 'aria-label': `${s.touchpoint} ${NAMES[s.metric] ?? ''}` },
    title,
    score,
    meta,
    dist,
    legend,
    chart(s),
    channels,
  );
}

async function loadScores() {
  const period = $('period').value;
  const data = await api(`/api/scores?period=${period}`);
  const cards = $('cards');
  cards.replaceChildren(...data.scores.map(card));
  const select = $('comment-touchpoint');
  if (select.options.length === 1)
    for (const s of data.scores) select.append(el('option', { value: s.touchpoint, text: s.touchpoint }));
  return data.scores;
}

async function loadComments(scores) {
  const tp = $('comment-touchpoint').value;
  const q = new URLSearchParams({ withComment: 'true', limit: '20' });
  if (tp) q.set('touchpoint', tp);
  const page = await api(`/api/responses?${q}`);
  const detractorsOnly = $('detractors-only').checked;
  const metricOf = Object.fromEntries(scores.map((s) => [s.touchpoint, s.metric]));
  const bad = (r) =>
    r.score !== null &&
    (metricOf[r.touchpoint] === 'nps'
      ? r.score <= 6
      : metricOf[r.touchpoint] === 'csat'
        ? r.score <= 2
        : r.score <= 3);
  const items = page.items.filter((r) => !detractorsOnly || bad(r));
  $('comments').replaceChildren(
    ...(items.length ? items : [null]).map((r) =>
      r
        ? el(
            'li',
            { 'data-testid': 'comment' },
            el('span', { class: 'pill', text: `${r.score ?? '–'}` }),
            el('span', { text: r.comment }),
            el('span', {
              class: 'muted',
              text: ` — ${r.touchpoint}, ${r.channel}, ${new Date(r.answeredAt).toLocaleString()}`,
            }),
          )
        : el('li', { class: 'muted', text: 'No comments yet.' }),
    ),
  );
}

async function loadAlerts() {
  const data = await api('/api/alerts?limit=20');
  if (!data) {
    $('alerts-section').hidden = true;
    return;
  }
  $('alerts').replaceChildren(
    ...(data.items.length ? data.items : [null]).map((a) =>
      a
        ? el(
            'li',
            {},
            el('span', {
              class: 'pill',
              text: `${a.kind === 'detractor' ? 'Detractor' : 'Negative comment'} ${a.score ?? ''}`,
            }),
            el('span', {
              text: `${a.touchpoint} · ${a.customer?.name ?? a.customer?.id ?? ''} ${a.customer?.phone ?? a.customer?.email ?? ''} ${a.orderId ? `order ${a.orderId}` : ''}${a.ticketId ? `ticket ${a.ticketId}` : ''}`,
            }),
            a.comment ? el('div', { text: `“${a.comment}”` }) : null,
          )
        : el('li', { class: 'muted', text: 'No open alerts.' }),
    ),
  );
}

async function loadOutbox() {
  const res = await fetch('/dev/outbox');
  if (!res.ok) return;
  const data = await res.json();
  $('sim-now').textContent = new Date(data.now).toLocaleString();
  const items = data.messages.slice(-15).reverse();
  $('outbox').replaceChildren(
    ...items.map((m) => {
      const li = el(
        'li',
        { 'data-testid': 'outbox' },
        el('span', { class: 'pill', text: `${m.channel}${m.kind === 'reply' ? ' reply' : ''}` }),
        el('span', { text: `to ${m.to}: ${m.text ?? m.subject ?? m.twimlUrl ?? ''}` }),
      );
      if (m.surveyId) li.append(el('div', { class: 'muted', text: `survey ${m.surveyId}` }));
      const links = [...(m.html ?? '').matchAll(/href="([^"]*\/r\/[^"]+)"/g)].map((x) =>
        x[1].replaceAll('&amp;', '&'),
      );
      if (links.length) {
        const row = el('div', { class: 'row' }, el('span', { text: 'Click a rating:' }));
        for (const [i, href] of links.entries()) {
          row.append(
            el('a', {
              href,
              target: '_blank',
              rel: 'noopener',
              text: String(i + (links.length === 11 ? 0 : 1)),
            }),
          );
        }
        li.append(row);
      }
      if (m.channel === 'voice' && m.surveyId) $('sim-survey').value = m.surveyId;
      return li;
    }),
  );
}

async function refresh() {
  $('status').textContent = 'Loading…';
  try {
    const scores = await loadScores();
    await Promise.all([loadComments(scores), loadAlerts()]);
    if (!$('simulator').hidden) await loadOutbox();
    $('status').textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    if (error instanceof AuthError) return signOut(error.message);
    $('status').textContent = `Could not load: ${error.message}`;
  }
}

function signOut(message = '') {
  token = '';
  sessionStorage.removeItem('touchpoint-token');
  $('app').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message;
  $('token').focus();
}

async function signIn(value) {
  token = value;
  try {
    await api('/api/scores');
  } catch (error) {
    return signOut(error instanceof AuthError ? error.message : `Cannot reach the API: ${error.message}`);
  }
  sessionStorage.setItem('touchpoint-token', token);
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('sign-out').hidden = false;
  const local = await fetch('/dev/clock').then(
    (r) => r.ok,
    () => false,
  );
  $('simulator').hidden = !local;
  await refresh();
}

async function post(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  return { ok: res.ok, json };
}

function simulator() {
  const show = (text) => {
    $('sim-result').textContent = text;
  };
  $('sim-event').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { type: $('sim-type').value };
    if ($('sim-phone').value) body.phone = $('sim-phone').value;
    if ($('sim-email').value) body.email = $('sim-email').value;
    if ($('sim-channel').value) body.preferredChannel = $('sim-channel').value;
    const r = await post('/dev/simulate/event', body);
    show(
      r.ok
        ? `Event accepted: ${r.json.outcome}${r.json.dueAt ? `, due ${new Date(r.json.dueAt).toLocaleString()}` : ''}${r.json.reason ? ` (${r.json.reason})` : ''}`
        : `Rejected: ${r.json.error ?? 'error'}`,
    );
    await refresh();
  });
  $('sim-clock').addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await post('/dev/clock', { advanceSeconds: Math.round(Number($('sim-hours').value) * 3600) });
    show(r.ok ? `Clock moved; ${r.json.dispatch.sent} sent` : `Rejected: ${r.json.error}`);
    await refresh();
  });
  $('sim-sms').addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await post('/dev/simulate/sms', { from: $('sim-from').value, body: $('sim-body').value });
    show(r.ok ? `Reply: ${r.json.replies.join(' / ') || '(none)'}` : `Rejected: ${r.json.error}`);
    await post('/dev/clock', { advanceSeconds: 0 });
    await refresh();
  });
  $('sim-keypad').addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await post('/dev/simulate/keypad', {
      surveyId: $('sim-survey').value,
      digits: $('sim-digits').value,
    });
    show(r.ok ? `IVR answered (${r.json.status})` : `Rejected: ${r.json.error}`);
    await post('/dev/clock', { advanceSeconds: 0 });
    await refresh();
  });
}

$('sign-in-form').addEventListener('submit', (e) => {
  e.preventDefault();
  signIn($('token').value.trim());
});
$('sign-out').addEventListener('click', () => signOut());
$('refresh').addEventListener('click', refresh);
$('period').addEventListener('change', refresh);
$('comment-touchpoint').addEventListener('change', refresh);
$('detractors-only').addEventListener('change', refresh);
simulator();
if (token) signIn(token);
