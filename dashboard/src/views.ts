// The dashboard's views and how they refresh. A view is a section of the page that renders from
// the scores every view shares plus whatever it fetches itself; a new view is one module in
// render/ and one line in VIEWS.
import { AuthError, type Granularity, getScores, type TouchpointScore } from './api.ts';
import { signOut } from './auth/sign-in.ts';
import { messageOf, say, select } from './dom.ts';
import { alertsView } from './render/alerts.ts';
import { commentsView } from './render/comments.ts';
import { outboxView } from './render/outbox.ts';
import { overviewView } from './render/overview.ts';

/** What every view renders from: the chosen period and each touchpoint's scores for it. */
export interface ViewContext {
  readonly period: Granularity;
  readonly scores: readonly TouchpointScore[];
}

export interface View {
  /** Renders the view's section; rejects with AuthError when the API refuses the session. */
  render(context: ViewContext): void | Promise<void>;
}

/** In page order; each renders independently once the shared scores are in. */
const VIEWS: readonly View[] = [overviewView, alertsView, commentsView, outboxView];

const PERIODS: readonly Granularity[] = ['day', 'week', 'month'];

function chosenPeriod(): Granularity {
  const value = select('period').value;
  return PERIODS.find((p) => p === value) ?? 'day';
}

/** Reloads the scores and renders every view; a refused session goes back to the sign-in form. */
export async function refresh(): Promise<void> {
  say('status', 'Loading…');
  try {
    const period = chosenPeriod();
    const { scores } = await getScores(period);
    const context: ViewContext = { period, scores };
    await Promise.all(VIEWS.map((view) => view.render(context)));
    say('status', `Updated ${new Date().toLocaleTimeString()}`);
  } catch (error) {
    if (error instanceof AuthError) return signOut(error.message);
    say('status', `Could not load: ${messageOf(error)}`);
  }
}
