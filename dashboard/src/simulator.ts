// The customer simulator (local runtime only): send an event, move the virtual clock, answer by
// SMS or by pressing keys on a call. Each step refreshes the dashboard.
import {
  type ClockMove,
  type DevResult,
  moveClock,
  runBackgroundStep,
  simulateEvent,
  simulateKeypad,
  simulateSms,
} from './dev-api.ts';
import { $, input, onSubmit, say, select } from './dom.ts';
import { refresh } from './views.ts';

const report = (text: string) => say('sim-result', text);
const rejected = (r: Extract<DevResult<unknown>, { ok: false }>) => `Rejected: ${r.json.error ?? 'error'}`;

/** What the caller hears next, from the TwiML the voice webhook answered. */
function spoken(twiml: string): string[] {
  return [...twiml.matchAll(/<Say[^>]*>([\s\S]*?)<\/Say>/g)].map(([, said = '']) =>
    said.replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&'),
  );
}

async function clock(move: ClockMove): Promise<void> {
  const r = await moveClock(move);
  report(
    r.ok
      ? `Clock moved to ${new Date(r.json.now).toLocaleString()}; ${r.json.dispatch.sent} sent`
      : rejected(r),
  );
  await refresh();
}

/** Wires the simulator's forms (they stay hidden unless the page is served locally). */
export function startSimulator(): void {
  onSubmit('sim-event', async () => {
    const phone = input('sim-phone').value;
    const email = input('sim-email').value;
    const channel = select('sim-channel').value;
    const r = await simulateEvent({
      type: select('sim-type').value,
      ...(phone && { phone }),
      ...(email && { email }),
      ...(channel && { preferredChannel: channel }),
    });
    report(
      r.ok
        ? `Event accepted: ${r.json.outcome}${r.json.dueAt ? `, due ${new Date(r.json.dueAt).toLocaleString()}` : ''}${r.json.reason ? ` (${r.json.reason})` : ''}`
        : rejected(r),
    );
    await refresh();
  });
  onSubmit('sim-clock', () => clock({ advanceSeconds: Math.round(Number(input('sim-hours').value) * 3600) }));
  // Quiet hours in the customer's zone can put a survey many hours out; this goes right there.
  $('sim-next-due').addEventListener('click', () => clock({ toNextDue: true }));
  onSubmit('sim-sms', async () => {
    const r = await simulateSms({ from: input('sim-from').value, body: input('sim-body').value });
    report(r.ok ? `Reply: ${r.json.replies.join(' / ') || '(none)'}` : rejected(r));
    await runBackgroundStep();
    await refresh();
  });
  onSubmit('sim-keypad', async () => {
    const r = await simulateKeypad({
      surveyId: input('sim-survey').value,
      digits: input('sim-digits').value,
    });
    if (r.ok) {
      const said = spoken(r.json.twiml);
      report(`IVR answered (${r.json.status})${said.length ? `: “${said.join(' ')}”` : ''}`);
    } else {
      report(rejected(r));
    }
    await runBackgroundStep();
    await refresh();
  });
}
