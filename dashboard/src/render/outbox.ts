import { getOutbox, type OutboxEntry } from '../dev-api.ts';
import { $, el, input, say } from '../dom.ts';
import type { View } from '../views.ts';

/** The rating links of an email (our own `/r/` links only), labelled with the value they record. */
export function ratingLinks(html: string | undefined): Array<{ href: string; label: string }> {
  const found = [...(html ?? '').matchAll(/<a href="([^"]*\/r\/[^"]+)"[^>]*>\s*([^<]*?)\s*<\/a>/g)];
  return found
    .map(([, href = '', text = ''], i) => ({
      href: href.replaceAll('&amp;', '&'),
      label: /^\d+$/.test(text) ? text : String(i + (found.length === 11 ? 0 : 1)),
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

function answerCall(surveyId: string): void {
  input('sim-survey').value = surveyId;
  input('sim-digits').focus();
  input('sim-digits').select();
  say('sim-result', `Answering the call for survey ${surveyId}: press keys below.`);
}

function ratingRow(m: OutboxEntry): HTMLElement | null {
  const links = ratingLinks(m.html);
  if (links.length === 0) return null;
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
      say(
        'sim-result',
        `Rating ${link.label} opened in a new tab. Back here, press Refresh to see the score.`,
      );
    });
    row.append(a);
  }
  return row;
}

function outboxItem(m: OutboxEntry): HTMLLIElement {
  const li = el(
    'li',
    {
      'data-testid': 'outbox',
      'data-channel': m.channel,
      ...(m.surveyId ? { 'data-survey-id': m.surveyId } : {}),
    },
    el('span', { class: 'pill', text: `${m.channel}${m.kind === 'reply' ? ' reply' : ''}` }),
    // An email shows its subject: its rating links are buttons below, its text is mostly URLs.
    el('span', {
      text: `to ${m.to}: ${(m.channel === 'email' ? m.subject : undefined) ?? m.text ?? m.subject ?? m.twimlUrl ?? ''}`,
    }),
  );
  const { surveyId } = m;
  if (surveyId) li.append(el('div', { class: 'muted', text: `survey ${surveyId}` }));
  if (m.channel === 'voice' && surveyId) {
    const button = el('button', {
      type: 'button',
      class: 'secondary',
      'data-testid': 'answer-call',
      'aria-label': `Answer call to ${m.to}`,
      text: 'Answer call',
    });
    button.addEventListener('click', () => answerCall(surveyId));
    li.append(el('div', { class: 'row' }, button));
  }
  const ratings = ratingRow(m);
  if (ratings) li.append(ratings);
  return li;
}

/** The simulator's outbox (local runtime only): the newest messages first. */
export const outboxView: View = {
  async render() {
    if ($('simulator').hidden) return;
    const data = await getOutbox();
    if (!data) return;
    say('sim-now', new Date(data.now).toLocaleString());
    const items = data.messages.slice(-15).reverse();
    const newestCall = items.find((m) => m.channel === 'voice' && m.surveyId);
    if (newestCall?.surveyId && newestCall.id !== lastCallFilled) {
      lastCallFilled = newestCall.id;
      input('sim-survey').value = newestCall.surveyId;
    }
    $('outbox').replaceChildren(...items.map(outboxItem));
  },
};
