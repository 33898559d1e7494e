// Touchpoint dashboard: the entry point esbuild bundles into dashboard/dist/app.js (docs/dashboard.md).
// No dependencies at run time, no external assets; the page's CSP allows this one same-origin script.
import { startSignIn } from './auth/sign-in.ts';
import { isLocalRuntime, runBackgroundStep } from './dev-api.ts';
import { $ } from './dom.ts';
import { startSimulator } from './simulator.ts';
import { refresh } from './views.ts';

/** After sign-in: the simulator if the page is served locally, the focus on the first heading, data. */
async function showDashboard(): Promise<void> {
  $('simulator').hidden = !(await isLocalRuntime());
  // Tell assistive tech the sign-in worked: move focus to the first heading of the dashboard.
  $('overview-title').focus();
  await refresh();
}

$('refresh').addEventListener('click', async () => {
  // Locally, also do what the background loop does, so an answer given in another tab (an email
  // rating link) shows now.
  if (!$('simulator').hidden) await runBackgroundStep().catch(() => undefined);
  await refresh();
});
for (const id of ['period', 'comment-touchpoint', 'detractors-only'])
  $(id).addEventListener('change', refresh);
startSimulator();
await startSignIn(showDashboard);
