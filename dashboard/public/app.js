// Touchpoint dashboard: plain ES module, no dependencies, no external assets.
// Data is always rendered with textContent (never innerHTML), so customer text cannot inject markup.
import { periodIndex } from './period-index.js';

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

/** From GET /config.json: how admins sign in here. Older APIs without it use the admin token. */
let config = { auth: 'token', region: null, userPoolClientId: null };

const REJECTED = {
  token: 'The admin token was not accepted.',
  jwt: 'The access token was not accepted or has expired. Paste a fresh one.',
  cognito: 'Your sign-in was not accepted or has expired. Please sign in again.',
};

async function api(path) {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (res.status === 401) throw new AuthError(REJECTED[config.auth] ?? REJECTED.token);
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

/**
 * A response rate as a percentage, capped: a period's answers may belong to surveys sent in the
 * period before (sent on the 1st, answered on the 2nd), so a single day can have more answers
 * than sends. Above 100% the exact figure means nothing; show the cap (docs/dashboard.md).
 */
function rateText(rate) {
  if (rate === null || rate === undefined) return '–';
  return rate > 1 ? '≥100%' : `${Math.round(rate * 100)}%`;
}

const RATE_CAP_NOTE =
  'More answers than sends in this period: answers to surveys sent in an earlier period count here.';

function fmt(metric, value) {
  if (value === null || value === undefined) return '–';
  if (metric === 'nps') return `${value > 0 ? '+' : ''}${Math.round(value)}`;
  if (metric === 'csat') return `${Math.round(value)}%`;
  return value.toFixed(1);
}

const TONE_CLASS = { good: 'd-good', neutral: 'd-mid', bad: 'd-bad' };
const inBand = (band, v) => v !== null && v !== undefined && v >= band.min && v <= band.max;
const span = (band) => (band.min === band.max ? `${band.min}` : `${band.min}-${band.max}`);

/** The share of answers in each band of the touchpoint's own scale (the API defines the bands). */
function shares(s) {
  const d = s.distribution ?? {};
  const n = s.responses || 1;
  return (s.bands ?? []).map((band) => [
    band.label,
    Object.entries(d).reduce((a, [v, c]) => (inBand(band, Number(v)) ? a + c : a), 0) / n,
    TONE_CLASS[band.tone],
  ]);
}

/**
 * What the big number means, on this touchpoint's scale and convention: "mean, 1-7, higher =
 * easier" is not the same number as "mean, 1-5, higher = more effort".
 */
function meaning(s) {
  const good = (s.bands ?? []).find((b) => b.tone === 'good');
  const bad = (s.bands ?? []).find((b) => b.tone === 'bad');
  const scale = s.scale ? `${s.scale.min}-${s.scale.max}` : '';
  if (s.metric === 'nps' && good && bad)
    return `% ${good.label.toLowerCase()} (${span(good)}) minus % ${bad.label.toLowerCase()} (${span(bad)})`;
  if (s.metric === 'csat' && good) return `% ${good.label.toLowerCase()} (${span(good)} of ${scale})`;
  return `mean, ${scale}, higher = ${s.convention === 'effort' ? 'more effort' : 'easier'}`;
}

/** The chart's y range: NPS -100..100, CSAT 0..100 %, CES its own scale. */
function range(s) {
  if (s.metric === 'nps') return [-100, 100];
  if (s.metric === 'csat') return [0, 100];
  return [s.scale?.min ?? 1, s.scale?.max ?? 7];
}

/**
 * The score per period with its 95% CI band, as inline SVG. Points sit at their time (a period
 * without answers leaves a gap, and the line and band break there). `data-period` and
 * `data-points` say what is drawn; the first and last period label the x axis; the accessible name
 * summarises it.
 */
function chart(s, period) {
  const series = (s.series ?? []).filter((p) => p.score !== null);
  const [lo, hi] = range(s);
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
      series.length === 0
        ? `${s.touchpoint} score by ${period}: no answers yet`
        : `${s.touchpoint} score by ${period}, ${meaning(s)}: ${series.length} ${series.length === 1 ? 'period' : 'periods'} from ${first.period} to ${last.period}, latest ${fmt(s.metric, last.score)}`,
  });
  if (series.length === 0) {
    const t = svgEl('text', { x: 10, y: 60, fill: '#4a5264' });
    t.textContent = 'No data for this period yet';
    svg.append(t);
    return svg;
  }
  const index = series.map((p) => periodIndex(p.period));
  const from = index[0];
  const span = index.at(-1) - from;
  const x = (i) => (span === 0 ? 150 : 10 + ((index[i] - from) * 280) / span);
  const y = (v) => Math.round((110 - ((v - lo) / (hi - lo)) * 100) * 10) / 10;
  // Runs of consecutive periods: the line and the band do not bridge a period without answers.
  const runs = [];
  series.forEach((_, i) => {
    if (i > 0 && index[i] === index[i - 1] + 1) runs.at(-1).push(i);
    else runs.push([i]);
  });
  const high = (i) => y(series[i].ci95?.high ?? series[i].score);
  const low = (i) => y(series[i].ci95?.low ?? series[i].score);
  for (const run of runs) {
    if (run.length === 1) {
      const [i] = run;
      svg.append(
        svgEl('line', {
          x1: x(i),
          x2: x(i),
          y1: high(i),
          y2: low(i),
          stroke: '#1a4d8f',
          'stroke-opacity': 0.3,
          'stroke-width': 6,
        }),
      );
      continue;
    }
    const band = run.map((i) => `${x(i)},${high(i)}`).concat(run.map((i) => `${x(i)},${low(i)}`).reverse());
    svg.append(svgEl('polygon', { points: band.join(' '), fill: '#1a4d8f', 'fill-opacity': 0.15 }));
    svg.append(
      svgEl('polyline', {
        points: run.map((i) => `${x(i)},${y(series[i].score)}`).join(' '),
        fill: 'none',
        stroke: '#1a4d8f',
        'stroke-width': 2,
      }),
    );
  }
  series.forEach((p, i) => {
    const dot = svgEl('circle', { cx: x(i), cy: y(p.score), r: 3, fill: '#1a4d8f' });
    const title = svgEl('title', {});
    title.textContent = `${p.period}: ${fmt(s.metric, p.score)} (n=${p.responses})`;
    dot.append(title);
    svg.append(dot);
  });
  const axis = (text, x, anchor) => {
    const t = svgEl('text', { x, y: 131, 'text-anchor': anchor, 'font-size': 11, fill: '#4a5264' });
    t.textContent = text;
    return t;
  };
  if (span === 0) svg.append(axis(first.period, 150, 'middle'));
  else svg.append(axis(first.period, 4, 'start'), axis(last.period, 296, 'end'));
  return svg;
}

function card(s, period) {
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
    el('span', { class: trend[1], 'aria-hidden': 'true', text: trend[0] }),
    el('span', { class: 'visually-hidden', text: `trend ${trend[2]}` }),
  );
  const scoreMeaning = el('p', {
    class: 'muted meaning',
    'data-testid': `meaning-${s.touchpoint}`,
    text: meaning(s),
  });
  const meta = el('dl', { class: 'meta' });
  const add = (k, v) => meta.append(el('dt', { text: k }), el('dd', { text: v }));
  add('95% CI', s.ci95 ? `${fmt(s.metric, s.ci95.low)} … ${fmt(s.metric, s.ci95.high)}` : '–');
  add('Responses', String(s.responses));
  add('Response rate', s.responseRate == null ? '–' : `${rateText(s.responseRate)} of ${s.sent} sent`);
  if (s.responseRate > 1) meta.lastElementChild.title = RATE_CAP_NOTE;
  const easy = (s.bands ?? []).find((b) => b.tone === 'good');
  if (s.metric === 'ces' && s.agreePct !== undefined && easy)
    add(`${easy.label} (${span(easy)})`, `${Math.round(s.agreePct)}%`);
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
    el('th', { scope: 'col', text: 'Channel' }),
    el('th', { scope: 'col', text: 'Score' }),
    el('th', { scope: 'col', text: 'n' }),
    el('th', { scope: 'col', text: 'Rate' }),
  );
  channels.append(el('thead', {}, head));
  const body = el('tbody');
  channels.append(body);
  for (const [ch, c] of Object.entries(s.byChannel ?? {})) {
    body.append(
      el(
        'tr',
        {},
        el('td', { text: ch }),
        el('td', { text: fmt(s.metric, c.score) }),
        el('td', { text: String(c.responses) }),
        el('td', { text: rateText(c.responseRate), ...(c.responseRate > 1 && { title: RATE_CAP_NOTE }) }),
      ),
    );
  }
  return el(
    'article',
    {
      class: 'card',
      'data-testid': `card-${s.touchpoint}`,
      'aria-label': `${s.touchpoint} ${NAMES[s.metric] ?? ''}`,
    },
    title,
    score,
    scoreMeaning,
    meta,
    dist,
    legend,
    chart(s, period),
    channels,
  );
}

async function loadScores() {
  const period = $('period').value;
  const data = await api(`/api/scores?period=${period}`);
  const cards = $('cards');
  cards.replaceChildren(...data.scores.map((s) => card(s, period)));
  const select = $('comment-touchpoint');
  if (select.options.length === 1)
    for (const s of data.scores)
      select.append(el('option', { value: s.touchpoint, text: s.touchpoint.replace('_', ' ') }));
  return data.scores;
}

async function loadComments(scores) {
  const tp = $('comment-touchpoint').value;
  const q = new URLSearchParams({ withComment: 'true', limit: '20' });
  if (tp) q.set('touchpoint', tp);
  const page = await api(`/api/responses?${q}`);
  const detractorsOnly = $('detractors-only').checked;
  // Each touchpoint's own detractor band (CSAT 1-5 on 1-10, high effort on the effort scale ...).
  const badBand = Object.fromEntries(
    scores.map((s) => [s.touchpoint, (s.bands ?? []).find((b) => b.tone === 'bad')]),
  );
  const bad = (r) => Boolean(badBand[r.touchpoint]) && inBand(badBand[r.touchpoint], r.score);
  const items = page.items.filter((r) => !detractorsOnly || bad(r));
  $('comments').replaceChildren(
    ...(items.length ? items : [null]).map((r) =>
      r
        ? el(
            'li',
            { 'data-testid': 'comment' },
            el('span', { class: 'pill', text: `${r.score ?? '–'}` }),
            el('span', { text: r.comment }),
            el(
              'span',
              { class: 'muted' },
              ` — ${r.touchpoint}, ${r.channel}, `,
              el('time', { datetime: r.answeredAt, text: new Date(r.answeredAt).toLocaleString() }),
            ),
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

/** The rating links of an email (our own `/r/` links only), labelled with the value they record. */
function ratingLinks(html) {
  const found = [...(html ?? '').matchAll(/<a href="([^"]*\/r\/[^"]+)"[^>]*>\s*([^<]*?)\s*<\/a>/g)];
  return found
    .map((x, i) => ({
      href: x[1].replaceAll('&amp;', '&'),
      label: /^\d+$/.test(x[2]) ? x[2] : String(i + (found.length === 11 ? 0 : 1)),
    }))
    .filter((link) => {
      try {
        return new URL(link.href, location.href).origin === location.origin;
      } catch {
        return false;
      }
    });
}

/** The survey of the newest call filled into the keypad form: set once per call, never overwritten. */
let lastCallFilled = '';

function answerCall(surveyId) {
  $('sim-survey').value = surveyId;
  $('sim-digits').focus();
  $('sim-digits').select();
  $('sim-result').textContent = `Answering the call for survey ${surveyId}: press keys below.`;
}

async function loadOutbox() {
  const res = await fetch('/dev/outbox');
  if (!res.ok) return;
  const data = await res.json();
  $('sim-now').textContent = new Date(data.now).toLocaleString();
  const items = data.messages.slice(-15).reverse();
  const newestCall = items.find((m) => m.channel === 'voice' && m.surveyId);
  if (newestCall && newestCall.id !== lastCallFilled) {
    lastCallFilled = newestCall.id;
    $('sim-survey').value = newestCall.surveyId;
  }
  $('outbox').replaceChildren(
    ...items.map((m) => {
      const li = el(
        'li',
        {
          'data-testid': 'outbox',
          'data-channel': m.channel,
          ...(m.surveyId && { 'data-survey-id': m.surveyId }),
        },
        el('span', { class: 'pill', text: `${m.channel}${m.kind === 'reply' ? ' reply' : ''}` }),
        // An email shows its subject: its rating links are buttons below, its text is mostly URLs.
        el('span', {
          text: `to ${m.to}: ${(m.channel === 'email' ? m.subject : undefined) ?? m.text ?? m.subject ?? m.twimlUrl ?? ''}`,
        }),
      );
      if (m.surveyId) li.append(el('div', { class: 'muted', text: `survey ${m.surveyId}` }));
      if (m.channel === 'voice' && m.surveyId) {
        const button = el('button', {
          type: 'button',
          class: 'secondary',
          'data-testid': 'answer-call',
          'aria-label': `Answer call to ${m.to}`,
          text: 'Answer call',
        });
        button.addEventListener('click', () => answerCall(m.surveyId));
        li.append(el('div', { class: 'row' }, button));
      }
      const links = ratingLinks(m.html);
      if (links.length) {
        const row = el('div', { class: 'row ratings' }, el('span', { text: 'Click a rating:' }));
        for (const link of links) {
          const a = el('a', {
            href: link.href,
            target: '_blank',
            rel: 'noopener',
            class: 'rating',
            'aria-label': `Rate ${link.label} (opens in a new tab)`,
            text: link.label,
          });
          a.addEventListener('click', () => {
            $('sim-result').textContent =
              `Rating ${link.label} opened in a new tab. Back here, press Refresh to see the score.`;
          });
          row.append(a);
        }
        li.append(row);
      }
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

function show(id, on) {
  const node = $(id);
  node.hidden = !on;
  // Hidden fields must not block the form's validation: disabled fieldsets are skipped.
  if (node.tagName === 'FIELDSET') node.disabled = !on;
}

/** Shows the sign-in form for the configured mode (token, pasted OIDC token or Cognito). */
function showSignInForm() {
  const cognito = config.auth === 'cognito';
  show('token-fields', !cognito);
  show('cognito-fields', cognito);
  show('token-hint', config.auth === 'jwt');
  $('token-label').textContent = config.auth === 'jwt' ? 'Access token' : 'Admin token';
  show('sign-in-form', true);
  show('challenge-form', false);
  $('challenge-error').textContent = '';
  $(cognito ? 'username' : 'token').focus();
}

function signOut(message = '') {
  token = '';
  sessionStorage.removeItem('touchpoint-token');
  $('app').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message;
  $('password').value = '';
  showSignInForm();
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
  // Tell assistive tech the sign-in worked: move focus to the first heading of the dashboard.
  $('overview-title').focus();
  await refresh();
}

// --- Amazon Cognito (adminAuth=cognito) -----------------------------------------------------
// Plain calls to the user pools API (no SDK): InitiateAuth with USER_PASSWORD_AUTH, then the
// challenges an admin meets: NEW_PASSWORD_REQUIRED (first sign-in with the temporary password),
// MFA_SETUP (register an authenticator app) and SOFTWARE_TOKEN_MFA (the one-time code). The
// ACCESS token is what the admin API accepts; the ID and refresh tokens are not kept.

class CognitoError extends Error {
  constructor(type, message) {
    super(message);
    this.type = type;
  }
}

async function cognito(action, body) {
  let res;
  try {
    res = await fetch(`https://cognito-idp.${config.region}.amazonaws.com/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
      },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new CognitoError('NetworkError', `Cannot reach Amazon Cognito: ${error.message}`);
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const type = String(data.__type ?? res.headers.get('x-amzn-errortype') ?? 'Error')
      .split('#')
      .pop()
      .split(':')[0];
    throw new CognitoError(type, data.message ?? data.Message ?? `Cognito ${action} failed (${res.status})`);
  }
  return data;
}

// NotAuthorizedException keeps Cognito's own message: a wrong password, a disabled user, too many
// attempts or a sign-in blocked by threat protection each say so.
const COGNITO_MESSAGES = {
  UserNotFoundException: 'Incorrect username or password.',
  PasswordResetRequiredException: 'Your password must be reset: ask an administrator for a temporary one.',
  CodeMismatchException: 'That code is not right. Enter the current code from your authenticator app.',
  EnableSoftwareTokenMFAException:
    'That code is not right. Enter the current code from your authenticator app.',
  ExpiredCodeException: 'That code has expired. Enter the current one.',
  TooManyRequestsException: 'Too many attempts. Wait a minute and try again.',
  LimitExceededException: 'Too many attempts. Wait a minute and try again.',
};

function cognitoMessage(error) {
  if (!(error instanceof CognitoError)) return error.message;
  if (error.type === 'InvalidPasswordException') return error.message;
  // A session older than a few minutes cannot answer its challenge any more.
  if (error.type === 'NotAuthorizedException' && /session/i.test(error.message))
    return 'This sign-in session has ended. Please start again.';
  return COGNITO_MESSAGES[error.type] ?? error.message;
}

/** The sign-in in progress: Cognito's session and the user name challenges must repeat. */
let pending = null;

function showChallenge(title, fields) {
  show('sign-in-form', false);
  show('challenge-form', true);
  $('challenge-title').textContent = title;
  for (const id of ['new-password-fields', 'mfa-setup-fields', 'mfa-code-fields'])
    show(id, fields.includes(id));
  $('challenge-error').textContent = '';
  $('new-password').value = '';
  $('mfa-code').value = '';
  $(fields.includes('new-password-fields') ? 'new-password' : 'mfa-code').focus();
}

/** Moves the sign-in along after an InitiateAuth / RespondToAuthChallenge answer. */
async function advance(result) {
  if (result.AuthenticationResult?.AccessToken) {
    pending = null;
    show('challenge-form', false);
    return signIn(result.AuthenticationResult.AccessToken);
  }
  const username = result.ChallengeParameters?.USER_ID_FOR_SRP ?? pending?.username;
  pending = { challenge: result.ChallengeName, session: result.Session, username };
  switch (result.ChallengeName) {
    case 'NEW_PASSWORD_REQUIRED':
      return showChallenge('Choose a new password', ['new-password-fields']);
    case 'MFA_SETUP': {
      const setup = await cognito('AssociateSoftwareToken', { Session: pending.session });
      pending.session = setup.Session;
      $('mfa-secret').textContent = setup.SecretCode.replace(/(.{4})/g, '$1 ').trim();
      const label = encodeURIComponent(`Touchpoint:${username}`);
      $('mfa-uri').href = `otpauth://totp/${label}?secret=${setup.SecretCode}&issuer=Touchpoint`;
      return showChallenge('Set up your authenticator app', ['mfa-setup-fields', 'mfa-code-fields']);
    }
    case 'SOFTWARE_TOKEN_MFA':
      return showChallenge('Enter your one-time code', ['mfa-code-fields']);
    case 'SELECT_MFA_TYPE':
      return advance(await respond('SELECT_MFA_TYPE', { ANSWER: 'SOFTWARE_TOKEN_MFA' }));
    default:
      pending = null;
      throw new CognitoError('UnsupportedChallenge', `Unsupported sign-in step ${result.ChallengeName}.`);
  }
}

function respond(challenge, responses) {
  return cognito('RespondToAuthChallenge', {
    ChallengeName: challenge,
    ClientId: config.userPoolClientId,
    Session: pending.session,
    ChallengeResponses: { USERNAME: pending.username, ...responses },
  });
}

async function cognitoSignIn(username, password) {
  pending = { username };
  const result = await cognito('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: config.userPoolClientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  $('password').value = '';
  await advance(result);
}

async function answerChallenge() {
  const code = $('mfa-code').value.trim();
  switch (pending?.challenge) {
    case 'NEW_PASSWORD_REQUIRED':
      return advance(await respond('NEW_PASSWORD_REQUIRED', { NEW_PASSWORD: $('new-password').value }));
    case 'MFA_SETUP': {
      const verified = await cognito('VerifySoftwareToken', {
        Session: pending.session,
        UserCode: code,
        FriendlyDeviceName: 'Touchpoint dashboard',
      });
      if (verified.Status !== 'SUCCESS') throw new CognitoError('CodeMismatchException', 'code rejected');
      pending.session = verified.Session;
      return advance(await respond('MFA_SETUP', {}));
    }
    case 'SOFTWARE_TOKEN_MFA':
      return advance(await respond('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: code }));
    default:
      return signOut('Please sign in again.');
  }
}

async function loadConfig() {
  try {
    const res = await fetch('/config.json', { cache: 'no-store' });
    if (res.ok) config = { ...config, ...(await res.json()) };
  } catch {
    // Keep the token sign-in: the API predates /config.json or is unreachable (reported on sign-in).
  }
  if (config.auth === 'cognito' && (!config.region || !config.userPoolClientId)) {
    $('sign-in-error').textContent = 'The dashboard is misconfigured: no Cognito user pool client.';
  }
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
  const moveClock = async (move) => {
    const r = await post('/dev/clock', move);
    show(
      r.ok
        ? `Clock moved to ${new Date(r.json.now).toLocaleString()}; ${r.json.dispatch.sent} sent`
        : `Rejected: ${r.json.error}`,
    );
    await refresh();
  };
  $('sim-clock').addEventListener('submit', async (e) => {
    e.preventDefault();
    await moveClock({ advanceSeconds: Math.round(Number($('sim-hours').value) * 3600) });
  });
  // Quiet hours in the customer's zone can put a survey many hours out; this goes right there.
  $('sim-next-due').addEventListener('click', () => moveClock({ toNextDue: true }));
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
    // What the caller hears next, from the TwiML the voice webhook answered.
    const said = [...String(r.json.twiml ?? '').matchAll(/<Say[^>]*>([\s\S]*?)<\/Say>/g)].map((m) =>
      m[1].replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&'),
    );
    show(
      r.ok
        ? `IVR answered (${r.json.status})${said.length ? `: “${said.join(' ')}”` : ''}`
        : `Rejected: ${r.json.error}`,
    );
    await post('/dev/clock', { advanceSeconds: 0 });
    await refresh();
  });
}

$('sign-in-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('sign-in-error').textContent = '';
  if (config.auth !== 'cognito') return signIn($('token').value.trim());
  try {
    await cognitoSignIn($('username').value.trim(), $('password').value);
  } catch (error) {
    pending = null;
    showSignInForm();
    $('sign-in-error').textContent = cognitoMessage(error);
  }
});
$('challenge-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    await answerChallenge();
  } catch (error) {
    $('challenge-error').textContent = cognitoMessage(error);
    // Cognito ends the session after a wrong answer to some challenges; start over then.
    if (error instanceof CognitoError && /session/i.test(error.message)) {
      showSignInForm();
      $('sign-in-error').textContent = cognitoMessage(error);
    }
  }
});
$('sign-out').addEventListener('click', () => signOut());
$('refresh').addEventListener('click', async () => {
  // Locally, also do what the background loop does (a dispatch tick, then the score stream), so an
  // answer given in another tab (an email rating link) shows now.
  if (!$('simulator').hidden) await post('/dev/clock', { advanceSeconds: 0 }).catch(() => undefined);
  await refresh();
});
$('period').addEventListener('change', refresh);
$('comment-touchpoint').addEventListener('change', refresh);
$('detractors-only').addEventListener('change', refresh);
simulator();
await loadConfig();
showSignInForm();
if (token) await signIn(token);
