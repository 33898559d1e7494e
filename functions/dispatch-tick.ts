// Primary adapter: the scheduled tick (EventBridge, every minute) -> dispatch due surveys.
import type { Deps } from '../shared/runtime/deps.ts';
import { lazyHandler } from '../shared/runtime/lambda.ts';
import { logger } from '../shared/runtime/log.ts';
import { alertPublisher, surveyChannels } from '../shared/runtime/senders.ts';
import { sweepPendingAlerts } from '../shared/usecases/apply-scores.ts';
import { type DispatchReport, dispatchDue, RateBudget } from '../shared/usecases/dispatch.ts';
import { sendFollowUps } from '../shared/usecases/follow-ups.ts';

export function createHandler(deps: Deps) {
  // The budget lives as long as the container, so consecutive ticks share one token bucket.
  const budget = new RateBudget(deps.config.rateLimits);
  return async (): Promise<DispatchReport & { alertsRetried: number; followUpsSent: number }> => {
    const report = await dispatchDue(deps, budget);
    const alertsRetried = await sweepPendingAlerts(deps);
    const followUps = await sendFollowUps(deps);
    const backlog = await deps.surveys.countDue(deps.clock.now(), 10_000);
    // CloudWatch embedded metric format (Lambda only): alarms on backlog and provider failures read these.
    if (process.env.AWS_LAMBDA_FUNCTION_NAME)
      console.log(
        JSON.stringify({
          _aws: {
            Timestamp: Date.now(),
            CloudWatchMetrics: [
              {
                Namespace: 'Touchpoint',
                Dimensions: [[]],
                Metrics: [
                  { Name: 'DispatchBacklog' },
                  { Name: 'ProviderSends' },
                  { Name: 'ProviderFailures' },
                  { Name: 'DispatchErrors' },
                  { Name: 'DispatchParked' },
                ],
              },
            ],
          },
          DispatchBacklog: backlog,
          ProviderSends: report.sent,
          ProviderFailures: report.failed + report.retried + report.fellBack,
          // Surveys whose processing threw (retried later) and those set aside for an admin.
          DispatchErrors: report.errors,
          DispatchParked: report.parked,
        }),
      );
    if (report.examined > 0 || alertsRetried > 0 || followUps.sent > 0)
      logger.info('dispatch tick', { ...report, backlog, alertsRetried, followUps });
    return { ...report, alertsRetried, followUpsSent: followUps.sent };
  };
}

export const handler = lazyHandler(createHandler, { ...surveyChannels, alerts: alertPublisher });
